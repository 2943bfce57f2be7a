#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle of kiosk-app: build/dist/kiosk-app/
#   packaging/linux/build_bundle.sh            (uses ./.venv; installs PyInstaller into it)
# Prints the bundle size and the build time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
PYINSTALLER_SPEC="${PYINSTALLER_SPEC:-pyinstaller>=6.10,<7}"
cd "$ROOT"
"$PY" -c "import PyInstaller" 2>/dev/null || "$PY" -m pip install -q "$PYINSTALLER_SPEC"
# The .qm catalogues are part of the bundle (ours and Qt's qtbase_fr.qm, copied next to
# them): always rebuilt, a catalogue left from an older set-up may lack one.
"$PY" -m kiosk_app.ui.build_translations
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --log-level WARN \
  --distpath build/dist --workpath build/pyinstaller \
  packaging/pyinstaller/kiosk-app.spec
end=$(date +%s)
size=$(du -sm build/dist/kiosk-app | cut -f1)
echo "bundle: build/dist/kiosk-app  ${size} MB  built in $((end - start)) s"
