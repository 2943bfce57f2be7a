"""Typed access to the zbar C library through pyzbar's ctypes wrapper.

pyzbar's own ``decode`` hides zbar's symbol modifiers, which tell GS1-128 and
GS1 QR apart from plain Code 128 and QR, so the scan loop is driven here.
Loading is deferred to first use so a missing zbar surfaces as
:class:`DecoderUnavailable` rather than an ImportError at import time.
"""

import ctypes
import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk_app.hardware.decoding.errors import DecoderUnavailable

ZBAR_MISSING_HELP = (
    "pyzbar needs the zbar library: on Debian/Ubuntu install libzbar0 "
    "(sudo apt-get install libzbar0); on Windows the pyzbar wheel ships the zbar DLLs, "
    "which need the Microsoft Visual C++ 2013 Redistributable (x64) installed; "
    "on macOS install it with 'brew install zbar'"
)
PYZBAR_MISSING_HELP = "the pyzbar package is not installed: pip install pyzbar"

CFG_ENABLE = 0
SYMBOL_NONE = 0
MODIFIER_GS1 = 1 << 0
MODIFIER_AIM = 1 << 1
FOURCC_Y800 = int.from_bytes(b"Y800", "little")

CFunction = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class ZbarBindings:
    """The zbar entry points the scan loop calls."""

    scanner_create: CFunction
    scanner_destroy: CFunction
    scanner_set_config: CFunction
    image_create: CFunction
    image_destroy: CFunction
    image_set_format: CFunction
    image_set_size: CFunction
    image_set_data: CFunction
    scan_image: CFunction
    first_symbol: CFunction
    next_symbol: CFunction
    symbol_data: CFunction
    symbol_data_length: CFunction
    symbol_modifiers: CFunction
    symbol_loc_size: CFunction
    symbol_loc_x: CFunction
    symbol_loc_y: CFunction


@functools.cache
def load_zbar_bindings() -> ZbarBindings:
    """Load libzbar once; raise :class:`DecoderUnavailable` with install help if absent."""
    try:
        wrapper = importlib.import_module("pyzbar.wrapper")
    except ModuleNotFoundError as exc:
        if exc.name is not None and exc.name.split(".")[0] == "pyzbar":
            raise DecoderUnavailable(PYZBAR_MISSING_HELP) from exc
        raise DecoderUnavailable(f"{ZBAR_MISSING_HELP} (loading failed: {exc})") from exc
    except (ImportError, OSError) as exc:
        raise DecoderUnavailable(f"{ZBAR_MISSING_HELP} (loading failed: {exc})") from exc
    try:
        return _bind(wrapper)
    except (AttributeError, OSError) as exc:
        raise DecoderUnavailable(f"the installed zbar library is too old or broken: {exc}") from exc


def _bind(wrapper: Any) -> ZbarBindings:
    symbol_p = ctypes.POINTER(wrapper.zbar_symbol)
    modifiers = wrapper.zbar_function("zbar_symbol_get_modifiers", ctypes.c_uint, symbol_p)
    return ZbarBindings(
        scanner_create=wrapper.zbar_image_scanner_create,
        scanner_destroy=wrapper.zbar_image_scanner_destroy,
        scanner_set_config=wrapper.zbar_image_scanner_set_config,
        image_create=wrapper.zbar_image_create,
        image_destroy=wrapper.zbar_image_destroy,
        image_set_format=wrapper.zbar_image_set_format,
        image_set_size=wrapper.zbar_image_set_size,
        image_set_data=wrapper.zbar_image_set_data,
        scan_image=wrapper.zbar_scan_image,
        first_symbol=wrapper.zbar_image_first_symbol,
        next_symbol=wrapper.zbar_symbol_next,
        symbol_data=wrapper.zbar_symbol_get_data,
        symbol_data_length=wrapper.zbar_symbol_get_data_length,
        symbol_modifiers=modifiers,
        symbol_loc_size=wrapper.zbar_symbol_get_loc_size,
        symbol_loc_x=wrapper.zbar_symbol_get_loc_x,
        symbol_loc_y=wrapper.zbar_symbol_get_loc_y,
    )
