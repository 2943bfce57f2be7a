"""The fault proxy does what each mode says, against a tiny real HTTP server."""

from __future__ import annotations

import asyncio
import http.client
import json
import math
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.support.faultproxy import FaultMode, FaultProxy

BIG_BODY = bytes(range(256)) * 4


class _RecordingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.posted: list[bytes] = []
        self.lock = threading.Lock()

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _RecordingServer

    def do_GET(self) -> None:
        self._answer(BIG_BODY if self.path == "/big" else b"hello")

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with self.server.lock:
            self.server.posted.append(body)  # recorded before the answer goes out
        self._answer(json.dumps({"stored": len(self.server.posted)}).encode())

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[_RecordingServer]:
    httpd = _RecordingServer()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture
def proxy(server: _RecordingServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", server.port) as running:
        yield running


def _get(proxy: FaultProxy, path: str = "/", *, timeout: float = 10.0) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=timeout)
    try:
        conn.request("GET", path)
        return conn.getresponse().read()
    finally:
        conn.close()


def _post(proxy: FaultProxy, body: bytes, *, timeout: float = 10.0) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=timeout)
    try:
        conn.request("POST", "/record", body=body)
        return conn.getresponse().read()
    finally:
        conn.close()


def test_pass_through_forwards_both_ways_and_keeps_connections_alive(
    server: _RecordingServer, proxy: FaultProxy
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
    try:
        for _ in range(3):
            conn.request("GET", "/big")
            assert conn.getresponse().read() == BIG_BODY
    finally:
        conn.close()
    assert proxy.stats.accepted == 1
    assert proxy.stats.requests_forwarded == 3


def test_refuse_closes_connections_without_forwarding(
    server: _RecordingServer, proxy: FaultProxy
) -> None:
    before = len(server.posted)
    proxy.set_mode(FaultMode.REFUSE)
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        _post(proxy, b"refused")
    assert proxy.stats.refused >= 1
    assert len(server.posted) == before
    proxy.set_mode(FaultMode.PASS)
    assert _get(proxy) == b"hello"


def test_unreachable_stops_listening_and_comes_back_on_the_same_port(proxy: FaultProxy) -> None:
    port = proxy.port
    proxy.set_mode(FaultMode.UNREACHABLE)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=10).close()
    proxy.set_mode(FaultMode.PASS)
    assert proxy.port == port
    assert _get(proxy) == b"hello"


def test_switching_mode_drops_open_keep_alive_connections(proxy: FaultProxy) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
    try:
        conn.request("GET", "/")
        assert conn.getresponse().read() == b"hello"
        proxy.set_mode(FaultMode.UNREACHABLE)
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
            conn.request("GET", "/")
            conn.getresponse().read()
    finally:
        conn.close()


def test_reset_after_request_lets_the_server_commit_but_the_client_never_hears(
    server: _RecordingServer, proxy: FaultProxy
) -> None:
    proxy.set_mode(FaultMode.RESET_AFTER_REQUEST)
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        _post(proxy, b"committed-but-unheard")
    assert server.posted[-1] == b"committed-but-unheard"
    assert proxy.stats.responses_dropped == 1


def test_delay_response_outlasts_a_short_client_timeout(
    server: _RecordingServer, proxy: FaultProxy
) -> None:
    proxy.set_mode(FaultMode.DELAY_RESPONSE, delay_s=1.0)
    with pytest.raises(TimeoutError):
        _post(proxy, b"slow-answer", timeout=0.1)
    assert server.posted[-1] == b"slow-answer"
    # a patient client gets the held answer in the end
    assert json.loads(_post(proxy, b"patient", timeout=30))["stored"] == len(server.posted)
    assert proxy.stats.responses_delayed == 2


def test_slow_bytes_trickles_the_response_in_small_writes(proxy: FaultProxy) -> None:
    proxy.set_mode(FaultMode.SLOW_BYTES, chunk_size=64, interval_s=0.001)
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=30) as sock:
        sock.sendall(b"GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    assert received.endswith(BIG_BODY)
    assert proxy.stats.trickled_writes >= math.ceil(len(received) / 64)


def test_async_use_in_the_callers_loop(server: _RecordingServer) -> None:
    async def scenario() -> None:
        async with (
            FaultProxy("127.0.0.1", server.port) as proxy,
            httpx.AsyncClient(base_url=proxy.url, timeout=10) as client,
        ):
            assert (await client.get("/")).content == b"hello"
            await proxy.aset_mode(FaultMode.UNREACHABLE)
            with pytest.raises(httpx.ConnectError):
                await client.get("/")
            await proxy.aset_mode(FaultMode.RESET_AFTER_REQUEST)
            with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
                await client.post("/record", content=b"async-reset")
            await proxy.aset_mode(FaultMode.PASS)
            assert (await client.get("/")).content == b"hello"

    asyncio.run(scenario())
    assert server.posted[-1] == b"async-reset"


def test_threaded_proxy_can_be_switched_from_another_loop(
    server: _RecordingServer, proxy: FaultProxy
) -> None:
    async def scenario() -> None:
        async with httpx.AsyncClient(base_url=proxy.url, timeout=10) as client:
            await proxy.aset_mode(FaultMode.REFUSE)
            with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError)):
                await client.get("/")
            await proxy.aset_mode(FaultMode.PASS)
            assert (await client.get("/")).content == b"hello"

    asyncio.run(scenario())
