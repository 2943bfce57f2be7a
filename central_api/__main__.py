"""``kiosk-central-api``: run the reference central API.

With no ``--db`` it creates a fresh demo SQLite file in a temporary directory. It prints one
JSON line ``{"event": "listening", "url": ...}`` once it accepts connections, so a parent
process (the app's ``--demo`` mode, the tests) can start it with ``--port 0``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn

from central_api import __version__
from central_api.app import create_app, prepare_database
from central_api.platform import workers
from central_api.platform.db import Database
from central_api.platform.keys import KEY_FILE_ENV, KeyFileError
from central_api.platform.settings import ServerSettings


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="kiosk-central-api", description="Reference central commerce API with demo data."
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    parser.add_argument("--port", type=int, default=8765, help="TCP port; 0 picks a free one")
    parser.add_argument(
        "--db",
        default=os.environ.get("KIOSK_API_DB"),
        help="SQLAlchemy URL (sqlite:///file.db or postgresql+psycopg://...); "
        "default: a fresh demo SQLite file",
    )
    parser.add_argument("--seed", type=int, default=42, help="demo data seed")
    parser.add_argument(
        "--no-demo-data", action="store_true", help="create the schema but load no demo data"
    )
    parser.add_argument(
        "--enrollment-token",
        default=os.environ.get("KIOSK_API_ENROLLMENT_TOKEN", "demo-enrollment"),
        help="token devices present to enroll (env KIOSK_API_ENROLLMENT_TOKEN)",
    )
    parser.add_argument(
        "--enrollment-token-hours",
        type=float,
        default=7 * 24,
        help="how long the enrollment token enrolls devices after the server first saw it",
    )
    parser.add_argument(
        "--key-file",
        default=os.environ.get(KEY_FILE_ENV),
        help="the server's key file (mode 0600; created with random keys if missing; env "
        f"{KEY_FILE_ENV}); default: beside a SQLite database, else in the user's data dir",
    )
    parser.add_argument(
        "--latency-ms", type=int, default=0, help="added latency per request (benchmarks)"
    )
    parser.add_argument(
        "--staff-sign-in",
        choices=("required", "optional"),
        default="required",
        help="demo stores' policy: staff actions need a signed-in person (required), or "
        "associate devices keep device-level grants when nobody is signed in (optional)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes sharing the port (Linux); a production-like server uses "
        "several, so that parallel requests are served in parallel",
    )
    parser.add_argument(
        "--events-heartbeat-s",
        type=float,
        default=15.0,
        help="live events: a heartbeat comment after this many seconds without an event",
    )
    parser.add_argument(
        "--events-poll-s",
        type=float,
        default=10.0,
        help="live events: how often a reader reads the log without a wake-up",
    )
    parser.add_argument(
        "--events-retention-hours",
        type=float,
        default=7 * 24,
        help="live events: how long events are kept (an older cursor is told to resync)",
    )
    parser.add_argument("--log-level", default="warning")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


# An idle keep-alive connection is kept 75 s (nginx's default), above the store app's 55 s:
# the client closes first, so none of its requests races the server closing (uvicorn's 5 s
# made every customer arriving 5 s after the last open new connections).
KEEP_ALIVE_S = 75


class ClosingStreams(uvicorn.Server):
    """Ends the open event streams as soon as the server is asked to stop: uvicorn waits
    for every response to finish before it stops, and a stream never would."""

    def __init__(self, config: uvicorn.Config, app: Any) -> None:
        super().__init__(config)
        self.app = app

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        hub = getattr(self.app.state, "event_hub", None)
        if hub is not None:
            hub.close()
        super().handle_exit(sig, frame)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper())
    if args.workers < 1:
        print("kiosk-central-api: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.workers > 1 and (why := workers.supported()) is not None:
        print(f"kiosk-central-api: {why}", file=sys.stderr)
        return 2
    if min(args.events_heartbeat_s, args.events_poll_s, args.events_retention_hours) <= 0:
        print(
            "kiosk-central-api: --events-heartbeat-s, --events-poll-s and "
            "--events-retention-hours must be above 0",
            file=sys.stderr,
        )
        return 2
    db_url = args.db
    if not db_url:
        folder = Path(tempfile.mkdtemp(prefix="kiosk-central-api-"))
        db_url = f"sqlite:///{folder / 'central.db'}"
    settings = ServerSettings(
        db_url=db_url,
        seed=args.seed,
        enrollment_token=args.enrollment_token,
        latency_ms=args.latency_ms,
        key_file=Path(args.key_file) if args.key_file else None,
        enrollment_token_ttl=timedelta(hours=args.enrollment_token_hours),
        events_heartbeat_s=args.events_heartbeat_s,
        events_poll_s=args.events_poll_s,
        events_retention=timedelta(hours=args.events_retention_hours),
    )
    db = Database(db_url)
    try:
        seed = None if args.no_demo_data else args.seed
        prepare_database(db, seed, args.staff_sign_in, settings)
    except KeyFileError as exc:
        print(f"kiosk-central-api: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a clear line for IT instead of a traceback
        print(f"kiosk-central-api: cannot prepare the database {db_url!r}: {exc}", file=sys.stderr)
        return 2

    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    try:
        sockets = workers.bind_shared(family, args.host, args.port, args.workers)
    except OSError as exc:
        print(
            f"kiosk-central-api: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr
        )
        return 2
    port = sockets[0].getsockname()[1]
    host = f"[{args.host}]" if family == socket.AF_INET6 else args.host

    def serve(sock: socket.socket, database: Database, epoch: workers.Epoch | None) -> None:
        app = create_app(settings, database, epoch)
        config = uvicorn.Config(
            app,
            log_level=args.log_level,
            access_log=False,
            timeout_keep_alive=KEEP_ALIVE_S,
        )
        ClosingStreams(config, app).run(sockets=[sock])

    print(
        json.dumps({"event": "listening", "url": f"http://{host}:{port}", "db": db_url}),
        flush=True,
    )
    if args.workers == 1:
        serve(sockets[0], db, None)
        return 0
    db.dispose()  # each worker opens its own connections after the fork
    epoch = workers.Epoch()
    return workers.run_workers(sockets, lambda sock: serve(sock, Database(db_url), epoch))


if __name__ == "__main__":
    sys.exit(main())
