"""Tables of the live event log: the events, and the sequence that numbers them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from central_api.platform.db import Base

#: a 64-bit id on PostgreSQL; SQLite's INTEGER is 64-bit already
EventId = BigInteger().with_variant(Integer(), "sqlite")


class EventRow(Base):
    """One change, written in the transaction that made it (``central_api.events.log``).

    ``id`` comes from ``EventSequence`` at commit, never from an autoincrement: ids are in
    commit order. ``store_id`` is the store (or warehouse) the event is about; who may read
    it is decided by its ``topic`` (``central_api.events.shapes``).
    """

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(EventId, primary_key=True, autoincrement=False)
    topic: Mapped[str] = mapped_column(String(16))  # stock | pickup | order | return
    type: Mapped[str] = mapped_column(String(40))  # e.g. pickup.checked_in
    store_id: Mapped[int | None] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(80))  # order number, SKU@location, …
    payload: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EventSequence(Base):
    """Two marks: ``head`` (the last id given) and ``purged`` (ids up to it are deleted).

    Writers take ``head`` with ``UPDATE … RETURNING`` just before they commit; the row lock
    it takes lasts until the commit, which is what puts ids in commit order.
    """

    __tablename__ = "event_sequence"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[int] = mapped_column(EventId, default=0)
