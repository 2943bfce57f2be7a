"""Async client of the central API."""

from kiosk_app.core.api.client import ApiClient, Timeouts
from kiosk_app.core.api.errors import (
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
