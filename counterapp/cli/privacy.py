"""`counterapp privacy purge`: remove old personal data from this counter (NĐ 13/2023).

See counterapp/retention.py for what is removed, from which dossiers, and what stays.
"""

from __future__ import annotations

import argparse

from counterapp.cli.common import EXIT_FAILED, EXIT_OK, fail, open_context, print_json
from counterapp.validation import bounded_int


def register(subparsers: argparse._SubParsersAction) -> None:
    privacy = subparsers.add_parser("privacy", help="dữ liệu cá nhân / personal data kept on this counter")
    sub = privacy.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    purge = sub.add_parser(
        "purge",
        help="xóa thông tin cá nhân của hồ sơ đã xong và đã đồng bộ, cũ hơn N ngày "
             "/ remove personal data of closed, synced dossiers older than N days",
    )
    purge.add_argument("--older-than-days", type=bounded_int(-36_500, 36_500), metavar="N",
                       help="số ngày giữ lại / days to keep (default: [privacy] keep_days in site.toml)")
    purge.add_argument("--dry-run", action="store_true", help="chỉ đếm / count only, change nothing")
    purge.add_argument("--json", action="store_true", help="JSON output")
    purge.set_defaults(handler=_purge)


def _purge(args: argparse.Namespace) -> int:
    from counterapp.config import ConfigError
    from counterapp.retention import purge_personal_data, retention_days

    ctx = open_context(args)
    try:
        days = args.older_than_days
        if days is None:
            try:
                days = retention_days(ctx.config)
            except ConfigError as exc:
                fail(str(exc), EXIT_FAILED)
        if days < 1:
            fail("Cần --older-than-days N (N ≥ 1) hoặc [privacy] keep_days trong site.toml "
                 "/ give --older-than-days N (N ≥ 1) or set [privacy] keep_days in site.toml", EXIT_FAILED)
        report = purge_personal_data(ctx, days, dry_run=args.dry_run)
        if args.json:
            print_json(report.to_dict())
        else:
            verb = "sẽ xóa / would remove" if args.dry_run else "đã xóa / removed"
            print(f"Hồ sơ cũ hơn {days} ngày / dossiers older than {days} days: {verb} "
                  f"thông tin cá nhân của {report.dossiers} hồ sơ / personal data of {report.dossiers} dossiers, "
                  f"{report.documents} giấy tờ số hóa / digitized documents, {report.drafts} bản nháp / drafts")
            if not args.dry_run:
                print(f"Tệp đã xóa / files removed: {report.files_removed} ({report.bytes_freed:,} bytes)")
            if report.waiting_for_sync:
                print(f"Chưa xóa {report.waiting_for_sync} hồ sơ còn chờ gửi lên cổng "
                      f"/ {report.waiting_for_sync} dossiers kept: still waiting for the portal")
        return EXIT_OK
    finally:
        ctx.close()
