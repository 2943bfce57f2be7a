"""The app's live subscription in a process of its own, for the loss bench (it is killed
with SIGKILL and started again from its cursor file).

python -m bench.live_subscriber URL TOKEN CURSOR_FILE LOG_FILE

``LOG_FILE`` gets ``cursor <n>`` (the cursor it started from), then one line per event
applied (its id), written straight to the kernel (``O_APPEND``): a kill loses none of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys

from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.live import Backoff, CursorFile, LiveEvent, LiveEvents


async def follow(url: str, token: str, cursor_path: str, log_path: str) -> None:
    client = ApiClient(url, token=token)
    # the app's backoff, capped at 5 s instead of 30 s: the bench's faults come every second
    live = LiveEvents(client, CursorFile(cursor_path, url), backoff=Backoff(0.2, 5.0))
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.write(fd, f"cursor {live.cursor}\n".encode())

    def applied(event: LiveEvent) -> None:
        os.write(fd, f"{event.id} {event.type}\n".encode())

    live.subscribe("*", applied)
    try:
        await live.run_forever()
    finally:
        live.close()
        await client.aclose()


def main(argv: list[str]) -> int:
    url, token, cursor_path, log_path = argv
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(follow(url, token, cursor_path, log_path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
