"""The app's file dialog (a barcode picture to read, a file to save): Qt's own, translated.

Qt's widget dialog rather than the platform's: it speaks the app's language (Qt's French
catalogue and the strings it lacks, see :mod:`kiosk_app.ui.qt_strings`) on every device,
with or without a desktop environment. Its detail view is laid out to be read: the name
takes the room left, the other columns (size, type, date) are as wide as what they show,
so "Dernière modification" and a date are never cut. Sizes and dates are written in the
app's language and date format (Qt writes them in the system's: "0 bytes" on a French
kiosk of an English system).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QHeaderView, QTreeView, QWidget

from kiosk_app.ui.dates import format_timestamp

SIZE_COLUMN, DATE_COLUMN = 1, 3

#: the dialog's size where the window allows it (a portrait tablet gets its width)
PREFERRED = (960, 640)


def file_dialog(
    parent: QWidget,
    title: str,
    name_filter: str,
    *,
    save_as: str | None = None,
) -> QFileDialog:
    """A dialog to open one existing file, or (``save_as``: the proposed name) to save one.

    Open it with ``open()`` and connect ``fileSelected`` (never a modal ``exec()``).
    """
    dialog = QFileDialog(parent, title)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setNameFilter(name_filter)
    if save_as is None:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.selectFile(save_as)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.setProxyModel(AppLocaleColumns(dialog))
    fit_columns(dialog)
    window = parent.window()
    width = min(PREFERRED[0], max(window.width() - 32, 320))
    height = min(PREFERRED[1], max(window.height() - 32, 320))
    dialog.resize(width, height)
    return dialog


def fit_columns(dialog: QFileDialog) -> None:
    """Name: the room left; size, type and date: as wide as their header and contents."""
    view = dialog.findChild(QTreeView, "treeView")
    if view is None:
        return
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, header.count()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


class AppLocaleColumns(QIdentityProxyModel):
    """The file model with its size and date columns in the app's language and format."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        column = index.column()
        model = self.sourceModel()
        if (
            role != Qt.ItemDataRole.DisplayRole
            or column not in (SIZE_COLUMN, DATE_COLUMN)
            or not isinstance(model, QFileSystemModel)
        ):
            return super().data(index, role)
        source = self.mapToSource(index)
        if column == SIZE_COLUMN:
            return "" if model.isDir(source) else QLocale().formattedDataSize(model.size(source))
        modified = model.lastModified(source)
        if not modified.isValid():
            return ""
        return format_timestamp(modified.toSecsSinceEpoch(), with_date=True)
