"""The wedge's decision on real X11 key events, idle and under CPU load.

Xvfb + ``xdotool`` type into a real window running the production wedge filter (default
timing; ``tests/support/x11.py``), as a USB scanner types: Shift before capitals, Ctrl+] for
GS, Return at the end. For each CPU load (busy processes per core: 0, 1, 2) it types:
- scanner codes at ~2 ms a key (``xdotool --delay 4``) with capitals, digits, ``-``, ``.``
  and GS: how many arrive whole as one scan (goal: all), how many are cut or leak;
- words typed at ~33 ms a key (``--delay 60``, faster than people type): how many reach the
  text field whole (goal: all) and how many are taken for scans (goal: 0).
"""

from __future__ import annotations

import os
import random
import shutil

from bench.stats import Row, row

WORDS = ["Chemise", "Veste", "Pantalon", "Bottine", "Echarpe", "Manteau", "Ceinture", "Gilet"]


def _codes(rng: random.Random, n: int) -> list[str]:
    from tests.support.x11 import GS

    makers = [
        lambda: f"R-PAR01-{rng.randrange(10**8):08d}",
        lambda: f"OSB1-A{rng.randrange(1000):03d}PAR1",
        lambda: "PKP1." + "".join(rng.choice("AbCdEf-_0189xYz") for _ in range(24)),
        lambda: f"]C101095040000591{rng.randrange(10)}{GS}10LOT-{rng.randrange(100)}.5",
    ]
    return [makers[i % len(makers)]() for i in range(n)]


def run(quick: bool = False) -> list[Row]:
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        return []
    from tests.support.x11 import ScanWindow, cpu_load, scanner_types, scans_and_fields, xvfb

    rng = random.Random(7)
    n_codes, n_words = (6, 3) if quick else (40, 8)
    cores = os.cpu_count() or 1
    rows: list[Row] = []
    with xvfb() as display:
        window = ScanWindow(display)
        try:
            for per_core in (0, 1, 2):
                whole = cut = typed_ok = taken = 0
                codes = _codes(rng, n_codes)
                with cpu_load(per_core * cores, 600):
                    for code in codes:
                        scanner_types(display, code, delay_ms=4)
                        scans, fields = scans_and_fields(window.drain(0.4))
                        whole += scans == [code] and not fields
                        cut += scans != [code] or bool(fields)
                    for word in WORDS[:n_words]:
                        scanner_types(display, word, delay_ms=60)
                        scans, fields = scans_and_fields(window.drain(0.5))
                        typed_ok += fields == [word] and not scans
                        taken += bool(scans)
                label = f"load {per_core}/core"
                rows += [
                    row(f"{label}: scans whole (~2 ms/key)", 100 * whole / len(codes), "%"),
                    row(f"{label}: scans cut or leaked", cut, "codes"),
                    row(f"{label}: typing whole (~33 ms/key)", 100 * typed_ok / n_words, "%"),
                    row(f"{label}: typing taken for a scan", taken, "words"),
                ]
        finally:
            window.close()
    return rows
