"""Bodies every domain shares: the base of a write, the health check (the contract the
app's client mirrors)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

#: the most lines one request may carry
MAX_LINES = 100


class WriteBody(BaseModel):
    """The body of a write: an unknown field is refused, not silently ignored. Its numbers
    and booleans are ``StrictInt`` / ``StrictBool`` (``true`` or ``"1"`` is no quantity);
    money stays ``Decimal``, sent as a string."""

    model_config = ConfigDict(extra="forbid")


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str
    time: str
