"""``kiosk-app decode`` and ``kiosk-app parse`` as IT runs them (real processes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import zxingcpp
from PIL import Image


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk_app", *args], capture_output=True, text=True, timeout=60
    )


def write_code(path: Path, text: str, fmt: object) -> Path:
    barcode = zxingcpp.create_barcode(text, fmt)
    image = np.array(zxingcpp.write_barcode_to_image(barcode, scale=4))
    padded = np.pad(image, 40, constant_values=255)
    Image.fromarray(padded).save(path)
    return path


def test_decode_prints_format_text_classification_and_route(tmp_path: Path) -> None:
    ean = write_code(tmp_path / "ean.png", "3760123000017", zxingcpp.BarcodeFormat.EAN13)
    qr = write_code(
        tmp_path / "qr.png",
        "https://id.example.com/01/03760123000017/10/LOT42",
        zxingcpp.BarcodeFormat.QRCode,
    )
    result = run_cli("decode", str(ean), str(qr))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(x["format"], x["route"]) for x in lines] == [("ean13", "product"), ("qr", "product")]
    assert lines[0]["classification"]["gtin14"] == "03760123000017"
    assert lines[1]["classification"]["lot"] == "LOT42"


def test_decode_reports_missing_and_empty_images(tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.fromarray(np.full((200, 200), 255, dtype=np.uint8)).save(blank)
    result = run_cli("decode", str(blank), str(tmp_path / "missing.png"))
    assert result.returncode == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["found"] is False
    assert "not found" in second["error"]
    assert "Traceback" not in result.stderr


def test_decode_unknown_decoder_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("decode", "--decoder", "nope", str(tmp_path / "x.png"))
    assert result.returncode == 2 and "nope" in result.stderr and "Traceback" not in result.stderr


def test_parse_matches_what_the_gui_routes() -> None:
    result = run_cli("parse", "4006381333931", "]d2010950600013435217261231", "chemise", "12345")
    routes = [json.loads(line)["route"] for line in result.stdout.splitlines()]
    assert routes == ["product", "product", "search", "unrecognised"]


def test_parse_keeps_non_ascii_text_and_still_decodes_escapes() -> None:
    result = run_cli("parse", "Crème brûlée", "\\u00e9t\\xe9", "\\x1d01")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["raw"] for line in lines] == ["Crème brûlée", "été", "<GS>01"]
    assert [line["route"] for line in lines] == ["search", "search", "unrecognised"]


def test_parse_refuses_an_over_long_argument_on_its_length_before_decoding_it() -> None:
    # Linux caps one argument at 128 KiB: the longest that can reach the CLI, all in escapes.
    over_long = "\\x41" * 32_000
    result = run_cli("parse", over_long)
    (line,) = [json.loads(text) for text in result.stdout.splitlines()]
    assert (line["reason"], line["route"]) == ("too_long", "unrecognised")
    # The length reported is the argument's own: it was never decoded (which would give 32000).
    assert line["detail"].startswith(f"{len(over_long)} characters")
    assert len(line["raw"]) < 100
