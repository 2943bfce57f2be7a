"""Typed errors of the central API client.

problem+json answers map to one class per meaning, keyed by the problem's stable ``type``
first and the HTTP status second; transport failures have their own classes so the UI can
say "the network is down" rather than "error 0".
"""

from __future__ import annotations

from typing import Any

PROBLEM_BASE = "https://api.omnistore.example/problems/"


class ApiError(Exception):
    """Base of everything the client raises."""

    retryable = False

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        problem_type: str | None = None,
        detail: str | None = None,
        body: Any = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.problem_type = problem_type
        self.detail = detail
        self.body = body

    @property
    def slug(self) -> str | None:
        """The last part of the problem type, e.g. ``invalid-gtin``."""
        if self.problem_type and self.problem_type.startswith(PROBLEM_BASE):
            return self.problem_type[len(PROBLEM_BASE) :]
        return None


class InvalidRequest(ApiError):
    """400/422: the request itself is wrong (bad GTIN, missing field)."""


class Unauthorized(ApiError):
    """401: token missing, unknown or revoked."""


class Forbidden(ApiError):
    """403: authenticated but not allowed."""


class NotFound(ApiError):
    """404."""


class Conflict(ApiError):
    """409: the business state changed (collected elsewhere, stock gone)."""


class IdempotencyKeyReused(InvalidRequest):
    """422: the key was already used for another request."""


class ServerError(ApiError):
    """5xx: the server failed; safe to retry later."""

    retryable = True


class ApiUnavailable(ApiError):
    """The server could not be reached (DNS, refused, network down)."""

    retryable = True


class ApiTimeout(ApiError):
    """No answer in time. For a write this means "unknown": replay with the same key."""

    retryable = True


class UnexpectedResponse(ApiError):
    """The answer did not have the expected shape (malformed JSON, wrong fields)."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: InvalidRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    422: InvalidRequest,
}

_BY_SLUG: dict[str, type[ApiError]] = {"idempotency-key-reused": IdempotencyKeyReused}


def error_from_response(status: int, body: Any) -> ApiError:
    problem = body if isinstance(body, dict) else {}
    ptype = problem.get("type") if isinstance(problem.get("type"), str) else None
    title = problem.get("title") if isinstance(problem.get("title"), str) else None
    detail = problem.get("detail") if isinstance(problem.get("detail"), str) else None
    cls: type[ApiError] | None = None
    if ptype and ptype.startswith(PROBLEM_BASE):
        cls = _BY_SLUG.get(ptype[len(PROBLEM_BASE) :])
    if cls is None:
        cls = ServerError if status >= 500 else _BY_STATUS.get(status, ApiError)
    message = detail or title or f"HTTP {status}"
    return cls(message, status=status, problem_type=ptype, detail=detail, body=body)
