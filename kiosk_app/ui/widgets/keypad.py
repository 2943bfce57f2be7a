"""Big on-screen numeric keypad for touch entry of codes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget


class NumericKeypad(QWidget):
    """Types into ``target``; Enter emits ``submitted``."""

    submitted = Signal()

    def __init__(self, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target = target
        grid = QGridLayout(self)
        grid.setSpacing(10)
        grid.setContentsMargins(0, 0, 0, 0)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
        for i, key in enumerate(keys):
            grid.addWidget(self._key(key, key), i // 3, i % 3)
        back = self._key("⌫", self.tr("Delete last digit"))
        back.clicked.disconnect()
        back.clicked.connect(self._target.backspace)
        grid.addWidget(back, 3, 0)
        grid.addWidget(self._key("0", "0"), 3, 1)
        enter = self._key(self.tr("OK"), self.tr("Search this code"))
        enter.setProperty("role", "primary")
        enter.clicked.disconnect()
        enter.clicked.connect(self.submitted.emit)
        grid.addWidget(enter, 3, 2)

    def _key(self, text: str, accessible: str) -> QPushButton:
        key = QPushButton(text)
        key.setProperty("role", "key")
        key.setAccessibleName(accessible)
        key.setMinimumSize(72, 64)
        # Touch helpers: the field keeps the focus, and Tab goes from field to action
        # without walking through twelve keys (a keyboard types digits itself).
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.clicked.connect(lambda: self._target.insert(text))
        return key
