"""``kiosk-app provision``: keys, PNG/PDF output, and the QR reads back as a valid code."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from kiosk_app.__main__ import main
from kiosk_app.kernel.provisioning import load_trusted_keys, verify_provisioning_code


def test_generate_key_then_provision_png_and_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "it.pem"
    assert main(["provision", "--generate-key", str(key)]) == 0
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert main(["provision", "--generate-key", str(key)]) == 2  # never overwrites a key
    capsys.readouterr()

    common = [
        "provision",
        "--store",
        "lyo01",
        "--mode",
        "kiosk",
        "--api-url",
        "https://api.example",
        "--enrollment-token",
        "T0K",
        "--expires",
        "24h",
        "--key",
        str(key),
    ]
    png, pdf = tmp_path / "code.png", tmp_path / "code.pdf"
    assert main([*common, "--out", str(png)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["store"] == "LYO01" and summary["mode"] == "kiosk"
    assert main([*common, "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")

    capsys.readouterr()
    assert main(["decode", str(png)]) == 0  # the app's own decoder reads it back
    decoded = json.loads(capsys.readouterr().out.splitlines()[0])
    assert decoded["format"] == "qr" and decoded["text"].startswith("PRV1.")
    provisioning = verify_provisioning_code(
        decoded["text"], load_trusted_keys(Path(str(key) + ".pub"))
    )
    assert (provisioning.store_code, provisioning.enrollment_token) == ("LYO01", "T0K")
    assert provisioning.expires_at - provisioning.issued_at == 24 * 3600


def test_provision_text_output_and_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "it.pem"
    main(["provision", "--generate-key", str(key)])
    capsys.readouterr()
    monkeypatch.setenv("KIOSK_ENROLLMENT_TOKEN", "from-env")
    args = [
        "provision",
        "--store",
        "PAR01",
        "--mode",
        "associate",
        "--api-url",
        "http://x",
        "--key",
        str(key),
    ]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("PRV1.")
    assert main(["provision", "--store", "PAR01"]) == 2
    assert "missing --mode, --api-url, --key" in capsys.readouterr().err
    assert main([*args, "--expires", "2y"]) == 2
    assert "not a duration" in capsys.readouterr().err
    assert main([*args, "--out", str(tmp_path / "code.jpg")]) == 2
    assert main([*args[:-1], str(Path(str(key) + ".pub"))]) == 2  # a public key cannot sign
