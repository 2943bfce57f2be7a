"""Durable outbox of writes for the central API and the engine that delivers them exactly once.

Qt-free: the UI subscribes to :attr:`SyncEngine.events`.
"""

from kiosk_app.kernel.outbox.backoff import BackoffPolicy
from kiosk_app.kernel.outbox.entry import EntryStatus, OutboxEntry, Problem
from kiosk_app.kernel.outbox.events import ConnectionReport, EventStream, QueueCounts, SyncEvents
from kiosk_app.kernel.outbox.http_sender import HttpxSender, classify_response, parse_retry_after
from kiosk_app.kernel.outbox.outcome import LinkOutcome, OutcomeKind, SendOutcome
from kiosk_app.kernel.outbox.queued_write import QueuedWrite, WritePhase, WriteState
from kiosk_app.kernel.outbox.schema import SchemaTooNewError, migrate, schema_version
from kiosk_app.kernel.outbox.store import (
    ChangeKind,
    EntryNotFoundError,
    IdempotencyKeyReusedError,
    InvalidTransitionError,
    Outbox,
    OutboxError,
)
from kiosk_app.kernel.outbox.sync import DrainSummary, Sender, SyncEngine

__all__ = [
    "BackoffPolicy",
    "ChangeKind",
    "ConnectionReport",
    "DrainSummary",
    "EntryNotFoundError",
    "EntryStatus",
    "EventStream",
    "HttpxSender",
    "IdempotencyKeyReusedError",
    "InvalidTransitionError",
    "LinkOutcome",
    "Outbox",
    "OutboxEntry",
    "OutboxError",
    "OutcomeKind",
    "Problem",
    "QueueCounts",
    "QueuedWrite",
    "SchemaTooNewError",
    "SendOutcome",
    "Sender",
    "SyncEngine",
    "SyncEvents",
    "WritePhase",
    "WriteState",
    "classify_response",
    "migrate",
    "parse_retry_after",
    "schema_version",
]
