"""Strings of Qt's own dialogs that Qt's French catalogue (qtbase_fr.qm) lacks.

The "Read a barcode picture…" file dialog showed "Look in:" and "Files of type:" in English
in the French UI, and "Folder" in its Type column (Qt 6 names folders in the context
``QAbstractFileIconProvider``, with a disambiguation, which qtbase_fr.qm does not carry).
Listed here, lupdate puts them in kiosk_fr.ts under Qt's context; our catalogue answers
for them when qtbase_fr.qm does not (see i18n.install_language).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

MISSING_FROM_QTBASE = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
)


def disambiguated() -> tuple[str, ...]:
    """Qt's strings with a disambiguation (lupdate reads no QT_TRANSLATE_NOOP3 in Python):
    the Type column of the file dialog's detail view."""
    return (
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Shortcut", "All other platforms"),
    )
