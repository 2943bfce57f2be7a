"""Load the French or English catalogue (Qt Linguist .qm) for the whole UI."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
SUPPORTED = ("fr", "en")

_installed: list[QTranslator] = []


def resolve_language(requested: str) -> str:
    if requested in SUPPORTED:
        return requested
    system = QLocale.system().name()[:2]
    return system if system in SUPPORTED else "fr"


def install_language(app: QCoreApplication, requested: str) -> str:
    """Install translators for ``requested`` ("fr", "en" or "system"); returns the language."""
    language = resolve_language(requested)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(
        QLocale(QLocale.Language.French if language == "fr" else QLocale.Language.English)
    )
    ours = QTranslator(app)  # English: the plural forms only (the sources are English)
    if ours.load(str(TRANSLATIONS_DIR / f"kiosk_{language}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    if language == "en":
        return language
    qt = QTranslator(app)  # Qt's own dialogs: the copy shipped with the app, else Qt's
    qt_dirs = (TRANSLATIONS_DIR, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if any(qt.load(f"qtbase_{language}", str(folder)) for folder in qt_dirs):
        app.installTranslator(qt)  # asked first; ours answers for what it lacks (qt_strings)
        _installed.append(qt)
    return language
