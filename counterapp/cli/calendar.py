"""Commands: `calendar import FILE`, `calendar show`, and `duedate` (appointment arithmetic).

`duedate --procedure CODE` applies the rule the intake would apply to that procedure
(catalog time limit, same-day text, cut-off, site override in site.toml `[due_rules]`)
and prints which rule it is, so IT can check a procedure before officers rely on it.
"""

from __future__ import annotations

import argparse
import math
from datetime import datetime, time
from typing import Any

from counterapp.cli.common import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, open_context, print_json
from counterapp.validation import YEAR_MAX, YEAR_MIN, bounded_int, date_problem, time_limit_problem

WEEKDAY_NAMES = ("Thứ Hai / Mon", "Thứ Ba / Tue", "Thứ Tư / Wed", "Thứ Năm / Thu", "Thứ Sáu / Fri",
                 "Thứ Bảy / Sat", "Chủ Nhật / Sun")


def register(subparsers: argparse._SubParsersAction) -> None:
    calendar = subparsers.add_parser(
        "calendar", help="lịch ngày nghỉ, ngày làm bù / holiday calendar"
    )
    sub = calendar.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)

    imp = sub.add_parser("import", help="nạp tệp lịch JSON / import a calendar file")
    imp.add_argument("file", help='tệp JSON {"days": [{"date", "kind", "name"}]}')
    imp.add_argument("--json", action="store_true", help="in kết quả dạng JSON / print JSON")
    from counterapp.cli.catalog import _admin_options

    _admin_options(imp)  # once the site has users: an admin's job (--officer and their password)
    imp.set_defaults(handler=cmd_import)

    show = sub.add_parser("show", help="xem ngày nghỉ, ngày làm bù đang áp dụng / list days in force")
    show.add_argument("--year", type=bounded_int(YEAR_MIN, YEAR_MAX), action="append", help="năm (có thể lặp) / year (repeatable)")
    show.add_argument("--json", action="store_true", help="in dạng JSON / print JSON")
    show.set_defaults(handler=cmd_show)

    due = subparsers.add_parser("duedate", help="tính ngày hẹn trả / compute an appointment")
    due.add_argument("--received", required=True, help="thời điểm tiếp nhận / received at, YYYY-MM-DDTHH:MM (giờ địa phương / local)")
    due.add_argument("--procedure", help="mã thủ tục: dùng quy tắc của thủ tục / procedure code: use its rule")
    due.add_argument("--channel", type=bounded_int(1, 3), default=1, help="kênh 1 trực tiếp, 3 bưu chính / channel (default 1)")
    due.add_argument("--duration", help="thời hạn giải quyết / processing time (number, >= 0)")
    due.add_argument("--unit", help="workday | workhour | day (hoặc 'Ngày làm việc', 'Giờ làm việc', 'Ngày')")
    due.add_argument("--cutoff", help="giờ tiếp nhận tối đa / afternoon cut-off HH:MM")
    due.add_argument("--same-day", action="store_true", help="trả trong ngày / same-day procedure")
    due.add_argument("--json", action="store_true", help="in dạng JSON / print JSON")
    due.set_defaults(handler=cmd_duedate)


# --------------------------------------------------------------------------- helpers
def _err(message: str) -> int:
    import sys

    print(message, file=sys.stderr)
    return EXIT_FAILED


def _fmt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def _human(moment: datetime) -> str:
    return f"{moment:%H:%M} {moment:%d/%m/%Y} ({WEEKDAY_NAMES[moment.weekday()]})"


def _parse_received(text: str, zone: Any) -> datetime:
    value = text.strip()
    try:
        parsed = datetime.fromisoformat(value.replace(" ", "T", 1) if "T" not in value else value)
    except ValueError as exc:
        raise ValueError(
            f"--received: không hiểu thời điểm {text!r}, cần YYYY-MM-DDTHH:MM / "
            f"cannot read {text!r}, expected YYYY-MM-DDTHH:MM"
        ) from exc
    if len(value) < 16:  # a bare date: no time of receipt given
        raise ValueError(
            f"--received: thiếu giờ tiếp nhận trong {text!r}, cần YYYY-MM-DDTHH:MM / "
            f"time of day missing in {text!r}, expected YYYY-MM-DDTHH:MM"
        )
    problem = date_problem(parsed)  # 1900..2100
    if problem:
        raise ValueError(f"--received: {problem}")
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=zone)
    return parsed.astimezone(zone)


def _parse_duration(text: str) -> float:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError as exc:
        raise ValueError(
            f"--duration: {text!r} không phải số / is not a number"
        ) from exc
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise ValueError(f"--duration: thời hạn phải là số không âm / must be a number >= 0, got {text!r}")
    problem = time_limit_problem(value, "workhour")  # the loosest bound; compute_due applies the unit's
    if problem:
        raise ValueError(f"--duration: {problem}")
    return value


def _parse_cutoff(text: str | None) -> time | None:
    from counterapp.calendar.duedate import parse_cutoff

    try:
        return parse_cutoff(text)
    except ValueError as exc:
        raise ValueError(f"--cutoff: {exc}") from exc


# --------------------------------------------------------------------------- handlers
def cmd_import(args: argparse.Namespace) -> int:
    from counterapp.calendar.service import CalendarImportError, import_calendar_file
    from counterapp.cli.user import sign_in_officer
    from counterapp.users.roles import PermissionDenied

    ctx = open_context(args, seed_demo=False)
    try:
        sign_in_officer(args, ctx)
        report = import_calendar_file(ctx.sessions, args.file, officer=args.officer or "")
    except PermissionDenied as exc:
        _err(str(exc))
        return EXIT_PARTIAL
    except CalendarImportError as exc:
        return _err(str(exc))
    finally:
        ctx.close()
    if args.json:
        print_json(
            {"added": report.added, "updated": report.updated, "unchanged": report.unchanged, "refused": report.refused}
        )
    else:
        print(f"Thêm mới / added: {report.added}")
        print(f"Cập nhật / updated: {report.updated}")
        if report.unchanged:
            print(f"Không đổi / unchanged: {report.unchanged}")
        print(f"Từ chối / refused: {len(report.refused)}")
        for message in report.refused:
            print(f"  - {message}")
    return EXIT_PARTIAL if report.refused else EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from counterapp.calendar.service import calendar_entries

    ctx = open_context(args, seed_demo=False)
    try:
        with ctx.sessions() as session:
            entries = calendar_entries(session, ctx.config, args.year)
    finally:
        ctx.close()
    if args.json:
        print_json(
            {
                "days": [
                    {"date": e.day.isoformat(), "kind": e.kind, "name": e.name, "source": e.source}
                    for e in entries
                ]
            }
        )
        return EXIT_OK
    kinds = {"off": "nghỉ / off", "work": "làm việc / work"}
    for e in entries:
        print(
            f"{e.day.isoformat()}  {WEEKDAY_NAMES[e.day.weekday()]:<16}  {kinds.get(e.kind, e.kind):<16}  "
            f"{e.name}  [{e.source}]"
        )
    if not entries:
        print("Không có ngày nghỉ/làm bù nào / no days off or make-up days")
    return EXIT_OK


def _procedure_rule(session: Any, config: Any, code: str, channel: int) -> Any:
    """The DueRule the intake would apply to procedure `code` on `channel` (post falls back to direct)."""
    from sqlalchemy import select

    from counterapp.calendar.rules import procedure_due_rule
    from counterapp.catalog.models import Procedure

    procedure = session.scalar(select(Procedure).where(Procedure.code == code.strip()))
    if procedure is None:
        raise ValueError(f"--procedure: không tìm thấy thủ tục {code} / unknown procedure {code}")
    for kind in dict.fromkeys((channel, 1)):
        found = procedure.channel(kind)
        if found is not None and found.time_limits:
            return procedure_due_rule(procedure, found.time_limits[0], config)
    raise ValueError(
        f"--procedure: thủ tục {code} chưa có thời hạn giải quyết / procedure {code} has no time limit"
    )


def cmd_duedate(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from counterapp.calendar.duedate import counting_start, unit_from_catalog
    from counterapp.calendar.rules import FROM_INPUT, DueRule
    from counterapp.calendar.service import calendar_for_receipt

    ctx = open_context(args, seed_demo=False)
    try:
        zone = ctx.config.zone
        try:
            received = _parse_received(args.received, zone)
            duration = None if args.duration is None else _parse_duration(args.duration)
            cutoff = _parse_cutoff(args.cutoff)
            unit = None if args.unit is None else unit_from_catalog(args.unit)
            if not args.procedure and (duration is None or unit is None):
                raise ValueError(
                    "Cần --duration và --unit, hoặc --procedure MÃ / --duration and --unit are required, "
                    "or --procedure CODE"
                )
        except ValueError as exc:
            return _err(str(exc))
        try:
            with ctx.sessions() as session:
                calendar = calendar_for_receipt(session, ctx.config, received)
                if args.procedure:
                    rule = _procedure_rule(session, ctx.config, args.procedure, args.channel)
                else:
                    rule = DueRule(duration, unit, args.unit)  # type: ignore[arg-type]
            # What is given on the command line wins over the catalog.
            if duration is not None:
                rule = replace(rule, amount=duration)
            if unit is not None:
                rule = replace(rule, unit=unit, unit_text=args.unit)
            if cutoff is not None:
                rule = replace(rule, cutoff=cutoff, cutoff_from=FROM_INPUT)
            if args.same_day:
                rule = replace(rule, same_day=True, same_day_from=FROM_INPUT)
            start = counting_start(received, calendar, rule.cutoff)
            due = rule.compute(received, calendar)
        except ValueError as exc:
            return _err(str(exc))
    finally:
        ctx.close()
    rule_text = rule.rule_text(calendar)
    if args.json:
        amount = rule.amount
        print_json(
            {
                "received": _fmt(received),
                "start": _fmt(start),
                "due": _fmt(due),
                "unit": rule.unit.value,
                "duration": int(amount) if float(amount).is_integer() else amount,
                "cutoff": rule.cutoff and f"{rule.cutoff.hour:02d}:{rule.cutoff.minute:02d}",
                "same_day": rule.same_day,
                "rule": rule.kind,
                "rule_text": rule_text,
                "procedure": args.procedure,
                "timezone": zone.key,
            }
        )
        return EXIT_OK
    print(f"Tiếp nhận / received:         {_human(received)}")
    print(f"Bắt đầu tính / counting from: {_human(start)}")
    print(f"Hẹn trả / appointment:        {_human(due)}")
    print(f"Quy tắc / rule:               {rule_text}")
    return EXIT_OK
