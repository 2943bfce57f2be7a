"""Dates and times for people, one format per language, everywhere the app shows one.

"2 Dec 2026" / "2 déc. 2026" (the month in words: never 02/12 vs 12/02), "14:05" (24 h, local
time) in both languages; with the weekday for delivery promises ("Fri 4 Dec 2026").
``language`` is "fr" or "en"; without it, the language the app installed (QLocale default).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale

DATE = "d MMM yyyy"
WEEKDAY_DATE = "ddd d MMM yyyy"
TIME = "HH:mm"


def _locale(language: str | None) -> QLocale:
    if language is None:
        return QLocale()
    return QLocale(QLocale.Language.French if language == "fr" else QLocale.Language.English)


def _local(value: datetime) -> datetime:
    return value.astimezone() if value.tzinfo is not None else value


def format_date(value: date, language: str | None = None, *, weekday: bool = False) -> str:
    """``2 Dec 2026`` / ``2 déc. 2026`` (a datetime: its local date)."""
    if isinstance(value, datetime):
        value = _local(value).date()
    day = QDate(value.year, value.month, value.day)
    return _locale(language).toString(day, WEEKDAY_DATE if weekday else DATE)


def format_time(value: datetime) -> str:
    """``14:05``: local, 24 h, in both languages."""
    return _local(value).strftime("%H:%M")


def format_date_time(value: datetime, language: str | None = None) -> str:
    """``2 Dec 2026, 14:05`` / ``2 déc. 2026, 14:05``."""
    return f"{format_date(value, language)}, {format_time(value)}"


def format_timestamp(
    seconds: float, language: str | None = None, *, with_date: bool = False
) -> str:
    """A POSIX timestamp as a local time (``with_date``: with its date)."""
    value = datetime.fromtimestamp(seconds).astimezone()
    return format_date_time(value, language) if with_date else format_time(value)
