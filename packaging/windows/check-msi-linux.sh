#!/usr/bin/env bash
# A structural check of counterapp.wxs on Linux (CI): build it with wixl (msitools) over the
# Linux bundle and read the tables back with msiinfo. The real MSI is built on Windows by
# build-msi.ps1 with WiX Toolset; wixl reads the same WiX 3 source.
#   packaging/windows/check-msi-linux.sh [BUNDLE_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/dist/counterapp}" && pwd)"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/counterapp/__init__.py")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# wixl resolves sources relative to the working folder only.
ln -s "$BUNDLE" "$work/bundle"
cp "$ROOT/packaging/windows/counterapp.wxs" "$ROOT/resources/icons/counterapp.ico" "$work/"
cd "$work"
(cd bundle && find . -type f ! -path ./counterapp | sed 's|^\./|bundle/|' | sort) \
    | wixl-heat --var var.SourceDir -p bundle/ --component-group Bundle --directory-ref INSTALLDIR --win64 > bundle.wxs
wixl -a x64 -D SourceDir=bundle -D Version="$VERSION" -D ExeName=counterapp -D Win64=yes \
    -D IconFile=counterapp.ico -o counterapp.msi counterapp.wxs bundle.wxs 2> >(grep -v 'GLib-GObject-WARNING\|^$' >&2)
[ -s counterapp.msi ] || { echo "wixl made no MSI" >&2; exit 1; }
expect() {  # table, pattern, what
    # The table is read whole before grep: `grep -q` quits at the first match, and under
    # pipefail the SIGPIPE that msiinfo then gets on a long table (Directory) failed CI.
    local table
    table="$(msiinfo export counterapp.msi "$1" | tr -d "\r")"
    grep -Eq "$2" <<<"$table" || { echo "MSI check failed: $3" >&2; exit 1; }
    echo "  ok: $3"
}
echo "MSI $(du -h counterapp.msi | cut -f1) from $(wc -l < bundle.wxs) lines of harvest"
expect Property "^ProductVersion	$VERSION$" "ProductVersion $VERSION"
expect Property "^ALLUSERS	1$" "per-machine install (ALLUSERS=1)"
expect Property "^UpgradeCode	\{6f1f2a57-3c0e-4d55-9a1b-2f6a2e8c4b10\}$" "a fixed UpgradeCode"
expect Upgrade "WIX_UPGRADE_DETECTED" "upgrade in place (MajorUpgrade)"
expect Directory "^INSTALLDIR	ProgramFiles64Folder	Counter$" "installs into Program Files\\Counter"
expect Shortcut "^CounterShortcut	ProgramMenuDir	Counter	StartMenuShortcut	\[INSTALLDIR\]counterapp.exe" "Start-menu shortcut"
expect CustomAction "^ProvisionSiteFile	[0-9]+	counterapp.exe	provision \"\[SITEFILE\]\"" "SITEFILE handed to counterapp provision"
expect InstallExecuteSequence "^ProvisionSiteFile	SITEFILE AND NOT REMOVE" "provisioning only on install with SITEFILE"
files="$(msiinfo export counterapp.msi File | tr -d "\r" | tail -n +4 | grep -c .)"
bundle_files="$(find "$BUNDLE" -type f | wc -l)"
[ "$files" -eq "$bundle_files" ] || { echo "MSI has $files files, the bundle $bundle_files" >&2; exit 1; }
echo "  ok: all $files files of the bundle"
