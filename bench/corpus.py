"""A deterministic corpus of camera-like frames with barcodes, for decoder benchmarks.

Each symbol is drawn with zxing-cpp's writer, scaled to the module size a tablet
camera sees on a shelf label at arm's length, put on a grey, slightly cluttered
scene and distorted with numpy/Pillow only. Every item knows the normalised
format and text a decoder must report, so read rates can be computed.

``rotate_90`` turns the whole frame (a tablet held in portrait), so those frames
are 480x640 / 720x1280: long GS1-128 labels would not fit a landscape frame
sideways at a readable module size.
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import zxingcpp
from PIL import Image, ImageFilter

from kiosk_app.hardware.decoding.code_format import GS1_SEPARATOR, CodeFormat
from kiosk_app.hardware.decoding.gs1 import gs1_check_digit

Gray = npt.NDArray[np.uint8]

FRAME_SIZES: dict[str, tuple[int, int]] = {"640x480": (640, 480), "1280x720": (1280, 720)}
_FRAME_ORDER: tuple[str, ...] = tuple(FRAME_SIZES)
DISTORTIONS: tuple[str, ...] = (
    "clean",
    "rotate_15",
    "rotate_90",
    "blur",
    "noise",
    "perspective",
    "low_contrast",
)

# Pixels per module in a 480-line frame; 720-line frames scale these by 1.5.
_LINEAR_MODULE_PX = 1.8
_MATRIX_MODULE_PX = 4.0
_LABEL_MARGIN_PX = 10

TILT_DEGREES = 15.0
BLUR_RADIUS_PX = 1.0  # gaussian radius in a 480-line frame, about half a bar module
NOISE_SIGMA = 25.0  # grey levels, a dim store aisle at high sensor gain
LOW_CONTRAST_FACTOR = 0.25  # label contrast left after glare or a faded print


@dataclass(frozen=True, slots=True)
class SymbolSpec:
    """What to draw and what a decoder must read back."""

    name: str
    code_format: CodeFormat
    writer_format: zxingcpp.BarcodeFormat
    content: str
    expected_text: str
    gs1: bool = False

    @property
    def is_linear(self) -> bool:
        return self.writer_format not in (
            zxingcpp.BarcodeFormat.QRCode,
            zxingcpp.BarcodeFormat.DataMatrix,
        )


@dataclass(frozen=True, slots=True)
class CorpusItem:
    """One frame with one code in it."""

    symbol: str
    code_format: CodeFormat
    expected_text: str
    frame: str
    distortion: str
    variant: int
    image: Gray

    @property
    def name(self) -> str:
        return f"{self.symbol}/{self.frame}/{self.distortion}/{self.variant}"


# --- payloads ----------------------------------------------------------------------------


def _digits(rng: np.random.Generator, count: int, *, first_nonzero: bool = False) -> str:
    digits = [int(d) for d in rng.integers(0, 10, size=count)]
    if first_nonzero and digits:
        digits[0] = int(rng.integers(1, 10))
    return "".join(map(str, digits))


def _with_check(payload: str) -> str:
    return payload + str(gs1_check_digit(payload))


def _alnum(rng: np.random.Generator, count: int) -> str:
    alphabet = string.ascii_uppercase + string.digits
    return "".join(alphabet[int(i)] for i in rng.integers(0, len(alphabet), size=count))


def _expiry(rng: np.random.Generator) -> str:
    year, month, day = int(rng.integers(25, 31)), int(rng.integers(1, 13)), int(rng.integers(1, 29))
    return f"{year:02d}{month:02d}{day:02d}"


def upce_to_upca(upce7: str) -> str:
    """Expand a UPC-E (number system + 6 digits, no check) to its 11-digit UPC-A body."""
    ns, d = upce7[0], upce7[1:]
    last = d[5]
    if last in "012":
        return ns + d[0] + d[1] + last + "0000" + d[2] + d[3] + d[4]
    if last == "3":
        return ns + d[0] + d[1] + d[2] + "00000" + d[3] + d[4]
    if last == "4":
        return ns + d[0] + d[1] + d[2] + d[3] + "00000" + d[4]
    return ns + d[0] + d[1] + d[2] + d[3] + d[4] + "0000" + last


def symbol_specs(rng: np.random.Generator) -> list[SymbolSpec]:
    """One spec per symbology the store meets, with payloads drawn from ``rng``."""
    fmt = zxingcpp.BarcodeFormat
    ean13 = _with_check(_digits(rng, 12, first_nonzero=True))
    ean8 = _with_check(_digits(rng, 7))
    upca = _with_check("0" + _digits(rng, 10, first_nonzero=True))
    upce7 = "0" + _digits(rng, 5) + str(int(rng.integers(5, 10)))
    upce = upce7 + str(gs1_check_digit(upce_to_upca(upce7)))
    gtin14 = _with_check(_digits(rng, 13))
    lot, expiry, serial = _alnum(rng, 6), _expiry(rng), _digits(rng, 6)
    sku = "SKU-" + _alnum(rng, 8)
    order = "ORDER:" + _alnum(rng, 10)
    location = "LOC-" + _alnum(rng, 3) + "-" + _digits(rng, 2)
    gs = GS1_SEPARATOR
    return [
        SymbolSpec("ean13", CodeFormat.EAN13, fmt.EAN13, ean13, ean13),
        SymbolSpec("ean8", CodeFormat.EAN8, fmt.EAN8, ean8, ean8),
        SymbolSpec("upca", CodeFormat.UPCA, fmt.UPCA, upca, upca),
        SymbolSpec("upce", CodeFormat.UPCE, fmt.UPCE, upce, upce),
        SymbolSpec("code128", CodeFormat.CODE128, fmt.Code128, sku, sku),
        SymbolSpec(
            "gs1_128",
            CodeFormat.GS1_128,
            fmt.Code128,
            f"(01){gtin14}(10){lot}(17){expiry}",
            f"01{gtin14}10{lot}{gs}17{expiry}",
            gs1=True,
        ),
        SymbolSpec("itf14", CodeFormat.ITF14, fmt.ITF14, gtin14, gtin14),
        SymbolSpec("qr", CodeFormat.QR, fmt.QRCode, order, order),
        SymbolSpec(
            "qr_digital_link",
            CodeFormat.QR,
            fmt.QRCode,
            f"https://id.example.com/01/{gtin14}/10/{lot}",
            f"https://id.example.com/01/{gtin14}/10/{lot}",
        ),
        SymbolSpec("datamatrix", CodeFormat.DATAMATRIX, fmt.DataMatrix, location, location),
        SymbolSpec(
            "gs1_datamatrix",
            CodeFormat.GS1_DATAMATRIX,
            fmt.DataMatrix,
            f"(01){gtin14}(17){expiry}(10){lot}(21){serial}",
            f"01{gtin14}17{expiry}10{lot}{gs}21{serial}",
            gs1=True,
        ),
    ]


SYMBOL_NAMES: tuple[str, ...] = tuple(s.name for s in symbol_specs(np.random.default_rng(0)))


# --- drawing -----------------------------------------------------------------------------


def render_symbol(spec: SymbolSpec, module_px: int = 1) -> Gray:
    """Draw ``spec`` black on white with quiet zones, ``module_px`` pixels per module."""
    options: dict[str, bool] = {}
    if spec.gs1:
        options["gs1"] = True
    if spec.writer_format == zxingcpp.BarcodeFormat.DataMatrix:
        options["forceSquare"] = True
    barcode = zxingcpp.create_barcode(spec.content, spec.writer_format, **options)
    image = zxingcpp.write_barcode_to_image(barcode, scale=module_px, add_quiet_zones=True)
    return np.ascontiguousarray(np.asarray(image, dtype=np.uint8))


def _label_patch(spec: SymbolSpec, frame_height: int, rng: np.random.Generator) -> Gray:
    """The code scaled to camera size on a slightly off-white label."""
    zoom = frame_height / 480
    module_px = (_LINEAR_MODULE_PX if spec.is_linear else _MATRIX_MODULE_PX) * zoom
    # Draw sharp at the next integer module size, then shrink: edges stay crisp
    # but bars get the uneven, anti-aliased widths of a real sensor.
    symbol = render_symbol(spec, module_px=math.ceil(module_px))
    cols = symbol.shape[1] / math.ceil(module_px)
    width = round(cols * module_px)
    if spec.is_linear:
        ratio = 0.6 if spec.code_format in _EAN_UPC else 0.25
        height = max(round(width * ratio), round(18 * module_px))
    else:
        height = width
    code = Image.fromarray(symbol).resize((width, height), Image.Resampling.BILINEAR)
    paper = int(rng.integers(225, 250))
    ink = int(rng.integers(15, 45))
    margin = round(_LABEL_MARGIN_PX * zoom)
    patch = np.full((height + 2 * margin, width + 2 * margin), paper, dtype=np.float32)
    levels = np.asarray(code, dtype=np.float32) / 255.0
    patch[margin : margin + height, margin : margin + width] = ink + levels * (paper - ink)
    return patch.astype(np.uint8)


_EAN_UPC = frozenset({CodeFormat.EAN13, CodeFormat.EAN8, CodeFormat.UPCA, CodeFormat.UPCE})


def _scene(width: int, height: int, rng: np.random.Generator) -> Gray:
    """Grey background with an illumination gradient and a few shelf-edge blobs."""
    base = float(rng.integers(95, 150))
    gx, gy = rng.uniform(-40, 40, size=2)
    xs = np.linspace(-0.5, 0.5, width, dtype=np.float32)[None, :]
    ys = np.linspace(-0.5, 0.5, height, dtype=np.float32)[:, None]
    # Sensor grain from a tiled patch: full-frame gaussian draws dominate build time.
    tile = rng.standard_normal((64, 64), dtype=np.float32) * 2.0
    grain = np.tile(tile, (-(-height // 64), -(-width // 64)))[:height, :width]
    scene = base + float(gx) * xs + float(gy) * ys + grain
    for _ in range(6):
        w, h = int(rng.integers(width // 20, width // 5)), int(rng.integers(4, height // 12))
        x, y = int(rng.integers(0, width - w)), int(rng.integers(0, height - h))
        scene[y : y + h, x : x + w] = rng.uniform(30, 220)
    return np.asarray(np.clip(scene, 0, 255), dtype=np.uint8)


def _paste(scene: Gray, patch: Gray, mask: Gray, rng: np.random.Generator) -> Gray:
    """Paste ``patch`` (where ``mask`` is set) near the frame centre."""
    frame_h, frame_w = scene.shape
    patch_h, patch_w = patch.shape
    if patch_h > frame_h or patch_w > frame_w:
        raise ValueError(f"label {patch.shape} does not fit frame {scene.shape}")
    slack_x, slack_y = (frame_w - patch_w) // 2, (frame_h - patch_h) // 2
    x = slack_x + int(rng.integers(-slack_x // 2, slack_x // 2 + 1))
    y = slack_y + int(rng.integers(-slack_y // 2, slack_y // 2 + 1))
    out = scene.copy()
    region = out[y : y + patch_h, x : x + patch_w]
    alpha = mask.astype(np.float32) / 255.0
    region[...] = (patch * alpha + region * (1.0 - alpha)).astype(np.uint8)
    return out


# --- distortions ---------------------------------------------------------------------------


def _rotated(patch: Gray, angle: float) -> tuple[Gray, Gray]:
    image = Image.fromarray(patch)
    mask = Image.new("L", image.size, 255)
    resample = Image.Resampling.BILINEAR
    rotated = image.rotate(angle, resample=resample, expand=True)
    rotated_mask = mask.rotate(angle, resample=resample, expand=True)
    return np.asarray(rotated), np.asarray(rotated_mask)


def _perspective_coefficients(
    source: Sequence[tuple[float, float]], target: Sequence[tuple[float, float]]
) -> tuple[float, ...]:
    """Pillow PERSPECTIVE coefficients mapping ``target`` points back to ``source``."""
    rows: list[list[float]] = []
    rhs: list[float] = []
    for (sx, sy), (tx, ty) in zip(source, target, strict=True):
        rows.append([tx, ty, 1, 0, 0, 0, -sx * tx, -sx * ty])
        rows.append([0, 0, 0, tx, ty, 1, -sy * tx, -sy * ty])
        rhs.extend((sx, sy))
    solution = np.linalg.solve(np.asarray(rows), np.asarray(rhs))
    return tuple(float(v) for v in solution)


def _tilted(patch: Gray, rng: np.random.Generator) -> tuple[Gray, Gray]:
    """The label seen at an angle: the far edge shorter, the label foreshortened."""
    height, width = patch.shape
    shrink = float(rng.uniform(0.2, 0.28)) * height
    squash = 0.85
    w_out = round(width * squash)
    source = [(0.0, 0.0), (width, 0.0), (width, height), (0.0, height)]
    target = [(0.0, 0.0), (w_out, shrink / 2), (w_out, height - shrink / 2), (0.0, height)]
    if rng.random() < 0.5:  # tilt the other way
        target = [(0.0, shrink / 2), (w_out, 0.0), (w_out, height), (0.0, height - shrink / 2)]
    coefficients = _perspective_coefficients(source, target)
    size = (w_out, height)
    resample = Image.Resampling.BILINEAR
    image = Image.fromarray(patch).transform(
        size, Image.Transform.PERSPECTIVE, coefficients, resample
    )
    mask = Image.new("L", patch.shape[::-1], 255).transform(
        size, Image.Transform.PERSPECTIVE, coefficients, resample
    )
    return np.asarray(image), np.asarray(mask)


def _blurred(frame: Gray, radius: float) -> Gray:
    return np.asarray(Image.fromarray(frame).filter(ImageFilter.GaussianBlur(radius)))


def _noisy(frame: Gray, rng: np.random.Generator, sigma: float) -> Gray:
    noise = rng.standard_normal(frame.shape, dtype=np.float32) * sigma
    return np.asarray(np.clip(frame + noise, 0, 255), dtype=np.uint8)


def _low_contrast(frame: Gray, factor: float) -> Gray:
    mid = float(frame.mean())
    scaled = mid + (frame.astype(np.float32) - mid) * factor
    return np.asarray(np.clip(scaled, 0, 255), dtype=np.uint8)


def make_scene(frame: str, rng: np.random.Generator) -> Gray:
    """A frame of size ``frame`` with no code in it (what the camera sees most)."""
    width, height = FRAME_SIZES[frame]
    return _scene(width, height, rng)


def make_frame(spec: SymbolSpec, frame: str, distortion: str, rng: np.random.Generator) -> Gray:
    """Compose one frame of size ``frame`` showing ``spec`` under ``distortion``."""
    if distortion not in DISTORTIONS:
        raise ValueError(f"unknown distortion {distortion!r}; known: {', '.join(DISTORTIONS)}")
    width, height = FRAME_SIZES[frame]
    zoom = height / 480
    patch = _label_patch(spec, height, rng)
    mask = np.full(patch.shape, 255, dtype=np.uint8)
    if distortion == "rotate_15":
        patch, mask = _rotated(patch, TILT_DEGREES if rng.random() < 0.5 else -TILT_DEGREES)
    elif distortion == "perspective":
        patch, mask = _tilted(patch, rng)
    image = _paste(_scene(width, height, rng), patch, mask, rng)
    if distortion == "rotate_90":  # the tablet held in portrait
        return np.ascontiguousarray(np.rot90(image, 1 if rng.random() < 0.5 else 3))
    if distortion == "blur":
        return _blurred(image, BLUR_RADIUS_PX * zoom)
    if distortion == "noise":
        return _noisy(image, rng, NOISE_SIGMA)
    if distortion == "low_contrast":
        return _low_contrast(image, LOW_CONTRAST_FACTOR)
    return image


def _checked(kind: str, names: Iterable[str], known: Sequence[str]) -> list[str]:
    chosen = list(names)
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        raise ValueError(f"unknown {kind} {unknown}; known: {', '.join(known)}")
    return chosen


def build_corpus(
    seed: int = 0,
    *,
    variants: int = 1,
    symbols: Iterable[str] | None = None,
    frames: Iterable[str] = tuple(FRAME_SIZES),
    distortions: Iterable[str] = DISTORTIONS,
) -> list[CorpusItem]:
    """Every (symbol, frame size, distortion) combination, ``variants`` times.

    The same ``seed`` always gives the same pixels; each variant draws fresh
    payloads, label tones and placements.
    """
    wanted = _checked("symbols", symbols if symbols is not None else SYMBOL_NAMES, SYMBOL_NAMES)
    frame_names = _checked("frame sizes", frames, _FRAME_ORDER)
    distortion_names = _checked("distortions", distortions, DISTORTIONS)
    items: list[CorpusItem] = []
    for variant in range(variants):
        specs = symbol_specs(np.random.default_rng([seed, variant]))
        for s_index, spec in enumerate(specs):
            if spec.name not in wanted:
                continue
            for frame in frame_names:
                for distortion in distortion_names:
                    # Stable indices, so a subset of the corpus has the same pixels.
                    key = [seed, variant, s_index, _FRAME_ORDER.index(frame)]
                    key.append(DISTORTIONS.index(distortion))
                    rng = np.random.default_rng(key)
                    image = make_frame(spec, frame, distortion, rng)
                    items.append(
                        CorpusItem(
                            symbol=spec.name,
                            code_format=spec.code_format,
                            expected_text=spec.expected_text,
                            frame=frame,
                            distortion=distortion,
                            variant=variant,
                            image=image,
                        )
                    )
    return items
