"""Child process for the crash tests: runs the sync engine until the outbox is empty.

``python -m tests.kernel.outbox.outbox_sync_child DB_PATH BASE_URL``
"""

from __future__ import annotations

import asyncio
import sys

import httpx

from kiosk_app.kernel.outbox import BackoffPolicy, HttpxSender, Outbox, QueueCounts, SyncEngine


async def main(db_path: str, base_url: str) -> None:
    with Outbox(db_path) as outbox:
        async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
            policy = BackoffPolicy(base_s=0.05, cap_s=0.5)
            engine = SyncEngine(outbox, HttpxSender(client), policy=policy)
            engine.events.delivered.subscribe(lambda entry: print(entry.id, flush=True))

            def stop_when_empty(counts: QueueCounts) -> None:
                if counts.pending == 0:
                    engine.stop()

            engine.events.queue_counts.subscribe(stop_when_empty)
            await engine.run_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
