"""Masking of personal data sent where anyone passing by may read it (a kiosk, the
endless-aisle customer summary, a payment link's recipient).

The one place the server masks: the same rules as the app's ``kiosk_app.kernel.privacy``
(``tests/central_api/test_masking.py`` holds them side by side), so a customer sees their
data masked the same way on every screen: "Marie D.", "m•••@example.com", "••••••••78".
"""

from __future__ import annotations

BULLET = "•"


def mask_email(email: str) -> str:
    """``marie.dupont@example.com`` → ``m•••@example.com``."""
    local, at, domain = email.strip().partition("@")
    if not at or not domain:
        return BULLET * 3
    return f"{local[:1]}{BULLET * 3}@{domain}"


def mask_phone(phone: str) -> str:
    """Only the last two digits stay: ``+33 6 12 34 56 78`` → ``••••••••78``; fewer than
    four digits show none."""
    digits = [ch for ch in phone if ch.isdigit()]
    if len(digits) < 4:
        return BULLET * 4
    return BULLET * 8 + "".join(digits[-2:])


def mask_last_name(last_name: str) -> str:
    """``Dupont`` → ``D.``."""
    initial = last_name.strip()[:1].upper()
    return f"{initial}." if initial else ""


def mask_card_number(number: str) -> str:
    """A loyalty card number with its last four digits visible."""
    return BULLET * 12 + number[-4:]
