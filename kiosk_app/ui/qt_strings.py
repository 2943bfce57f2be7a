"""Strings of Qt's own dialogs that Qt's French catalogue (qtbase_fr.qm) lacks.

The "Read a barcode picture…" file dialog showed "Look in:" and "Files of type:" in English
in the French UI. Listed here, lupdate puts them in kiosk_fr.ts under Qt's context; our
catalogue answers for them when qtbase_fr.qm does not (see i18n.install_language).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

MISSING_FROM_QTBASE = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
