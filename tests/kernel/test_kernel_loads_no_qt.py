"""The core must stay importable and testable without Qt.

That no core source imports Qt is the import contract ``kiosk-core-no-qt`` (pyproject.toml,
run by ``lint-imports`` in scripts/test). This test checks what the contract cannot see:
that importing the whole core, third-party packages included, loads no Qt at run time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "kiosk_app" / "core"
FORBIDDEN = ("PySide6", "shiboken6", "qasync", "PyQt5", "PyQt6")


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = sorted(
        ".".join(p.relative_to(CORE.parents[1]).with_suffix("").parts) for p in CORE.rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m.removesuffix('.__init__'))\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
