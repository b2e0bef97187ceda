"""`counterapp report`: a period's figures from this counter's database, offline, as JSON, an
Excel workbook or an A4 PDF (the same figures as the dashboard: counterapp/reports/period.py).

    counterapp report --from YYYY-MM-DD --to YYYY-MM-DD [--by procedure|field|officer|channel]
                      (--json | --xlsx OUT.xlsx | --pdf OUT.pdf) [--list]
    counterapp report --period day|week|month|quarter|year [--date YYYY-MM-DD] ...   (default: today)

Dates are whole days in the site's zone, both ends included; DD/MM/YYYY is accepted too.
`--list` adds the dossiers behind the figures (a "Danh sách" sheet in the XLSX, "dossiers"
in the JSON). Once the site has users, only a role with the "statistics" action (supervisor,
admin) may: `--officer USER` with their password (`--password-stdin` or COUNTERAPP_PASSWORD).
Exit status: 0 done; 1 refused (not allowed); 2 bad dates or options, or the file cannot be
written.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import Any

from counterapp.cli.common import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, fail, open_context, print_json
from counterapp.cli.user import add_password_option, sign_in_officer
from counterapp.validation import date_problem

BY = ("procedure", "field", "officer", "channel")
KINDS = ("day", "week", "month", "quarter", "year")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report", help="số liệu một kỳ: JSON, Excel, PDF / a period's figures as JSON, XLSX or PDF",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--from", dest="date_from", help="từ ngày / from YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", help="đến ngày / to YYYY-MM-DD")
    parser.add_argument("--period", choices=KINDS, help="ngày, tuần, tháng, quý, năm chứa --date / the day, week, "
                                                        "month, quarter or year holding --date")
    parser.add_argument("--date", help="ngày trong kỳ (mặc định hôm nay) / a day of the period (default today)")
    parser.add_argument("--by", choices=BY, help="nhóm theo thủ tục, lĩnh vực, cán bộ, kênh / group by")
    out = parser.add_mutually_exclusive_group(required=True)
    out.add_argument("--json", action="store_true", help="in JSON / print JSON")
    out.add_argument("--xlsx", metavar="OUT", help="ghi tệp Excel / write an XLSX file")
    out.add_argument("--pdf", metavar="OUT", help="ghi tệp PDF A4 / write an A4 PDF")
    parser.add_argument("--list", action="store_true", help="kèm danh sách hồ sơ / add the list of dossiers")
    parser.add_argument("--officer", default="", help="người dùng xem báo cáo (khi trạm có người dùng) / "
                                                      "the user asking (once the site has users)")
    add_password_option(parser)
    parser.set_defaults(handler=cmd_report)


def parse_day(text: str | None, option: str) -> date:
    """A date as typed (YYYY-MM-DD or DD/MM/YYYY), or exit 2 with a message naming the option."""
    value = (text or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = datetime.strptime(value, pattern).date()
        except ValueError:
            continue
        problem = date_problem(day)
        if problem:
            fail(f"{option}: {problem}", EXIT_FAILED)
        return day
    fail(f"{option}: ngày không hợp lệ {text!r}, cần YYYY-MM-DD hoặc DD/MM/YYYY / not a date {text!r}, "
         "expected YYYY-MM-DD or DD/MM/YYYY", EXIT_FAILED)
    raise AssertionError  # unreachable


def _period(args: argparse.Namespace, zone: Any):  # noqa: ANN202
    from counterapp.clock import site_today
    from counterapp.reports.period import Period, ReportError, period_for

    if args.period and (args.date_from or args.date_to):
        fail("Chọn --period hoặc --from/--to, không cả hai / give --period or --from/--to, not both", EXIT_FAILED)
    try:
        if args.period:
            day = parse_day(args.date, "--date") if args.date else site_today(zone)
            return period_for(args.period, day)
        if args.date:
            fail("--date đi với --period / --date goes with --period", EXIT_FAILED)
        if not args.date_from or not args.date_to:
            fail("Cần --from và --to (hoặc --period) / --from and --to are required (or --period)", EXIT_FAILED)
        return Period(parse_day(args.date_from, "--from"), parse_day(args.date_to, "--to"))
    except ReportError as exc:
        fail(str(exc), EXIT_FAILED)
    raise AssertionError  # unreachable


def _check_allowed(args: argparse.Namespace, ctx: Any) -> None:
    """Once the site has users: a signed-in user whose role may see statistics."""
    from counterapp.users.accounts import has_users, require_permission
    from counterapp.users.roles import PermissionDenied

    with ctx.sessions() as session:
        if not has_users(session):
            return
    sign_in_officer(args, ctx)  # exits 1 without a user and their password
    with ctx.sessions() as session:
        try:
            require_permission(session, args.officer, "statistics")
        except PermissionDenied as exc:
            ctx.close()
            fail(str(exc), EXIT_PARTIAL)


def cmd_report(args: argparse.Namespace) -> int:
    from counterapp.clock import site_today
    from counterapp.reports.dossier_list import period_dossiers
    from counterapp.reports.period import period_report

    ctx = open_context(args, seed_demo=False)
    try:
        period = _period(args, ctx.config.zone)
        _check_allowed(args, ctx)
        with ctx.sessions() as session:
            report = period_report(session, ctx.config, period, args.by)
            top = None
            if args.pdf and args.by != "procedure":
                from counterapp.reports.charts import top_items

                top = top_items(period_report(session, ctx.config, period, "procedure"))
            dossiers = period_dossiers(session, ctx.config, period) if args.list else None
        if args.json:
            data = report.as_dict()
            if dossiers is not None:
                data["dossiers"] = [line.as_dict() for line in dossiers]
            print_json(data)
            return EXIT_OK
        try:
            if args.xlsx:
                from counterapp.reports.export_xlsx import write_xlsx

                path = write_xlsx(report, args.xlsx, zone=ctx.config.zone, dossiers=dossiers)
            else:
                from counterapp.forms.render import ensure_gui_application
                from counterapp.reports.export_pdf import write_pdf

                ensure_gui_application()
                path = write_pdf(report, args.pdf, ctx.config, today=site_today(ctx.config.zone), top_procedures=top)
        except OSError as exc:
            fail(f"Không ghi được {args.xlsx or args.pdf}: {exc} / cannot write the file", EXIT_FAILED)
    finally:
        ctx.close()
    totals = report.totals
    print_json({
        "report": "xlsx" if args.xlsx else "pdf", "path": str(path), "from": period.start.isoformat(),
        "to": period.end.isoformat(), "by": args.by, "source": report.source, "received": totals.received,
        "resolved": totals.resolved, "groups": len(report.groups),
        "dossiers": len(dossiers) if dossiers is not None else None,
    })
    return EXIT_OK
