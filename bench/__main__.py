"""Run the benchmarks and print one table (``--json FILE`` writes every figure).

python -m bench                 # all benchmarks
python -m bench lookup decode   # some
python -m bench --quick         # small sizes (CI smoke)
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.stats import Row

BENCHES: dict[str, str] = {
    "lookup": "bench.lookup_bench",
    "decode": "bench.decode_bench",
    "outbox": "bench.outbox_bench",
    "wedge": "bench.wedge_bench",
    "wedge_x11": "bench.wedge_x11_bench",
    "customer": "bench.customer_bench",
    "live": "bench.live_bench",
}


def print_table(rows: list[Row], title: str | None = None) -> None:
    if title:
        print(f"\n## {title}")
    width = max((len(r["name"]) for r in rows), default=10)
    print(f"{'figure':<{width}}  {'value':>12}  unit")
    print(f"{'-' * width}  {'-' * 12}  ----")
    for r in rows:
        print(f"{r['name']:<{width}}  {r['value']:>12.3f}  {r['unit']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", choices=[*BENCHES, []], help="benchmarks to run")
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    args = parser.parse_args(argv)
    results: dict[str, list[Row]] = {}
    for name in args.names or list(BENCHES):
        try:
            module = importlib.import_module(BENCHES[name])
        except ModuleNotFoundError as exc:
            print(f"\n## {name}: not available ({exc})")
            continue
        runner: Callable[..., list[Row]] = module.run
        started = time.perf_counter()
        rows = runner(quick=args.quick)
        results[name] = rows
        print_table(rows, f"{name} ({time.perf_counter() - started:.1f} s)")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"figures": [{"bench": b, **r} for b, rows in results.items() for r in rows]},
                indent=2,
            )
        )
        print(f"\nwrote {args.json}")
    return 0


def exit_now(code: int) -> None:
    """Leave without interpreter finalization: PySide6 and zxing-cpp's nanobind objects
    can crash while being torn down in an unlucky order, which would turn a finished run
    into a failed one. Output is flushed first."""
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
