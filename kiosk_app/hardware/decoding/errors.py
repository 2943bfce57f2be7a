"""Errors raised by the barcode decoding layer."""


class DecodingError(Exception):
    """Base class of every error raised by :mod:`kiosk_app.hardware.decoding`."""


class DecoderUnavailable(DecodingError):
    """A decoder backend cannot run here, e.g. a system library is missing."""


class UnknownDecoderError(DecodingError, ValueError):
    """A decoder was asked for by a name no backend has."""


class InvalidImageError(DecodingError, ValueError):
    """A frame handed to a decoder is not an 8-bit grayscale or RGB(A) array."""


class ImageLoadError(DecodingError):
    """An image file could not be read (missing, unreadable or corrupt)."""
