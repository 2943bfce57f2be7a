"""The HTTP transport of the API client: httpx's, with a connection pool that hands each
waiting request a connection of its own.

Why not httpcore's pool as it is (httpcore 1.0.9): it assigns an idle keep-alive
connection to a waiting request, but the connection stays "idle" until that request's
task next runs and starts on it. Every request that arrives in between (the customer
screen sends five at once) is handed the same connection; all but one then find it
busy, go back to the queue and are assigned again, each round a pass over the whole pool
(polling every idle socket) and another turn of the event loop. Measured on the customer
screen: 14 connection attempts for 5 requests, and the fifth request left the device
8.4 ms after the scan instead of 4.9 ms (see ``python -m bench customer`` and the #4
notes). The same window lets a pass close a connection a request is about to start on
(upstream encode/httpcore#1110).

Here a connection held by a request in the pool (assigned, running, or its answer still
being read) is neither given to another request nor closed as surplus. The rest is
httpcore's own policy: reuse an available connection, else open one under
``max_connections``, else replace an idle one; expired and surplus idle connections are
closed. HTTP/1.1 only: one request per connection is exactly what HTTP/1.1 allows, and the
client never negotiates HTTP/2.
"""

from __future__ import annotations

import socket
import ssl

import httpcore
import httpx
from httpcore._async.interfaces import AsyncConnectionInterface

# Keep-alive between customers. httpx closes an idle connection after 5 s by default, so a
# customer reaching the counter more than 5 s after the last one paid five new connections
# (TCP and TLS handshakes: two more round trips) on their screen. An idle connection is now
# kept 55 s: under the 60 s idle timeout of common load balancers (the client closes first,
# so a request never races the server's close), and the connection monitor's 30 s health
# check keeps one warm. TCP keep-alive probes (after 15 s idle, every 5 s, 3 unanswered)
# find a connection whose path died (a network switch, a NAT or firewall that forgot it)
# while it is idle; the kernel then fails the socket and the pool drops it before reuse.
KEEPALIVE_EXPIRY_S = 55.0
TCP_KEEPALIVE = (("TCP_KEEPIDLE", 15), ("TCP_KEEPINTVL", 5), ("TCP_KEEPCNT", 3))


def keepalive_socket_options() -> list[tuple[int, int, int]]:
    """``SO_KEEPALIVE`` and the probe timings above, those this system accepts.

    Each is tried on a throwaway socket first: the pool sets them on every new connection,
    and one refused there (an older Windows lacks ``TCP_KEEPCNT``) would fail the connection.
    """
    wanted = [(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)]
    for name, value in TCP_KEEPALIVE:
        option = getattr(socket, name, None)
        if option is not None:
            wanted.append((socket.IPPROTO_TCP, option, value))
    accepted = []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        for level, option, value in wanted:
            try:
                probe.setsockopt(level, option, value)
            except OSError:
                continue
            accepted.append((level, option, value))
    return accepted


class OneRequestPerConnectionPool(httpcore.AsyncConnectionPool):
    """``httpcore.AsyncConnectionPool`` that never gives one connection to two requests."""

    async def close_idle(self) -> int:
        """Close every idle connection; how many. After a request failed on the network,
        the other idle connections were opened over the same path and may be dead too: a
        retry should not wait on one of them."""
        with self._optional_thread_lock:
            idle = self._idle(self._held())
            for connection in idle:
                self._connections.remove(connection)
        await self._close_connections(idle)
        return len(idle)

    def _held(self) -> set[int]:
        """Ids of the connections assigned to a request: no other request may have them."""
        return {id(r.connection) for r in self._requests if r.connection is not None}

    def _idle(self, held: set[int]) -> list[AsyncConnectionInterface]:
        """Idle connections no request holds (one assigned but not yet used is "idle")."""
        return [c for c in self._connections if id(c) not in held and c.is_idle()]

    def _assign_requests_to_connections(self) -> list[AsyncConnectionInterface]:
        closing: list[AsyncConnectionInterface] = []
        held = self._held()
        idle = len(self._idle(held))
        keepalive = self._max_keepalive_connections
        for connection in list(self._connections):
            if connection.is_closed():
                self._connections.remove(connection)
            elif id(connection) in held:
                continue
            elif connection.has_expired() or (connection.is_idle() and idle > keepalive):
                if connection.is_idle():
                    idle -= 1
                self._connections.remove(connection)
                closing.append(connection)

        for pool_request in [r for r in self._requests if r.is_queued()]:
            found = self._connection_for(pool_request.request.url.origin, held, closing)
            if found is None:
                continue  # the pool is full of busy connections: wait for one to be released
            pool_request.assign_to_connection(found)
            held.add(id(found))
        return closing

    def _connection_for(
        self,
        origin: httpcore.Origin,
        held: set[int],
        closing: list[AsyncConnectionInterface],
    ) -> AsyncConnectionInterface | None:
        free = [c for c in self._connections if id(c) not in held]
        for connection in free:
            if connection.can_handle_request(origin) and connection.is_available():
                return connection
        if len(self._connections) >= self._max_connections:
            spare = next((c for c in free if c.is_idle()), None)
            if spare is None:
                return None
            self._connections.remove(spare)  # an idle one to another origin makes room
            closing.append(spare)
        connection = self.create_connection(origin)
        self._connections.append(connection)
        return connection


class ApiTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over ``OneRequestPerConnectionPool`` (HTTP/1.1, no proxy: a proxy
    from the environment is mounted by the client itself, with httpx's own transport)."""

    def __init__(self, verify: bool | str | ssl.SSLContext, limits: httpx.Limits) -> None:
        context = httpx.create_ssl_context(verify=verify)
        super().__init__(verify=context, limits=limits)
        self._pool = OneRequestPerConnectionPool(
            ssl_context=context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            socket_options=keepalive_socket_options(),
        )

    @property
    def pool(self) -> OneRequestPerConnectionPool:
        assert isinstance(self._pool, OneRequestPerConnectionPool)
        return self._pool
