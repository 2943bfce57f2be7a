"""Settings of the reference API process."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServerSettings:
    db_url: str
    seed: int = 42
    enrollment_token: str = "demo-enrollment"
    latency_ms: int = 0
