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
from pathlib import Path

import uvicorn

from central_api import __version__
from central_api.app import create_app, prepare_database
from central_api.db import Database
from central_api.settings import ServerSettings


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
        "--latency-ms", type=int, default=0, help="added latency per request (benchmarks)"
    )
    parser.add_argument(
        "--staff-sign-in",
        choices=("required", "optional"),
        default="required",
        help="demo stores' policy: staff actions need a signed-in person (required), or "
        "associate devices keep device-level grants when nobody is signed in (optional)",
    )
    parser.add_argument("--log-level", default="warning")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper())
    db_url = args.db
    if not db_url:
        folder = Path(tempfile.mkdtemp(prefix="kiosk-central-api-"))
        db_url = f"sqlite:///{folder / 'central.db'}"
    settings = ServerSettings(
        db_url=db_url,
        seed=args.seed,
        enrollment_token=args.enrollment_token,
        latency_ms=args.latency_ms,
    )
    db = Database(db_url)
    try:
        prepare_database(db, None if args.no_demo_data else args.seed, args.staff_sign_in)
    except Exception as exc:  # a clear line for IT instead of a traceback
        print(f"kiosk-central-api: cannot prepare the database {db_url!r}: {exc}", file=sys.stderr)
        return 2
    app = create_app(settings, db)

    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose
    # proto says TCP; without it every keep-alive request waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        print(
            f"kiosk-central-api: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr
        )
        return 2
    sock.listen(128)
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    config = uvicorn.Config(app, log_level=args.log_level, access_log=False)
    server = uvicorn.Server(config)
    print(
        json.dumps({"event": "listening", "url": f"http://{host}:{port}", "db": db_url}),
        flush=True,
    )
    server.run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
