"""Proof, made offline, of which staff member made a queued write.

A write queued in the outbox (a pickup handed over offline) may reach the API after the
associate signed out; their staff token is gone by then. At sign-in the API gives, next to
the staff token, an *action key* for that session (memory only, like the token). When the
associate confirms a write, the app signs it with that key: HMAC-SHA256 over the method,
path, Idempotency-Key, the moment and the staff ID and session. The API, which can derive
the key again from its key file, then records that person as the author for 24 hours after
the moment, whoever is signed in (or nobody) when the write arrives. The proof stands for
that one write: it cannot be moved to another order or another Idempotency-Key, and a copy
of ``outbox.db`` holds no key to make new ones.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass, field
from urllib.parse import unquote

from kiosk_app.kernel.outbox.http_sender import occurred_at

PROOF_FIELD = "staff_proof"
_MESSAGE_VERSION = "omnistore-staff-action-v1"


@dataclass(frozen=True)
class ActionProofKey:
    """The signed-in session's action key (``action_key`` of ``POST /v1/staff/sessions``)."""

    session_id: str
    staff_id: str
    secret: bytes = field(repr=False)

    @classmethod
    def from_api(cls, session_id: str, staff_id: str, action_key: str) -> ActionProofKey | None:
        """None when the API gave no key (an older server: writes go without a proof)."""
        if not action_key:
            return None
        padded = action_key + "=" * (-len(action_key) % 4)
        return cls(session_id, staff_id, base64.urlsafe_b64decode(padded))

    def prove(
        self, method: str, path: str, idempotency_key: str, created_at: float
    ) -> dict[str, str]:
        """The ``staff_proof`` of one write made at ``created_at`` (epoch seconds)."""
        moment = occurred_at(created_at)
        message = "\n".join(
            (
                _MESSAGE_VERSION,
                method.upper(),
                unquote(path),
                idempotency_key,
                moment,
                self.staff_id,
                self.session_id,
            )
        ).encode()
        signature = hmac.new(self.secret, message, hashlib.sha256).digest()
        return {
            "session_id": self.session_id,
            "staff_id": self.staff_id,
            "occurred_at": moment,
            "signature": base64.urlsafe_b64encode(signature).decode().rstrip("="),
        }
