"""Delivery address and guest contact rules: required fields, postcode format by country.

Returns per-field problems as codes (no Qt, no language here); the UI turns each code into a
translated sentence next to the field. ``example`` is a valid postcode to show.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace

MAX_LENGTHS = {"name": 120, "line1": 120, "line2": 120, "postcode": 16, "city": 80}


class Problem(enum.StrEnum):
    REQUIRED = "required"
    TOO_LONG = "too_long"
    POSTCODE_FORMAT = "postcode_format"
    COUNTRY_UNSUPPORTED = "country_unsupported"
    EMAIL_FORMAT = "email_format"
    PHONE_FORMAT = "phone_format"
    CONTACT_REQUIRED = "contact_required"


@dataclass(frozen=True)
class PostcodeRule:
    pattern: str  # full match on the normalised postcode
    example: str


POSTCODE_RULES: dict[str, PostcodeRule] = {
    "FR": PostcodeRule(r"\d{5}", "75001"),
    "BE": PostcodeRule(r"[1-9]\d{3}", "1000"),
    "DE": PostcodeRule(r"\d{5}", "10115"),
    "ES": PostcodeRule(r"(0[1-9]|[1-4]\d|5[0-2])\d{3}", "28013"),
    "IT": PostcodeRule(r"\d{5}", "00184"),
    "NL": PostcodeRule(r"[1-9]\d{3} [A-Z]{2}", "1012 AB"),
    "GB": PostcodeRule(r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}", "SW1A 1AA"),
    "CH": PostcodeRule(r"[1-9]\d{3}", "8001"),
    "LU": PostcodeRule(r"\d{4}", "1009"),
}
SUPPORTED_COUNTRIES = tuple(POSTCODE_RULES)

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class AddressInput:
    name: str
    line1: str
    postcode: str
    city: str
    country: str = "FR"
    line2: str = ""
    #: the recipient is the attached customer: ``name`` is only what the screen shows (maybe
    #: masked, "Emma M."); the server puts the customer's real name on the parcel
    recipient_is_customer: bool = False

    def normalised(self) -> AddressInput:
        country = self.country.strip().upper()
        return replace(
            self,
            name=" ".join(self.name.split()),
            line1=" ".join(self.line1.split()),
            line2=" ".join(self.line2.split()),
            city=" ".join(self.city.split()),
            country=country,
            postcode=normalise_postcode(country, self.postcode),
        )

    def to_api(self) -> dict[str, str | None]:
        a = self.normalised()
        body: dict[str, str | None] = {
            "name": a.name,
            "line1": a.line1,
            "line2": a.line2 or None,
            "postcode": a.postcode,
            "city": a.city,
            "country": a.country,
        }
        if self.recipient_is_customer:
            del body["name"]  # the server fills in the customer's name from their record
        return body


@dataclass(frozen=True)
class FieldProblem:
    field: str  # name, line1, line2, postcode, city, country, email, phone
    problem: Problem
    example: str | None = None


def normalise_postcode(country: str, postcode: str) -> str:
    """Upper case, single spaces; NL/GB get their inward space, LU loses an ``L-`` prefix."""
    text = " ".join(postcode.strip().upper().split())
    compact = text.replace(" ", "")
    if country == "LU" and compact.startswith("L-"):
        return compact[2:]
    if country == "NL" and re.fullmatch(r"\d{4}[A-Z]{2}", compact):
        return f"{compact[:4]} {compact[4:]}"
    if country == "GB" and 5 <= len(compact) <= 7:
        return f"{compact[:-3]} {compact[-3:]}"
    return text


def validate_address(address: AddressInput) -> list[FieldProblem]:
    a = address.normalised()
    problems: list[FieldProblem] = []
    place = ("line1", "postcode", "city")
    for field in place if a.recipient_is_customer else ("name", *place):
        if not getattr(a, field):
            problems.append(FieldProblem(field, Problem.REQUIRED))
    for field, limit in MAX_LENGTHS.items():
        if len(getattr(a, field)) > limit:
            problems.append(FieldProblem(field, Problem.TOO_LONG))
    rule = POSTCODE_RULES.get(a.country)
    if rule is None:
        problems.append(FieldProblem("country", Problem.COUNTRY_UNSUPPORTED))
    elif a.postcode and not re.fullmatch(rule.pattern, a.postcode):
        problems.append(FieldProblem("postcode", Problem.POSTCODE_FORMAT, rule.example))
    return problems


def normalise_phone(phone: str) -> str:
    return re.sub(r"[\s.\-()]", "", phone.strip())


def validate_contact(email: str, phone: str) -> list[FieldProblem]:
    """A guest gives an email address or a phone number (for the payment link), or both."""
    email, phone = email.strip(), normalise_phone(phone)
    problems: list[FieldProblem] = []
    if not email and not phone:
        return [FieldProblem("email", Problem.CONTACT_REQUIRED)]
    if email and (len(email) > 120 or not _EMAIL.fullmatch(email)):
        problems.append(FieldProblem("email", Problem.EMAIL_FORMAT))
    if phone and not re.fullmatch(r"\+?\d{8,15}", phone):
        problems.append(FieldProblem("phone", Problem.PHONE_FORMAT))
    return problems
