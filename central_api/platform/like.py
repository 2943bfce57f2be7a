"""LIKE patterns from what a user typed: ``%`` and ``_`` are searched for, not wildcards.

``q=%%`` listed every customer (e-mail, phone, loyalty number): a search must match what
was typed. Use as ``column.like(contains(text), escape=ESCAPE)`` (SQLite has no default
escape character).
"""

from __future__ import annotations

ESCAPE = "\\"


def contains(text: str) -> str:
    """A pattern matching any value that contains ``text`` literally."""
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{escaped}%"
