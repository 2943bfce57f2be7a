"""``python -m bench live --quick`` as CI runs it: the live events lose nothing, apply
nothing twice and keep their order under API restarts, worker kills, a fault proxy and
SIGKILLs of the subscriber (counts, not timings); and the bench's own counting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.live_loss import Run, count

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, name: str, lines: list[str], *, killed: bool = False) -> Run:
    log = tmp_path / name
    log.write_text("".join(f"{line}\n" for line in lines))
    return Run(log, killed=killed)


def test_the_quick_bench_loses_nothing_under_faults(tmp_path: Path) -> None:
    out = tmp_path / "live.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "bench", "live", "--quick", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    figures = {f["name"]: f["value"] for f in json.loads(out.read_text())["figures"]}
    assert figures["loss: events produced"] >= 300
    assert figures["loss: events received"] == figures["loss: events produced"]
    assert figures["loss: lost (goal 0)"] == 0
    assert figures["loss: applied twice (goal 0)"] == 0
    assert figures["loss: out of order (goal 0)"] == 0
    assert figures["loss: API restarts + worker kills"] >= 2
    assert figures["loss: subscriber SIGKILLs"] >= 1


def test_the_counts_catch_a_lost_a_repeated_and_a_late_event(tmp_path: Path) -> None:
    runs = [
        _run(tmp_path, "0", ["cursor 0", "1 a", "2 a", "4 a", "3 a"], killed=True),
        _run(tmp_path, "1", ["cursor 4", "4 a", "6 a", "6 a"]),
    ]
    counted = count(runs, [1, 2, 3, 4, 5, 6])
    assert (counted.produced, counted.received, counted.lost) == (6, 5, 1)  # 5 never came
    assert counted.out_of_order == 2  # 3 after 4; 6 after 6
    assert counted.twice == 2  # 4 again though the cursor was past it; 6 twice in one run
    assert counted.replayed_after_kill == 0


def test_an_event_given_again_after_a_kill_before_the_cursor_save_is_told_apart(
    tmp_path: Path,
) -> None:
    runs = [
        _run(tmp_path, "0", ["cursor None", "1 a", "2 a"], killed=True),
        _run(tmp_path, "1", ["cursor 1", "2 a", "3 a"]),
    ]
    counted = count(runs, [1, 2, 3])
    assert (counted.lost, counted.twice, counted.out_of_order) == (0, 0, 0)
    assert counted.replayed_after_kill == 1
