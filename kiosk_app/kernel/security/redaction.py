"""Keep tokens, PINs and customer personal data out of logs and diagnostics.

Two layers: patterns (bearer credentials, ``dvc_``/``stf_``/``apv_`` tokens, PIN fields,
e-mail addresses, phone numbers) and the exact secrets the app handles at run time
(:data:`SECRETS`: the device token, the staff token, a PIN just typed), so a secret that
matches no pattern is still caught. :func:`install_log_redaction` puts both on every record
before any handler formats it, tracebacks included.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from typing import Any

MASK = "<redacted>"

_PATTERNS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{6,}"), r"\1" + MASK),
    (re.compile(r"\b(dvc_|stf_|apv_)[A-Za-z0-9_-]{6,}"), r"\1" + MASK),
    (
        re.compile(
            r"""(?ix)
            (["']?\b(?:pin|password|x-staff-token|authorization|(?:[a-z]+_)?token)
            ["']?\s*[:=]\s*["']?)
            ([^"'\s,;}&]+)"""
        ),
        r"\1" + MASK,
    ),
    (re.compile(r"[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "<email>"),
    # the same in a URL: +33612345678 is %2B33612345678
    (re.compile(r"(?i)%2B\d{2,3}(?:%20|[ .-])?\d(?:(?:%20|[ .-])?\d{2}){4}(?!\d)"), "<phone>"),
    # +33 6 12 34 56 78, +336…, 06 12 34 56 78, 06.12.34.56.78: not GTINs (13-14 digits)
    (
        re.compile(
            r"(?<![\w+])(?:\+\d{2,3}[ .-]?\d(?:[ .-]?\d{2}){4}|0\d(?:[ .-]?\d{2}){4})(?!\d)"
        ),
        "<phone>",
    ),
)


class SecretRegistry:
    """Exact values to mask wherever they appear (kept in memory only)."""

    def __init__(self) -> None:
        self._values: set[str] = set()
        self._lock = threading.Lock()

    def add(self, value: str | None) -> None:
        if value and len(value) >= 4:
            with self._lock:
                self._values.add(value)

    def discard(self, value: str | None) -> None:
        if value:
            with self._lock:
                self._values.discard(value)

    def mask(self, text: str) -> str:
        with self._lock:
            values = sorted(self._values, key=len, reverse=True)
        for value in values:
            if value in text:
                text = text.replace(value, MASK)
        return text


SECRETS = SecretRegistry()


def redact(text: str, registry: SecretRegistry | None = None) -> str:
    """``text`` with every known secret and personal datum masked."""
    text = (registry or SECRETS).mask(text)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def redact_value(value: Any) -> Any:
    """Recursively redact strings in JSON-like values (diagnostics bundles)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_value(v) for v in value]
    return value


class RedactingFilter(logging.Filter):
    """Masks the message and any traceback of a record (attach to handlers or loggers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


def redact_record(record: logging.LogRecord) -> None:
    if getattr(record, "_omnistore_redacted", False):
        return
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: keep the raw text, redacted
        message = str(record.msg)
    record.msg, record.args = redact(message), None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    record._omnistore_redacted = True


_installed = False


#: libraries that log whole payloads: httpx every URL at INFO (search words, e-mails and
#: phones in query strings, codes in paths), qasync every future's result at DEBUG (an
#: outbox entry with a guest's address). Only their warnings are kept; the API client logs
#: each request by its route (``kiosk_app.kernel.api.route_log``).
CHATTY_LIBRARIES = ("httpx", "httpcore", "qasync")


def install_log_redaction() -> None:
    """Redact every log record at creation (whatever logger, handler or level), and keep
    the libraries that log whole payloads to their warnings."""
    global _installed
    for name in CHATTY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        redact_record(record)
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
