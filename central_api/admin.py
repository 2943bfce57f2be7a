"""IT's commands for the reference API's secrets (``python -m central_api.admin``).

* ``keys rotate [--purpose P]``: a new current key in the key file, the old one retired (it
  keeps verifying what it signed until that expires; see ``central_api.platform.keys``). Restart the
  server to use it.
* ``enrollment issue [--hours H] [--label L]``: a new random enrollment token, printed once.
* ``enrollment revoke TOKEN``: the token stops enrolling devices at once.
* ``devices revoke DEVICE_ID``: the device's bearer token stops working at once.

The database is ``--db`` (or ``KIOSK_API_DB``); the key file ``--key-file`` (or
``KIOSK_API_KEY_FILE``), else the default next to a SQLite database (as the server).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import update

from central_api.devices import enrollment
from central_api.devices.models import Device
from central_api.platform import revocations
from central_api.platform.db import Database
from central_api.platform.keys import (
    KEY_FILE_ENV,
    PURPOSES,
    KeyFileError,
    default_key_file,
    load_key_file,
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m central_api.admin", description=__doc__)
    parser.add_argument("--db", default=os.environ.get("KIOSK_API_DB"), help="SQLAlchemy URL")
    parser.add_argument("--key-file", default=os.environ.get(KEY_FILE_ENV))
    commands = parser.add_subparsers(dest="area", required=True)
    keys = commands.add_parser("keys").add_subparsers(dest="action", required=True)
    rotate = keys.add_parser("rotate", help="new current key(s); old ones retired")
    rotate.add_argument("--purpose", choices=(*PURPOSES, "all"), default="all")
    tokens = commands.add_parser("enrollment").add_subparsers(dest="action", required=True)
    issue = tokens.add_parser("issue", help="a new enrollment token (printed once)")
    issue.add_argument("--hours", type=float, default=enrollment.DEFAULT_TTL.total_seconds() / 3600)
    issue.add_argument("--label", default="issued by IT")
    tokens.add_parser("revoke", help="stop a token enrolling devices").add_argument("token")
    devices = commands.add_parser("devices").add_subparsers(dest="action", required=True)
    devices.add_parser("revoke", help="revoke a device's token").add_argument("device_id")
    return parser.parse_args(argv)


def _key_file(args: argparse.Namespace) -> Path:
    if args.key_file:
        return Path(args.key_file)
    if not args.db:
        raise SystemExit("give --key-file (or --db, for the key file beside a SQLite database)")
    return default_key_file(args.db)


def rotate_keys(path: Path, purpose: str) -> list[str]:
    """Rotate ``purpose`` (or all) in the key file; the new key ids."""
    ring = load_key_file(path)
    for name in PURPOSES if purpose == "all" else (purpose,):
        ring = ring.rotated(name)
    ring.save(path)
    return [ring.current(name).kid for name in (PURPOSES if purpose == "all" else (purpose,))]


def revoke_device(db: Database, device_id: str) -> bool:
    with db.write_session() as session:
        done = session.execute(
            update(Device).where(Device.device_id == device_id).values(revoked=True)
        )
        revocations.bump(session)  # every worker's principal cache forgets at once
        session.commit()
        return int(getattr(done, "rowcount", 0) or 0) > 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.area == "keys":
            print("new keys:", ", ".join(rotate_keys(_key_file(args), args.purpose)))
            print("restart the server to sign with them")
            return 0
        if not args.db:
            print("give --db (or KIOSK_API_DB)", file=sys.stderr)
            return 2
        db = Database(args.db)
        if (args.area, args.action) == ("enrollment", "issue"):
            print(enrollment.issue(db, timedelta(hours=args.hours), args.label))
            return 0
        if args.area == "enrollment":
            done = enrollment.revoke(db, args.token)
        else:
            done = revoke_device(db, args.device_id)
        print("revoked" if done else "not found: nothing revoked")
        return 0 if done else 1
    except KeyFileError as exc:
        print(f"central_api.admin: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
