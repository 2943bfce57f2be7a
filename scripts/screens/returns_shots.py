"""Render the returns flow to docs/screenshots/returns_*.png (real server, real window)."""
import asyncio, sqlite3, sys, tempfile
from pathlib import Path
sys.path.insert(0, "/work/main")
from PySide6.QtWidgets import QApplication
import qasync
from kiosk_app.core.api.client import ApiClient, Timeouts
from kiosk_app.core.connection import ConnectionMonitor
from kiosk_app.core.demo_server import start_demo_server
from kiosk_app.core.outbox import HttpxSender, Outbox, SyncEngine
from kiosk_app.core.scan_hub import Scan
from kiosk_app.core.services.returns import Phase
from kiosk_app.ui.main_window import MainWindow, Services
from kiosk_app.ui.theme import LIGHT
from tests.conftest import enroll

OUT = Path("/work/main/docs/screenshots")
app = QApplication([])
loop = qasync.QEventLoop(app); asyncio.set_event_loop(loop)
tmp = Path(tempfile.mkdtemp())
srv = start_demo_server(db_url=f"sqlite:///{tmp}/c.db")
def q(sql, *a):
    with sqlite3.connect(f"{tmp}/c.db") as c: return c.execute(sql, a).fetchall()
def gt(number):
    return [g for (g,) in q("SELECT p.gtin FROM order_lines l JOIN orders o ON o.id=l.order_id JOIN products p ON p.id=l.product_id WHERE o.number=? ORDER BY l.line_no", number)]
try:
    token = enroll(srv.url)
    client = ApiClient(srv.url, token=token, timeouts=Timeouts(connect=1, request=5), read_retries=0)
    outbox = Outbox(tmp / "outbox.db")
    sync = SyncEngine(outbox, HttpxSender(client.http, headers=client.auth_headers))
    services = Services(client=client, connection=ConnectionMonitor(), store_code="PAR01", store_name="Paris Rivoli", device_name="tablet-1", mode="associate", language="en", outbox=outbox, sync=sync)
    w = MainWindow(services); w.setStyleSheet(LIGHT.qss()); w.resize(1280, 800); w.show()
    flow = w.flows["return"]; s = flow.session
    def settle(cond):
        async def wait():
            for _ in range(1000):
                if cond(): return
                await asyncio.sleep(0.01)
            raise AssertionError("timeout")
        loop.run_until_complete(wait())
    def pump():
        loop.run_until_complete(asyncio.sleep(0.2))
    def shot(name, widget=None):
        pump(); (widget or w).grab().save(str(OUT / f"returns_{name}.png")); print("saved", name)
    w.show_screen(flow.screen()); shot("1_find")
    w.open_code("W00010056"); settle(lambda: s.view.value.phase is Phase.SELECTING)
    shot("2_order_lines")
    g = gt("W00010056")
    services.scans.deliver(Scan("3760123000017", "wedge")); shot("3_wrong_item")
    services.scans.deliver(Scan(g[2], "wedge")); shot("3b_hygiene_refused")
    w.open_code("W00010163"); settle(lambda: s.view.value.phase is Phase.SELECTING)
    for x in gt("W00010163"): services.scans.deliver(Scan(x, "wedge"))
    shot("4_items_scanned")
    s.set_reason(1, "wrong_size"); s.set_reason(2, "changed_mind"); s.set_reason(3, "defective"); s.set_condition(3, "defective")
    shot("5_reasons_quote")
    flow.ask_approval(); d = flow.dialog; d.manager.setText("M001"); d.pin.setText("1111"); d._submit()
    settle(lambda: d.error.isVisible()); shot("6_approval_dialog", d)
    d.pin.setText("2468"); d._submit(); settle(lambda: not d.isVisible())
    shot("7_approved")
    flow.confirm(); shot("8_sending")
    loop.run_until_complete(sync.drain()); settle(lambda: s.view.value.phase is Phase.DONE)
    flow.save_pdf(); shot("9_receipt")
    loop.run_until_complete(client.aclose())
finally:
    srv.stop()
