"""Address and guest contact rules: required fields, postcode format per country."""

from __future__ import annotations

import pytest

from kiosk_app.flows.endless_aisle.address import (
    POSTCODE_RULES,
    AddressInput,
    FieldProblem,
    Problem,
    normalise_postcode,
    validate_address,
    validate_contact,
)


def address(postcode: str, country: str = "FR", **kw: str) -> AddressInput:
    fields = {"name": "Anne Morel", "line1": "12 rue des Lilas", "city": "Lyon"} | kw
    return AddressInput(postcode=postcode, country=country, **fields)


@pytest.mark.parametrize(
    ("country", "good", "bad"),
    [
        ("FR", "69003", "6900"),
        ("BE", "1000", "0999"),
        ("DE", "10115", "1011"),
        ("ES", "28013", "53000"),
        ("IT", "00184", "184"),
        ("NL", "1012ab", "0123 AB"),
        ("GB", "sw1a1aa", "SW1A"),
        ("CH", "8001", "80011"),
        ("LU", "L-1009", "10090"),
    ],
)
def test_postcode_format_by_country(country: str, good: str, bad: str) -> None:
    assert validate_address(address(good, country)) == []
    problems = validate_address(address(bad, country))
    assert problems == [
        FieldProblem("postcode", Problem.POSTCODE_FORMAT, POSTCODE_RULES[country].example)
    ]


def test_every_example_is_valid() -> None:
    for country, rule in POSTCODE_RULES.items():
        assert validate_address(address(rule.example, country)) == [], country


def test_required_fields_are_named_one_by_one() -> None:
    problems = validate_address(AddressInput(name=" ", line1="", postcode="", city="  "))
    assert {(p.field, p.problem) for p in problems} == {
        ("name", Problem.REQUIRED),
        ("line1", Problem.REQUIRED),
        ("postcode", Problem.REQUIRED),
        ("city", Problem.REQUIRED),
    }


def test_unsupported_country_and_too_long_line() -> None:
    problems = validate_address(address("12345", "US", line1="x" * 121))
    assert FieldProblem("country", Problem.COUNTRY_UNSUPPORTED) in problems
    assert FieldProblem("line1", Problem.TOO_LONG) in problems


def test_normalisation_is_what_the_api_receives() -> None:
    assert normalise_postcode("NL", "1012ab") == "1012 AB"
    assert normalise_postcode("GB", "sw1a1aa") == "SW1A 1AA"
    assert normalise_postcode("LU", "l-1009") == "1009"
    sent = address(" 69003 ", city="  Lyon   3e ").to_api()
    assert sent["postcode"] == "69003" and sent["city"] == "Lyon 3e" and sent["line2"] is None


def test_guest_contact() -> None:
    assert validate_contact("", "") == [FieldProblem("email", Problem.CONTACT_REQUIRED)]
    assert validate_contact("anne@example.com", "") == []
    assert validate_contact("", "+33 6 12 34 56 78") == []
    assert validate_contact("anne@", "") == [FieldProblem("email", Problem.EMAIL_FORMAT)]
    assert validate_contact("", "12") == [FieldProblem("phone", Problem.PHONE_FORMAT)]
