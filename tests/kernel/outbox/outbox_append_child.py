"""Child process for the crash tests: appends forever, printing each committed key.

``python -m tests.kernel.outbox.outbox_append_child DB_PATH``
"""

from __future__ import annotations

import sqlite3
import sys
import uuid

from kiosk_app.kernel.outbox import Outbox

PICKUPS_SQL = """
CREATE TABLE IF NOT EXISTS local_pickups (
    order_id TEXT PRIMARY KEY,
    entry_key TEXT NOT NULL UNIQUE
);
"""


def main(db_path: str) -> None:
    with Outbox(db_path) as outbox:
        outbox.register_schema(PICKUPS_SQL)
        n = 0
        while True:
            key = str(uuid.uuid4())
            order_id = f"o-{n}"

            def record(conn: sqlite3.Connection, order_id: str = order_id, key: str = key) -> None:
                conn.execute("INSERT INTO local_pickups VALUES (?, ?)", (order_id, key))

            outbox.append(
                "pickup.complete",
                "POST",
                f"/v1/pickups/{order_id}/complete",
                {"op_id": key, "order_id": order_id},
                idempotency_key=key,
                local_record=record,
            )
            print(key, flush=True)  # only after the commit returned
            n += 1


if __name__ == "__main__":
    main(sys.argv[1])
