"""Render every main screen from the demo data into docs/screenshots/ (1280x800).

Associate and kiosk, English and French, light and dark themes (``*_dark.png``; plus a
high-contrast product screen), and portrait tablets (800x1280, ``portrait_*.png``). The
README's gallery shows these files.

    xvfb-run -a -s "-screen 0 1920x1280x24" .venv/bin/python scripts/screenshots.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
    .venv/bin/python scripts/screenshots.py --only portrait --out /tmp/shots   # a subset
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import qasync
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk_app.app import build_app
from kiosk_app.app.build import App
from kiosk_app.hardware.qt_logging import quiet_benign_multimedia_logs
from kiosk_app.kernel.config import load_settings
from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from kiosk_app.kernel.routing import Destination
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.shell.main_window import MainWindow
from kiosk_app.ui.i18n import install_language
from kiosk_app.ui.theme import make_theme

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
TABLET = (1280, 800)
PORTRAIT = (800, 1280)  # a portrait tablet (the app also fits 768 x 1024)
GROUPS = ("associate", "kiosk", "themes", "portrait", "dark")


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
    def __init__(self, app: QApplication, server: DemoServer, out: Path = OUT) -> None:
        self.app = app
        self.server = server
        self.out = out
        self.tokens = {mode: enroll(server, mode) for mode in ("associate", "kiosk")}
        self._live: dict[int, tuple[App, asyncio.Future[None]]] = {}
        self.http = httpx.Client(
            base_url=server.url, headers={"Authorization": f"Bearer {self.tokens['associate']}"}
        )

    def window(self, mode: str, language: str, size: tuple[int, int] = TABLET) -> MainWindow:
        settings = load_settings(
            environ={},
            overrides={
                "api_url": self.server.url,
                "language": language,
                "mode": mode,
                "device_token": self.tokens[mode],
                "device_name": "tablette-01" if mode == "associate" else "borne-01",
                "data_dir": tempfile.mkdtemp(),
            },
        )
        install_language(self.app, language)
        app = build_app(settings, overrides={"store_name": "Paris Rivoli"})
        app.client.set_token(self.tokens[mode])
        window = MainWindow(app.services(language))
        # the live events run as in the app, so the status bar says "Live"
        self._live[id(window)] = (app, asyncio.ensure_future(app.live.run_forever()))
        window.resize(*size)
        window.show()
        return window

    def save(self, window: QWidget, name: str) -> None:
        window.grab().save(str(self.out / f"{name}.png"))
        print("saved", name)

    # -- what the shots show --------------------------------------------------------------------
    def product_item(self) -> dict[str, Any]:
        product = self.http.get("/v1/products", params={"q": "jean droit", "limit": 1}).json()
        item: dict[str, Any] = product["items"][0]
        return item

    async def show_product(self, w: MainWindow, item: dict[str, Any]) -> None:
        w.open_code(item["gtin"][1:])
        await wait_for(lambda: w.product.name.text() == item["name"])
        await wait_for(lambda: w.product.recs_card.isVisible(), 5)

    async def show_customer(self, w: MainWindow) -> dict[str, Any]:
        customer: dict[str, Any] = self.http.get("/v1/customers", params={"q": "martin"}).json()[
            "items"
        ][0]
        w.services.scans.deliver(Scan(customer["loyalty_number"], "wedge"))
        screen = w.flows["customer"].screen()
        await wait_for(lambda: customer["last_name"] in texts(screen))
        await asyncio.sleep(1.0)
        return customer

    async def show_kiosk_customer(self, w: MainWindow) -> None:
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

    def web_order(self, customer: dict[str, Any]) -> str:
        orders = self.http.get(f"/v1/customers/{customer['customer_number']}/orders").json()
        return str(next(o["number"] for o in orders["items"] if o["number"].startswith("W")))

    def returnable_order(self) -> str | None:
        """A delivered online order, still in the return period, with items to bring back."""
        for name in ("martin", "bernard", "petit", "durand", "dubois", "leroy"):
            found = self.http.get("/v1/customers", params={"q": name, "limit": 10}).json()
            for customer in found["items"]:
                path = f"/v1/customers/{customer['customer_number']}/orders"
                for order in self.http.get(path).json()["items"]:
                    if not order["number"].startswith("W") or order["status"] != "delivered":
                        continue
                    detail = self.http.get(f"/v1/orders/{order['number']}").json()
                    lines = [ln for ln in detail["lines"] if ln["returnable_qty"] > 0]
                    if detail["within_window"] and len(lines) >= 2:
                        return str(order["number"])
        return None

    async def show_return(self, w: MainWindow, number: str, scan_first: bool = False) -> None:
        w.open_destination(Destination("order", number, None))
        await asyncio.sleep(2.0)
        if scan_first:  # the first returnable item comes back: reasons and refund show
            order = self.http.get(f"/v1/orders/{number}").json()
            line = next((ln for ln in order["lines"] if ln["returnable_qty"] > 0), None)
            if line is not None:
                w.services.scans.deliver(Scan(line["gtin"], "wedge"))
                await asyncio.sleep(1.5)

    async def associate(self, language: str, theme: str = "light") -> None:
        w = self.window("associate", language)
        end = "" if theme == "light" else f"_{theme}"
        if theme != "light":
            w.setStyleSheet(make_theme(theme).qss())
        await w.services.client.health()
        await asyncio.sleep(0.3)
        self.save(w, f"home_{language}{end}")
        w.open_code("chemise")
        await wait_for(lambda: w.home.results.count() > 0)
        self.save(w, f"search_{language}{end}")
        item = self.product_item()
        await self.show_product(w, item)
        self.save(w, f"product_{language}{end}")
        w.open_code("4006381333931")
        await wait_for(lambda: w.product.notice.isVisible())
        self.save(w, f"product_not_found_{language}{end}")

        customer = await self.show_customer(w)
        self.save(w, f"customer_{language}{end}")

        w.show_screen(w.flows["pickup"].screen())
        await asyncio.sleep(1.5)
        self.save(w, f"pickups_{language}{end}")

        number = self.returnable_order() or self.web_order(customer)
        await self.show_return(w, number, scan_first=True)  # the refund quote, items scanned
        self.save(w, f"returns_{language}{end}")

        w.open_destination(Destination("endless_aisle", item["sku"], None))
        await asyncio.sleep(2.0)
        self.save(w, f"endless_aisle_{language}{end}")

        w.show_screen(w.flows["sync"].screen())
        await asyncio.sleep(0.5)
        self.save(w, f"sync_{language}{end}")
        await self.close(w)

    async def kiosk(self, language: str, theme: str = "light") -> None:
        w = self.window("kiosk", language)
        end = "" if theme == "light" else f"_{theme}"
        if theme != "light":
            w.setStyleSheet(make_theme(theme).qss())
        await asyncio.sleep(0.5)
        self.save(w, f"kiosk_home_{language}{end}")
        w.activateWindow()
        w.home.entry.setFocus()  # no physical keyboard: the on-screen one comes up
        await asyncio.sleep(0.3)
        self.save(w, f"kiosk_keyboard_{language}{end}")
        w.home.entry.clearFocus()
        await self.show_kiosk_customer(w)
        self.save(w, f"kiosk_customer_{language}{end}")
        w.show_screen(w.flows["pickup"].screen())
        await asyncio.sleep(0.5)
        self.save(w, f"kiosk_pickup_{language}{end}")
        await self.close(w)

    async def portrait(self) -> None:
        """A portrait tablet (800 x 1280): compact navigation rail, one column per screen."""
        w = self.window("associate", "en", PORTRAIT)
        await w.services.client.health()
        await asyncio.sleep(0.3)
        self.save(w, "portrait_home_en")
        await self.show_product(w, self.product_item())
        self.save(w, "portrait_product_en")
        customer = await self.show_customer(w)
        self.save(w, "portrait_customer_en")
        number = self.returnable_order() or self.web_order(customer)
        await self.show_return(w, number, scan_first=True)
        self.save(w, "portrait_returns_en")
        await self.close(w)

        w = self.window("associate", "fr", PORTRAIT)
        w.show_screen(w.flows["pickup"].screen())
        await asyncio.sleep(1.5)
        self.save(w, "portrait_pickups_fr")
        await self.close(w)

        w = self.window("kiosk", "fr", PORTRAIT)
        await asyncio.sleep(0.5)
        await self.show_kiosk_customer(w)
        self.save(w, "portrait_kiosk_customer_fr")
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
        app, live = self._live.pop(id(window))
        live.cancel()
        app.live.close()
        window.close()
        await window.services.client.aclose()
        if window.services.outbox is not None:
            window.services.outbox.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the main screens into docs/screenshots/.")
    parser.add_argument(
        "--only", nargs="+", choices=GROUPS, default=list(GROUPS), help="render these groups"
    )
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder (default {OUT})")
    args = parser.parse_args(argv)
    quiet_benign_multimedia_logs()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # windows close between shots
    app.setStyleSheet(make_theme("light").qss())
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with start_demo_server() as server, loop:
        gallery = Gallery(app, server, args.out)
        for language in ("en", "fr"):
            if "associate" in args.only:
                loop.run_until_complete(gallery.associate(language))
            if "kiosk" in args.only:
                loop.run_until_complete(gallery.kiosk(language))
            if "dark" in args.only:  # every main screen in the dark theme too
                loop.run_until_complete(gallery.associate(language, "dark"))
                loop.run_until_complete(gallery.kiosk(language, "dark"))
        if "portrait" in args.only:
            loop.run_until_complete(gallery.portrait())
        install_language(app, "en")
        if "themes" in args.only:
            loop.run_until_complete(gallery.themes())
    print(f"screenshots written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
