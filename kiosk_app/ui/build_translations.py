"""Qt Linguist catalogues: ``--update`` extracts strings into resources/translations/*.ts;
the default compiles them into the package's .qm files (done by scripts/setup.sh).

English is the source language; ``kiosk_fr.ts`` holds the French catalogue and
``kiosk_en.ts`` only the English plural forms (``tr("%n item(s)", "", n)``: "1 item",
"2 items"), which a source string alone cannot give.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = Path(__file__).resolve().parent / "translations"
LANGUAGES = ("fr", "en")
#: catalogues holding the plural forms only (the source strings are in this language)
PLURALS_ONLY = ("en",)


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (it ships the Qt Linguist tools)")
    return found


def sources() -> list[Path]:
    package = ROOT / "kiosk_app"
    files: list[Path] = []
    for part in ("ui", "shell", "flows", "hardware", "app"):  # every package that shows text
        files += sorted((package / part).rglob("*.py"))
    return files


def update(ts_files: list[Path] | None = None, *, no_obsolete: bool = True) -> str:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    targets = ts_files or [TS_DIR / f"kiosk_{lang}.ts" for lang in LANGUAGES]
    out = []
    for plurals_only in (False, True):
        chosen = [ts for ts in targets if _plurals_only(ts) == plurals_only]
        if not chosen:
            continue
        cmd = [_tool("pyside6-lupdate"), *map(str, sources())]
        if no_obsolete:
            cmd.append("-no-obsolete")
        if plurals_only:
            cmd.append("-pluralonly")
        cmd += ["-ts", *map(str, chosen)]
        out.append(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    return "".join(out)


def _plurals_only(ts: Path) -> bool:
    return ts.stem.removeprefix("kiosk_") in PLURALS_ONLY


def copy_qt_catalogues() -> list[Path]:
    """Qt's own French catalogue (file dialogs, standard buttons) from the PySide6 wheel,
    shipped in the package next to ours: a bundle or an install finds it there."""
    from PySide6.QtCore import QLibraryInfo

    source = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    copied = []
    for language in (lang for lang in LANGUAGES if lang not in PLURALS_ONLY):
        qm = source / f"qtbase_{language}.qm"
        if qm.is_file():
            copied.append(Path(shutil.copy2(qm, QM_DIR / qm.name)))
    return copied


def compile_all() -> list[Path]:
    QM_DIR.mkdir(parents=True, exist_ok=True)
    written = copy_qt_catalogues()
    for ts in sorted(TS_DIR.glob("kiosk_*.ts")):
        qm = QM_DIR / (ts.stem + ".qm")
        subprocess.run(
            [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
            check=True,
            capture_output=True,
            text=True,
        )
        written.append(qm)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true", help="re-extract strings into .ts")
    args = parser.parse_args()
    if args.update:
        print(update())
    for qm in compile_all():
        print(f"compiled {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
