"""Qt's own dialogs speak French with the app: qtbase_fr.qm ships in the package (copied from
the PySide6 wheel by build_translations, so the bundle and a pip install carry it), and the
strings it lacks ("Look in:", "Files of type:") come from our catalogue."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

from kiosk_app.ui import build_translations, i18n
from kiosk_app.ui.i18n import install_language
from kiosk_app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ("Look in", "File name", "Files of type", "Open", "Cancel")


@pytest.fixture
def french(qapp: Any) -> Iterator[None]:
    build_translations.compile_all()
    install_language(qapp, "fr")
    yield
    install_language(qapp, "en")


def test_qt_catalogue_ships_in_the_package_and_is_the_one_loaded(french: None) -> None:
    shipped = i18n.TRANSLATIONS_DIR / "qtbase_fr.qm"
    assert shipped.is_file()
    loaded = [Path(t.filePath()) for t in i18n._installed]
    assert shipped in loaded, loaded
    assert QCoreApplication.translate("QFileDialog", "Open") == "Ouvrir"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"


def test_the_barcode_picture_dialog_is_all_french(french: None, window: MainWindow) -> None:
    panel = window.camera_panel
    panel.from_file.click()
    dialog = panel._dialog
    assert isinstance(dialog, QFileDialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own widgets
    try:
        texts = [w.text() for w in dialog.findChildren(QLabel) if w.text()]
        texts += [w.text() for w in dialog.findChildren(QAbstractButton) if w.text()]
        plain = [t.replace("&", "") for t in texts]
        english = [t for t in plain if any(re.search(rf"\b{e}\b", t) for e in ENGLISH)]
        assert english == [], plain
        assert any("Regarder dans" in t for t in plain), plain
        assert any("Type de fichier" in t for t in plain), plain
    finally:
        dialog.reject()


def test_the_bundle_recipe_carries_the_package_catalogues() -> None:
    spec = (ROOT / "packaging" / "pyinstaller" / "kiosk-app.spec").read_text()
    assert '(str(ROOT / "kiosk_app" / "ui" / "translations"), "kiosk_app/ui/translations")' in spec
    for script in ("linux/build_bundle.sh", "windows/build.ps1"):  # always (re)built first
        text = (ROOT / "packaging" / script).read_text()
        assert "-m kiosk_app.ui.build_translations" in text and "if ! ls" not in text
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"kiosk_app.ui" = ["translations/*.qm"]' in pyproject
