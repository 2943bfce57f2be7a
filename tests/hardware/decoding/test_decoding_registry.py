"""Choosing a decoder by name."""

import pytest

from kiosk_app.hardware.decoding import (
    DEFAULT_DECODER,
    Decoder,
    UnknownDecoderError,
    ZxingDecoder,
    available_decoders,
    decoder_names,
    make_decoder,
)


def test_default_decoder_is_zxing() -> None:
    assert DEFAULT_DECODER == "zxing"
    assert isinstance(make_decoder(), ZxingDecoder)
    assert decoder_names()[0] == "zxing"


@pytest.mark.parametrize("name", ["zxing", " ZXing ", "pyzbar", "PYZBAR"])
def test_known_names_build_a_decoder_named_alike(name: str) -> None:
    if name.strip().lower() == "pyzbar" and available_decoders()["pyzbar"] is not None:
        pytest.skip(f"zbar library unavailable: {available_decoders()['pyzbar']}")
    decoder = make_decoder(name)

    assert isinstance(decoder, Decoder)
    assert decoder.name == name.strip().lower()


def test_unknown_name_is_a_clear_error_listing_the_choices() -> None:
    with pytest.raises(UnknownDecoderError) as raised:
        make_decoder("quagga")

    assert isinstance(raised.value, ValueError)
    assert "quagga" in str(raised.value)
    assert "zxing" in str(raised.value) and "pyzbar" in str(raised.value)


def test_available_decoders_lists_every_backend_with_none_or_a_reason() -> None:
    available = available_decoders()

    assert set(available) == {"zxing", "pyzbar"}
    assert available["zxing"] is None
    assert available["pyzbar"] is None or "zbar" in available["pyzbar"]
