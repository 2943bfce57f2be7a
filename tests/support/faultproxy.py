"""A TCP proxy that breaks the network on purpose, for tests.

It listens on 127.0.0.1 (a free port) in front of ``target_host:target_port`` and behaves as
its current :class:`FaultMode` says. Switching the mode drops every open connection, so
keep-alive connections pick up the new behaviour too.

From sync code::

    with FaultProxy("127.0.0.1", server_port) as proxy:  # runs its own loop in a thread
        proxy.set_mode(FaultMode.RESET_AFTER_REQUEST)

From async code::

    async with FaultProxy("127.0.0.1", server_port) as proxy:  # runs in the current loop
        await proxy.aset_mode(FaultMode.UNREACHABLE)
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import errno
import socket
import struct
import threading
from dataclasses import dataclass, field, replace
from typing import Any


class FaultMode(enum.StrEnum):
    PASS = "pass"  # forward both ways untouched
    REFUSE = "refuse"  # accept, then close at once without forwarding anything
    UNREACHABLE = "unreachable"  # stop listening: the OS refuses connects
    RESET_AFTER_REQUEST = "reset_after_request"  # server answers; client gets a reset instead
    DELAY_RESPONSE = "delay_response"  # hold each response for ``delay_s``
    SLOW_BYTES = "slow_bytes"  # trickle responses, ``chunk_size`` bytes every ``interval_s``


@dataclass(frozen=True)
class FaultSettings:
    delay_s: float = 5.0
    chunk_size: int = 1
    interval_s: float = 0.01


@dataclass
class ProxyStats:
    accepted: int = 0
    refused: int = 0  # connections closed at once (REFUSE)
    requests_forwarded: int = 0  # client bursts forwarded to the server (≈ requests)
    responses_dropped: int = 0  # RESET_AFTER_REQUEST: answers the client never got
    responses_delayed: int = 0
    trickled_writes: int = 0  # SLOW_BYTES: small writes made
    mode_history: list[FaultMode] = field(default_factory=list)


class FaultProxy:
    def __init__(
        self,
        target_host: str,
        target_port: int,
        *,
        host: str = "127.0.0.1",
        mode: FaultMode = FaultMode.PASS,
        settings: FaultSettings | None = None,
    ) -> None:
        self.target_host = target_host
        self.target_port = target_port
        self.host = host
        self.stats = ProxyStats()
        self._mode = mode
        self._settings = settings or FaultSettings()
        self._port = 0
        self._server: asyncio.Server | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._links: set[_Link] = set()

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self._port}"

    @property
    def mode(self) -> FaultMode:
        return self._mode

    # -- async API (the proxy runs in the caller's loop) --------------------------------------
    async def start(self) -> FaultProxy:
        self._loop = asyncio.get_running_loop()
        await self._listen()  # even when starting UNREACHABLE: the port (and URL) is known
        if self._mode is FaultMode.UNREACHABLE:
            await self._stop_listening()
        return self

    async def aclose(self) -> None:
        if self._loop is not None and _running_loop() is not self._loop:
            await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(self._close(), self._loop))
            return
        await self._close()

    async def aset_mode(
        self,
        mode: FaultMode,
        *,
        delay_s: float | None = None,
        chunk_size: int | None = None,
        interval_s: float | None = None,
    ) -> None:
        """Switch the behaviour for new connections and drop the open ones."""
        changes = {"delay_s": delay_s, "chunk_size": chunk_size, "interval_s": interval_s}
        coro = self._switch(mode, {k: v for k, v in changes.items() if v is not None})
        if self._loop is not None and _running_loop() is not self._loop:
            await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self._loop))
        else:
            await coro

    async def __aenter__(self) -> FaultProxy:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    # -- sync API (the proxy runs its own loop in a daemon thread) -----------------------------
    def start_in_thread(self) -> FaultProxy:
        loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=loop.run_forever, name="faultproxy", daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.start(), loop).result(timeout=30)
        return self

    def close(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            raise RuntimeError("close() is for a proxy started with start_in_thread()")
        asyncio.run_coroutine_threadsafe(self._close(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=30)
        loop.close()
        self._thread = None

    def set_mode(
        self,
        mode: FaultMode,
        *,
        delay_s: float | None = None,
        chunk_size: int | None = None,
        interval_s: float | None = None,
    ) -> None:
        """Blocking ``aset_mode`` for code outside the proxy's loop."""
        loop = self._loop
        if loop is None:
            raise RuntimeError("the proxy is not running")
        if _running_loop() is loop:
            raise RuntimeError("inside the proxy's own loop, use `await proxy.aset_mode(...)`")
        coro = self.aset_mode(mode, delay_s=delay_s, chunk_size=chunk_size, interval_s=interval_s)
        asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=30)

    def __enter__(self) -> FaultProxy:
        return self.start_in_thread()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- internals ---------------------------------------------------------------------------
    async def _switch(self, mode: FaultMode, changes: dict[str, Any]) -> None:
        self._settings = replace(self._settings, **changes)
        previous, self._mode = self._mode, mode
        self.stats.mode_history.append(mode)
        if mode is not previous:
            await self._drop_links()
        if mode is FaultMode.UNREACHABLE:
            await self._stop_listening()
        elif self._server is None:
            await self._listen()

    async def _listen(self) -> None:
        for _ in range(200):  # the port may still be held briefly after we let it go
            try:
                self._server = await asyncio.start_server(
                    self._on_client, self.host, self._port, reuse_address=True
                )
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE or not self._port:
                    raise
                await asyncio.sleep(0.05)
                continue
            self._port = self._server.sockets[0].getsockname()[1]
            return
        raise OSError(errno.EADDRINUSE, f"port {self._port} stayed busy")

    async def _stop_listening(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
            await server.wait_closed()

    async def _close(self) -> None:
        await self._stop_listening()
        await self._drop_links()

    async def _drop_links(self) -> None:
        links = list(self._links)
        for link in links:
            link.kill()
        await asyncio.gather(*(link.finished.wait() for link in links))

    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.stats.accepted += 1
        mode, settings = self._mode, self._settings
        if mode is FaultMode.REFUSE or mode is FaultMode.UNREACHABLE:
            self.stats.refused += 1
            _abort(writer)
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(self.target_host, self.target_port)
        except OSError:
            _abort(writer)
            return
        if self._mode is not mode:  # switched while we were connecting: start over as told
            _abort(writer, reset=True)
            _abort(up_writer)
            return
        link = _Link(self.stats, mode, settings, (reader, writer), (up_reader, up_writer))
        self._links.add(link)
        await link.run()
        self._links.discard(link)


class _Link:
    """One proxied connection: client ↔ proxy ↔ server."""

    def __init__(
        self,
        stats: ProxyStats,
        mode: FaultMode,
        settings: FaultSettings,
        client: tuple[asyncio.StreamReader, asyncio.StreamWriter],
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter],
    ) -> None:
        self.stats = stats
        self.mode = mode
        self.settings = settings
        self.client_reader, self.client_writer = client
        self.up_reader, self.up_writer = upstream
        self.finished = asyncio.Event()
        self._awaiting_response = False
        self._pumps: tuple[asyncio.Task[None], ...] = ()

    async def run(self) -> None:
        """Pump both ways until the server side is done (or the link is killed); never raises."""
        upward = asyncio.ensure_future(self._client_to_server())
        downward = asyncio.ensure_future(self._server_to_client())
        self._pumps = (upward, downward)
        for pump in self._pumps:
            pump.add_done_callback(_consume_outcome)
        try:
            done, _ = await asyncio.wait(self._pumps, return_when=asyncio.FIRST_COMPLETED)
            if downward not in done and _ended_cleanly(upward):
                await asyncio.wait({downward})  # the client finished sending: let the answer out
        finally:
            for pump in self._pumps:
                pump.cancel()
            await asyncio.wait(self._pumps)
            _abort(self.client_writer)
            _abort(self.up_writer)
            self.finished.set()

    def kill(self) -> None:
        _abort(self.client_writer, reset=True)
        _abort(self.up_writer)
        for pump in self._pumps:
            pump.cancel()

    async def _client_to_server(self) -> None:
        while data := await self.client_reader.read(65536):
            if not self._awaiting_response:
                self.stats.requests_forwarded += 1
            self._awaiting_response = True
            self.up_writer.write(data)
            await self.up_writer.drain()
        if self.up_writer.can_write_eof():
            self.up_writer.write_eof()

    async def _server_to_client(self) -> None:
        while data := await self.up_reader.read(65536):
            if self.mode is FaultMode.RESET_AFTER_REQUEST:
                self.stats.responses_dropped += 1  # the server has answered, so it committed
                _abort(self.client_writer, reset=True)
                return
            if self.mode is FaultMode.DELAY_RESPONSE and self._awaiting_response:
                self.stats.responses_delayed += 1
                await asyncio.sleep(self.settings.delay_s)
            self._awaiting_response = False
            if self.mode is FaultMode.SLOW_BYTES:
                await self._trickle(data)
            else:
                self.client_writer.write(data)
                await self.client_writer.drain()
        self.client_writer.close()

    async def _trickle(self, data: bytes) -> None:
        step = max(1, self.settings.chunk_size)
        for start in range(0, len(data), step):
            self.client_writer.write(data[start : start + step])
            await self.client_writer.drain()
            self.stats.trickled_writes += 1
            await asyncio.sleep(self.settings.interval_s)


def _abort(writer: asyncio.StreamWriter, *, reset: bool = False) -> None:
    """Close now; with ``reset`` the peer gets a TCP RST instead of an orderly FIN."""
    if writer.transport.is_closing() and not reset:
        return
    if reset:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def _ended_cleanly(task: asyncio.Task[None]) -> bool:
    return not task.cancelled() and task.exception() is None


def _consume_outcome(task: asyncio.Task[None]) -> None:
    """A peer going away is how links end: don't let asyncio log it as an error."""
    if not task.cancelled():
        task.exception()


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
