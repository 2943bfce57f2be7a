"""Render the endless-aisle screens to docs/screenshots (associate and kiosk)."""
from __future__ import annotations

import asyncio, sys, tempfile
from pathlib import Path
sys.path.insert(0, "/work/main")
import qasync
from PySide6.QtWidgets import QApplication, QPushButton
app = QApplication([])
from kiosk_app.ui.theme import LIGHT
app.setStyleSheet(LIGHT.qss())
from tests.central_api.test_endless_aisle_support import Api, query, sku_with, start_server
from tests.ui.conftest import make_window

class Bot:  # qtbot stand-in for make_window
    def addWidget(self, w): pass

loop = qasync.QEventLoop(app); asyncio.set_event_loop(loop)
out = Path("/work/main/docs/screenshots"); out.mkdir(parents=True, exist_ok=True)
srv = start_server(Path(tempfile.mkdtemp()))
stage = sys.argv[1] if len(sys.argv) > 1 else "all"

def pump(n=30):
    loop.run_until_complete(asyncio.sleep(0.05 * n / 10))

try:
    for mode in ("associate", "kiosk"):
        api = Api.enroll(srv, mode=mode)
        w = make_window(Bot(), srv.url, api.token, mode=mode)
        w.resize(1280, 800)
        from kiosk_app.ui.screens.endless_aisle import EndlessAisleFlow
        flow = next(f for f in w.flows.values() if isinstance(f, EndlessAisleFlow))
        s = flow.screen(); w.show_screen(s)
        svc = s.service
        pump()
        w.grab().save(str(out / f"endless_aisle_{mode}_empty.png"))
        a = sku_with(srv, "here.on_hand = 0 AND wh.on_hand >= 5 AND p.price >= 30")
        b = sku_with(srv, "here.on_hand = 0 AND wh.on_hand >= 5", exclude={a})
        loop.run_until_complete(svc.add_sku(a)); loop.run_until_complete(svc.add_sku(b))
        svc.change_quantity(a, 1)
        if mode == "associate":
            loop.run_until_complete(svc.attach_customer("C0000003"))
            s._destination_chosen("home")
            s._fill_address({"name": "Anne Morel", "line1": "12 rue des Lilas", "postcode": "6900", "city": "Lyon", "country": "FR"})
            pump()
            w.grab().save(str(out / f"endless_aisle_{mode}_address_error.png"))
            s.address_entries["postcode"].setText("69003"); s._address_changed()
        else:
            s.email_entry.setText("anne.morel@example.com"); s.consent_box.setChecked(True); s._guest_changed()
            s._destination_chosen("other_store")
        for _ in range(100):
            pump(10)
            if s.option_buttons: break
        pump()
        w.grab().save(str(out / f"endless_aisle_{mode}_options.png"))
        svc.submit()
        pump()
        loop.run_until_complete(w.services.sync.drain())
        pump()
        w.grab().save(str(out / f"endless_aisle_{mode}_confirmation.png"))
        if mode == "associate":
            svc.request_demo_payment("till")
            loop.run_until_complete(w.services.sync.drain()); pump()
            w.grab().save(str(out / f"endless_aisle_{mode}_paid.png"))
        w.close()
        loop.run_until_complete(w.services.client.aclose())
finally:
    srv.stop()
print("ok")
