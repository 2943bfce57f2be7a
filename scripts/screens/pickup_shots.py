"""Render the pickup screens into docs/screenshots/pickup_*.png (1280x800)."""
from __future__ import annotations

import asyncio, sqlite3, sys, tempfile, uuid
from pathlib import Path

import httpx, qasync
from PySide6.QtWidgets import QApplication, QPushButton

sys.path.insert(0, "/work/main")
from kiosk_app.core.api.client import ApiClient, Timeouts
from kiosk_app.core.connection import ConnectionMonitor
from kiosk_app.core.demo_server import start_demo_server
from kiosk_app.core.outbox import HttpxSender, Outbox, SyncEngine
from kiosk_app.core.scan_hub import Scan
from kiosk_app.core.services.pickups import Step, CheckInStep
from kiosk_app.ui.main_window import MainWindow, Services
from kiosk_app.ui.theme import LIGHT
from tests.conftest import enroll

OUT = Path("/work/main/docs/screenshots")


def window(url: str, token: str, mode: str = "associate") -> MainWindow:
    client = ApiClient(url, token=token, timeouts=Timeouts(connect=1, request=5), read_retries=0)
    mon = ConnectionMonitor(); client.add_outcome_listener(mon.record)
    outbox = Outbox(Path(tempfile.mkdtemp()) / "outbox.db")
    sync = SyncEngine(outbox, HttpxSender(client.http, headers=client.auth_headers))
    w = MainWindow(Services(client, mon, "PAR01", "Paris Rivoli", "tablette-01", mode, "en", outbox=outbox, sync=sync))
    w.setStyleSheet(LIGHT.qss()); w.resize(1280, 800); w.show()
    return w


async def until(cond, limit=15.0):
    loop = asyncio.get_running_loop(); end = loop.time() + limit
    while not cond():
        if loop.time() > end: raise TimeoutError
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.4)


def shot(w, name):
    w.grab().save(str(OUT / f"pickup_{name}.png")); print("saved", name)


async def main(app):
    db = Path(tempfile.mkdtemp()) / "c.db"
    srv = start_demo_server(db_url=f"sqlite:///{db}")
    try:
        tok = enroll(srv.url); h = {"Authorization": f"Bearer {tok}"}
        def api(path, **p): return httpx.get(srv.url + path, params=p, headers=h).json()
        def code(n):
            with sqlite3.connect(str(db)) as c:
                return c.execute("SELECT p.pickup_code FROM pickups p JOIN orders o ON o.id=p.order_id WHERE o.number=?", (n,)).fetchone()[0]
        def qr(n, hh=h):
            return httpx.post(srv.url + f"/v1/pickups/{n}/qr", json={}, headers=dict(hh, **{"Idempotency-Key": str(uuid.uuid4())})).json()["token"]
        w = window(srv.url, tok)
        nav = next(b for b in w.findChildren(QPushButton) if b.text() == "Pickups")
        nav.click()
        scr = w.flows["pickup"].screen(); s = scr.core.session
        await until(lambda: bool(scr.queue_order_numbers()))
        shot(w, "1_queue")
        rows = api("/v1/pickups", status="all")
        ready = [r for r in rows if r["status"] == "ready" and r["verification_method"] == "pickup_code"]
        multi = next(r for r in ready if len(api(f"/v1/pickups/{r['order_number']}")["lines"]) >= 2)
        n = multi["order_number"]; d = api(f"/v1/pickups/{n}")
        scr.open_order(n); await until(lambda: s.current.step is Step.VERIFY)
        scr.code_entry.setText("12"); shot(w, "2_verify")
        scr.code_entry.clear()
        await s.verify_code(code(n)); await until(lambda: s.current.step is Step.ITEMS)
        w.services.scans.deliver(Scan(d["lines"][1]["gtin"], "wedge"))
        w.services.scans.deliver(Scan("3760123000017", "wedge"))
        await asyncio.sleep(0.3); shot(w, "3_items_wrong_item")
        scr._ask_reason(d["lines"][0]["line_no"], "missing"); await asyncio.sleep(0.3)
        shot(w, "4_items_missing_reason")
        for ln in d["lines"][1:]:
            while s.current.lines[[x.line_no for x in s.current.lines].index(ln["line_no"])].remaining:
                w.services.scans.deliver(Scan(ln["gtin"], "wedge"))
        scr._mark(d["lines"][0]["line_no"], "missing", "Not found on the shelf")
        await asyncio.sleep(0.3); shot(w, "5_items_partial")
        s.to_handover(); await asyncio.sleep(0.2)
        pad = scr.signature
        pad.add_stroke([(40, 120), (70, 70), (95, 130), (120, 60), (150, 125), (185, 80), (230, 110)])
        pad.add_stroke([(250, 100), (300, 95), (360, 105), (420, 90)])
        await asyncio.sleep(0.3); shot(w, "6_handover")
        scr._complete(); await w.services.sync.drain(); await until(lambda: s.current.step is Step.DONE)
        shot(w, "7_done_partial")
        # conflict
        other = next(r for r in ready if r["order_number"] != n)["order_number"]
        od = api(f"/v1/pickups/{other}")
        scr.open_order(other); await until(lambda: s.current.step is Step.VERIFY)
        await s.verify_code(code(other))
        for ln in od["lines"]:
            for _ in range(ln["quantity"]): s.scan_item(ln["gtin"])
        s.to_handover()
        body = {"lines": [{"line_no": l["line_no"], "picked": l["quantity"]} for l in od["lines"]],
                "verification": {"method": "pickup_code", "pickup_code": code(other)}, "associate": "tablette-02"}
        httpx.post(srv.url + f"/v1/pickups/{other}/complete", json=body, headers=dict(h, **{"Idempotency-Key": str(uuid.uuid4())}))
        scr._complete(); await w.services.sync.drain(); await until(lambda: s.current.step is Step.CONFLICT)
        shot(w, "8_conflict")
        expired = next(r for r in rows if r["status"] == "expired")["order_number"]
        scr.open_order(expired); await until(lambda: s.current.step is Step.REFUSED)
        shot(w, "9_expired")
        lyon_tok = enroll(srv.url, "LYO01"); lh = {"Authorization": f"Bearer {lyon_tok}"}
        lyon = next(r for r in httpx.get(srv.url + "/v1/pickups", headers=lh).json() if r["status"] == "ready")["order_number"]
        w.services.scans.deliver(Scan(qr(lyon, lh), "camera"))
        await until(lambda: s.current.step is Step.FAILED)
        shot(w, "10_other_store_qr")
        # kiosk
        k = window(srv.url, enroll(srv.url, "PAR01", "kiosk"), "kiosk")
        kscr = k.flows["pickup"].screen(); k.show_screen(kscr)
        await asyncio.sleep(0.4); shot(k, "11_kiosk_idle")
        target = next(r for r in rows if r["status"] == "ready" and r["order_number"] not in (n, other))["order_number"]
        k.services.scans.deliver(Scan(qr(target), "camera"))
        await until(lambda: kscr.core.check_in.state.value.step is CheckInStep.SENDING)
        await k.services.sync.drain()
        await until(lambda: kscr.core.check_in.state.value.step is CheckInStep.CONFIRMED)
        shot(k, "12_kiosk_confirmed")
        scr.show_queue()
        await until(lambda: target in scr.queue_order_numbers()[:3])
        shot(w, "13_queue_after_checkin")
        k.close(); w.close()
    finally:
        srv.stop()


app = QApplication(sys.argv)
loop = qasync.QEventLoop(app); asyncio.set_event_loop(loop)
with loop:
    loop.run_until_complete(main(app))
