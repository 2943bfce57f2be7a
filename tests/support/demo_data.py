"""Demo records a test needs, found the same way by every test.

The demo data are deterministic (seed 42): a test that asks for a record the data do not
have, or more than there are, is wrong, so running out fails the test (never a skip).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from kiosk_app.kernel.demo_server import DemoServer
from tests.support.test_database import query


def pickup_code_of(server: DemoServer, number: str) -> str:
    """The customer's 6-digit pickup code of order ``number`` (from their e-mail, i.e. from
    the database in a test)."""
    ((code,),) = query(
        server.db_url,
        "SELECT p.pickup_code FROM pickups p JOIN orders o ON o.id = p.order_id WHERE o.number = ?",
        number,
    )
    return str(code)


class DemoPool:
    """Hands out records no other test of the same server took (one pool per server)."""

    def __init__(self) -> None:
        self._taken: dict[str, set[str]] = {}

    def take(
        self,
        server_url: str,
        rows: Iterable[dict[str, Any]],
        accept: Callable[[dict[str, Any]], bool],
        what: str,
        key: str = "order_number",
    ) -> dict[str, Any]:
        taken = self._taken.setdefault(server_url, set())
        for row in rows:
            if str(row[key]) in taken or not accept(row):
                continue
            taken.add(str(row[key]))
            return row
        raise AssertionError(f"the demo data have no {what} left for this test")
