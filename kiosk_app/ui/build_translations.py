"""Qt Linguist catalogues: ``--update`` extracts strings into resources/translations/*.ts;
the default compiles them into the package's .qm files (done by scripts/setup.sh).

English is the source language; ``kiosk_fr.ts`` holds the French catalogue.
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
LANGUAGES = ("fr",)


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (it ships the Qt Linguist tools)")
    return found


def sources() -> list[Path]:
    package = ROOT / "kiosk_app"
    files = sorted((package / "ui").rglob("*.py")) + sorted((package / "hardware").rglob("*.py"))
    return [p for p in [*files, package / "app.py"] if p.exists()]


def update(ts_files: list[Path] | None = None, *, no_obsolete: bool = True) -> str:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    targets = ts_files or [TS_DIR / f"kiosk_{lang}.ts" for lang in LANGUAGES]
    cmd = [_tool("pyside6-lupdate"), *map(str, sources())]
    if no_obsolete:
        cmd.append("-no-obsolete")
    cmd += ["-ts", *map(str, targets)]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def compile_all() -> list[Path]:
    QM_DIR.mkdir(parents=True, exist_ok=True)
    written = []
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
