"""``kiosk-app provision``: make the signed QR that sets up a new device in one scan.

    kiosk-app provision --generate-key it-provisioning.pem
    kiosk-app provision --store PAR01 --mode kiosk --api-url https://api.example \\
        --enrollment-token T --expires 24h --key it-provisioning.pem --out par01-kiosk.pdf

The private key stays with IT; the matching ``.pub`` goes to every device as
``/etc/omnistore-kiosk/provisioning.pub`` (the .deb and the Windows installer ship it).
The output is a PNG or a printable PDF page (by the extension) with the QR and what it
configures; ``--out -`` prints the code text instead (for a label printer).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from kiosk_app.kernel.provisioning import (
    create_provisioning_code,
    generate_key_pair,
    key_id,
    load_private_key,
    parse_duration,
    verify_provisioning_code,
)

QR_MODULE_PX = 8
PAGE_DPI = 150


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-app provision",
        description="Create a signed provisioning QR code (PNG or PDF) for new devices, "
        "or a new IT signing key with --generate-key.",
    )
    parser.add_argument(
        "--generate-key",
        type=Path,
        metavar="KEYFILE",
        help="write a new Ed25519 private key to KEYFILE and its public key "
        "to KEYFILE.pub, then exit",
    )
    parser.add_argument("--store", help="store code, e.g. PAR01")
    parser.add_argument("--mode", choices=("associate", "kiosk"), help="device mode")
    parser.add_argument("--api-url", help="central API base URL the device will use")
    parser.add_argument("--enrollment-token", help="enrollment token (or $KIOSK_ENROLLMENT_TOKEN)")
    parser.add_argument("--expires", default="24h", help="validity: 30m, 24h, 7d (default 24h)")
    parser.add_argument("--key", type=Path, help="IT's Ed25519 private key (PEM)")
    parser.add_argument("--name-prefix", help="prefix of the device name, e.g. PAR01-kiosk")
    parser.add_argument("--lang", choices=("fr", "en"), help="UI language for the device")
    parser.add_argument("--out", default="-", help="code.png, code.pdf or - (print the text)")
    return parser


def generate_key(path: Path) -> int:
    if path.exists():
        print(f"kiosk-app provision: {path} exists; not overwriting a key", file=sys.stderr)
        return 2
    private_pem, public_pem = generate_key_pair()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(private_pem)
    public_path = path.with_name(path.name + ".pub")
    public_path.write_bytes(public_pem)
    key = load_private_key(private_pem)
    print(
        json.dumps(
            {
                "private_key": str(path),
                "public_key": str(public_path),
                "kid": key_id(key.public_key()),
            }
        )
    )
    return 0


def render_png(code: str, lines: list[str], title: str) -> object:
    """A printable card: title, the QR, then what it configures (PIL image)."""
    import numpy as np
    import zxingcpp
    from PIL import Image, ImageDraw, ImageFont

    barcode = zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    qr = Image.fromarray(np.asarray(barcode.to_image(scale=QR_MODULE_PX), dtype=np.uint8))
    width = max(qr.width + 120, 1100)
    title_font = ImageFont.load_default(size=44)
    font = ImageFont.load_default(size=28)
    line_h = 40
    height = 60 + 60 + qr.height + 30 + line_h * len(lines) + 60
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    draw.text((60, 50), title, fill=0, font=title_font)
    page.paste(qr, ((width - qr.width) // 2, 130))
    y = 130 + qr.height + 30
    for line in lines:
        draw.text((60, y), line, fill=0, font=font)
        y += line_h
    return page


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.generate_key:
        return generate_key(args.generate_key)
    token = args.enrollment_token or os.environ.get("KIOSK_ENROLLMENT_TOKEN")
    missing = [
        name
        for name, value in (
            ("--store", args.store),
            ("--mode", args.mode),
            ("--api-url", args.api_url),
            ("--enrollment-token", token),
            ("--key", args.key),
        )
        if not value
    ]
    if missing:
        print(f"kiosk-app provision: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    assert token is not None
    try:
        private_key = load_private_key(args.key.read_bytes())
        lifetime = parse_duration(args.expires)
        code = create_provisioning_code(
            store_code=args.store,
            mode=args.mode,
            api_url=args.api_url,
            enrollment_token=token,
            lifetime_s=lifetime,
            private_key=private_key,
            device_name_prefix=args.name_prefix,
            language=args.lang,
        )
    except (OSError, ValueError) as exc:
        print(f"kiosk-app provision: {exc}", file=sys.stderr)
        return 2
    kid = key_id(private_key.public_key())
    checked = verify_provisioning_code(code, {kid: private_key.public_key()})
    expires = datetime.fromtimestamp(checked.expires_at, UTC)
    summary = {
        "store": checked.store_code,
        "mode": checked.mode,
        "api_url": checked.api_url,
        "expires": expires.isoformat(),
        "kid": kid,
        "length": len(code),
        "out": args.out,
    }
    if args.out == "-":
        print(code)
        print(json.dumps(summary), file=sys.stderr)
        return 0
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".png", ".pdf"):
        print("kiosk-app provision: --out must end in .png or .pdf (or be -)", file=sys.stderr)
        return 2
    lines = [
        f"Store: {checked.store_code}    Mode: {checked.mode}",
        f"API: {checked.api_url}",
        f"Valid until: {expires:%Y-%m-%d %H:%M} UTC    Key: {kid}",
        "Scan on the new device's first-run screen.",
        "Confidential: it enrolls any device until it expires.",
    ]
    page = render_png(code, lines, "Omnistore device set-up")
    from PIL import Image

    assert isinstance(page, Image.Image)
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        page.convert("RGB").save(out, "PDF", resolution=PAGE_DPI)
    else:
        page.save(out, "PNG")
    print(json.dumps(summary))
    return 0
