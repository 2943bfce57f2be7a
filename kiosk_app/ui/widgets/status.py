"""Status bar: store, device, mode and connection state (text + colour dot)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from kiosk_app.core.connection import ConnectionState

_DOT = {
    ConnectionState.ONLINE: "#1d7a46",
    ConnectionState.DEGRADED: "#c77700",
    ConnectionState.OFFLINE: "#b3261e",
    ConnectionState.UNKNOWN: "#8a8f9c",
}


class AppStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.store = QLabel()
        self.device = QLabel()
        self.connection = QLabel()
        self.connection.setAccessibleName(self.tr("Connection state"))
        self.addWidget(self.store)
        self.addWidget(self.device)
        self.addPermanentWidget(self.connection)
        self.set_connection(ConnectionState.UNKNOWN)

    def set_identity(self, store: str, device: str, mode: str) -> None:
        self.store.setText(self.tr("Store: %1").replace("%1", store))
        mode_text = self.tr("associate") if mode == "associate" else self.tr("kiosk")
        self.device.setText(
            self.tr("Device: %1 (%2)").replace("%1", device).replace("%2", mode_text)
        )

    def set_connection(self, state: ConnectionState) -> None:
        text = {
            ConnectionState.ONLINE: self.tr("Online"),
            ConnectionState.DEGRADED: self.tr("Slow connection"),
            ConnectionState.OFFLINE: self.tr("Offline"),
            ConnectionState.UNKNOWN: self.tr("Connecting…"),
        }[state]
        self.connection.setText(f'<span style="color:{_DOT[state]}">●</span> {text}')
        self.connection.setProperty("state", state.value)
