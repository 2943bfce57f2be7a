"""Sync page (associates): writes waiting to be sent, and those that need a person.

Renders a :class:`QueueSnapshot` from the core; every action goes through
:class:`SyncQueue` (retry now, retry all, dismiss with a required note). Nothing is
dropped silently: a failed or conflicting write stays here until a person dismisses it
with a note saying what was done, and dismissed writes stay listed with that note.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.kernel.connection import ConnectionState
from kiosk_app.kernel.offline.policy import DEFAULT_POLICY, OfflinePolicy
from kiosk_app.kernel.offline.queue_view import Advice, EntryView, OpKind, QueueSnapshot, SyncQueue
from kiosk_app.kernel.offline.read_cache import ReadCache
from kiosk_app.kernel.outbox import EntryStatus, OutboxError, QueueCounts
from kiosk_app.kernel.routing import Destination
from kiosk_app.ui.dates import format_timestamp
from kiosk_app.ui.offline_text import flow_names
from kiosk_app.ui.offline_text import offline_decision_text as offline_decision_text  # moved
from kiosk_app.ui.widgets.common import Card, button, clear_layout, label, set_tone
from kiosk_app.ui.widgets.focus_order import chain_in_layout_order
from kiosk_app.ui.widgets.notice import Notice
from kiosk_app.ui.widgets.status import AppStatusBar
from kiosk_app.ui.widgets.touch import make_kinetic

if TYPE_CHECKING:
    from kiosk_app.ui.navigator import FlowHost

log = logging.getLogger(__name__)
REFRESH_MS = 5000  # ages and retry timers move on while the page is open


def _structure(snapshot: QueueSnapshot) -> tuple[object, ...]:
    """What changes the layout (ages alone only update labels)."""
    return tuple(
        (e.id, e.status, e.attempts, e.last_error, e.advice, e.note)
        for group in (snapshot.attention, snapshot.pending, snapshot.dismissed)
        for e in group
    )


class DismissPanel(QWidget):
    """Required note (quick picks or typed), then confirm: closes one needs-attention entry."""

    confirmed = Signal(int, str)
    cancelled = Signal()

    def __init__(self, entry_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry_id = entry_id
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(8)
        column.addWidget(
            label(self.tr("Note (required): what did you do about it?"), "section", wrap=True)
        )
        picks = QGridLayout()
        picks.setSpacing(8)
        for index, text in enumerate(
            (
                self.tr("Done on another device"),
                self.tr("Customer informed"),
                self.tr("Redone on this device"),
                self.tr("IT support called"),
            )
        ):
            chip = button(text, "chip")
            chip.clicked.connect(lambda _=False, t=text: self._pick(t))
            picks.addWidget(chip, index // 2, index % 2)
        column.addLayout(picks)
        self.note = QLineEdit()
        self.note.setMinimumHeight(56)
        self.note.setMaxLength(300)
        self.note.setPlaceholderText(self.tr("Type or tap a note above"))
        self.note.setAccessibleName(self.tr("Dismiss note"))
        self.note.textChanged.connect(self._update)
        self.note.returnPressed.connect(self._confirm)
        column.addWidget(self.note)
        actions = QHBoxLayout()
        self.confirm = button(self.tr("Confirm dismiss"), "primary")
        self.confirm.clicked.connect(self._confirm)
        self.cancel = button(self.tr("Cancel"))
        self.cancel.clicked.connect(self.cancelled.emit)
        actions.addWidget(self.confirm)
        actions.addWidget(self.cancel)
        actions.addStretch(1)
        column.addLayout(actions)
        self._update()

    def _pick(self, text: str) -> None:
        current = self.note.text().strip()
        self.note.setText(f"{current}; {text}" if current and text not in current else text)

    def _update(self) -> None:
        self.confirm.setEnabled(bool(self.note.text().strip()))

    def _confirm(self) -> None:
        note = self.note.text().strip()
        if note:
            self.confirmed.emit(self.entry_id, note)


class SyncScreen(QWidget):
    """Pending and needs-attention writes with their age, problem and what to do."""

    retry_requested = Signal(int)
    retry_all_requested = Signal()
    dismiss_requested = Signal(int, str)
    visibility_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._structure: tuple[object, ...] | None = None
        self._snapshot: QueueSnapshot | None = None
        self._age_labels: list[tuple[QLabel, EntryView]] = []
        self._dismissing: int | None = None
        self._drafts: dict[int, str] = {}
        self.dismiss_panel: DismissPanel | None = None
        self.retry_buttons: dict[int, QPushButton] = {}
        self.dismiss_buttons: dict[int, QPushButton] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(label(self.tr("Sync"), "title"))
        self.summary = label("", "muted", wrap=True)
        titles.addWidget(self.summary)
        head.addLayout(titles, 1)
        self.retry_all = button(self.tr("Retry all now"), "primary")
        self.retry_all.clicked.connect(self.retry_all_requested.emit)
        head.addWidget(self.retry_all, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(head)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        outer.addLayout(columns, 1)
        # the messages are about the list: their room is kept over it, in its column
        left = QVBoxLayout()
        left.setSpacing(12)
        columns.addLayout(left, 2)
        self.notice = Notice()
        self.notice.reserve_in(left)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_kinetic(scroll)
        content = QWidget()
        scroll.setWidget(content)
        self.lists = QVBoxLayout(content)
        self.lists.setContentsMargins(0, 0, 0, 0)
        self.lists.setSpacing(12)
        left.addWidget(scroll, 1)

        side = QVBoxLayout()
        side.setSpacing(12)
        self.link_card = Card(self.tr("Connection"))
        self.link_text = label("", wrap=True)
        self.link_card.body.addWidget(self.link_text)
        side.addWidget(self.link_card)
        self.policy_card = Card(self.tr("What works offline"))
        self.policy_rows = QVBoxLayout()
        self.policy_rows.setSpacing(6)
        self.policy_card.body.addLayout(self.policy_rows)
        side.addWidget(self.policy_card)
        for card in (self.link_card, self.policy_card):
            card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setFixedWidth(330)
        columns.addWidget(side_widget)
        self.set_connection(ConnectionState.UNKNOWN, None)
        self.set_policy(DEFAULT_POLICY)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibility_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibility_changed.emit(False)

    # -- texts --------------------------------------------------------------------------------
    def op_text(self, kind: OpKind, op: str) -> str:
        return {
            OpKind.PICKUP_COMPLETE: self.tr("Pickup handed over"),
            OpKind.PICKUP_CHECK_IN: self.tr("Pickup check-in"),
            OpKind.RETURN: self.tr("Return and refund"),
            OpKind.ENDLESS_AISLE_ORDER: self.tr("Endless-aisle order"),
            OpKind.ENDLESS_AISLE_PAYMENT: self.tr("Endless-aisle payment"),
            OpKind.DEVICE_ENROLL: self.tr("Device enrollment"),
        }.get(kind, op)

    def advice_text(self, advice: Advice) -> str:
        return {
            Advice.WILL_SEND: self.tr("Will be sent in a moment. Nothing to do."),
            Advice.WAITING_FOR_NETWORK: self.tr(
                "Waiting for the network: it is sent automatically when the central system "
                "answers. Nothing to do."
            ),
            Advice.ANSWER_UNKNOWN: self.tr(
                "Sent, but no answer came back. It is re-sent safely and can never be "
                "applied twice. Nothing to do."
            ),
            Advice.DONE_ELSEWHERE: self.tr(
                "Already done elsewhere (another device or the customer). Check the order; "
                "if nothing is missing, dismiss with a note."
            ),
            Advice.STATE_CHANGED: self.tr(
                "The order changed meanwhile (cancelled, expired or stock gone). Check it, "
                "tell the customer, then dismiss with a note saying what you did."
            ),
            Advice.REDO: self.tr(
                "The central system refused the data. Redo the operation from its screen, "
                "then dismiss this one with a note."
            ),
            Advice.CALL_IT: self.tr(
                "This device was refused (rights, token or software). Call IT support; "
                "retry once they have fixed it."
            ),
        }[advice]

    def age_text(self, seconds: float) -> str:
        s = int(max(0, seconds))
        if s < 60:
            return self.tr("just now")
        if s < 3600:
            return self.tr("%1 min ago").replace("%1", str(s // 60))
        if s < 86400:
            return (
                self.tr("%1 h %2 min ago")
                .replace("%1", str(s // 3600))
                .replace("%2", str(s % 3600 // 60))
            )
        return self.tr("%n day(s) ago", "", s // 86400)

    def _title(self, entry: EntryView) -> str:
        what = self.op_text(entry.kind, entry.op)
        if entry.reference:
            return self.tr("%1 · %2").replace("%1", what).replace("%2", entry.reference)
        return what

    def _facts(self, entry: EntryView) -> str:
        queued = self.tr("Queued %1").replace("%1", self.age_text(entry.age_s))
        if entry.attempts == 0:
            return queued
        tries = self.tr("attempts: %1").replace("%1", str(entry.attempts))
        return f"{queued} · {tries}"

    # -- rendering ----------------------------------------------------------------------------
    def set_connection(self, state: ConnectionState, as_of: float | None) -> None:
        text = {
            ConnectionState.ONLINE: self.tr("Online: writes are sent as they happen."),
            ConnectionState.DEGRADED: self.tr(
                "Slow or failing connection: writes wait here and are retried."
            ),
            ConnectionState.OFFLINE: self.tr(
                "Offline: writes wait here and are sent when the network is back."
            ),
            ConnectionState.UNKNOWN: self.tr("Checking the connection…"),
        }[state]
        if as_of is not None and state is not ConnectionState.ONLINE:
            clock = format_timestamp(as_of)
            text += "\n" + self.tr("Screens show last known data as of %1.").replace("%1", clock)
        self.link_text.setText(text)

    def set_policy(self, policy: OfflinePolicy) -> None:
        names = flow_names()
        clear_layout(self.policy_rows)
        for flow, name in names.items():
            allowed = policy.rule(flow.value) == "allow"
            verdict = self.tr("works offline") if allowed else self.tr("needs the network")
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            mark = label("✓" if allowed else "✕")  # the sign and the words carry the meaning
            set_tone(mark, "success" if allowed else "danger")  # the theme's colours
            line.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
            words = QVBoxLayout()
            words.setSpacing(0)
            words.addWidget(label(name, wrap=True))
            words.addWidget(label(verdict, "muted", wrap=True))
            line.addLayout(words, 1)
            row.setAccessibleName(f"{name}: {verdict}")
            self.policy_rows.addWidget(row)

    def show_snapshot(self, snapshot: QueueSnapshot) -> None:
        self._snapshot = snapshot
        pending, attention = len(snapshot.pending), len(snapshot.attention)
        self.summary.setText(self._summary(pending, attention))
        self.retry_all.setEnabled(
            pending > 0 or any(e.status is EntryStatus.FAILED for e in snapshot.attention)
        )
        structure = _structure(snapshot)
        if structure == self._structure:
            for widget, entry in self._age_labels:
                fresh = self._find(snapshot, entry.id)
                if fresh is not None:
                    widget.setText(self._facts(fresh))
            return
        self._structure = structure
        self._rebuild(snapshot)

    def _summary(self, pending: int, attention: int) -> str:
        if not pending and not attention:
            return self.tr("Everything has been sent to the central system.")
        parts = []
        if pending:
            parts.append(self.tr("%1 waiting to be sent").replace("%1", str(pending)))
        if attention:
            parts.append(self.tr("%n need(s) attention", "", attention))
        return " · ".join(parts)

    @staticmethod
    def _find(snapshot: QueueSnapshot, entry_id: int) -> EntryView | None:
        for group in (snapshot.attention, snapshot.pending, snapshot.dismissed):
            for entry in group:
                if entry.id == entry_id:
                    return entry
        return None

    def _rebuild(self, snapshot: QueueSnapshot) -> None:
        if self.dismiss_panel is not None:
            self._drafts[self.dismiss_panel.entry_id] = self.dismiss_panel.note.text()
        self.dismiss_panel = None
        self._age_labels.clear()
        self.retry_buttons.clear()
        self.dismiss_buttons.clear()
        clear_layout(self.lists)
        if snapshot.attention:
            heading = self.tr("Needs attention (%1)").replace("%1", str(len(snapshot.attention)))
            self.lists.addWidget(label(heading.upper(), "section"))
            for entry in snapshot.attention:
                self.lists.addWidget(self._attention_card(entry))
        pending_card = Card(
            self.tr("Waiting to be sent (%1)").replace("%1", str(len(snapshot.pending)))
        )
        if snapshot.pending:
            for entry in snapshot.pending:
                pending_card.body.addWidget(self._pending_row(entry))
        else:
            pending_card.body.addWidget(label(self.tr("Nothing waiting."), "muted"))
        self.lists.addWidget(pending_card)
        if snapshot.dismissed:
            done = Card(self.tr("Dismissed recently"))
            for entry in snapshot.dismissed:
                text = (
                    self.tr("%1 — note: %2")
                    .replace("%1", self._title(entry))
                    .replace("%2", entry.note or "")
                )
                done.body.addWidget(label(text, "muted", wrap=True))
            self.lists.addWidget(done)
        self.lists.addStretch(1)
        if self._dismissing is not None and self._find(snapshot, self._dismissing) is None:
            self._dismissing = None
        chain_in_layout_order(self)  # the new buttons: card by card, not after the rail

    def _chip(self, entry: EntryView) -> QWidget:
        conflict = entry.status is EntryStatus.CONFLICT
        chip = label(self.tr("Conflict") if conflict else self.tr("Refused"))
        chip.setProperty("chip", "danger")  # styled by the theme
        return chip

    def _attention_card(self, entry: EntryView) -> Card:
        card = Card()
        top = QHBoxLayout()
        title = label(self._title(entry), wrap=True)
        title.setStyleSheet("font-size: 21px; font-weight: 700;")
        top.addWidget(title, 1)
        top.addWidget(self._chip(entry), 0, Qt.AlignmentFlag.AlignTop)
        card.body.addLayout(top)
        facts = label(self._facts(entry), "muted")
        self._age_labels.append((facts, entry))
        card.body.addWidget(facts)
        if entry.problem_text:
            said = self.tr("What happened: %1").replace("%1", entry.problem_text)
            card.body.addWidget(label(said, wrap=True))
        todo = label(
            self.tr("What to do: %1").replace("%1", self.advice_text(entry.advice)), wrap=True
        )
        todo.setStyleSheet("font-weight: 600;")
        card.body.addWidget(todo)
        actions = QHBoxLayout()
        if entry.can_retry:
            retry = button(self.tr("Retry now"))
            retry.clicked.connect(lambda _=False, i=entry.id: self.retry_requested.emit(i))
            actions.addWidget(retry)
            self.retry_buttons[entry.id] = retry
        dismiss = button(self.tr("Dismiss…"))
        dismiss.clicked.connect(lambda _=False, i=entry.id, c=card: self._open_dismiss(i, c))
        actions.addWidget(dismiss)
        self.dismiss_buttons[entry.id] = dismiss
        actions.addStretch(1)
        card.body.addLayout(actions)
        if self._dismissing == entry.id:
            self._open_dismiss(entry.id, card)
        return card

    def _pending_row(self, entry: EntryView) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 4, 0, 4)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(label(self._title(entry), wrap=True))
        facts = label(self._facts(entry), "muted")
        self._age_labels.append((facts, entry))
        texts.addWidget(facts)
        texts.addWidget(label(self.advice_text(entry.advice), "muted", wrap=True))
        line.addLayout(texts, 1)
        retry = button(self.tr("Retry now"))
        retry.clicked.connect(lambda _=False, i=entry.id: self.retry_requested.emit(i))
        line.addWidget(retry, 0, Qt.AlignmentFlag.AlignVCenter)
        self.retry_buttons[entry.id] = retry
        return row

    def _open_dismiss(self, entry_id: int, card: Card) -> None:
        if self.dismiss_panel is not None:
            if self.dismiss_panel.entry_id == entry_id:
                return
            self._drafts[self.dismiss_panel.entry_id] = self.dismiss_panel.note.text()
            self.dismiss_panel.setParent(None)
            self.dismiss_panel.deleteLater()
        panel = DismissPanel(entry_id)
        panel.note.setText(self._drafts.get(entry_id, ""))
        panel.confirmed.connect(self.dismiss_requested.emit)
        panel.cancelled.connect(self._close_dismiss)
        card.body.addWidget(panel)
        panel.show()  # the card may already be on screen
        self.dismiss_panel = panel
        self._dismissing = entry_id
        chain_in_layout_order(self)  # the note and its buttons: inside their card
        panel.note.setFocus()

    def _close_dismiss(self) -> None:
        if self.dismiss_panel is not None:
            self._drafts.pop(self.dismiss_panel.entry_id, None)
            self.dismiss_panel.setParent(None)
            self.dismiss_panel.deleteLater()
        self.dismiss_panel = None
        self._dismissing = None

    def forget_dismiss(self, entry_id: int) -> None:
        """The entry was dismissed: drop its draft note and close its panel."""
        self._drafts.pop(entry_id, None)
        if self._dismissing == entry_id:
            self._close_dismiss()


class SyncFlow(QObject):
    """Plugs the Sync page into the window (associates only) and feeds the status bar."""

    handles: tuple[str, ...] = ("sync",)

    def __init__(
        self,
        window: FlowHost,
        queue: SyncQueue,
        *,
        policy: OfflinePolicy = DEFAULT_POLICY,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        services = window.services
        self.queue = queue
        self._screen = SyncScreen()
        self._screen.set_policy(policy)
        self._status: AppStatusBar | None = None
        self._unsubscribe: list[Callable[[], None]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._screen.retry_requested.connect(self.retry)
        self._screen.retry_all_requested.connect(self.retry_all)
        self._screen.dismiss_requested.connect(self.dismiss)
        self._screen.visibility_changed.connect(lambda _visible: self.refresh())
        self._unsubscribe.append(services.connection.state.subscribe(self._on_connection))
        cache = services.client.read_cache
        if isinstance(cache, ReadCache):
            self._unsubscribe.append(cache.served_as_of.subscribe(self._on_as_of))
        self._unsubscribe.append(services.sync.events.queue_counts.subscribe(self._on_counts))
        self._unsubscribe.append(
            services.sync.events.needs_attention.subscribe(lambda _e: self.refresh())
        )
        self._screen.destroyed.connect(lambda *_: self._detach())
        # The window creates its status bar after the flows: attach once it exists.
        QTimer.singleShot(0, self._attach_from_window)
        self.refresh()

    # -- Flow protocol ------------------------------------------------------------------------
    def nav_label(self) -> str | None:
        return self.tr("Sync")

    def screen(self) -> QWidget:
        return self._screen

    def modes(self) -> tuple[str, ...]:
        return ("associate",)

    def open(self, destination: Destination) -> None:
        self.refresh()

    # -- status bar ---------------------------------------------------------------------------
    def _attach_from_window(self) -> None:
        self.attach_status_bar(self.window.status)

    def attach_status_bar(self, status: AppStatusBar) -> None:
        """Show the outbox counts and the cache's "as of" in ``status``; tap → this page."""
        if self._status is status:
            return
        self._status = status
        services = self.window.services
        associate = services.mode in self.modes()
        if associate:
            status.keep_queue_room()
            self._unsubscribe.append(
                services.sync.events.queue_counts.subscribe(
                    lambda c: status.set_queue(c.pending, c.needs_attention)
                )
            )
            status.queue_clicked.connect(self.show)
        cache = services.client.read_cache
        if isinstance(cache, ReadCache):
            self._unsubscribe.append(cache.served_as_of.subscribe(status.set_as_of))

    def show(self) -> None:
        self.window.show_screen(self._screen)
        self.refresh()

    # -- actions ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._screen.show_snapshot(self.queue.snapshot())
        if self._screen.isVisible():
            self._timer.start()
        else:
            self._timer.stop()

    def retry(self, entry_id: int) -> None:
        try:
            self.queue.retry(entry_id)
        except OutboxError as exc:
            log.info("retry of outbox entry %s refused: %s", entry_id, exc)
            self._screen.notice.show_message(
                self.tr("This operation changed meanwhile; the list is up to date now."), "info"
            )
        self.refresh()

    def retry_all(self) -> None:
        self.queue.retry_all()
        self._screen.notice.show_message(self.tr("Sending everything now."), "info")
        self.refresh()

    def dismiss(self, entry_id: int, note: str) -> None:
        try:
            self.queue.dismiss(entry_id, note)
        except (OutboxError, ValueError) as exc:
            log.info("dismiss of outbox entry %s refused: %s", entry_id, exc)
            self._screen.notice.show_message(
                self.tr("This operation changed meanwhile; the list is up to date now."), "info"
            )
        else:
            self._screen.notice.show_message(
                self.tr("Dismissed. The note is kept with the operation."), "success"
            )
        self._screen.forget_dismiss(entry_id)
        self.refresh()

    # -- subscriptions ------------------------------------------------------------------------
    def _on_counts(self, _counts: QueueCounts) -> None:
        self.refresh()

    def _on_connection(self, state: ConnectionState) -> None:
        cache = self.window.services.client.read_cache
        as_of = cache.served_as_of.value if isinstance(cache, ReadCache) else None
        self._screen.set_connection(state, as_of)

    def _on_as_of(self, _as_of: float | None) -> None:
        self._on_connection(self.window.services.connection.state.value)

    def _detach(self) -> None:
        with contextlib.suppress(RuntimeError):  # the timer may be gone already at exit
            self._timer.stop()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
