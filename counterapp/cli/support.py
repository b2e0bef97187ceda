"""`counterapp support-bundle --out FILE.zip [--offline]`: logs, doctor, versions and settings for IT.

What goes in and what never does: counterapp/support.py.
"""

from __future__ import annotations

import argparse
import os

from counterapp.cli.common import EXIT_FAILED, EXIT_OK, fail


def register(subparsers: argparse._SubParsersAction) -> None:
    bundle = subparsers.add_parser("support-bundle", help="gói hỗ trợ cho IT / a support bundle for IT")
    bundle.add_argument("--out", required=True, help="tệp .zip / the .zip file to write")
    bundle.add_argument("--offline", action="store_true", help="không kiểm tra cổng / skip the portal checks")
    bundle.set_defaults(handler=_bundle)


def _bundle(args: argparse.Namespace) -> int:
    from pathlib import Path

    from counterapp.config import SITE_FILE_NAME
    from counterapp.paths import resolve_data_dir
    from counterapp.support import database_counts, write_bundle
    from sync.health import run_doctor

    folder = resolve_data_dir(getattr(args, "data_dir", None))
    report = run_doctor(folder, offline=args.offline, hardware=True).to_json()
    counts = None
    if (folder / "counter.db").exists():
        try:
            from counterapp.app import open_app

            ctx = open_app(folder, seed_demo=False)
            try:
                counts = database_counts(ctx)
            finally:
                ctx.close()
        except Exception as exc:  # noqa: BLE001 - the bundle is most needed when the folder is broken
            counts = {"error": f"{type(exc).__name__}: {exc}"}
    settings = [folder / SITE_FILE_NAME]
    machine = os.environ.get("COUNTERAPP_SITE_FILE")
    if machine:
        settings.insert(0, Path(machine))
    try:
        contents = write_bundle(Path(args.out), folder, doctor=report, counts=counts, settings_files=settings)
    except OSError as exc:
        fail(f"Không ghi được {args.out} / cannot write {args.out}: {exc.strerror or exc}", EXIT_FAILED)
    print(f"Đã ghi / written: {args.out} ({len(contents)} tệp / files)")
    return EXIT_OK
