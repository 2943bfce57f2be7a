"""Render the main screens from the demo data into docs/screenshots/ (1280x800).

xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py
QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import httpx
import qasync
from PySide6.QtWidgets import QApplication

from kiosk_app.app import build_client
from kiosk_app.core.config import load_settings
from kiosk_app.core.demo_server import start_demo_server
from kiosk_app.ui.i18n import install_language
from kiosk_app.ui.main_window import MainWindow, Services
from kiosk_app.ui.theme import LIGHT

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


async def wait_for(condition, limit_s: float = 15) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit_s
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError("screen did not settle")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)


async def shoot(app: QApplication, server_url: str, language: str) -> None:
    settings = load_settings(
        environ={},
        overrides={
            "api_url": server_url,
            "enrollment_token": "demo-enrollment",
            "language": language,
            "device_name": "tablette-01",
        },
    )
    install_language(app, language)
    client, monitor = build_client(settings)
    from kiosk_app.core.services.device_session import start_device_session

    device = await start_device_session(client, settings)
    window = MainWindow(
        Services(
            client,
            monitor,
            device.store.code,
            device.store.name,
            device.name,
            device.mode,
            language,
        )
    )
    window.status.set_identity(
        f"{device.store.name} ({device.store.code})", device.name, device.mode
    )
    window.resize(1280, 800)
    window.show()
    await asyncio.sleep(0.3)
    window.grab().save(str(OUT / f"home_{language}.png"))
    window.home.entry.setText("chemise")
    window.open_code("chemise")
    await wait_for(lambda: window.home.results.count() > 0)
    window.grab().save(str(OUT / f"search_{language}.png"))
    page = await client.search_products("jean droit", limit=1)
    window.open_code(page.items[0].gtin[1:])
    await wait_for(lambda: window.product.name.text() == page.items[0].name)
    window.grab().save(str(OUT / f"product_{language}.png"))
    window.open_code("4006381333931")
    await wait_for(lambda: window.product.notice.isVisible())
    window.grab().save(str(OUT / f"product_not_found_{language}.png"))
    window.close()
    await client.aclose()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # windows close between languages
    app.setStyleSheet(LIGHT.qss())
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with start_demo_server() as server:
        httpx.get(server.url + "/v1/health").raise_for_status()
        with loop:
            for language in ("en", "fr"):
                loop.run_until_complete(shoot(app, server.url, language))
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
