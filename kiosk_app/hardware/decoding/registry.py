"""Choosing a decoder backend by name (settings, command line, support tools)."""

from collections.abc import Callable

from kiosk_app.hardware.decoding.decoder_protocol import Decoder
from kiosk_app.hardware.decoding.errors import DecoderUnavailable, UnknownDecoderError
from kiosk_app.hardware.decoding.pyzbar_decoder import PyzbarDecoder
from kiosk_app.hardware.decoding.zxing_decoder import ZxingDecoder

DEFAULT_DECODER = "zxing"

_FACTORIES: dict[str, Callable[[], Decoder]] = {
    "zxing": ZxingDecoder,
    "pyzbar": PyzbarDecoder,
}


def decoder_names() -> list[str]:
    """Names ``make_decoder`` accepts, default first."""
    return sorted(_FACTORIES, key=lambda name: (name != DEFAULT_DECODER, name))


def make_decoder(name: str = DEFAULT_DECODER) -> Decoder:
    """Build the backend called ``name`` ("zxing" or "pyzbar").

    Raises UnknownDecoderError for other names and DecoderUnavailable when the
    backend cannot run on this machine.
    """
    key = name.strip().lower()
    factory = _FACTORIES.get(key)
    if factory is None:
        known = ", ".join(decoder_names())
        raise UnknownDecoderError(f"unknown barcode decoder {name!r}; choose one of: {known}")
    return factory()


def available_decoders() -> dict[str, str | None]:
    """Map each backend name to None when usable, else to the reason it is not."""
    reasons: dict[str, str | None] = {}
    for name in decoder_names():
        try:
            make_decoder(name)
        except DecoderUnavailable as exc:
            reasons[name] = str(exc)
        else:
            reasons[name] = None
    return reasons
