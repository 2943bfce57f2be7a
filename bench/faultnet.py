"""A TCP proxy that breaks connections at random (the live-events loss bench).

Each connection through it is forwarded both ways; every ``0.3``–``max_life_s`` seconds it
draws a fault: a reset (TCP RST to the client, the server side closed) or a stall (nothing
forwarded to the client for ``0.5``–``3`` s, then it carries on). A target that refuses
(the API restarting) closes the client's connection at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import struct
from dataclasses import dataclass


@dataclass
class ChaosStats:
    accepted: int = 0
    resets: int = 0
    stalls: int = 0
    refused: int = 0


class ChaosProxy:
    def __init__(
        self, target_port: int, *, max_life_s: float = 4.0, seed: int = 22, reset_share: float = 0.6
    ) -> None:
        self.target_port = target_port
        self.max_life_s = max_life_s
        self.reset_share = reset_share
        self.rng = random.Random(seed)
        self.stats = ChaosStats()
        self.enabled = True
        self.port = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> ChaosProxy:
        self._server = await asyncio.start_server(self._on_client, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def aclose(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.stats.accepted += 1
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            self.stats.refused += 1
            _abort(writer, reset=True)
            return
        stalled = asyncio.Event()
        stalled.set()  # set: flowing
        pumps = [
            asyncio.ensure_future(_pump(reader, up_writer, None)),
            asyncio.ensure_future(_pump(up_reader, writer, stalled)),
            asyncio.ensure_future(self._chaos(stalled)),
        ]
        for task in pumps:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        try:
            await asyncio.wait(pumps, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in pumps:
                task.cancel()
            await asyncio.gather(*pumps, return_exceptions=True)
            _abort(writer, reset=True)
            _abort(up_writer)

    async def _chaos(self, flowing: asyncio.Event) -> None:
        """Returns (ending the connection with a reset) when a reset is drawn."""
        while True:
            await asyncio.sleep(self.rng.uniform(0.3, self.max_life_s))
            if not self.enabled:
                continue
            if self.rng.random() < self.reset_share:
                self.stats.resets += 1
                return
            self.stats.stalls += 1
            flowing.clear()
            await asyncio.sleep(self.rng.uniform(0.5, 3.0))
            flowing.set()


async def _pump(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, flowing: asyncio.Event | None
) -> None:
    with contextlib.suppress(OSError, asyncio.IncompleteReadError):
        while data := await reader.read(65536):
            if flowing is not None:
                await flowing.wait()
            writer.write(data)
            await writer.drain()


def _abort(writer: asyncio.StreamWriter, *, reset: bool = False) -> None:
    if reset:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()
