"""`counterapp doctor [--json] [--offline] [--no-hardware]`: what is wrong on this counter PC, and what to do.

The checks are in counterapp/doctor.py (the core's) and sync/health.py (the portal's, and
`run_doctor`, which runs both; the window's Help → Kiểm tra máy runs it too). This face prints
them. Exit 0 all ok, 1 warnings, 2 errors, so a monitoring script or a GPO start-up script can
act on the status alone; `--json` is the stable form (schema 1).
"""

from __future__ import annotations

import argparse

from counterapp.cli.common import print_json

_MARK = {"ok": "[ ok ]", "warning": "[ !! ]", "error": "[LỖI]"}


def register(subparsers: argparse._SubParsersAction) -> None:
    doctor = subparsers.add_parser("doctor", help="kiểm tra máy / check this counter PC")
    doctor.add_argument("--json", action="store_true", help="JSON ổn định cho giám sát / stable JSON for monitoring")
    doctor.add_argument("--offline", action="store_true", help="không kiểm tra cổng / skip the portal checks")
    doctor.add_argument("--no-hardware", action="store_true", help="không dò máy quét, máy in / skip scanners and printers")
    doctor.set_defaults(handler=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    from sync.health import run_doctor

    report = run_doctor(getattr(args, "data_dir", None), offline=args.offline, hardware=not args.no_hardware)
    if args.json:
        print_json(report.to_json())
        return report.exit_code
    for check in report.checks:
        print(f"{_MARK[check.status]} {check.message}")
        if check.action and check.status != "ok":
            print(f"       → {check.action}")
    summary = {"ok": "Máy ổn / all good", "warning": "Có cảnh báo / warnings", "error": "Có lỗi / errors"}[report.status]
    print(summary)
    return report.exit_code
