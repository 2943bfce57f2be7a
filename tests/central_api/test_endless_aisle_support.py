"""Helpers shared by the endless-aisle tests (no tests here): dedicated servers, stock facts."""

from __future__ import annotations

import os
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from tests.conftest import enroll
from tests.support.test_database import query as database_query
from tests.support.test_database import server_db_url

TTL_ENV = "KIOSK_API_RESERVATION_TTL_S"
HOME = {
    "type": "home",
    "address": {
        "name": "Anne Morel",
        "line1": "12 rue des Lilas",
        "postcode": "69003",
        "city": "Lyon",
        "country": "FR",
    },
}


def start_server(folder: Path, *, ttl_s: float | None = None, port: int = 0) -> DemoServer:
    """A dedicated reference server on its own SQLite file (optionally a short reservation)."""
    folder.mkdir(parents=True, exist_ok=True)
    old = os.environ.get(TTL_ENV)
    if ttl_s is not None:
        os.environ[TTL_ENV] = str(ttl_s)
    try:
        return start_demo_server(db_url=server_db_url(folder), port=port, timeout_s=180)
    finally:
        if ttl_s is not None:
            if old is None:
                os.environ.pop(TTL_ENV, None)
            else:
                os.environ[TTL_ENV] = old


def query(server: DemoServer, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    return database_query(server.db_url, sql, *params)


def available(server: DemoServer, sku: str, location: str) -> int:
    rows = query(
        server,
        "SELECT s.on_hand - s.reserved FROM stock s JOIN products p ON p.id = s.product_id"
        " JOIN locations l ON l.id = s.location_id WHERE p.sku = ? AND l.code = ?",
        sku,
        location,
    )
    return int(rows[0][0])


def sku_scarce_in_a_store(server: DemoServer, exclude: Collection[str] = ()) -> tuple[str, str]:
    """(sku, store) where a store other than PAR01 holds 1–2 units and at least two other
    stores hold more, so a pickup there can be raced and a next option still exists."""
    rows = query(
        server,
        "SELECT p.sku, l.code FROM stock s JOIN products p ON p.id = s.product_id"
        " JOIN locations l ON l.id = s.location_id"
        " WHERE l.kind = 'store' AND l.code != 'PAR01' AND s.on_hand - s.reserved BETWEEN 1 AND 2"
        " AND (SELECT COUNT(*) FROM stock s2 JOIN locations l2 ON l2.id = s2.location_id"
        "      WHERE s2.product_id = s.product_id AND l2.kind = 'store' AND l2.code != 'PAR01'"
        "      AND s2.on_hand - s2.reserved >= 3) >= 2"
        " ORDER BY p.sku, l.code",
    )
    for sku, store in rows:
        if sku not in exclude:
            return str(sku), str(store)
    raise AssertionError("demo data has no scarce SKU")


def sku_with(server: DemoServer, where: str, exclude: Collection[str] = ()) -> str:
    """A SKU whose stock rows match ``where`` (alias ``here`` = PAR01, ``wh`` = warehouse)."""
    rows = query(
        server,
        "SELECT p.sku FROM products p"
        " JOIN stock here ON here.product_id = p.id"
        " JOIN locations lh ON lh.id = here.location_id AND lh.code = 'PAR01'"
        " JOIN stock wh ON wh.product_id = p.id"
        " JOIN locations lw ON lw.id = wh.location_id AND lw.kind = 'warehouse'"
        f" WHERE {where} ORDER BY p.sku",
    )
    for (sku,) in rows:
        if sku not in exclude:
            return str(sku)
    raise AssertionError(f"demo data has no SKU with {where}")


@dataclass
class Api:
    """A device talking to a server with plain httpx (the API contract, not our client)."""

    url: str
    token: str

    @classmethod
    def enroll(cls, server: DemoServer, store: str = "PAR01", mode: str = "associate") -> Api:
        return cls(server.url, enroll(server.url, store=store, mode=mode))

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str) -> httpx.Response:
        return httpx.get(self.url + path, headers=self.headers, timeout=10)

    def post(self, path: str, body: Any, key: str | None = None) -> httpx.Response:
        headers = self.headers | {"Idempotency-Key": key or str(uuid.uuid4())}
        return httpx.post(self.url + path, json=body, headers=headers, timeout=20)

    def options(self, lines: list[dict[str, Any]], destination: dict[str, Any]) -> httpx.Response:
        return self.post("/v1/fulfilment-options", {"lines": lines, "destination": destination})

    def order(
        self,
        lines: list[dict[str, Any]],
        destination: dict[str, Any],
        option_id: str,
        customer: dict[str, Any] | None = None,
        key: str | None = None,
    ) -> httpx.Response:
        body = {
            "lines": lines,
            "destination": destination,
            "option_id": option_id,
            "customer": customer or {"guest": {"email": "anne@example.com", "consent": True}},
        }
        return self.post("/v1/endless-aisle/orders", body, key)
