"""One write a flow queues and follows to its end: the one queued-write object (issue #21).

Every flow's write (a hand-over, a check-in, a return, an endless-aisle order ...) goes the
same way: appended to the durable outbox with its idempotency key (and the flow's local
record, in the same transaction), the sync engine woken, then followed until the server
answered (``DONE``, with the answer) or refused it (``REFUSED``, with the problem). When the
network fails meanwhile, or the write waits behind one that failed, it is ``SAVED``: safe in
the outbox, sent later, so the associate may take the next customer.

A flow holds one :class:`QueuedWrite` per kind of write and reads :attr:`QueuedWrite.state`
(an :class:`~kiosk_app.kernel.observable.Observable`); it maps the outcome to its own view
and message, nothing else. The write is matched by its idempotency key, whatever entry id a
re-append returned.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk_app.kernel.observable import Observable
from kiosk_app.kernel.outbox.entry import OutboxEntry, Problem
from kiosk_app.kernel.outbox.events import ConnectionReport
from kiosk_app.kernel.outbox.store import LocalRecord, Outbox
from kiosk_app.kernel.outbox.sync import SyncEngine


class WritePhase(enum.StrEnum):
    IDLE = "idle"  # nothing queued (or forgotten)
    SENDING = "sending"  # queued, the sync engine is sending it now
    SAVED = "saved"  # queued and safe, sent when the network (or the write before it) is back
    DONE = "done"  # the server took it: ``answer`` is its response body
    REFUSED = "refused"  # the server refused it: ``problem`` says why


@dataclass(frozen=True)
class WriteState:
    phase: WritePhase = WritePhase.IDLE
    idempotency_key: str | None = None
    entry_id: int | None = None
    answer: Any = None  # the response body once DONE
    problem: Problem | None = None  # once REFUSED

    @property
    def pending(self) -> bool:
        """Queued and not answered yet (sending or saved)."""
        return self.phase in (WritePhase.SENDING, WritePhase.SAVED)


class QueuedWrite:
    """Queue one kind of write and follow the last one queued."""

    def __init__(self, outbox: Outbox, sync: SyncEngine | None, op: str) -> None:
        self._outbox = outbox
        self._sync = sync
        self.op = op
        self.state: Observable[WriteState] = Observable(WriteState())
        self._unsubscribe: list[Callable[[], None]] = []
        if sync is not None:
            self._unsubscribe = [
                sync.events.delivered.subscribe(self._on_delivered),
                sync.events.needs_attention.subscribe(self._on_needs_attention),
                sync.events.connection.subscribe(self._on_connection),
            ]

    def send(
        self,
        method: str,
        path: str,
        body: dict[str, Any],
        *,
        idempotency_key: str,
        local_record: LocalRecord | None = None,
    ) -> OutboxEntry:
        """Queue the write (``local_record`` in the same transaction) and wake the sync.

        Sending again with the same key (a double tap, a retry) returns the entry already
        queued: the server sees the write once.
        """
        entry = self._outbox.append(
            self.op,
            method,
            path,
            body,
            local_record=local_record,
            idempotency_key=idempotency_key,
        )
        waiting = self._outbox.behind_a_failed_send(entry.id)  # no answer will come soon
        phase = WritePhase.SAVED if waiting else WritePhase.SENDING
        self.state.set(WriteState(phase, idempotency_key, entry.id))
        if self._sync is not None:
            self._sync.wake()
        return entry

    def forget(self) -> None:
        """Stop following the write (the flow moved on); it stays in the outbox if pending."""
        self.state.set(WriteState())

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []

    # -- the sync engine's events --------------------------------------------------------------
    def _follows(self, entry: OutboxEntry) -> bool:
        state = self.state.value
        return state.pending and entry.idempotency_key == state.idempotency_key

    def _on_delivered(self, entry: OutboxEntry) -> None:
        if self._follows(entry):
            state = self.state.value
            self.state.set(
                WriteState(
                    WritePhase.DONE, state.idempotency_key, entry.id, answer=entry.response_body
                )
            )

    def _on_needs_attention(self, entry: OutboxEntry) -> None:
        if self._follows(entry):
            state = self.state.value
            problem = entry.problem or Problem(status=entry.response_status)
            self.state.set(
                WriteState(WritePhase.REFUSED, state.idempotency_key, entry.id, problem=problem)
            )

    def _on_connection(self, report: ConnectionReport) -> None:
        state = self.state.value
        if not report.ok and state.phase is WritePhase.SENDING:
            self.state.set(WriteState(WritePhase.SAVED, state.idempotency_key, state.entry_id))


__all__ = ["QueuedWrite", "WritePhase", "WriteState"]
