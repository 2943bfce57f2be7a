"""kiosk_app.core.scan is the Qt-free core: no PySide6 / qasync import, even lazily."""

from __future__ import annotations

import ast
from pathlib import Path

import kiosk_app.core.scan

FORBIDDEN = ("PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "qasync", "qtpy")
SCAN_DIR = Path(kiosk_app.core.scan.__file__).parent


def imported_modules(source: str) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
            in ("__import__", "import_module")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            modules.add(node.args[0].value)
    return modules


def forbidden_imports(source: str) -> set[str]:
    return {module for module in imported_modules(source) if module.split(".")[0] in FORBIDDEN}


def test_checker_detects_qt_imports() -> None:
    sample = (
        "import os\n"
        "def f():\n"
        "    from PySide6.QtCore import QObject\n"
        "    import qasync\n"
        "    return __import__('shiboken6'), importlib.import_module('PySide6.QtGui')\n"
    )
    assert forbidden_imports(sample) == {"PySide6.QtCore", "qasync", "shiboken6", "PySide6.QtGui"}
    assert forbidden_imports("import PySide6_helpers\nfrom . import qasync\n") == set()


def test_scan_package_has_no_qt_imports() -> None:
    files = sorted(SCAN_DIR.rglob("*.py"))
    assert len(files) >= 10  # the package really was found
    offenders = {
        str(path.relative_to(SCAN_DIR)): found
        for path in files
        if (found := forbidden_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
