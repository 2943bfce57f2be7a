"""Render every main screen from the demo data into docs/screenshots/ (1280x800).

Associate and kiosk, English and French, light theme (plus dark and high-contrast product
screens). The README's gallery shows these files.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
import qasync
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk_app.app import build_client, build_outbox
from kiosk_app.core.config import load_settings
from kiosk_app.core.demo_server import DemoServer, start_demo_server
from kiosk_app.core.routing import Destination
from kiosk_app.core.scan_hub import Scan
from kiosk_app.hardware.qt_logging import quiet_benign_multimedia_logs
from kiosk_app.ui.i18n import install_language
from kiosk_app.ui.main_window import MainWindow, Services
from kiosk_app.ui.theme import make_theme

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def enroll(server: DemoServer, mode: str) -> str:
    response = httpx.post(
        server.url + "/v1/devices/enroll",
        json={
            "enrollment_token": "demo-enrollment",
            "store_code": "PAR01",
            "mode": mode,
            "device_name": "tablette-01" if mode == "associate" else "borne-01",
        },
        headers={"Idempotency-Key": str(uuid.uuid4())},
        timeout=20,
    )
    response.raise_for_status()
    return str(response.json()["token"])


async def wait_for(condition: Callable[[], bool], limit_s: float = 15) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit_s
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError("screen did not settle")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.4)


def texts(widget: QWidget) -> str:
    return " ".join(lbl.text() for lbl in widget.findChildren(QLabel) if lbl.isVisible())


class Gallery:
    def __init__(self, app: QApplication, server: DemoServer) -> None:
        self.app = app
        self.server = server
        self.tokens = {mode: enroll(server, mode) for mode in ("associate", "kiosk")}
        self.http = httpx.Client(
            base_url=server.url, headers={"Authorization": f"Bearer {self.tokens['associate']}"}
        )

    def window(self, mode: str, language: str) -> MainWindow:
        settings = load_settings(
            environ={},
            overrides={
                "api_url": self.server.url,
                "language": language,
                "mode": mode,
                "device_token": self.tokens[mode],
                "data_dir": tempfile.mkdtemp(),
            },
        )
        install_language(self.app, language)
        client, monitor = build_client(settings)
        client.set_token(self.tokens[mode])
        outbox, sync = build_outbox(settings, client)
        window = MainWindow(
            Services(
                client,
                monitor,
                "PAR01",
                "Paris Rivoli",
                "tablette-01" if mode == "associate" else "borne-01",
                mode,
                language,
                outbox=outbox,
                sync=sync,
            )
        )
        window.resize(1280, 800)
        window.show()
        return window

    def save(self, window: QWidget, name: str) -> None:
        window.grab().save(str(OUT / f"{name}.png"))
        print("saved", name)

    async def associate(self, language: str) -> None:
        w = self.window("associate", language)
        await w.services.client.health()
        await asyncio.sleep(0.3)
        self.save(w, f"home_{language}")
        w.open_code("chemise")
        await wait_for(lambda: w.home.results.count() > 0)
        self.save(w, f"search_{language}")
        product = self.http.get("/v1/products", params={"q": "jean droit", "limit": 1}).json()
        item = product["items"][0]
        w.open_code(item["gtin"][1:])
        await wait_for(lambda: w.product.name.text() == item["name"])
        await wait_for(lambda: w.product.recs_card.isVisible(), 5)
        self.save(w, f"product_{language}")
        w.open_code("4006381333931")
        await wait_for(lambda: w.product.notice.isVisible())
        self.save(w, f"product_not_found_{language}")

        customer = self.http.get("/v1/customers", params={"q": "martin"}).json()["items"][0]
        w.services.scans.deliver(Scan(customer["loyalty_number"], "wedge"))
        screen = w.flows["customer"].screen()
        await wait_for(lambda: customer["last_name"] in texts(screen))
        await asyncio.sleep(1.0)
        self.save(w, f"customer_{language}")

        w.show_screen(w.flows["pickup"].screen())
        await asyncio.sleep(1.5)
        self.save(w, f"pickups_{language}")

        order = next(
            o
            for o in self.http.get(f"/v1/customers/{customer['customer_number']}/orders").json()[
                "items"
            ]
            if o["number"].startswith("W")
        )
        w.open_destination(Destination("order", order["number"], None))
        await asyncio.sleep(2.0)
        self.save(w, f"returns_{language}")

        w.open_destination(Destination("endless_aisle", item["sku"], None))
        await asyncio.sleep(2.0)
        self.save(w, f"endless_aisle_{language}")

        w.show_screen(w.flows["sync"].screen())
        await asyncio.sleep(0.5)
        self.save(w, f"sync_{language}")
        await self.close(w)

    async def kiosk(self, language: str) -> None:
        w = self.window("kiosk", language)
        await asyncio.sleep(0.5)
        self.save(w, f"kiosk_home_{language}")
        w.activateWindow()
        w.home.entry.setFocus()  # no physical keyboard: the on-screen one comes up
        await asyncio.sleep(0.3)
        self.save(w, f"kiosk_keyboard_{language}")
        w.home.entry.clearFocus()
        customer = self.http.get("/v1/customers", params={"q": "bernard"}).json()["items"][0]
        code = self.http.post(
            f"/v1/customers/{customer['customer_number']}/loyalty-code",
            json={},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        ).json()["code"]
        w.services.scans.deliver(Scan(code, "camera"))
        screen = w.flows["customer"].screen()
        await wait_for(lambda: customer["first_name"] in texts(screen))
        await asyncio.sleep(1.0)
        self.save(w, f"kiosk_customer_{language}")
        w.show_screen(w.flows["pickup"].screen())
        await asyncio.sleep(0.5)
        self.save(w, f"kiosk_pickup_{language}")
        await self.close(w)

    async def themes(self) -> None:
        item = self.http.get("/v1/products", params={"q": "basket", "limit": 1}).json()["items"][0]
        for name in ("dark", "high_contrast"):
            w = self.window("associate", "en")
            w.setStyleSheet(make_theme(name).qss())
            w.open_code(item["gtin"])
            await wait_for(lambda w=w: w.product.name.text() == item["name"])
            self.save(w, f"product_{name}")
            await self.close(w)

    async def close(self, window: MainWindow) -> None:
        window.close()
        await window.services.client.aclose()
        if window.services.outbox is not None:
            window.services.outbox.close()


def main() -> int:
    quiet_benign_multimedia_logs()
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # windows close between shots
    app.setStyleSheet(make_theme("light").qss())
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with start_demo_server() as server, loop:
        gallery = Gallery(app, server)
        for language in ("en", "fr"):
            loop.run_until_complete(gallery.associate(language))
            loop.run_until_complete(gallery.kiosk(language))
        install_language(app, "en")
        loop.run_until_complete(gallery.themes())
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
