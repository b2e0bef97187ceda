"""Fill untranslated entries of a Qt .ts file from a JSON object {source: translation}.

    .venv/bin/python scripts/ts_fill.py resources/i18n/counterapp_en.ts batch.json
    scripts/i18n.sh      # compiles the .qm

For translating many new strings at once without Qt Linguist; entries already
translated are left alone, unless `--force` is given: then every entry whose source is in
the JSON takes its translation (to correct existing ones, e.g. English mnemonics):

    .venv/bin/python scripts/ts_fill.py --force resources/i18n/counterapp_en.ts fixes.json
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def fill(ts_path: str, pairs: dict[str, str], force: bool = False) -> tuple[int, list[str]]:
    tree = ET.parse(ts_path)
    filled, missing = 0, []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation is None or source is None:
            continue
        if translation.get("type") != "unfinished" and translation.text and not (force and source in pairs):
            continue
        if source in pairs:
            translation.text = pairs[source]
            translation.attrib.pop("type", None)
            filled += 1
        else:
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return filled, missing


if __name__ == "__main__":
    args = sys.argv[1:]
    force = "--force" in args
    ts_file, json_file = [a for a in args if a != "--force"]
    done, left = fill(ts_file, json.loads(open(json_file, encoding="utf-8").read()), force)
    print(f"filled {done}; still untranslated {len(left)}")
    for source in left:
        print("  -", source)
