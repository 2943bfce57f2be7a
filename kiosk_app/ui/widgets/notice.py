"""Notices: where the core's user-facing messages are shown.

An inline notice takes its place in its screen's layout: right for a message the user's own
action brings (a refused code, a failed search), shown where they look. A message that can
come at any moment, while a finger is on its way to a button (the offline gate, a queue
refresh that failed in the background), floats instead (:meth:`Notice.float_over`): it is
laid over the top of its host and moves nothing under the finger.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QWidget

FLOAT_MARGIN = 12


class Notice(QFrame):
    """A coloured banner with a message and a dismiss (or retry) button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._host: QWidget | None = None
        self.setObjectName("notice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton()
        self.action.setMinimumHeight(48)
        self.close_button = QPushButton(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss message"))
        self.close_button.setMinimumHeight(48)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self.action.hide()
        self.hide()

    def show_message(self, text: str, level: str = "info", action: str | None = None) -> None:
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.text.setText(text)
        self.setAccessibleName(text)
        self.action.setVisible(action is not None)
        if action:
            self.action.setText(action)
            self.action.setAccessibleName(action)
        self.show()
        self._place()

    def float_over(self, host: QWidget) -> None:
        """Lay this notice over the top of ``host`` (out of any layout): showing or hiding
        it never moves what ``host`` shows. It follows the host's size."""
        self._host = host
        self.setParent(host)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        host.installEventFilter(self)
        if isinstance(host, QStackedWidget):  # a page brought up is raised: stay above it
            host.currentChanged.connect(lambda _index: self.raise_())
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._place()
        return False

    def _place(self) -> None:
        host = self._host
        if host is None or not self.isVisibleTo(host):
            return
        width = max(0, host.width() - 2 * FLOAT_MARGIN)
        layout = self.layout()
        height = max(
            self.minimumSizeHint().height(),
            layout.totalHeightForWidth(width) if layout is not None else 0,
        )
        self.setGeometry(FLOAT_MARGIN, FLOAT_MARGIN, width, height)
        self.raise_()

    def clear(self) -> None:
        """Hide and forget the message (a hidden banner must not keep a customer's text)."""
        self.hide()
        self.text.clear()
        self.setAccessibleName("")
        self.action.hide()
        self.action.setText("")
        self.action.setAccessibleName("")
