"""Real child processes SIGKILLed mid-append and mid-sync: nothing is lost or applied twice."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from kiosk_app.kernel.outbox import EntryStatus, Outbox
from tests.kernel.outbox.idempotent_server import Ledger, ServerThread
from tests.kernel.outbox.outbox_helpers import OP, PATH, op_body

REPO_ROOT = Path(__file__).resolve().parents[3]
APPEND_CHILD = "tests.kernel.outbox.outbox_append_child"
SYNC_CHILD = "tests.kernel.outbox.outbox_sync_child"


def _start(module: str, *args: str, stderr_to: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=stderr_to.open("w"),
        text=True,
    )


def _kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL


def test_sigkill_mid_append_leaves_a_consistent_file_with_every_committed_entry(
    db_path: Path, tmp_path: Path
) -> None:
    stderr = tmp_path / "append.stderr"
    child = _start(APPEND_CHILD, str(db_path), stderr_to=stderr)
    assert child.stdout is not None
    committed = []
    for _ in range(150):
        line = child.stdout.readline()
        assert line, f"child died early: {stderr.read_text()}"
        committed.append(line.strip())
    _kill(child)  # the child keeps appending: it dies somewhere inside an append

    with Outbox(db_path) as outbox:  # recovers the WAL like the next app start would
        entries = outbox.list_by_status(list(EntryStatus))
        outbox.append(OP, "POST", PATH, op_body())  # and stays usable
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        local = dict(conn.execute("SELECT entry_key, order_id FROM local_pickups").fetchall())
    keys = [entry.idempotency_key for entry in entries]
    assert keys[: len(committed)] == committed  # everything acknowledged survived, in order
    assert set(keys) == set(local)  # no entry without its local record, and vice versa
    assert all(entry.status is EntryStatus.PENDING for entry in entries)
    assert all(local[e.idempotency_key] == e.body["order_id"] for e in entries)


def test_sigkill_mid_sync_then_restart_applies_every_op_exactly_once(
    db_path: Path, tmp_path: Path, ledger: Ledger, server: ServerThread
) -> None:
    with Outbox(db_path) as outbox:
        entries = [outbox.append(OP, "POST", PATH, op_body()) for _ in range(30)]
    op_ids = [entry.body["op_id"] for entry in entries]
    victim = entries[11]
    hold = ledger.hold_after_commit(victim.body["op_id"])

    first = _start(SYNC_CHILD, str(db_path), server.url, stderr_to=tmp_path / "sync1.stderr")
    assert hold.committed.wait(timeout=120), (tmp_path / "sync1.stderr").read_text()
    _kill(first)  # the server has applied the op; the child never hears the answer
    hold.release.set()

    with Outbox(db_path) as outbox:
        statuses = [outbox.get(e.id).status for e in entries]  # type: ignore[union-attr]
    assert (
        statuses == [EntryStatus.DONE] * 11 + [EntryStatus.IN_FLIGHT] + [EntryStatus.PENDING] * 18
    )
    assert ledger.applied == op_ids[:12]

    second = _start(SYNC_CHILD, str(db_path), server.url, stderr_to=tmp_path / "sync2.stderr")
    out, _ = second.communicate(timeout=300)
    assert second.returncode == 0, (tmp_path / "sync2.stderr").read_text()
    assert out.split() == [str(e.id) for e in entries[11:]]

    assert ledger.applied == op_ids  # each exactly once, in order
    assert ledger.replays == 1
    with Outbox(db_path) as outbox:
        assert outbox.pending_count() == 0
        replayed = outbox.get(victim.id)
    assert replayed is not None
    assert replayed.status is EntryStatus.DONE
    assert replayed.attempts == 2
    assert replayed.response_body == {"op_id": victim.body["op_id"], "ledger_seq": 12}
