#!/usr/bin/env bash
# Build dist/counterapp_<version>_<arch>.deb from the PyInstaller one-folder bundle.
#   .venv/bin/pyinstaller --noconfirm build.spec      # makes dist/counterapp/
#   packaging/linux/build-deb.sh [BUNDLE_DIR] [OUT_DIR]
#
# Layout: the bundle in /opt/counterapp, /usr/bin/counterapp (a symlink: the bundle finds its
# own files through /proc/self/exe), a .desktop entry and the icon. Depends are the runtime
# Debian packages of scripts/debian-packages-app.txt (the build-only ones left out). The
# package writes nothing else at install: a machine-wide site file (/etc/counterapp/site.toml)
# is IT's, and the officers' data folders (~/.local/share/counterapp) are theirs; removing
# the package leaves both.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUNDLE="${1:-$ROOT/dist/counterapp}"
OUT="${2:-$ROOT/dist}"
[ -x "$BUNDLE/counterapp" ] || { echo "no bundle at $BUNDLE: run pyinstaller build.spec first" >&2; exit 2; }
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/counterapp/__init__.py")"
ARCH="$(dpkg --print-architecture)"
NAME="counterapp_${VERSION}_${ARCH}"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
pkg="$stage/$NAME"

install -d "$pkg/DEBIAN" "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications" \
    "$pkg/usr/share/icons/hicolor/256x256/apps" "$pkg/usr/share/icons/hicolor/scalable/apps" \
    "$pkg/usr/share/doc/counterapp"
cp -a "$BUNDLE" "$pkg/opt/counterapp"
ln -s /opt/counterapp/counterapp "$pkg/usr/bin/counterapp"
install -m 644 "$ROOT/packaging/linux/counterapp.desktop" "$pkg/usr/share/applications/counterapp.desktop"
install -m 644 "$ROOT/resources/icons/counterapp.png" "$pkg/usr/share/icons/hicolor/256x256/apps/counterapp.png"
install -m 644 "$ROOT/resources/icons/counterapp.svg" "$pkg/usr/share/icons/hicolor/scalable/apps/counterapp.svg"
install -m 644 "$ROOT/packaging/linux/copyright" "$pkg/usr/share/doc/counterapp/copyright"

# Runtime packages only: no compilers or headers (those build python-sane from source).
depends="$(grep -v '^\s*#' "$ROOT/scripts/debian-packages-app.txt" | awk 'NF {print $1}' \
    | grep -Ev -- '-dev$|^gcc$|^g\+\+$|^make$' | paste -sd, | sed 's/,/, /g')"
installed_kb="$(du -sk "$pkg" | cut -f1)"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: counterapp
Version: $VERSION
Architecture: $ARCH
Maintainer: Counter developers <counterapp@localhost>
Section: misc
Priority: optional
Installed-Size: $installed_kb
Depends: $depends
Recommends: gnome-keyring | kwalletmanager
Homepage: https://github.com/counterapp/counterapp
Description: Counter - desktop client for one-stop administrative counters
 Phần mềm cho Bộ phận Một cửa: tiếp nhận hồ sơ, in biên nhận, số hóa và đồng bộ
 với Cổng dịch vụ công, kể cả khi mất mạng.
 .
 Intake, receipts, digitizing and background sync with the provincial public
 service portal for Vietnam's one-stop counters; keeps working offline.
CONTROL

# Compression: zstd -3, about 1 min for a 500 MB bundle on 2 busy cores (-19 took 10 min) and Debian 12 dpkg reads it.
compress=(-Zxz)
grep -q zstd <<<"$(dpkg-deb --help)" && compress=(-Zzstd -z3)
mkdir -p "$OUT"
dpkg-deb --root-owner-group "${compress[@]}" --build "$pkg" "$OUT/$NAME.deb" >/dev/null
echo "$OUT/$NAME.deb ($(du -h "$OUT/$NAME.deb" | cut -f1), installed ${installed_kb} KB)"
