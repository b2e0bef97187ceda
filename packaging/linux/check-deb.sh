#!/usr/bin/env bash
# CI: install the .deb as IT would (apt resolves its Depends), run the installed copy, remove
# it, and check it left nothing behind but the user's data.
#   packaging/linux/check-deb.sh dist/counterapp_<version>_<arch>.deb
set -euo pipefail
deb="$(realpath "$1")"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends "$deb" >/dev/null
installed="$(dpkg -L counterapp | sort)"
[ "$(readlink -f /usr/bin/counterapp)" = /opt/counterapp/counterapp ] || { echo "/usr/bin/counterapp missing" >&2; exit 1; }
[ -f /usr/share/applications/counterapp.desktop ] || { echo ".desktop entry missing" >&2; exit 1; }
home="$(mktemp -d)"
data="$home/data"
HOME="$home" DATA="$data" dbus-run-session -- bash -c '
    set -euo pipefail
    echo -n counterapp-ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
    export QT_QPA_PLATFORM=offscreen
    counterapp --version
    counterapp --data-dir "$DATA" --smoke
    counterapp --data-dir "$DATA" catalog search "khai sinh" --limit 2
    # doctor: warnings are expected here (no site file, no scanner or printer); errors are not.
    status=0
    counterapp --data-dir "$DATA" doctor --offline || status=$?
    [ "$status" -le 1 ] || { echo "doctor found errors on the installed copy" >&2; exit 1; }
'
apt-get purge -y counterapp >/dev/null
left=""
while IFS= read -r path; do
    [ -e "$path" ] || [ -L "$path" ] || continue
    case "$path" in /|/opt|/usr|/usr/bin|/usr/share|/usr/share/*/|/usr/share/applications|/usr/share/doc|/usr/share/icons*) continue ;; esac
    [ -d "$path" ] && [ -n "$(ls -A "$path" 2>/dev/null)" ] && continue  # a shared folder others use
    left="$left $path"
done <<< "$installed"
[ -z "$left" ] || { echo "left behind after purge:$left" >&2; exit 1; }
[ -d "$data" ] || { echo "the user's data folder was removed" >&2; exit 1; }
rm -rf "$home"
echo "deb ok: installed, ran (--version, --smoke, catalog search, doctor), purged clean, user data kept"
