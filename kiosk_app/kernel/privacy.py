"""Masking of personal data for screens the customer (or anyone passing by) can see.

A kiosk shows "Marie D.", "m•••@example.com", "••••••••04": enough for the customer to
recognise themselves, not enough for a stranger to learn who they are. The server masks
what it sends a kiosk already; the app masks again so a kiosk never depends on that.
"""

from __future__ import annotations

from kiosk_app.kernel.models.customer import CustomerProfile

BULLET = "•"


def mask_name(first_name: str, last_name: str) -> str:
    """``Marie``, ``Dupont`` → ``Marie D.``."""
    first = first_name.strip()
    initial = last_name.strip()[:1].upper()
    if not initial:
        return first
    return f"{first} {initial}." if first else f"{initial}."


def mask_email(email: str) -> str:
    """``marie.dupont@example.com`` → ``m•••@example.com``."""
    local, at, domain = email.strip().partition("@")
    if not at or not domain:
        return BULLET * 3
    return f"{local[:1]}{BULLET * 3}@{domain}"


def mask_phone(phone: str) -> str:
    """Only the last two digits stay: ``+33612345678`` → ``••••••••78``."""
    digits = [ch for ch in phone if ch.isdigit()]
    if len(digits) < 4:
        return BULLET * 4
    return BULLET * 8 + "".join(digits[-2:])


def mask_number(number: str, visible: int = 4) -> str:
    """A card or customer number with only its last digits visible."""
    clean = number.strip()
    if len(clean) <= visible:
        return BULLET * len(clean)
    return BULLET * 4 + " " + clean[-visible:]


def mask_profile(profile: CustomerProfile) -> CustomerProfile:
    """The profile a customer-facing screen may show: no addresses, no full contact data."""
    first = profile.first_name
    last_initial = profile.last_name.strip()[:1]
    return profile.model_copy(
        update={
            "customer_number": "",
            "loyalty_number": mask_number(profile.loyalty_number),
            "last_name": f"{last_initial.upper()}." if last_initial else "",
            "first_name": first,
            "email": mask_email(profile.email) if BULLET not in profile.email else profile.email,
            "phone": mask_phone(profile.phone) if BULLET not in profile.phone else profile.phone,
            "addresses": [],
            "masked": True,
        }
    )


def display_name(profile: CustomerProfile) -> str:
    """The name to show: full for an associate, ``Marie D.`` once masked."""
    if profile.masked:
        return mask_name(profile.first_name, profile.last_name)
    return f"{profile.first_name} {profile.last_name}".strip()
