"""Helpers of packaging/ci_install_test.sh, run with the development venv's Python.

    python packaging/ci_helpers.py samples DIR              sample barcode PNGs
    python packaging/ci_helpers.py enroll URL               prints a device token
    python packaging/ci_helpers.py customer URL TOKEN       prints a customer number
    python packaging/ci_helpers.py queue DATA_DIR CUSTOMER N   queue N writes (no network)
    python packaging/ci_helpers.py outbox DATA_DIR          prints the outbox counts (JSON)
    python packaging/ci_helpers.py synced DATA_DIR N        exit 0 if N writes were delivered

The queued writes are real operations of the app (``POST /v1/customers/{ref}/loyalty-code``,
Idempotency-Key each) appended with the app's own Outbox class, exactly as a screen does.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import uuid
from pathlib import Path

import httpx
import numpy as np
import zxingcpp
from PIL import Image

from kiosk_app.kernel.outbox import Outbox

SAMPLE_GTIN = "3760123000017"
SAMPLE_QR = "https://id.omnistore.example/01/03760123000017/10/LOT42"


def samples(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text, fmt in (
        ("ean13.png", SAMPLE_GTIN, zxingcpp.BarcodeFormat.EAN13),
        ("digital-link-qr.png", SAMPLE_QR, zxingcpp.BarcodeFormat.QRCode),
    ):
        image = np.asarray(zxingcpp.create_barcode(text, fmt).to_image(scale=4), dtype=np.uint8)
        Image.fromarray(image).save(folder / name)
        print(folder / name)


def enroll(url: str) -> None:
    body = {
        "enrollment_token": "demo-enrollment",
        "store_code": "PAR01",
        "mode": "associate",
        "device_name": "ci-upgrade-device",
    }
    response = httpx.post(
        url + "/v1/devices/enroll",
        json=body,
        headers={"Idempotency-Key": str(uuid.uuid4())},
        timeout=10,
    )
    response.raise_for_status()
    print(response.json()["token"])


def customer(url: str, token: str) -> None:
    """A demo customer's number (the generator numbers them C0000001, C0000002, ...)."""
    number = "C0000001"
    response = httpx.get(
        url + f"/v1/customers/{number}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    response.raise_for_status()
    print(response.json().get("customer_number", number))


def queue(data_dir: Path, customer_number: str, count: int) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    with Outbox(data_dir / "outbox.db") as outbox:
        for _ in range(count):
            outbox.append(
                "loyalty.issue_code",
                "POST",
                f"/v1/customers/{customer_number}/loyalty-code",
                {"ttl_s": 120},
            )
        print(outbox.pending_count())


def counts(data_dir: Path) -> dict[str, int]:
    with sqlite3.connect(data_dir / "outbox.db") as conn:
        rows = conn.execute("SELECT status, COUNT(*) FROM outbox_entries GROUP BY status")
        return {str(status): int(n) for status, n in rows}


def synced(data_dir: Path, count: int) -> int:
    with sqlite3.connect(data_dir / "outbox.db") as conn:
        rows = conn.execute("SELECT status, response_status FROM outbox_entries").fetchall()
    delivered = [r for r in rows if r == ("done", 201)]
    print(json.dumps({"entries": len(rows), "delivered_201": len(delivered)}))
    return 0 if len(rows) == count and len(delivered) == count else 1


def main(argv: list[str]) -> int:
    command, args = argv[0], argv[1:]
    if command == "samples":
        samples(Path(args[0]))
    elif command == "enroll":
        enroll(args[0])
    elif command == "customer":
        customer(args[0], args[1])
    elif command == "queue":
        queue(Path(args[0]), args[1], int(args[2]))
    elif command == "outbox":
        print(json.dumps(counts(Path(args[0]))))
    elif command == "synced":
        return synced(Path(args[0]), int(args[1]))
    else:
        print(f"unknown command {command}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
