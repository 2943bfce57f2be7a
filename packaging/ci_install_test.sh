#!/usr/bin/env bash
# Build the .deb, install it on this machine and test the INSTALLED app; then upgrade it.
#
#   packaging/ci_install_test.sh            (as root: dpkg -i; CI runs as root)
#   REUSE_BUNDLE=1 packaging/ci_install_test.sh   skip PyInstaller if build/dist exists
#   KEEP_INSTALLED=1 ...                           leave the package installed at the end
#
# Steps (each prints "== step" and fails the script on error):
#  1. PyInstaller one-folder bundle (timed, size printed), .deb N and N+1 (bumped version)
#  2. dpkg -i N; kiosk-app --version, doctor, decode of generated sample images,
#     provision a signed QR and decode it with the installed app
#  3. GUI smoke test offscreen against the reference API started from the venv
#     (kiosk-app smoke-test: main window, enrollment, screenshot)
#  4. upgrade test: API down, writes queued in the device's outbox, IT edits the conffile,
#     dpkg -i N+1; config, outbox and pending writes intact; API back; the upgraded app
#     drains the outbox and the server accepted every write
#  5. dpkg --purge: /opt gone, the user's data (outbox) kept
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
WORK="$(mktemp -d /tmp/kiosk-install-test.XXXXXX)"
API_PID=""
T0=$(date +%s)
step() { echo "== $* ($(($(date +%s) - T0)) s)"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
cleanup() {
  [ -n "$API_PID" ] && kill "$API_PID" 2>/dev/null || true
  if [ "${KEEP_INSTALLED:-0}" != 1 ] && dpkg -s omnistore-kiosk >/dev/null 2>&1; then
    dpkg --purge omnistore-kiosk >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] || fail "run as root (dpkg -i)"

# The installed app runs as a "device user" whose folders live in $WORK.
export HOME="$WORK/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
export XDG_STATE_HOME="$HOME/.local/state" XDG_CACHE_HOME="$HOME/.cache"
export QT_QPA_PLATFORM=offscreen
# fast compression for the test packages (release builds keep build_deb.sh's xz -6)
export DEB_COMPRESS="${DEB_COMPRESS:-gzip}" DEB_LEVEL="${DEB_LEVEL:-1}"
unset KIOSK_CONFIG KIOSK_SYSTEM_CONFIG KIOSK_API_URL KIOSK_DEVICE_TOKEN KIOSK_ENROLLMENT_TOKEN
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME"
DATA="$XDG_DATA_HOME/omnistore-kiosk"
USER_CFG="$XDG_CONFIG_HOME/omnistore-kiosk/config.toml"
APP=/usr/bin/kiosk-app

step "1. bundle"
if [ "${REUSE_BUNDLE:-0}" = 1 ] && [ -x build/dist/kiosk-app/kiosk-app ]; then
  echo "reusing build/dist/kiosk-app"
else
  bash packaging/linux/build_bundle.sh
fi
echo "bundle size: $(du -sm build/dist/kiosk-app | cut -f1) MB"

step "1. packages N and N+1"
"$PY" -m kiosk_app provision --generate-key "$WORK/it-provisioning.pem" >/dev/null
BASE="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' kiosk_app/__init__.py)"
DEB_N="$(bash packaging/linux/build_deb.sh --version "$BASE-1" --out "$WORK/debs" \
  --provisioning-key "$WORK/it-provisioning.pem.pub")"
DEB_N1="$(bash packaging/linux/build_deb.sh --version "$BASE-2" --out "$WORK/debs" \
  --provisioning-key "$WORK/it-provisioning.pem.pub")"
ls -l "$WORK/debs"
dpkg-deb --info "$DEB_N" | sed -n '/Package:/,/Depends:/p'
dpkg-deb --contents "$DEB_N" | grep -E ' \./(usr/bin/kiosk-app|etc/omnistore-kiosk/.*|usr/lib/systemd/user/.*|usr/share/applications/.*)$'

step "2. install N"
dpkg -i "$DEB_N" >/dev/null || fail "dpkg -i $DEB_N"
[ "$(cat /opt/omnistore-kiosk/PACKAGE_VERSION)" = "$BASE-1" ] || fail "package version"
grep -q /etc/omnistore-kiosk/config.toml /var/lib/dpkg/info/omnistore-kiosk.conffiles \
  || fail "config.toml is not a conffile"
"$APP" --version | tee "$WORK/version.txt"
grep -q "kiosk-app $BASE" "$WORK/version.txt" || fail "--version"

step "2. reference API (from the venv) for the installed app"
start_api() {  # $1 = port (0: any)
  "$ROOT/.venv/bin/kiosk-central-api" --port "$1" --db "sqlite:///$WORK/central.db" \
    --enrollment-token demo-enrollment --staff-sign-in optional \
    >"$WORK/api.out" 2>"$WORK/api.err" &
  API_PID=$!
  for _ in $(seq 1 300); do
    if grep -q listening "$WORK/api.out" 2>/dev/null; then break; fi
    kill -0 "$API_PID" 2>/dev/null || { cat "$WORK/api.err" >&2; fail "API did not start"; }
    sleep 0.2
  done
  API_URL="$(sed -n 's/.*"url": *"\([^"]*\)".*/\1/p' "$WORK/api.out" | head -1)"
  [ -n "$API_URL" ] || fail "API URL not found"
  for _ in $(seq 1 100); do
    "$PY" -c "import httpx, sys; httpx.get(sys.argv[1], timeout=2).raise_for_status()" \
      "$API_URL/v1/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  fail "API not healthy"
}
start_api 0
echo "API: $API_URL"

step "2. doctor"
set +e
"$APP" doctor --api-url "$API_URL" --no-camera | tee "$WORK/doctor.txt"
DOCTOR_RC=${PIPESTATUS[0]}
set -e
[ "$DOCTOR_RC" = 0 ] || fail "doctor exit code $DOCTOR_RC"
grep -Eq "^OK +api " "$WORK/doctor.txt" || fail "doctor: api not OK"
grep -Eq "^OK +decoders " "$WORK/doctor.txt" || fail "doctor: decoders not OK"
grep -Eq "^OK +provisioning " "$WORK/doctor.txt" || fail "doctor: shipped key not found"
"$APP" doctor --api-url "$API_URL" --no-camera --bundle "$WORK/support.zip" >/dev/null
"$PY" -m zipfile -l "$WORK/support.zip" > "$WORK/support.txt"
grep -q settings.json "$WORK/support.txt" || fail "support bundle"

step "2. decode sample images"
"$PY" packaging/ci_helpers.py samples "$WORK/samples" >/dev/null
"$APP" decode "$WORK/samples/ean13.png" "$WORK/samples/digital-link-qr.png" \
  | tee "$WORK/decode.txt"
grep -q '"text": "3760123000017"' "$WORK/decode.txt" || fail "decode EAN-13"
grep -q '"route": "product"' "$WORK/decode.txt" || fail "decode routing"
grep -q 'LOT42' "$WORK/decode.txt" || fail "decode QR"

step "2. provision a signed QR with the installed app and read it back"
"$APP" provision --store PAR01 --mode kiosk --api-url "$API_URL" \
  --enrollment-token demo-enrollment --expires 1h --key "$WORK/it-provisioning.pem" \
  --out "$WORK/provision.png"
"$APP" provision --store PAR01 --mode kiosk --api-url "$API_URL" \
  --enrollment-token demo-enrollment --expires 1h --key "$WORK/it-provisioning.pem" \
  --out "$WORK/provision.pdf" >/dev/null
head -c 5 "$WORK/provision.pdf" | grep -q '%PDF' || fail "provision PDF"
"$APP" decode "$WORK/provision.png" > "$WORK/provision-decode.txt"
grep -q '"text": "PRV1\.' "$WORK/provision-decode.txt" || fail "provision QR decode"

step "3. GUI smoke test (offscreen)"
"$APP" smoke-test --api-url "$API_URL" --enrollment-token demo-enrollment --store PAR01 \
  --screenshot "$WORK/smoke.png" --timeout 60 | tee "$WORK/smoke.json"
grep -q '"ok": true' "$WORK/smoke.json" || fail "smoke test"
[ -s "$WORK/smoke.png" ] || fail "no screenshot"
if [ -n "${SMOKE_SCREENSHOT:-}" ]; then cp "$WORK/smoke.png" "$SMOKE_SCREENSHOT"; fi

step "4. upgrade: queue writes offline"
TOKEN="$("$PY" packaging/ci_helpers.py enroll "$API_URL")"
CUSTOMER="$("$PY" packaging/ci_helpers.py customer "$API_URL" "$TOKEN")"
mkdir -p "$(dirname "$USER_CFG")"
printf 'api_url = "%s"\nstore_code = "PAR01"\nmode = "associate"\ndevice_token = "%s"\n' \
  "$API_URL" "$TOKEN" > "$USER_CFG"
API_PORT="${API_URL##*:}"
kill "$API_PID"; wait "$API_PID" 2>/dev/null || true; API_PID=""
"$PY" packaging/ci_helpers.py queue "$DATA" "$CUSTOMER" 3
BEFORE="$("$PY" packaging/ci_helpers.py outbox "$DATA")"
echo "outbox before upgrade: $BEFORE"
set +e
"$APP" doctor --no-camera > "$WORK/doctor-offline.txt"
set -e
grep -q "3 waiting to sync" "$WORK/doctor-offline.txt" || fail "doctor does not see the backlog"
grep -Eq "^FAIL +api " "$WORK/doctor-offline.txt" || fail "doctor: API should be down"
# IT changed the machine-wide config: the upgrade must keep it
sed -i 's/^# request_timeout_s = 8/request_timeout_s = 9/' /etc/omnistore-kiosk/config.toml
cp "$USER_CFG" "$WORK/user-config.before"

step "4. upgrade to N+1"
dpkg -i --force-confold "$DEB_N1" >/dev/null || fail "dpkg -i $DEB_N1"
[ "$(cat /opt/omnistore-kiosk/PACKAGE_VERSION)" = "$BASE-2" ] || fail "upgrade version"
[ "$(dpkg-query -W -f='${Version}' omnistore-kiosk)" = "$BASE-2" ] || fail "dpkg version"
grep -q '^request_timeout_s = 9' /etc/omnistore-kiosk/config.toml || fail "conffile lost"
cmp -s "$USER_CFG" "$WORK/user-config.before" || fail "user config changed"
AFTER="$("$PY" packaging/ci_helpers.py outbox "$DATA")"
echo "outbox after upgrade: $AFTER"
[ "$BEFORE" = "$AFTER" ] || fail "outbox changed by the upgrade"

step "4. API back: the upgraded app syncs the pending writes"
start_api "$API_PORT"
"$APP" smoke-test --drain-outbox --timeout 60 | tee "$WORK/drain.json"
grep -q '"ok": true' "$WORK/drain.json" || fail "drain"
grep -q '"outbox_pending_after": 0' "$WORK/drain.json" || fail "outbox not empty"
"$PY" packaging/ci_helpers.py synced "$DATA" 3 || fail "writes not delivered"

step "5. purge keeps user data"
if [ "${KEEP_INSTALLED:-0}" != 1 ]; then
  dpkg --purge omnistore-kiosk >/dev/null
  [ ! -e /opt/omnistore-kiosk ] || fail "/opt/omnistore-kiosk left behind"
  [ ! -e /etc/omnistore-kiosk/config.toml ] || fail "conffile left after purge"
  [ -f "$DATA/outbox.db" ] || fail "user data removed"
fi
step "install test passed"
