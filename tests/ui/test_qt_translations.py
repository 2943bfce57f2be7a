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

from kiosk_app.shell.main_window import MainWindow
from kiosk_app.ui import build_translations, i18n
from kiosk_app.ui.i18n import install_language

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


def test_the_file_dialog_names_folders_in_french_and_its_columns_fit(
    french: None, window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    """Its detail view said "Folder" in the French UI, and cut "Dernière modification"."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTreeView

    from kiosk_app.ui.dates import format_timestamp

    folder = tmp_path / "pictures"
    (folder / "photos").mkdir(parents=True)
    (folder / "label.png").write_bytes(b"")
    window.resize(800, 1280)  # a portrait tablet: the narrowest
    window.camera_panel.from_file.click()
    dialog = window.camera_panel._dialog
    assert isinstance(dialog, QFileDialog)
    try:
        dialog.setDirectory(str(folder))
        view = dialog.findChild(QTreeView, "treeView")
        assert view is not None and view.isVisible()  # the detail view
        model = view.model()
        qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 2)
        root = view.rootIndex()
        rows = {
            model.index(r, 0, root).data(): model.index(r, 2, root).data()
            for r in range(model.rowCount(root))
        }
        assert rows["photos"] == "Dossier", rows
        cells = {  # the app's language and date format, not the system's ("0 bytes")
            model.index(r, 0, root).data(): (
                model.index(r, 1, root).data(),
                model.index(r, 3, root).data(),
            )
            for r in range(2)
        }
        modified = (folder / "label.png").stat().st_mtime
        assert cells["label.png"] == ("0 octets", format_timestamp(modified, with_date=True))
        assert dialog.width() <= window.width()
        header = view.header()
        metrics = header.fontMetrics()
        qtbot.waitUntil(lambda: header.sectionSize(3) > 0)
        for column in range(1, header.count()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            width = header.sectionSize(column)
            texts = [title] + [str(model.index(r, column, root).data() or "") for r in range(2)]
            widest = max(metrics.horizontalAdvance(t) for t in texts)
            assert widest < width, (title, texts, width)  # nothing cut
        total = sum(header.sectionSize(c) for c in range(header.count()))
        assert total <= view.viewport().width()  # no column pushed out of sight
    finally:
        dialog.reject()
