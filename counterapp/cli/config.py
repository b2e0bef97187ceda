"""`counterapp config show [--json]`: every effective setting and where it came from.

Why: with two files (IT's machine-wide one, the officer's own) and locked keys, "why is the
portal address this?" needs one answer: the value and its source (default / machine file /
user file / locked by IT), plus the user values ignored because IT locked them. Secrets
(a password in a URL, keys named like one) are masked. Reads the files only: no database is
opened, so it also works on a counter whose database is locked or damaged.
Exit 0, or 2 when a file is wrong (the message names the file, line and key).
"""

from __future__ import annotations

import argparse
import json

from counterapp.cli.common import EXIT_FAILED, EXIT_OK, fail, print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    config = subparsers.add_parser("config", help="cấu hình / settings")
    sub = config.add_subparsers(dest="config_command", metavar="COMMAND", required=True)
    show = sub.add_parser("show", help="cấu hình đang dùng và nguồn / effective settings and their source")
    show.add_argument("--json", action="store_true", help="JSON output")
    show.set_defaults(handler=_show)


def _show(args: argparse.Namespace) -> int:
    from counterapp.config import ConfigError, load_site_config
    from counterapp.paths import resolve_data_dir
    from counterapp.settings.layers import SOURCE_LABELS, effective_rows

    try:
        config = load_site_config(resolve_data_dir(getattr(args, "data_dir", None)))
    except ConfigError as exc:
        fail(str(exc), EXIT_FAILED)
    rows = effective_rows(config.raw, config.sources, config.locked)
    if args.json:
        print_json({"files": config.files, "settings": rows, "locked": list(config.locked),
                    "ignored": list(config.ignored)})
        return EXIT_OK
    print(f"Tệp của máy / machine file: {config.files.get('machine')}")
    print(f"Tệp người dùng / user file: {config.files.get('user')}")
    width = max(len(row["key"]) for row in rows)
    for row in rows:
        value = json.dumps(row["value"], ensure_ascii=False)
        print(f"{row['key']:<{width}} = {value}  [{SOURCE_LABELS[row['source']]}]")
    for message in config.ignored:
        print(f"! {message}")
    return EXIT_OK
