"""On-screen keyboard for kiosks (no physical keyboard): appears under a focused text field.

The keys never take the focus, so the text field keeps its cursor and validators; each key
inserts its text into the focused field. AZERTY for French, QWERTY for English.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

REVEAL_MARGIN = 24  # room kept around the field being typed, px

ROWS = {
    "fr": ("1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn@.-_"),
    "en": ("1234567890", "qwertyuiop", "asdfghjkl'", "zxcvbnm@.-"),
}


class TouchKeyboard(QWidget):
    def __init__(self, language: str = "fr", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("touchKeyboard")
        self.setAccessibleName(self.tr("On-screen keyboard"))
        self._shift = False
        self._letter_keys: list[QPushButton] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(6)
        grid = QGridLayout()
        grid.setSpacing(6)
        for r, row in enumerate(ROWS.get(language, ROWS["en"])):
            for c, char in enumerate(row):
                key = self._key(char, char)
                if char.isalpha():
                    self._letter_keys.append(key)
                grid.addWidget(key, r, c)
        outer.addLayout(grid)
        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        shift = self._key("⇧", self.tr("Capital letters"), special=True)
        shift.setCheckable(True)
        shift.toggled.connect(self._set_shift)
        self._shift_key = shift
        bottom.addWidget(shift, 1)
        space = self._key(self.tr("space"), self.tr("Space"), special=True)
        space.clicked.connect(lambda: self._type(" "))
        bottom.addWidget(space, 5)
        back = self._key("⌫", self.tr("Delete"), special=True)
        back.clicked.connect(lambda: self._with_field(lambda f: f.backspace()))
        bottom.addWidget(back, 1)
        done = self._key(self.tr("Done"), self.tr("Hide the keyboard"), special=True)
        done.setProperty("role", "primary")
        done.clicked.connect(self._done)
        bottom.addWidget(done, 2)
        outer.addLayout(bottom)

    def _key(self, text: str, accessible: str, *, special: bool = False) -> QPushButton:
        key = QPushButton(text)
        key.setProperty("role", "key")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text field keeps the focus
        key.setMinimumSize(56, 56)
        key.setAccessibleName(accessible)
        if not special:
            key.clicked.connect(lambda _=False, k=key: self._type_key(k.text()))
        return key

    def _type_key(self, text: str) -> None:
        """A character key: typed, and a capital is one letter, as on a phone (Shift stayed
        down for every later letter and screen)."""
        self._type(text)
        if self._shift and text.isalpha():
            self._shift_key.setChecked(False)

    def _set_shift(self, on: bool) -> None:
        self._shift = on
        for key in self._letter_keys:
            key.setText(key.text().upper() if on else key.text().lower())

    def _type(self, text: str) -> None:
        self._with_field(lambda f: f.insert(text))

    def _with_field(self, action: object) -> None:
        field = QApplication.focusWidget()
        if isinstance(field, QLineEdit) and callable(action):
            action(field)

    def _done(self) -> None:
        field = QApplication.focusWidget()
        if isinstance(field, QLineEdit):
            field.returnPressed.emit()
            field.clearFocus()
        self.hide()

    def follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Show under any text field of this window that gets the focus; hide otherwise."""
        if isinstance(new, QLineEdit) and new.window() is self.window() and not new.isReadOnly():
            self.show()
            # once the screen has made room for the keyboard: the field being typed (and
            # what stands beside and under it, e.g. its button) scrolled into what is left
            QTimer.singleShot(0, lambda field=new: reveal(field))
            QTimer.singleShot(60, lambda field=new: reveal(field))  # after the relayout
        elif new is None or new.window() is self.window():
            self.hide()


def reveal(field: QWidget) -> None:
    """Scroll every scroll area holding ``field`` so that it, and its row (the buttons
    beside it), are in view."""
    try:
        row = field.parentWidget() or field
    except RuntimeError:  # the field is gone (the screen was closed meanwhile)
        return
    widget: QWidget | None = row
    while widget is not None:
        if isinstance(widget, QScrollArea):
            fits = row.height() + 2 * REVEAL_MARGIN <= widget.viewport().height()
            widget.ensureWidgetVisible(row if fits else field, REVEAL_MARGIN, REVEAL_MARGIN)
            widget.ensureWidgetVisible(field, REVEAL_MARGIN, REVEAL_MARGIN)
        widget = widget.parentWidget()
