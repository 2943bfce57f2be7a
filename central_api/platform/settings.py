"""Settings of the reference API process."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from central_api.platform.keys import KeyRing, default_key_file, load_key_file

#: how long an enrollment token enrolls devices, unless said otherwise
ENROLLMENT_TTL = timedelta(days=7)


@dataclass(frozen=True)
class ServerSettings:
    db_url: str
    seed: int = 42
    enrollment_token: str = "demo-enrollment"
    latency_ms: int = 0
    #: the key file (0600); None: beside a SQLite database, else in the user's data dir
    key_file: Path | None = None
    #: how long the command-line enrollment token enrolls devices after its first use
    enrollment_token_ttl: timedelta = ENROLLMENT_TTL
    #: live events (``GET /v1/events``): a comment line after this long without an event
    events_heartbeat_s: float = 15.0
    #: how often a reader reads the log without being woken (a missed wake-up's delay)
    events_poll_s: float = 10.0
    #: how long events are kept; an older cursor gets ``resync``
    events_retention: timedelta = timedelta(days=7)

    @property
    def key_path(self) -> Path:
        return self.key_file or default_key_file(self.db_url)

    def load_keys(self) -> KeyRing:
        """The server's keys, from its key file (created with random keys if missing)."""
        return load_key_file(self.key_path)
