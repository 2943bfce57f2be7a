"""The .deb recipe: layout, conffiles, wrapper, units (on a stand-in bundle: fast).

The real bundle is built, installed, smoke-tested and upgraded by
packaging/ci_install_test.sh (a CI step of its own: it needs root and ~2 minutes).
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from kiosk_app import __version__

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"

pytestmark = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")


@pytest.fixture
def deb(tmp_path: Path) -> Path:
    bundle = tmp_path / "kiosk-app"
    (bundle / "_internal").mkdir(parents=True)
    exe = bundle / "kiosk-app"
    exe.write_text("#!/bin/sh\necho stand-in\n")
    exe.chmod(0o755)
    pub = tmp_path / "it.pub"
    pub.write_text("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n")
    out = subprocess.run(
        [
            "bash",
            str(LINUX / "build_deb.sh"),
            "--bundle",
            str(bundle),
            "--out",
            str(tmp_path / "out"),
            "--provisioning-key",
            str(pub),
        ],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "DEB_COMPRESS": "gzip"},
    )
    path = Path(out.stdout.strip().splitlines()[-1])
    assert path.is_file()
    return path


def _field(info: str, name: str) -> str:
    for line in info.splitlines():
        if line.strip().startswith(name + ":"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"no {name} in control")


def test_control_conffiles_and_layout(deb: Path, tmp_path: Path) -> None:
    info = subprocess.run(
        ["dpkg-deb", "--info", str(deb)], check=True, capture_output=True, text=True
    ).stdout
    assert _field(info, "Package") == "omnistore-kiosk"
    assert _field(info, "Version") == f"{__version__}-1"
    assert "libxcb-cursor0" in _field(info, "Depends")
    assert deb.name == f"omnistore-kiosk_{__version__}-1_{_field(info, 'Architecture')}.deb"

    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "--control", str(deb), str(control)], check=True)
    assert (control / "conffiles").read_text().split() == [
        "/etc/omnistore-kiosk/config.toml",
        "/etc/omnistore-kiosk/provisioning.pub",
    ]
    assert os.access(control / "postinst", os.X_OK)

    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "--extract", str(deb), str(root)], check=True)
    assert os.access(root / "opt/omnistore-kiosk/kiosk-app", os.X_OK)
    assert (root / "opt/omnistore-kiosk/PACKAGE_VERSION").read_text().strip() == f"{__version__}-1"
    wrapper = root / "usr/bin/kiosk-app"
    assert os.access(wrapper, os.X_OK)
    assert "exec /opt/omnistore-kiosk/kiosk-app" in wrapper.read_text()
    # the shipped system config is all comments: it changes no default
    assert tomllib.loads((root / "etc/omnistore-kiosk/config.toml").read_text()) == {}
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], check=True, capture_output=True, text=True
    ).stdout
    assert " root/root " in listing  # files owned by root whoever built it


def test_desktop_entry_and_kiosk_unit(deb: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "--extract", str(deb), str(root)], check=True)
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(root / "usr/share/applications/omnistore-kiosk.desktop")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"] == "/usr/bin/kiosk-app" and entry["Type"] == "Application"
    assert entry["Name[fr]"]
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(root / "usr/lib/systemd/user/omnistore-kiosk.service")
    assert unit["Service"]["ExecStart"] == "/usr/bin/kiosk-app --mode kiosk"
    assert unit["Service"]["Restart"] == "always"
    assert unit["Unit"]["StartLimitBurst"] and "StartLimitBurst" not in unit["Service"]
    assert unit["Install"]["WantedBy"] == "graphical-session.target"


def test_refuses_a_missing_bundle(tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", str(LINUX / "build_deb.sh"), "--bundle", str(tmp_path / "none")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "no bundle" in result.stderr
