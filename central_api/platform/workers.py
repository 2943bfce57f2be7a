"""Several worker processes behind one port (``kiosk-central-api --workers N``, Linux).

The reference server's request handling is Python CPU under one GIL: one process serves
the customer screen's five parallel reads one after the other. A central API in production
runs several workers; this gives the reference server the same shape, so that what the
parallel design measures (``python -m bench customer``) is the app, not a single core.

Each worker is a forked process with its own socket bound to the same port with
``SO_REUSEPORT``: the kernel spreads connections over them. The parent only supervises: it
forwards SIGTERM/SIGINT, and if a worker dies the others are stopped and it exits non-zero
(a store's IT sees the failure instead of a half-working server). Workers exit on their
own when the parent is gone (killed with SIGKILL), so none is ever orphaned.

What one worker caches must not outlive a change another one makes: the principal cache
(sign-out, revocation) is tied to an ``Epoch`` in memory shared by every worker. The other
caches hold data that never changes (customer ids, locations) or check a version in the
database on each use (the order history).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType


class Epoch:
    """A counter that every forked worker sees: bumped by a change, read by every cache.

    Anonymous shared memory made before the fork. A lost increment (two workers bumping at
    once) still moves the value away from what readers saw, which is all a reader needs.
    """

    def __init__(self) -> None:
        self._memory = mmap.mmap(-1, 8)

    @property
    def value(self) -> int:
        return int.from_bytes(self._memory[:8], "little")

    def bump(self) -> None:
        self._memory[:8] = ((self.value + 1) % 2**64).to_bytes(8, "little")


def supported() -> str | None:
    """None when several workers can run here, else why not (for the command line)."""
    if not sys.platform.startswith("linux") or not hasattr(socket, "SO_REUSEPORT"):
        return "--workers above 1 needs Linux (fork and SO_REUSEPORT)"
    return None


def bind_shared(
    family: socket.AddressFamily, host: str, port: int, count: int
) -> list[socket.socket]:
    """``count`` listening sockets on one port (the first picks it when ``port`` is 0)."""
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            # proto=IPPROTO_TCP: asyncio only sets TCP_NODELAY on accepted sockets whose
            # proto says TCP; without it every keep-alive request waits ~40 ms (delayed ACK)
            sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if count > 1:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind((host, port))
            port = sock.getsockname()[1]
            sockets.append(sock)
        for sock in sockets:
            sock.listen(128)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def run_workers(sockets: list[socket.socket], serve: Callable[[socket.socket], None]) -> int:
    """Fork one worker per socket, each running ``serve(its socket)``; supervise them.

    Returns the parent's exit status: 0 when stopped by a signal, 1 when a worker died.
    """
    parent = os.getpid()
    children: list[int] = []
    for sock in sockets:
        pid = os.fork()
        if pid == 0:  # the worker
            for other in sockets:
                if other is not sock:
                    other.close()
            _exit_with(parent)
            try:
                serve(sock)
            finally:
                os._exit(0)
        children.append(pid)
    for sock in sockets:
        sock.close()
    return _supervise(children)


def _exit_with(parent: int) -> None:
    """Stop this worker soon after its parent is gone (even if it was SIGKILLed)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)  # uvicorn shuts down cleanly on SIGTERM

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _supervise(children: list[int]) -> int:
    stopping = False

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        _signal_all(children, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    status = 0
    alive = set(children)
    while alive:
        try:
            pid, _code = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:  # pragma: no cover - PEP 475 retries os.wait itself
            continue
        alive.discard(pid)
        if not stopping:  # a worker died on its own: stop the others, say so
            print(f"kiosk-central-api: worker {pid} exited; stopping", file=sys.stderr)
            status = 1
            stopping = True
            _signal_all(list(alive), signal.SIGTERM)
    return status


def _signal_all(pids: list[int], signum: int) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)
