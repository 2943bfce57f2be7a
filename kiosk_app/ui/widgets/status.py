"""Status bar: store, device, mode, connection state (text + colour dot) and the outbox.

The outbox part shows how many writes wait to be sent and how many need attention; tapping
it emits ``queue_clicked`` (the Sync page opens). When answers are being served from the
read cache, the connection text says how old they are ("Offline - as of 10:42"). "Live" /
"Not live" says whether the live events arrive (``set_live``): not live, screens refresh
by themselves every few seconds instead.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from kiosk_app.kernel.connection import ConnectionState
from kiosk_app.ui.dates import format_timestamp
from kiosk_app.ui.theme import LIGHT
from kiosk_app.ui.widgets.responsive import ElidingLabel


def store_label(name: str, code: str) -> str:
    """The store as the status bar names it: "Paris Rivoli (PAR01)", or just "PAR01" while
    its name is not known (an unenrolled device knows only the configured code)."""
    name = name.strip()
    return f"{name} ({code})" if name and name != code else code


_DOT = {
    ConnectionState.ONLINE: "#1d7a46",
    ConnectionState.DEGRADED: "#c77700",
    ConnectionState.OFFLINE: "#b3261e",
    ConnectionState.UNKNOWN: "#8a8f9c",
}
_QUEUE_QSS = (
    "QPushButton {{ min-height: 48px; padding: 0 16px; font-size: {size}px;"
    " border-radius: 10px; background: {bg}; border: 1px solid {border}; color: {fg}; }}"
)


class AppStatusBar(QStatusBar):
    queue_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        # Store and device give way (cut with "…") to the connection state and the sync
        # button when the bar grows on a narrow window.
        self.store = ElidingLabel()
        self.device = ElidingLabel()
        self.connection = QLabel()
        self.connection.setAccessibleName(self.tr("Connection state"))
        self.queue = QPushButton()
        self.queue.setMinimumHeight(48)
        self.queue.clicked.connect(self.queue_clicked.emit)
        self.queue.hide()
        self.live = QLabel()
        self.live.hide()  # until the app has a live-event subscription
        self.addWidget(self.store)
        self.addWidget(self.device)
        self.addPermanentWidget(self.queue)
        self.addPermanentWidget(self.live)
        self.addPermanentWidget(self.connection)
        self._state = ConnectionState.UNKNOWN
        self._as_of: float | None = None
        self._pending = 0
        self._attention = 0
        self.set_connection(ConnectionState.UNKNOWN)

    def set_identity(self, store: str, device: str, mode: str) -> None:
        self.store.set_full_text(self.tr("Store: %1").replace("%1", store))
        mode_text = self.tr("associate") if mode == "associate" else self.tr("kiosk")
        self.device.set_full_text(
            self.tr("Device: %1 (%2)").replace("%1", device).replace("%2", mode_text)
        )

    def set_connection(self, state: ConnectionState) -> None:
        self._state = state
        self._render_connection()

    def set_live(self, live: bool) -> None:
        """Live events arrive (True) or not (False): shown beside the connection state."""
        text = self.tr("Live") if live else self.tr("Not live")
        colour = _DOT[ConnectionState.ONLINE if live else ConnectionState.UNKNOWN]
        self.live.setText(f'<span style="color:{colour}">●</span> {text}')
        self.live.setAccessibleName(self.tr("Live updates: %1").replace("%1", text))
        self.live.setProperty("live", live)
        self.live.show()

    def set_as_of(self, stored_at: float | None) -> None:
        """Answers on screen came from the read cache, fetched at ``stored_at`` (or None)."""
        self._as_of = stored_at
        self._render_connection()

    def keep_queue_room(self) -> None:
        """The sync button may show here (an associate device): the bar keeps its 48 px
        room, shown or not, so "1 to send" coming and going moves nothing in the window
        (the rail's Lock / Sign out buttons). A kiosk never shows it and stays slim."""
        self.setStyleSheet("QStatusBar { min-height: 60px; }")

    def set_queue(self, pending: int, attention: int) -> None:
        """Writes waiting to be sent, and failed/conflict writes needing a person."""
        self._pending, self._attention = pending, attention
        parts = []
        if pending:
            parts.append(self.tr("%1 to send").replace("%1", str(pending)))
        if attention:
            parts.append(self.tr("%n need(s) attention", "", attention))
        self.queue.setVisible(bool(parts))
        text = " · ".join(parts)
        self.queue.setText(text)
        self.queue.setAccessibleName(self.tr("Sync: %1").replace("%1", text))
        self.queue.setProperty("attention", bool(attention))
        if attention:
            bg, fg, border = LIGHT.danger_bg, LIGHT.danger, LIGHT.danger
        else:
            bg, fg, border = LIGHT.surface_alt, LIGHT.text, LIGHT.border
        self.queue.setStyleSheet(
            _QUEUE_QSS.format(size=LIGHT.font_small + 1, bg=bg, fg=fg, border=border)
        )

    def _render_connection(self) -> None:
        state = self._state
        text = {
            ConnectionState.ONLINE: self.tr("Online"),
            ConnectionState.DEGRADED: self.tr("Slow connection"),
            ConnectionState.OFFLINE: self.tr("Offline"),
            ConnectionState.UNKNOWN: self.tr("Connecting…"),
        }[state]
        if self._as_of is not None and state is not ConnectionState.ONLINE:
            clock = format_timestamp(self._as_of)
            text = self.tr("%1 — as of %2").replace("%1", text).replace("%2", clock)
        self.connection.setText(f'<span style="color:{_DOT[state]}">●</span> {text}')
        self.connection.setAccessibleName(self.tr("Connection state: %1").replace("%1", text))
        self.connection.setProperty("state", state.value)
