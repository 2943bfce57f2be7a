"""Bodies of the store reads."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StoreOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    kind: str
    city: str
    postcode: str
    address: str
    latitude: float
    longitude: float
