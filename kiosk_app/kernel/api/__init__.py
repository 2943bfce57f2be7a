"""Async client of the central API."""

from kiosk_app.kernel.api.client import ApiClient, Timeouts
from kiosk_app.kernel.api.errors import (
    ApiError,
    ApiTimeout,
    ApiUnavailable,
    Conflict,
    Forbidden,
    IdempotencyKeyReused,
    InvalidRequest,
    NotFound,
    ServerError,
    Unauthorized,
    UnexpectedResponse,
)

__all__ = [
    "ApiClient",
    "ApiError",
    "ApiTimeout",
    "ApiUnavailable",
    "Conflict",
    "Forbidden",
    "IdempotencyKeyReused",
    "InvalidRequest",
    "NotFound",
    "ServerError",
    "Timeouts",
    "Unauthorized",
    "UnexpectedResponse",
]
