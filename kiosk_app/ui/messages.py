"""Turn core errors into short, translated sentences a store associate can act on."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk_app.kernel.api import errors


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, errors.ApiTimeout):
        return QCoreApplication.translate(
            "Messages",
            "The central system is not answering in time. Check the network and try again.",
        )
    if isinstance(exc, errors.ApiUnavailable):
        return QCoreApplication.translate(
            "Messages",
            "No connection to the central system. Check the store network and try again.",
        )
    if isinstance(exc, errors.ServerError):
        return QCoreApplication.translate(
            "Messages", "The central system had a problem. Try again in a moment."
        )
    if isinstance(exc, errors.Unauthorized):
        return QCoreApplication.translate(
            "Messages", "This device is not signed in to the central system. Ask IT to enroll it."
        )
    if isinstance(exc, errors.Forbidden):
        return QCoreApplication.translate("Messages", "This device is not allowed to do that.")
    if isinstance(exc, errors.NotFound):
        return QCoreApplication.translate("Messages", "Not found in the catalogue.")
    if isinstance(exc, errors.InvalidRequest):
        if exc.slug == "invalid-gtin":
            return QCoreApplication.translate(
                "Messages", "This barcode number is not valid (check digit). Scan it again."
            )
        return QCoreApplication.translate(
            "Messages", "The central system refused the request: %1"
        ).replace("%1", exc.detail or "")
    if isinstance(exc, errors.UnexpectedResponse):
        return QCoreApplication.translate(
            "Messages", "The central system sent an answer this app does not understand."
        )
    return QCoreApplication.translate("Messages", "Something went wrong: %1").replace(
        "%1", str(exc)
    )
