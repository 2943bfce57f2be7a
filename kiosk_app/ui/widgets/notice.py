"""Notices: where the core's user-facing messages are shown.

One rule: a message appearing or going never moves what the user is about to tap.

- In a flow (a scan refused, "Saved… sending", "Matched"), a notice has a slot of its own in
  the screen's layout (:meth:`Notice.reserve_in`), kept whether a message shows or not: room
  for two lines of text beside its 48 px buttons. The notice is laid over its slot; a longer
  message (a narrow portrait screen) lays over what is below rather than pushing it.
- A message that can come at any moment and belongs to no flow (the offline gate, a queue
  refresh that failed in the background), or one shown over an emptied area (a failed
  product look-up), floats over the top of its host (:meth:`Notice.float_over`) and takes
  no room at all.

Field errors, what still stops an order and its total follow the same rule:
:class:`MessageLine`, a line whose room is kept (that of the longest text it may show).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

FLOAT_MARGIN = 12
TOUCH = 48  # the notice's buttons
SLOT_LINES = 2  # lines of text a reserved slot holds beside the buttons
_PLACE_ON = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show)


class NoticeSlot(QWidget):
    """The room a notice keeps in its screen's layout, message or not (see the module)."""

    def __init__(self, notice: Notice) -> None:
        super().__init__()
        self.notices = [notice]  # the notices laid over this slot (focus order visits them)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        notice = self.notices[0]
        margins = notice.contentsMargins()
        layout = notice.layout()
        if layout is not None:
            inner = layout.contentsMargins()
            margins.setTop(margins.top() + inner.top())
            margins.setBottom(margins.bottom() + inner.bottom())
        text = SLOT_LINES * notice.text.fontMetrics().lineSpacing()
        return QSize(0, max(TOUCH, text) + margins.top() + margins.bottom())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()  # a bigger font (large text) keeps two lines' room
        super().changeEvent(event)


class Notice(QFrame):
    """A coloured banner with a message and a dismiss (or retry) button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._host: QWidget | None = None
        self._slot: NoticeSlot | None = None
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
        for other in self._slot.notices if self._slot is not None else ():
            if other is not self:  # a shared slot shows one message at a time
                other.hide()
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

    def reserve_in(self, layout: QBoxLayout, slot: NoticeSlot | None = None) -> NoticeSlot:
        """Keep this notice's room in ``layout`` (a new slot added there), or share ``slot``
        with another notice of the same screen (one shows at a time): showing, changing or
        hiding the message never moves what the layout holds."""
        if slot is None:
            slot = NoticeSlot(self)
            layout.addWidget(slot)
        else:
            slot.notices.append(self)
        self._slot = slot
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        slot.installEventFilter(self)
        self._follow_slot()
        return slot

    def _follow_slot(self) -> None:
        """Lay this notice in the widget that holds its slot (known once the slot's layout is
        on a widget)."""
        slot = self._slot
        host = slot.parentWidget() if slot is not None else None
        if host is None or host is self._host:
            return
        old = self.parentWidget()
        shown = old is not None and self.isVisibleTo(old)
        if self._host is not None:
            self._host.removeEventFilter(self)
        self._host = host
        self.setParent(host)
        host.installEventFilter(self)
        self.setVisible(shown)
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._slot and kind == QEvent.Type.ParentChange:
            self._follow_slot()
        elif watched in (self._slot, self._host) and kind in _PLACE_ON:
            self._place()
        return False

    def _place(self) -> None:
        host = self._host
        if host is None or not self.isVisibleTo(host):
            return
        slot = self._slot
        if slot is None:  # floating over the top of the host
            x, y = FLOAT_MARGIN, FLOAT_MARGIN
            width, room = max(0, host.width() - 2 * FLOAT_MARGIN), 0
        else:  # over its slot, and over what is below when the message needs more room
            corner = slot.mapTo(host, QPoint(0, 0))
            x, y, width, room = corner.x(), corner.y(), slot.width(), slot.height()
        layout = self.layout()
        height = max(
            room,
            self.minimumSizeHint().height(),
            layout.totalHeightForWidth(width) if layout is not None else 0,
        )
        self.setGeometry(x, y, width, height)
        self.raise_()

    def clear(self) -> None:
        """Hide and forget the message (a hidden banner must not keep a customer's text)."""
        self.hide()
        self.text.clear()
        self.setAccessibleName("")
        self.action.hide()
        self.action.setText("")
        self.action.setAccessibleName("")


class MessageLine(QLabel):
    """A line whose room is kept, text or not: the line under a field where its error shows,
    what still stops an order, a total. An error coming or going as the customer types moves
    nothing.

    The room is ``lines`` lines, or (``samples``: every text it may show) as tall as the
    longest of them at the label's width: kept whatever it says, it changes only when the
    width does. A text taller than the room still shows whole (the line grows, never cuts).
    """

    def __init__(
        self,
        lines: int = 1,
        samples: Callable[[], Iterable[str]] | None = None,
        role: str = "fieldError",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lines = lines
        self._samples = samples
        self.setProperty("role", role)
        self.setWordWrap(True)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)

    def _room(self, width: int) -> int:
        """The height of ``lines`` lines or of the longest sample at ``width``, measured as
        the label measures its text."""
        self.ensurePolished()  # a line never shown yet: measured in its styled font
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right() - 2 * self.margin()
        texts = ["\n".join(["X"] * self.lines)]
        if self._samples is not None:
            texts.extend(self._samples())
        flags = int(Qt.TextFlag.TextWordWrap)
        box = QRect(0, 0, max(1, inner), 1 << 20)
        metrics = self.fontMetrics()
        text = max(metrics.boundingRect(box, flags, t).height() for t in texts)
        return text + margins.top() + margins.bottom() + 2 * self.margin()

    def hasHeightForWidth(self) -> bool:
        return True  # also while empty (a QLabel without text says no): the room is kept

    def heightForWidth(self, width: int) -> int:
        return max(self._room(width), super().heightForWidth(width))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(self._room(self.width() or hint.width()), hint.height()))

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(self._room(self.width() or hint.width()), hint.height()))

    def show_error(self, text: str) -> None:
        """Show ``text`` ("" hides it; its room stays)."""
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))
