"""Sentences of the endless-aisle screen (translated; literal strings for lupdate)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QCoreApplication

from kiosk_app.flows.endless_aisle.address import FieldProblem, Problem
from kiosk_app.flows.endless_aisle.models import FulfilmentOption, Promise
from kiosk_app.flows.endless_aisle.session import Notice
from kiosk_app.kernel.api.errors import ApiTimeout, ApiUnavailable
from kiosk_app.kernel.offline.policy import Decision, OfflineFlow, Reason
from kiosk_app.ui.dates import format_date
from kiosk_app.ui.messages import describe_error
from kiosk_app.ui.offline_text import offline_decision_text


def _day(value: date, language: str) -> str:
    return format_date(value, language, weekday=True)


def address_label(saved: str) -> str:
    """A saved address's label in the screen's language when it is a usual one ("Domicile"
    is "Home" in English); any other label as the customer wrote it."""
    home = QCoreApplication.translate("EndlessAisle", "Home")
    work = QCoreApplication.translate("EndlessAisle", "Work")
    usual = {"domicile": home, "maison": home, "home": home}
    usual |= {"travail": work, "bureau": work, "work": work, "office": work}
    return usual.get(saved.strip().casefold(), saved)


def promise_text(promise: Promise, language: str) -> str:
    if promise.ready_now:
        return QCoreApplication.translate("EndlessAisle", "Ready today")
    if promise.earliest == promise.latest:
        return QCoreApplication.translate("EndlessAisle", "On %1").replace(
            "%1", _day(promise.earliest, language)
        )
    return (
        QCoreApplication.translate("EndlessAisle", "Between %1 and %2")
        .replace("%1", _day(promise.earliest, language))
        .replace("%2", _day(promise.latest, language))
    )


def option_title(option: FulfilmentOption, store_name: str) -> str:
    sources = ", ".join(s.name for s in option.sources)
    if option.kind == "pickup" and option.destination_store is not None:
        return QCoreApplication.translate("EndlessAisle", "Pick up at %1 (in stock there)").replace(
            "%1", option.destination_store.name
        )
    if option.kind == "ship_to_store":
        target = option.destination_store.name if option.destination_store else store_name
        return (
            QCoreApplication.translate("EndlessAisle", "To %1, sent from %2")
            .replace("%1", target)
            .replace("%2", sources)
        )
    if option.split:
        return QCoreApplication.translate(
            "EndlessAisle", "Home delivery in several parcels, from %1"
        ).replace("%1", sources)
    return QCoreApplication.translate("EndlessAisle", "Home delivery from %1").replace(
        "%1", sources
    )


def field_name(field: str) -> str:
    names = {
        "name": QCoreApplication.translate("EndlessAisle", "Full name"),
        "line1": QCoreApplication.translate("EndlessAisle", "Street and number"),
        "line2": QCoreApplication.translate("EndlessAisle", "Flat, floor"),
        "postcode": QCoreApplication.translate("EndlessAisle", "Postcode"),
        "city": QCoreApplication.translate("EndlessAisle", "City"),
        "country": QCoreApplication.translate("EndlessAisle", "Country"),
        "email": QCoreApplication.translate("EndlessAisle", "Email"),
        "phone": QCoreApplication.translate("EndlessAisle", "Mobile phone"),
        "basket": QCoreApplication.translate("EndlessAisle", "Items"),
        "option": QCoreApplication.translate("EndlessAisle", "Delivery option"),
    }
    return names.get(field, field)


def describe_problem(problem: FieldProblem, kiosk: bool = False) -> str:
    """What is wrong with ``problem``'s field; a kiosk speaks to the customer."""
    if problem.field == "basket":
        return QCoreApplication.translate("EndlessAisle", "Add at least one item.")
    if problem.field == "option":
        return QCoreApplication.translate(
            "EndlessAisle", "Choose when and how the order is delivered."
        )
    if problem.problem is Problem.REQUIRED:
        return QCoreApplication.translate("EndlessAisle", "%1 is required.").replace(
            "%1", field_name(problem.field)
        )
    if problem.problem is Problem.TOO_LONG:
        return QCoreApplication.translate("EndlessAisle", "%1 is too long.").replace(
            "%1", field_name(problem.field)
        )
    if problem.problem is Problem.POSTCODE_FORMAT:
        return QCoreApplication.translate(
            "EndlessAisle", "This postcode is not valid for the country (example: %1)."
        ).replace("%1", problem.example or "")
    if problem.problem is Problem.COUNTRY_UNSUPPORTED:
        return QCoreApplication.translate("EndlessAisle", "We do not deliver to this country.")
    if problem.problem is Problem.EMAIL_FORMAT:
        return QCoreApplication.translate(
            "EndlessAisle", "This email address is not valid (example: name@example.com)."
        )
    if problem.problem is Problem.PHONE_FORMAT:
        return QCoreApplication.translate(
            "EndlessAisle",
            "This phone number is not valid (8 to 15 digits, e.g. +33 6 12 34 56 78).",
        )
    if problem.problem is Problem.CONTACT_REQUIRED and kiosk:
        return QCoreApplication.translate(
            "EndlessAisle",
            "Scan the code in your app, or give your email or mobile number for the payment link.",
        )
    if problem.problem is Problem.CONTACT_REQUIRED:
        return QCoreApplication.translate(
            "EndlessAisle",
            "Attach a customer, or give an email or a mobile number for the payment link.",
        )
    return QCoreApplication.translate("EndlessAisle", "Check %1.").replace(
        "%1", field_name(problem.field)
    )


def problem_texts(
    fields: Iterable[str], problems: Iterable[Problem] = tuple(Problem), kiosk: bool = False
) -> list[str]:
    """Every text :func:`describe_problem` may say of ``problems`` of ``fields``: a message
    line keeps the room of the longest (see ``MessageLine``)."""
    kinds = tuple(problems)
    return [
        describe_problem(FieldProblem(field, problem, SAMPLE_EXAMPLE), kiosk)
        for field in fields
        for problem in kinds
    ]


def field_texts(field: str) -> Callable[[], list[str]]:
    """What the line under an address field may say (it is required, or too long)."""
    return lambda: problem_texts((field,), (Problem.REQUIRED, Problem.TOO_LONG))


#: every field a problem may be about (the address's and the order's own)
PROBLEM_FIELDS = (
    *("name", "line1", "line2", "postcode", "city", "country"),
    *("email", "phone", "basket", "option"),
)

#: a long postcode example, for the room of the postcode's error
SAMPLE_EXAMPLE = "SW1A 1AA"


def describe_notice(notice: Notice, *, kiosk: bool = False) -> str:
    """The sentence for ``notice``; at a kiosk, spoken to the customer."""
    code = notice.code
    if code == "customer_attached" and kiosk:
        return QCoreApplication.translate(
            "EndlessAisle", "Hello %1: this order will be on your account."
        ).replace("%1", notice.param("name"))
    if code == "added":
        return QCoreApplication.translate("EndlessAisle", "Added: %1").replace(
            "%1", notice.param("name")
        )
    if code == "unknown_product":
        return QCoreApplication.translate(
            "EndlessAisle", "No product has the code %1. Check it and scan again."
        ).replace("%1", notice.param("code"))
    if code == "source_short" and notice.param("available") == "0":
        return (
            QCoreApplication.translate(
                "EndlessAisle", "%1: %2 has none left now (sold meanwhile). Choose another option."
            )
            .replace("%1", notice.param("name"))
            .replace("%2", notice.param("source"))
        )
    if code == "source_short":
        return (
            QCoreApplication.translate(
                "EndlessAisle",
                "%1: %2 has only %3 left now (sold meanwhile). Choose another option.",
            )
            .replace("%1", notice.param("name"))
            .replace("%2", notice.param("source"))
            .replace("%3", notice.param("available"))
        )
    if code == "quantity_above_available":
        return (
            QCoreApplication.translate(
                "EndlessAisle", "Only %1 of %2 can be sent from one store or the warehouse."
            )
            .replace("%1", notice.param("available"))
            .replace("%2", notice.param("name"))
        )
    if code == "customer_attached":
        return QCoreApplication.translate("EndlessAisle", "Customer attached: %1").replace(
            "%1", notice.param("name")
        )
    if code == "customer_not_found":
        return QCoreApplication.translate(
            "EndlessAisle", "No customer has the card or number %1."
        ).replace("%1", notice.param("code"))
    if code == "signed_code_required":
        return QCoreApplication.translate(
            "EndlessAisle",
            "To order on your account, scan the code shown in your app (My card). "
            "A card number cannot be used here.",
        )
    if code == "code_refused":
        return QCoreApplication.translate(
            "EndlessAisle",
            "This code is no longer valid. Open your app and scan the new code it shows.",
        )
    if code == "cart_loaded":
        return QCoreApplication.translate(
            "EndlessAisle", "%1 items of the online cart added."
        ).replace("%1", notice.param("count"))
    if code == "cart_unavailable":
        return QCoreApplication.translate(
            "EndlessAisle", "The online cart cannot be read from this device."
        )
    if code == "incomplete":
        return QCoreApplication.translate("EndlessAisle", "Something is missing: %1").replace(
            "%1", field_name(notice.param("field"))
        )
    if code == "payment_refused":
        return QCoreApplication.translate("EndlessAisle", "The payment was refused: %1").replace(
            "%1", notice.param("detail")
        )
    if isinstance(notice.error, ApiTimeout | ApiUnavailable):  # the API stopped answering:
        # stock and delivery options come from it, whatever the offline policy says
        refused = Decision(False, Reason.DENIED_OFFLINE, OfflineFlow.ENDLESS_AISLE.value)
        return offline_decision_text(refused) or describe_error(notice.error)
    if notice.error is not None:
        return describe_error(notice.error)
    return QCoreApplication.translate("EndlessAisle", "Something went wrong.")
