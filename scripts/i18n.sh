#!/usr/bin/env bash
# Refresh the translation sources from ui/ and compile them:
#   scripts/i18n.sh            (then translate new entries in resources/i18n/*.ts with
#                               pyside6-linguist, and run it again to compile the .qm)
# Vietnamese is the source language in the code; English comes from counterapp_en.ts.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${COUNTERAPP_VENV:-$ROOT/.venv}"
cd "$ROOT"
mapfile -t sources < <(find ui -name '*.py' | sort)
"$VENV/bin/pyside6-lupdate" -no-obsolete "${sources[@]}" -ts resources/i18n/counterapp_en.ts \
    -source-language vi_VN -target-language en_GB
"$VENV/bin/pyside6-lrelease" resources/i18n/counterapp_en.ts -qm resources/i18n/counterapp_en.qm
# Qt's own texts (standard buttons, edit menus) in Vietnamese: a short hand-written file.
"$VENV/bin/pyside6-lrelease" resources/i18n/qt_vi.ts -qm resources/i18n/qt_vi.qm
