"""`counterapp dashboard ...`: the dashboard's figures and queues from the command line, the
same core the window's "Tổng quan" tab shows (counterapp/reports/today.py, queues.py).

    counterapp dashboard today [--at "YYYY-MM-DDTHH:MM"] [--json]      the seven figures of today
    counterapp dashboard list FIGURE [--at ...] [--json]               the dossiers behind one
        FIGURE: received returned due_today overdue waiting_citizen not_synced provisional
    counterapp dashboard queues [--at ...] [--json]                    the four queues
    counterapp dashboard call CODE [--note TEXT] [--officer NAME]      mark the applicant called
    counterapp dashboard follow-up NUMBER [--note TEXT] [--officer NAME]   mark a form 02 request followed up

Once the site has users, `--officer` (with the password) is needed, and reading figures needs
a role that may see statistics (supervisor, admin). Exit 1 for an unknown figure, code or
request number, or a role that may not; 2 for a bad --at.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from counterapp.cli.common import EXIT_FAILED, EXIT_PARTIAL, fail, open_context, print_json
from counterapp.cli.user import add_password_option, sign_in_officer

FIGURE_KEYS = ("received", "returned", "due_today", "overdue", "waiting_citizen", "not_synced", "provisional")
"""counterapp.reports.today.FIGURE_KEYS, spelled here so building the parser imports no database code
(tests/reports/test_dashboard_cli.py checks they agree)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("dashboard", help="số liệu hôm nay và các hàng việc / today's figures and queues")
    sub = parser.add_subparsers(dest="dashboard_command", metavar="ACTION", required=True)
    today = sub.add_parser("today", help="bảy số liệu của hôm nay / today's seven figures")
    listing = sub.add_parser("list", help="các hồ sơ sau một số liệu / the dossiers behind a figure")
    listing.add_argument("figure", choices=FIGURE_KEYS)
    queues = sub.add_parser("queues", help="các hàng việc / the queues")
    for p in (today, listing, queues):
        p.add_argument("--at", help='thời điểm tính (giờ địa phương) / compute at "YYYY-MM-DDTHH:MM" (default: now)')
        p.add_argument("--json", action="store_true", help="JSON (mặc định là văn bản / default: text)")
        p.add_argument("--officer", default="", help="người xem / who is looking")
        add_password_option(p)
    today.set_defaults(handler=_today)
    listing.set_defaults(handler=_list)
    queues.set_defaults(handler=_queues)
    call = sub.add_parser("call", help="ghi nhận đã gọi công dân đến nhận kết quả / mark the applicant called")
    call.add_argument("code", help="mã hồ sơ / dossier code")
    follow = sub.add_parser("follow-up", help="ghi nhận đã nhắc phiếu yêu cầu bổ sung / mark a request followed up")
    follow.add_argument("number", help="số phiếu / request number (YC...)")
    for p in (call, follow):
        p.add_argument("--note", default="", help="ghi chú / note")
        p.add_argument("--officer", default="", help="cán bộ / officer")
        add_password_option(p)
    call.set_defaults(handler=_call)
    follow.set_defaults(handler=_follow)


def _at(text: str | None, zone: Any) -> datetime | None:
    if not text:
        return None
    for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).replace(tzinfo=zone)
        except ValueError:
            continue
    fail(f"--at: thời điểm không hợp lệ {text!r}, cần YYYY-MM-DDTHH:MM / not a date and time", EXIT_FAILED)
    return None


def _open(args: argparse.Namespace, action: str | None):  # noqa: ANN202
    ctx = open_context(args, seed_demo=False)
    sign_in_officer(args, ctx)
    if action is not None:
        from counterapp.users.accounts import check_permission
        from counterapp.users.roles import PermissionDenied

        try:
            check_permission(ctx, args.officer, action)
        except PermissionDenied as exc:
            ctx.close()
            fail(str(exc), EXIT_PARTIAL)
    return ctx


def _officer(args: argparse.Namespace, ctx: Any) -> str:
    from counterapp.officer import configured_officer_or_none

    name = (args.officer or "").strip()
    if not name:
        configured = configured_officer_or_none(ctx.config)
        name = configured.full_name if configured is not None else ""
    return name


def _today(args: argparse.Namespace) -> int:
    from counterapp.reports.today import today_figures

    ctx = _open(args, "statistics")
    try:
        with ctx.sessions() as session:
            today = today_figures(session, ctx.config, now=_at(args.at, ctx.config.zone))
    finally:
        ctx.close()
    if args.json:
        print_json(today.to_dict())
        return 0
    print(f"{today.day:%d/%m/%Y} — {today.scope_text}")
    for f in today.figures:
        print(f"  {f.count:>6}  {f.label_vi} / {f.label_en}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from counterapp.reports.today import figure_dossiers

    ctx = _open(args, "statistics")
    try:
        with ctx.sessions() as session:
            items = figure_dossiers(session, ctx.config, args.figure, now=_at(args.at, ctx.config.zone), limit=None)
    finally:
        ctx.close()
    if args.json:
        print_json([i.to_dict() for i in items])
        return 0
    for i in items:
        print(f"{i.code}\t{i.applicant_name}\t{i.procedure_code}\t{i.status}")
    return 0


def _queues(args: argparse.Namespace) -> int:
    from counterapp.reports.queues import compute_queues

    ctx = _open(args, "statistics")
    try:
        with ctx.sessions() as session:
            queues = compute_queues(session, ctx.config, now=_at(args.at, ctx.config.zone))
    finally:
        ctx.close()
    if args.json:
        print_json(queues.to_dict())
        return 0
    print(f"Hẹn trả hôm nay và {queues.next_working_day:%d/%m} / due today and next working day: "
          f"{len(queues.due_soon)}")
    for i in queues.due_soon:
        print(f"  {i.code}\t{i.applicant_name}\t{i.extra.get('due_day')}")
    print(f"Quá hạn / overdue: {queues.counts.get('overdue', 0)}")
    for bucket in queues.overdue:
        for i in bucket.items:
            print(f"  [{bucket.key}] {i.code}\t{i.applicant_name}\t{i.extra.get('days_late')}")
    print(f"Chưa đến nhận kết quả / results not collected: {len(queues.uncollected)}")
    for i in queues.uncollected:
        print(f"  {i.code}\t{i.applicant_name}\t{i.phone or ''}\t{i.extra.get('days_waiting')}")
    print(f"Phiếu yêu cầu bổ sung chưa nhắc / requests never followed up: {len(queues.follow_up)}")
    for r in queues.follow_up:
        print(f"  {r.number}\t{r.applicant_name}\t{r.phone or ''}\t{r.working_days_open}")
    return 0


def _mark(args: argparse.Namespace, called: bool) -> int:
    from counterapp.dossiers.completion import CompletionRequestNotFound
    from counterapp.dossiers.intake import DossierNotFound, IntakeError
    from counterapp.reports.marks import mark_called, mark_followed_up

    ctx = _open(args, None)
    try:
        try:
            if called:
                mark = mark_called(ctx, args.code, _officer(args, ctx), args.note)
            else:
                mark = mark_followed_up(ctx, args.number, _officer(args, ctx), args.note)
        except (DossierNotFound, CompletionRequestNotFound, IntakeError) as exc:
            fail(str(exc), EXIT_PARTIAL)
    finally:
        ctx.close()
    print_json({"kind": mark.kind, "reference": mark.reference, "at": mark.at.isoformat(), "by": mark.by,
                "note": mark.note})
    return 0


def _call(args: argparse.Namespace) -> int:
    return _mark(args, True)


def _follow(args: argparse.Namespace) -> int:
    return _mark(args, False)
