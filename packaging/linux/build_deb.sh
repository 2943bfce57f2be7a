#!/usr/bin/env bash
# Package the PyInstaller bundle as a Debian package with dpkg-deb (no other tool needed).
#
#   packaging/linux/build_deb.sh [--bundle DIR] [--version V] [--out DIR]
#                                [--provisioning-key FILE.pub] [--config FILE.toml]
#
# Layout: /opt/omnistore-kiosk/ (bundle), /usr/bin/kiosk-app (wrapper), desktop entry,
# systemd user unit for kiosk mode, /etc/omnistore-kiosk/config.toml and provisioning.pub
# (conffiles: an upgrade keeps what IT changed). Prints the path of the .deb.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/packaging/linux"
BUNDLE="$ROOT/build/dist/kiosk-app"
OUT="$ROOT/build"
VERSION=""
PUBKEY=""
CONFIG="$HERE/files/config.toml"
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE="$2"; shift 2 ;;
    --version) VERSION="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --provisioning-key) PUBKEY="$2"; shift 2 ;;
    --config) CONFIG="$2"; shift 2 ;;
    *) echo "build_deb.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$BUNDLE/kiosk-app" ] || { echo "build_deb.sh: no bundle at $BUNDLE (run build_bundle.sh)" >&2; exit 2; }
if [ -z "$VERSION" ]; then
  VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/kiosk_app/__init__.py")-1"
fi
ARCH="$(dpkg --print-architecture)"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/omnistore-kiosk"

install -d "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/lib/systemd/user" "$PKG/etc/omnistore-kiosk" "$PKG/usr/share/doc/omnistore-kiosk"
cp -a "$BUNDLE" "$PKG/opt/omnistore-kiosk"
echo "$VERSION" > "$PKG/opt/omnistore-kiosk/PACKAGE_VERSION"
install -m 0755 "$HERE/files/kiosk-app" "$PKG/usr/bin/kiosk-app"
install -m 0644 "$HERE/files/omnistore-kiosk.desktop" "$PKG/usr/share/applications/"
install -m 0644 "$HERE/files/omnistore-kiosk.service" "$PKG/usr/lib/systemd/user/"
install -m 0644 "$CONFIG" "$PKG/etc/omnistore-kiosk/config.toml"
echo "/etc/omnistore-kiosk/config.toml" > "$PKG/DEBIAN/conffiles"
if [ -n "$PUBKEY" ]; then
  install -m 0644 "$PUBKEY" "$PKG/etc/omnistore-kiosk/provisioning.pub"
  echo "/etc/omnistore-kiosk/provisioning.pub" >> "$PKG/DEBIAN/conffiles"
fi
install -m 0644 "$ROOT/packaging/README.md" "$PKG/usr/share/doc/omnistore-kiosk/README.md"
install -m 0755 "$HERE/debian/postinst" "$PKG/DEBIAN/postinst"
install -m 0755 "$HERE/debian/postrm" "$PKG/DEBIAN/postrm"
SIZE_KB="$(du -sk "$PKG" --exclude=DEBIAN | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE_KB/" \
  "$HERE/debian/control.in" > "$PKG/DEBIAN/control"
mkdir -p "$OUT"
DEB="$OUT/omnistore-kiosk_${VERSION}_${ARCH}.deb"
# xz -6 compresses best (release); DEB_COMPRESS=gzip DEB_LEVEL=1 is much faster (CI tests)
dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-xz}" -z"${DEB_LEVEL:-6}" --build "$PKG" "$DEB" >/dev/null
echo "$DEB"
