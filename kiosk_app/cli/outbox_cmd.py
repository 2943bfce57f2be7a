"""``kiosk-app outbox``: the device's queue of writes, for IT support.

    kiosk-app outbox list [--all] [--json]     pending and needs-attention entries
    kiosk-app outbox retry ID                  retry one entry now (same idempotency key)
    kiosk-app outbox retry-all                 failed entries back in the queue, no backoff
    kiosk-app outbox sync [--max-wait S]       send the queue to the configured API, then exit

Uses the same settings (``--config``, ``KIOSK_*``), the same app (``build_app``: device
session and credential store, so the device token the GUI keeps) and the same outbox file
(``data_dir/outbox.db``). Sending is exactly-once whatever happens: every
entry keeps its idempotency key, so a ``sync`` killed halfway and run again (or running
next to the app) never applies an operation twice.

Exit codes: 0 done (nothing waiting, nothing needs attention); 1 some entries need
attention; 2 bad arguments or configuration; 3 entries still waiting (network down).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from kiosk_app.app import App, build_app
from kiosk_app.kernel.config import ConfigError, load_settings
from kiosk_app.kernel.offline.queue_view import (
    ADVICE_TEXT,
    EntryView,
    SyncQueue,
    describe_entry,
    format_age,
)
from kiosk_app.kernel.outbox import EntryStatus, Outbox, OutboxEntry, OutboxError
from kiosk_app.kernel.security.enrollment import DeviceNotEnrolled

EXIT_OK, EXIT_ATTENTION, EXIT_USAGE, EXIT_PENDING = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-app outbox", description="The device's queue of writes (IT support)."
    )
    parser.add_argument("--config", type=Path, help="config file (default: see README)")
    parser.add_argument("--verbose", action="store_true", help="log every attempt")
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="pending and needs-attention entries with their age")
    listing.add_argument("--all", action="store_true", help="also delivered and dismissed ones")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    retry = sub.add_parser("retry", help="retry one entry now")
    retry.add_argument("id", type=int)
    sub.add_parser("retry-all", help="put every failed entry back in the queue, skip backoff")
    sync = sub.add_parser("sync", help="send the queue to the configured API once, then exit")
    sync.add_argument(
        "--max-wait",
        type=float,
        default=60.0,
        help="seconds to keep retrying while the API cannot be reached (default 60)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"kiosk-app outbox: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return asyncio.run(_run(args, build_app(settings)))


async def _run(args: argparse.Namespace, app: App) -> int:
    """The command on the app's outbox (``data_dir/outbox.db``); everything closed after."""
    try:
        outbox = app.outbox
        if args.command == "list":
            return cmd_list(outbox, show_all=args.all, as_json=args.json)
        if args.command == "retry":
            return cmd_retry(outbox, args.id)
        if args.command == "retry-all":
            moved = SyncQueue(outbox).retry_all()
            print(f"{moved} failed entries back in the queue; run `kiosk-app outbox sync`")
            return _exit_code(outbox)
        return await cmd_sync(app, max_wait_s=args.max_wait)
    finally:
        await app.aclose()


# -- list / retry ------------------------------------------------------------------------------
def _row(view: EntryView) -> dict[str, Any]:
    return {
        "id": view.id,
        "status": view.status.value,
        "op": view.op,
        "reference": view.reference,
        "age_s": round(view.age_s, 1),
        "attempts": view.attempts,
        "problem": view.problem_text,
        "advice": view.advice.value,
        "note": view.note,
    }


def _line(view: EntryView) -> str:
    head = (
        f"#{view.id:<5} {view.status.value:<10} {format_age(view.age_s):>9}  "
        f"{view.attempts:>2} tries  {view.title}"
    )
    details = [f"        problem: {view.problem_text}"] if view.problem_text else []
    if view.note:
        details.append(f"        note: {view.note}")
    if view.status is not EntryStatus.DONE and view.status is not EntryStatus.DISMISSED:
        details.append(f"        to do: {ADVICE_TEXT[view.advice]}")
    return "\n".join([head, *details])


def cmd_list(outbox: Outbox, *, show_all: bool, as_json: bool) -> int:
    now = time.time()
    statuses = (
        list(EntryStatus)
        if show_all
        else [
            EntryStatus.FAILED,
            EntryStatus.CONFLICT,
            EntryStatus.PENDING,
            EntryStatus.IN_FLIGHT,
        ]
    )
    views = [describe_entry(e, now) for e in outbox.list_by_status(statuses)]
    if as_json:
        for view in views:
            print(json.dumps(_row(view), ensure_ascii=False))
        return _exit_code(outbox)
    counts = outbox.counts()
    waiting = counts[EntryStatus.PENDING] + counts[EntryStatus.IN_FLIGHT]
    attention = counts[EntryStatus.FAILED] + counts[EntryStatus.CONFLICT]
    print(f"{outbox.path}: {waiting} waiting, {attention} need attention")
    for view in views:
        print(_line(view))
    return _exit_code(outbox)


def cmd_retry(outbox: Outbox, entry_id: int) -> int:
    try:
        entry = SyncQueue(outbox).retry(entry_id)
    except OutboxError as exc:
        print(f"kiosk-app outbox: {exc}", file=sys.stderr)
        return EXIT_ATTENTION
    print(f"#{entry.id} is {entry.status.value}: it is sent at the next sync")
    return _exit_code(outbox)


def _exit_code(outbox: Outbox) -> int:
    if outbox.needs_attention_count():
        return EXIT_ATTENTION
    if outbox.pending_count():
        return EXIT_PENDING
    return EXIT_OK


# -- sync --------------------------------------------------------------------------------------
async def cmd_sync(app: App, *, max_wait_s: float) -> int:
    """Send until the queue is empty, or until it has waited ``max_wait_s`` for the API.

    The device is identified as the GUI does it (the app's one device session: the token
    in the credential store, checked with the API, or an enrollment); when the API cannot
    be reached, with the stored token as it is, and the queue waits for the API.
    """
    outbox = app.outbox
    try:
        await app.device_session.start()
    except DeviceNotEnrolled as exc:
        print(f"kiosk-app outbox: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # offline: the stored token, if any, is enough to wait with
        if app.device_session.resume() is None:
            print(f"kiosk-app outbox: cannot enroll: {exc}", file=sys.stderr)
            return EXIT_PENDING
    engine = app.sync
    engine.events.delivered.subscribe(lambda e: _report("sent", e))
    engine.events.needs_attention.subscribe(lambda e: _report("NEEDS ATTENTION", e))
    deadline = time.monotonic() + max_wait_s
    try:
        while True:
            summary = await engine.drain()
            if summary.remaining == 0:
                break
            until = summary.blocked_until
            wait = 0.0 if until is None else max(0.0, until - time.time())
            if time.monotonic() + wait > deadline:
                print(
                    f"{summary.remaining} entries still waiting: the API cannot be "
                    "reached; run again later (nothing is lost)",
                    file=sys.stderr,
                )
                break
            await asyncio.sleep(wait)
    finally:
        engine.close()
    counts = outbox.counts()
    print(
        f"done: {counts[EntryStatus.PENDING] + counts[EntryStatus.IN_FLIGHT]} waiting, "
        f"{counts[EntryStatus.FAILED] + counts[EntryStatus.CONFLICT]} need attention",
        flush=True,
    )
    return _exit_code(outbox)


def _report(what: str, entry: OutboxEntry) -> None:
    view = describe_entry(entry, time.time())
    extra = f" ({view.problem_text})" if view.problem_text and what != "sent" else ""
    print(f"{what} #{view.id} {view.title}{extra}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
