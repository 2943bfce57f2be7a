"""One date format per language ("2 Dec 2026" / "2 déc. 2026", "14:05" in both), from one
helper (kiosk_app/ui/dates.py) that every screen uses."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel

from kiosk_app.flows.pickup.ui.screen import QueueRow
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.ui.dates import format_date, format_date_time, format_time, format_timestamp
from tests.ui.conftest import api_get, make_window, pickup_screen, settle

UI = Path(__file__).resolve().parents[2] / "kiosk_app" / "ui"


def test_the_formats() -> None:
    day = date(2026, 12, 2)
    assert format_date(day, "en") == "2 Dec 2026"
    assert format_date(day, "fr") == "2 déc. 2026"
    assert format_date(day, "en", weekday=True) == "Wed 2 Dec 2026"
    assert format_date(day, "fr", weekday=True) == "mer. 2 déc. 2026"
    afternoon = datetime(2026, 12, 2, 14, 5)
    assert format_time(afternoon) == "14:05"  # 24 h in English too
    assert format_date_time(afternoon, "en") == "2 Dec 2026, 14:05"
    assert format_date_time(afternoon, "fr") == "2 déc. 2026, 14:05"
    aware = datetime(2026, 12, 2, 14, 5, tzinfo=UTC)  # shown in local time
    local = aware.astimezone()
    assert format_time(aware) == f"{local.hour:02d}:{local.minute:02d}"
    assert format_timestamp(aware.timestamp()) == format_time(aware)
    assert format_timestamp(aware.timestamp(), "en", with_date=True) == format_date_time(
        local, "en"
    )


def test_no_screen_formats_a_date_itself() -> None:
    """strftime or a QLocale date pattern outside dates.py is a second format."""
    pattern = re.compile(r"strftime\(|toString\(\s*QDate|\"d+/M+|%d/%m|%Y-%m-%d")
    offenders = [
        f"{path.relative_to(UI)}:{n}"
        for path in UI.rglob("*.py")
        if path.name != "dates.py"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_pickup_queue_shows_promised_times_in_the_format(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    language: str,
) -> None:
    rows = api_get(api_server, device_token, "/v1/pickups", status="all")
    ready = next(r for r in rows if r["status"] == "ready" and r.get("promised_at"))
    promised = datetime.fromisoformat(ready["promised_at"].replace("Z", "+00:00"))
    window = make_window(qtbot, api_server.url, device_token, language=language)
    try:
        screen = pickup_screen(window)
        window.show_screen(screen)
        settle(qloop, lambda: ready["order_number"] in screen.queue_order_numbers())
        row = next(
            r for r in screen.findChildren(QueueRow) if r.order_number == ready["order_number"]
        )
        texts = [lbl.text() for lbl in row.findChildren(QLabel)]
        shown = format_date_time(promised, language)
        assert any(shown in t for t in texts), (shown, texts)
        assert not any(re.search(r"\d/\d", t) for t in texts), texts
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
