"""The pickup signing key an older server kept in a database table, moved into the key file.

(Storage, apart from the QR crypto of ``central_api.pickups.qr``.)
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, text

from central_api.platform.db import Database
from central_api.platform.keys import KeyEntry, KeyRing

LEGACY_TABLE = "pickup_signing_keys"


def adopt_legacy_keys(db: Database, ring: KeyRing, key_file: Path) -> KeyRing:
    """Move a pickup key an older server kept in the database into the key file (retired:
    the QR codes it signed verify until they expire) and drop it from the database."""
    if not inspect(db.engine).has_table(LEGACY_TABLE):
        return ring
    with db.write_session() as session:
        rows = session.execute(text(f"SELECT kid, private_key FROM {LEGACY_TABLE}")).all()
        now = datetime.now(UTC)
        known = {key.kid for key in ring.keys["pickup"]}
        legacy = tuple(
            KeyEntry(str(kid), bytes(raw), now, retired_at=now)
            for kid, raw in rows
            if str(kid) not in known
        )
        if legacy:
            ring = KeyRing({**ring.keys, "pickup": (*ring.keys["pickup"], *legacy)})
            ring.save(key_file)
        session.execute(text(f"DROP TABLE {LEGACY_TABLE}"))
        session.commit()
    if db.is_sqlite:  # the dropped pages would still hold the key bytes in the file
        raw = db.engine.raw_connection()
        try:
            raw.cursor().execute("VACUUM")
        finally:
            raw.close()
    return ring
