"""Return numbers (``RT-PAR01-000042``), a sequence on PostgreSQL
(``central_api.platform.numbering``)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central_api.platform.numbering import next_serial, serial_sequence
from central_api.returns.models import Return


def _last_return_serial(session: Session) -> int:
    return int(session.scalar(select(func.max(Return.id))) or 0)


RETURN_SERIALS = serial_sequence("return_serial", _last_return_serial)


def next_return_number(session: Session, store_code: str) -> str:
    return f"RT-{store_code}-{next_serial(session, RETURN_SERIALS):06d}"
