"""`counterapp dossier ...` and `counterapp cccd ...`: dossier intake from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from counterapp.cli.common import EXIT_OK, EXIT_PARTIAL, open_context, print_json
from counterapp.cli.user import add_password_option, sign_in_officer
from counterapp.validation import (
    LIMIT_MAX,
    SQLITE_INT_MAX,
    InvalidValue,
    bounded_int,
    date_problem,
    loads_json,
    text_problem,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    dossier = subparsers.add_parser("dossier", help="hồ sơ / dossiers: tiếp nhận, tra cứu, trả kết quả")
    sub = dossier.add_subparsers(dest="dossier_command", metavar="ACTION", required=True)

    create = sub.add_parser("create", help="tiếp nhận hồ sơ từ tệp JSON / receive a dossier from a JSON file")
    create.add_argument("--json", dest="json_file", required=True, metavar="FILE", help="IntakeRequest JSON ('-' = stdin)")
    create.add_argument("--officer", help="cán bộ tiếp nhận / receiving officer (default: the file's officer)")
    add_password_option(create)
    _add_subject_options(create)
    create.set_defaults(handler=_create)

    show = sub.add_parser("show", help="xem một hồ sơ / show one dossier")
    show.add_argument("code")
    show.add_argument("--json", action="store_true", help="JSON output")
    show.add_argument("--officer", default="", help="ai xem (ghi nhật ký truy cập) / who is looking, for the access log (default: $USER)")
    show.set_defaults(handler=_show)

    log = sub.add_parser("access-log", help="nhật ký truy cập: ai đã xem, in hồ sơ nào / who saw or printed which dossier")
    log.add_argument("--code", help="một hồ sơ / one dossier")
    log.add_argument("--officer", help="một cán bộ / one officer")
    log.add_argument("--from", dest="date_from", help="từ ngày / on or after (YYYY-MM-DD or DD/MM/YYYY)")
    log.add_argument("--to", dest="date_to", help="đến ngày / on or before")
    log.add_argument("--limit", type=bounded_int(0, LIMIT_MAX), default=500)
    log.add_argument("--json", action="store_true", help="JSON output")
    log.set_defaults(handler=_access_log)

    lst = sub.add_parser("list", help="danh sách hồ sơ / list dossiers (newest first)")
    lst.add_argument("--status", type=bounded_int(-SQLITE_INT_MAX, SQLITE_INT_MAX), action="append", help="trạng thái / status code 1..10 (repeatable)")
    lst.add_argument("--from", dest="date_from", help="từ ngày tiếp nhận / received on or after (YYYY-MM-DD or DD/MM/YYYY)")
    lst.add_argument("--to", dest="date_to", help="đến ngày / received on or before")
    lst.add_argument("--text", help="mã hồ sơ, số CCCD, số điện thoại hoặc tên / code, ID, phone or name prefix")
    lst.add_argument("--overdue", action="store_true", help="quá hạn / overdue only")
    lst.add_argument("--due-today", action="store_true", help="đến hạn hôm nay / due today only")
    lst.add_argument("--limit", type=bounded_int(0, LIMIT_MAX), default=100)
    lst.add_argument("--json", action="store_true", help="JSON output")
    lst.set_defaults(handler=_list)

    ret = sub.add_parser("return", help="trả kết quả (hồ sơ đã xử lý xong) / hand the result of a processed dossier over")
    ret.add_argument("code")
    who = ret.add_mutually_exclusive_group(required=True)
    who.add_argument("--to", dest="returned_to", help="họ tên người nhận kết quả / name of who collected it")
    who.add_argument("--applicant", action="store_true", help="chính người nộp nhận / the applicant collected it")
    ret.add_argument("--id-number", help="số CCCD/CMND/hộ chiếu người nhận / ID number of who collected it")
    ret.add_argument("--officer", default="", help="cán bộ trả / officer (default: $USER)")
    ret.add_argument("--note")
    add_password_option(ret)
    ret.set_defaults(handler=_return)

    resolve = sub.add_parser("resolve", help="giải quyết ngay tại quầy (-> 9) / resolved now at the counter (-> 9)")
    resolve.add_argument("code")
    resolve.add_argument("--officer", default="", help="cán bộ / officer (default: $USER)")
    resolve.add_argument("--note")
    add_password_option(resolve)
    resolve.set_defaults(handler=_resolve)

    status = sub.add_parser("set-status", help="chuyển trạng thái / change the status (4, 5, 6, 7, 8, 9, back to 2/4)")
    status.add_argument("code")
    status.add_argument("status", type=bounded_int(-SQLITE_INT_MAX, SQLITE_INT_MAX), help="trạng thái mới / new status 1..10")
    status.add_argument("--officer", default="", help="cán bộ / officer (default: $USER)")
    status.add_argument("--note")
    add_password_option(status)
    status.set_defaults(handler=_set_status)

    pay = sub.add_parser("pay", help="ghi nhận đã thu phí, lệ phí / record that the fees were paid")
    pay.add_argument("code")
    pay.add_argument("--method", help="cash | transfer | online | pos | free (mặc định: như khi tiếp nhận / default: as received)")
    pay.add_argument("--at", help="thời điểm thu / time of payment \"YYYY-MM-DDTHH:MM\" (giờ địa phương; mặc định: bây giờ)")
    pay.add_argument("--fee", action="append", help="chỉ khoản phí mã này / only the fee with this code (repeatable)")
    pay.add_argument("--officer", default="", help="cán bộ thu / officer (default: $USER)")
    add_password_option(pay)
    pay.set_defaults(handler=_pay)

    later = sub.add_parser("reschedule", help="hẹn lại ngày trả (mẫu 04) / give a new date (form 04)")
    later.add_argument("code")
    later.add_argument("--new-date", required=True, help='ngày hẹn mới / new date "YYYY-MM-DDTHH:MM" (giờ địa phương)')
    later.add_argument("--reason", required=True, help="lý do chậm / why it is late")
    later.add_argument("--supervisor", default="", help="lãnh đạo duyệt (cần khi đã quá hạn hoặc hẹn lại lần hai) / "
                       "supervisor approving (needed once the appointment has passed, or for a second new date)")
    later.add_argument("--officer", default="", help="cán bộ / officer (default: $USER)")
    add_password_option(later)
    later.set_defaults(handler=_reschedule)

    refuse = sub.add_parser("refuse", help="từ chối hồ sơ đã nhận / refuse a received dossier")
    refuse.add_argument("code")
    refuse.add_argument("--reason", required=True)
    refuse.add_argument("--officer", default="")
    add_password_option(refuse)
    refuse.set_defaults(handler=_refuse)

    from counterapp.cli.completion import register_dossier_actions

    register_dossier_actions(sub)  # requests, receive-request, abandon-request (form 02 register)

    numbers = sub.add_parser("numbers", help="số mã hồ sơ còn lại / dossier numbers left for a day")
    numbers.add_argument("--day", help="ngày / day (default: today)")
    numbers.add_argument("--json", action="store_true")
    numbers.set_defaults(handler=_numbers)

    cccd = subparsers.add_parser("cccd", help="mã QR CCCD / citizen ID card QR")
    csub = cccd.add_subparsers(dest="cccd_command", metavar="ACTION", required=True)
    parse = csub.add_parser("parse", help="đọc dữ liệu mã QR CCCD / parse an ID card QR payload")
    parse.add_argument("payload", nargs="?", help="chuỗi quét được / the scanned text")
    parse.add_argument("--image", help="ảnh chứa mã QR / image with the QR code")
    parse.add_argument("--json", action="store_true", help="JSON output")
    parse.set_defaults(handler=_cccd_parse)


def _add_subject_options(create: argparse.ArgumentParser) -> None:
    """The person the procedure is about (counterapp/dossiers/subject.py); each option sets
    that field of the request's `subject`, over what the JSON file says."""
    group = create.add_argument_group("người được giải quyết / the person concerned (khai sinh: the child; "
                                      "khai tử: the deceased)")
    group.add_argument("--subject-name", metavar="NAME", help="họ tên / full name")
    group.add_argument("--subject-birth-date", metavar="DATE", help="ngày sinh / date of birth (DD/MM/YYYY or YYYY-MM-DD)")
    group.add_argument("--subject-sex", metavar="SEX", help="giới tính / sex: Nam | Nữ")
    group.add_argument("--subject-id", metavar="NUMBER", help="số định danh / ID number (a newborn has none)")
    group.add_argument("--subject-note", metavar="TEXT", help="ghi chú / note (e.g. the date of death)")
    group.add_argument("--relationship", metavar="TEXT",
                       help="quan hệ của người nộp với người đó / the applicant's relationship: cha, mẹ, ông/bà, "
                            "người được ủy quyền, ...")
    group.add_argument("--authorisation", metavar="TEXT",
                       help="giấy ủy quyền (số, ngày) / the authorisation document (number, date)")


_SUBJECT_OPTIONS = (("subject_name", "name"), ("subject_birth_date", "date_of_birth"), ("subject_sex", "sex"),
                    ("subject_id", "id_number"), ("subject_note", "note"), ("relationship", "relationship"),
                    ("authorisation", "authorisation"))


def _with_subject_options(data: Any, args: argparse.Namespace) -> Any:
    """The request with the --subject-* / --relationship / --authorisation options applied."""
    given = {key: getattr(args, option) for option, key in _SUBJECT_OPTIONS if getattr(args, option, None) is not None}
    if not given or not isinstance(data, dict):
        return data
    subject = data.get("subject") if isinstance(data.get("subject"), dict) else {}
    return {**data, "subject": {**subject, **given}}


# --------------------------------------------------------------------------- helpers
def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _viewer(name: str | None, config) -> str:  # noqa: ANN001
    """Who looked, for the access log: --officer, else the configured officer, else the OS
    account (an audit trail may name an account; a citizen's form may not)."""
    import getpass

    from counterapp.dossiers.ui_support import default_officer

    try:
        account = getpass.getuser()
    except Exception:  # noqa: BLE001  (no user name on some systems)
        account = ""
    return (name or "").strip() or default_officer(config) or account


def _officer(name: str | None) -> str:
    """--officer as given, else "" : the core then takes the site's configured officer
    ([officer] full_name) or refuses. Never the OS account ("root" is no one's name).
    Once the site has users, `sign_in_officer` (cli/user.py) has already checked the
    password and replaced --officer with the user's full name."""
    return (name or "").strip()


def _parse_day(text: str | None, what: str) -> date | None:
    from counterapp.dossiers.intake import parse_date

    if not text:
        return None
    try:
        day = parse_date(text)
    except ValueError:
        raise SystemExit(_bad(f"{what}: ngày không hợp lệ {text!r} / invalid date {text!r}")) from None
    problem = date_problem(day)  # 1900..2100
    if problem:
        raise SystemExit(_bad(f"{what}: {problem}"))
    return day


def _bad(message: str) -> int:
    _err(message)
    return EXIT_PARTIAL


def _local(value: datetime | None, zone) -> str:  # noqa: ANN001
    return value.astimezone(zone).strftime("%H:%M %d/%m/%Y") if value else "—"


def _subject_lines(subject: dict | None) -> list[str]:
    """The person concerned and the applicant's relationship to them (none: no line)."""
    if not subject:
        return []
    relationship = subject.get("relationship") or "—"
    if subject.get("authorisation"):
        relationship += f"; {subject['authorisation']}"
    details = []
    if subject.get("date_of_birth"):
        details.append("sinh / born " + date.fromisoformat(subject["date_of_birth"]).strftime("%d/%m/%Y"))
    for key, label in (("sex", ""), ("id_number", "số định danh / ID "), ("note", "")):
        if subject.get(key):
            details.append(f"{label}{subject[key]}")
    extra = f" ({', '.join(details)})" if details else ""
    return [f"  quan hệ / relationship: {relationship}", f"Về việc của / concerning: {subject['name']}{extra}"]


def _print_dossier(d: dict, zone) -> None:  # noqa: ANN001
    from counterapp.dossiers.fee_units import fee_amount_text

    def t(key: str) -> str:
        return _local(datetime.fromisoformat(d[key]), zone) if d.get(key) else "—"

    a = d["applicant"]
    provisional = " (TẠM / provisional)" if d["code_provisional"] else ""
    lines = [
        f"Mã hồ sơ / code: {d['code']}{provisional}",
        f"Thủ tục / procedure: {d['procedure_code']} {d['procedure_name']}",
        f"Người nộp / applicant: {a['name']}" + (f" (CCCD {a['id_number']})" if a.get("id_number") else ""),
        *_subject_lines(d.get("subject")),
        f"Địa chỉ / address: {a.get('address') or '—'}",
        f"Điện thoại / phone: {a.get('phone') or '—'}",
        f"Trạng thái / status: {d['status']} {d['status_label']}",
        f"Tiếp nhận / received: {t('received_at')}",
        f"Hẹn trả / due: {t('due_at')}",
    ]
    if d.get("current_due_at") and d.get("current_due_at") != d.get("due_at"):
        lines.append(f"Hẹn trả đang áp dụng / appointment in force: {t('current_due_at')}")
    if d.get("paused_since"):
        lines.append(f"Chờ công dân từ / waiting on the citizen since: {t('paused_since')} (không tính thời hạn / clock paused)")
    if d.get("rescheduled_due_at"):
        approved = f" — duyệt / approved: {d['reschedule_supervisor']}" if d.get("reschedule_supervisor") else ""
        lines.append(f"Hẹn lại / new date: {t('rescheduled_due_at')} ({d.get('reschedule_reason') or ''}){approved}")
    if d.get("returned_at"):
        who = d.get("returned_to") or ""
        if d.get("returned_to_applicant"):
            who += " (chính người nộp / the applicant)"
        elif d.get("returned_to_id_number"):
            who += f" (giấy tờ / ID {d['returned_to_id_number']})"
        lines.append(f"Đã trả / returned: {t('returned_at')} → {who}")
    if d.get("refusal_reason"):
        lines.append(f"Lý do từ chối / refusal reason: {d['refusal_reason']}")
    lines.append("Giấy tờ / documents:")
    for doc in d["documents"]:
        flag = " [THIẾU / MISSING]" if doc["missing"] else ""
        lines.append(
            f"  {doc['position']}. {doc['name']} — {doc['form']}, "
            f"{doc['originals_received']} bản chính, {doc['copies_received']} bản sao{flag}"
        )
    for result in d.get("results") or []:  # counterapp/digitize/results.py
        signed = ", đã ký / signed" if result.get("signed") else ""
        lines.append(f"Kết quả đã số hóa / digitized result: {result['name']} ({result.get('result_code') or '—'}{signed})")
    if d["fees"]:
        lines.append(f"Phí, lệ phí / fees: {fee_amount_text(d['fees_total_vnd'])}")
        for fee in d["fees"]:
            state = f"đã thu / paid {_local(datetime.fromisoformat(fee['paid_at']), zone)}" if fee.get("paid_at") and fee.get(
                "paid") else "chưa thu / unpaid"
            amount = fee_amount_text(fee["amount_vnd"], fee.get("quantity"), fee.get("unit_amount_vnd"), fee.get("unit"))
            lines.append(f"  {fee['name']}: {amount} — {state}")
    print("\n".join(lines))


# --------------------------------------------------------------------------- handlers
def _create(args: argparse.Namespace) -> int:
    from counterapp.dossiers.intake import IntakeError, create_dossier, load_request

    try:
        if args.json_file == "-":
            stream = getattr(sys.stdin, "buffer", None)  # bytes: invalid UTF-8 gets a message
            raw = stream.read() if stream is not None else sys.stdin.read()
        else:
            raw = Path(args.json_file).read_bytes()
    except OSError as exc:
        return _bad(f"Không đọc được tệp {args.json_file}: {exc.strerror} / cannot read {args.json_file}")
    try:
        data = _with_subject_options(loads_json(raw, "" if args.json_file == "-" else Path(args.json_file).name), args)
        text = json.dumps(data, ensure_ascii=False)  # UTF-8, bounded nesting
    except InvalidValue as exc:
        return _bad(str(exc))
    ctx = open_context(args)
    sign_in_officer(args, ctx)
    try:
        request = load_request(data if isinstance(data, dict) else text)
        dossier = create_dossier(ctx, request, args.officer)
    except IntakeError as exc:
        for error in exc.errors:
            _err(str(error))
        if getattr(exc, "missing", None):  # IncompleteDossier: not received, nothing written
            from counterapp.cli.completion import incomplete_hint

            _err(incomplete_hint(args.json_file))
        return EXIT_PARTIAL
    finally:
        ctx.close()
    print(dossier.code)
    if dossier.code_provisional:
        _err("Mã hồ sơ TẠM (hết dải số) — cổng sẽ xác nhận mã chính thức / PROVISIONAL code (no number block left)")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from counterapp.db import session_scope
    from counterapp.dossiers.access_log import record_view
    from counterapp.dossiers.queries import dossier_to_dict, get_by_code

    ctx = open_context(args)
    try:
        # a writer transaction (BEGIN IMMEDIATE): the view is logged, and a read-then-write
        # transaction would fail at once while sync holds the write lock (counterapp/db/engine.py)
        try:
            with session_scope(ctx.writer_sessions) as session:
                dossier = get_by_code(session, args.code)
                if dossier is None:
                    return _bad(f"Không tìm thấy hồ sơ {args.code} / no dossier with code {args.code}")
                data = dossier_to_dict(dossier)
                from counterapp.digitize.results import result_entry, results_of

                data["results"] = [result_entry(a) for a in results_of(session, dossier.id)]  # digitized results
                record_view(session, dossier, _viewer(args.officer, ctx.config), "cli")
        except Exception as exc:
            from counterapp.db.errors import ReadOnlyFolder, classify

            if isinstance(classify(exc, ctx.data_dir), ReadOnlyFolder):  # every view is logged: none unlogged
                _err("Thư mục dữ liệu chỉ đọc nên không ghi được nhật ký truy cập; hồ sơ không được hiển thị. "
                     "Dùng `dossier list` để tra cứu / The data folder is read-only, so this view cannot be "
                     "logged and the dossier is not shown. `dossier list` still works")
                return ReadOnlyFolder.exit_status
            raise
        if args.json:
            print_json(data)
        else:
            _print_dossier(data, ctx.config.zone)
        return EXIT_OK
    finally:
        ctx.close()


def _access_log(args: argparse.Namespace) -> int:
    from counterapp.dossiers.access_log import access_entries

    date_from = _parse_day(args.date_from, "--from")
    date_to = _parse_day(args.date_to, "--to")
    ctx = open_context(args)
    try:
        with ctx.sessions() as session:
            entries = access_entries(session, code=args.code, officer=args.officer, date_from=date_from,
                                     date_to=date_to, zone=ctx.config.zone, limit=args.limit)
        if args.json:
            print_json([e.to_dict() for e in entries])
        else:
            zone = ctx.config.zone
            for e in entries:
                what = e.action + (f" {e.form}" if e.form else "")
                print(f"{_local(e.at, zone)}\t{e.dossier_code}\t{e.officer}\t{what}\t{e.channel}")
            if not entries:
                _err("Chưa có ai xem hoặc in hồ sơ nào trong khoảng này / nobody saw or printed a dossier in that range")
        return EXIT_OK
    finally:
        ctx.close()


def _list(args: argparse.Namespace) -> int:
    from counterapp.dossiers.queries import dossier_summary, list_dossiers

    date_from = _parse_day(args.date_from, "--from")
    date_to = _parse_day(args.date_to, "--to")
    if args.text and (problem := text_problem(args.text, "line")):
        return _bad(f"--text: {problem}")
    for s in args.status or []:
        if not 1 <= s <= 10:
            return _bad(f"--status: trạng thái phải từ 1 đến 10 / status must be 1..10 (got {s})")
    ctx = open_context(args)
    try:
        with ctx.sessions() as session:
            rows = list_dossiers(
                session,
                text=args.text,
                status=args.status,
                date_from=date_from,
                date_to=date_to,
                overdue=args.overdue,
                due_today=args.due_today,
                zone=ctx.config.zone,
                limit=args.limit,
            )
            data = [dossier_summary(d) for d in rows]
        if args.json:
            print_json(data)
        else:
            zone = ctx.config.zone
            for row in data:
                due = _local(datetime.fromisoformat(row["due_at"]), zone) if row["due_at"] else "—"
                received = _local(datetime.fromisoformat(row["received_at"]), zone)
                print(f"{row['code']}\t{row['status']}\t{received}\t{due}\t{row['applicant_name']}\t{row['procedure_name']}")
            if not data:
                _err("Không có hồ sơ nào / no dossiers")
        return EXIT_OK
    finally:
        ctx.close()


def _change(args: argparse.Namespace, change: Callable[[Any], Any], done: Callable[[Any], str]) -> int:
    """Run one change of a dossier's state; refusals are printed for the officer."""
    from counterapp.dossiers.intake import DossierNotFound, IntakeError, StatusError
    from counterapp.users.roles import PermissionDenied

    ctx = open_context(args)
    sign_in_officer(args, ctx)
    try:
        dossier = change(ctx)
    except (DossierNotFound, StatusError, PermissionDenied) as exc:
        return _bad(str(exc))
    except IntakeError as exc:
        for error in exc.errors:
            _err(str(error))
        return EXIT_PARTIAL
    finally:
        ctx.close()
    print(done(dossier))
    return EXIT_OK


def _return(args: argparse.Namespace) -> int:
    from counterapp.dossiers.lifecycle import mark_returned

    return _change(
        args,
        lambda ctx: mark_returned(ctx, args.code, args.returned_to, officer=_officer(args.officer), note=args.note,
                                  id_number=args.id_number, applicant=args.applicant),
        lambda d: f"{d.code}: đã trả kết quả cho {d.returned_to} / result returned to {d.returned_to}",
    )


def _resolve(args: argparse.Namespace) -> int:
    from counterapp.dossiers.lifecycle import resolve_now

    return _change(
        args,
        lambda ctx: resolve_now(ctx, args.code, _officer(args.officer), note=args.note),
        lambda d: f"{d.code}: đã giải quyết xong tại quầy, chờ trả kết quả / resolved at the counter, ready to return",
    )


def _set_status(args: argparse.Namespace) -> int:
    from counterapp.dossiers.lifecycle import set_status
    from counterapp.dossiers.status import status_label

    return _change(
        args,
        lambda ctx: set_status(ctx, args.code, args.status, _officer(args.officer), args.note),
        lambda d: f"{d.code}: {status_label(d.status)}",
    )


def _local_time(text: str | None, zone, option: str) -> datetime | None:  # noqa: ANN001
    if not text:
        return None
    for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M"):
        try:
            moment = datetime.strptime(text.strip(), pattern).replace(tzinfo=zone)
        except ValueError:
            continue
        problem = date_problem(moment)  # 1900..2100
        if problem:
            raise SystemExit(_bad(f"{option}: {problem}"))
        return moment
    raise SystemExit(_bad(f"{option}: thời điểm không hợp lệ {text!r}, cần YYYY-MM-DDTHH:MM / not a date and time"))


def _pay(args: argparse.Namespace) -> int:
    from counterapp.dossiers.fees import record_payment

    def pay(ctx):  # noqa: ANN001, ANN202
        at = _local_time(args.at, ctx.config.zone, "--at")
        return record_payment(ctx, args.code, _officer(args.officer), method=args.method, at=at, fee_codes=args.fee)

    def done(d) -> str:  # noqa: ANN001
        paid = sum(f.amount_vnd for f in d.fees if f.paid)
        text = f"{paid:,}".replace(",", ".")
        return f"{d.code}: đã thu {text} đồng / paid {text} VND"

    return _change(args, pay, done)


def _reschedule(args: argparse.Namespace) -> int:
    from counterapp.dossiers.new_date import reschedule_dossier

    zone: dict[str, Any] = {}

    def later(ctx):  # noqa: ANN001, ANN202
        zone["zone"] = ctx.config.zone
        new_date = _local_time(args.new_date, ctx.config.zone, "--new-date")
        return reschedule_dossier(ctx, args.code, new_date, args.reason, _officer(args.officer),
                                  supervisor=args.supervisor or None)

    def done(d) -> str:  # noqa: ANN001
        return f"{d.code}: hẹn lại / new date {_local(d.rescheduled_due_at, zone['zone'])}"

    return _change(args, later, done)


def _refuse(args: argparse.Namespace) -> int:
    from counterapp.dossiers.lifecycle import refuse_dossier

    return _change(
        args,
        lambda ctx: refuse_dossier(ctx, args.code, args.reason, _officer(args.officer)),
        lambda d: f"{d.code}: đã từ chối / refused",
    )


def _numbers(args: argparse.Namespace) -> int:
    from counterapp.dossiers.numbering import blocks_remaining, low_threshold

    ctx = open_context(args)
    try:
        day = _parse_day(args.day, "--day") or datetime.now(ctx.config.zone).date()
        with ctx.sessions() as session:
            left = blocks_remaining(session, ctx.config, day)
        low = left < low_threshold(ctx.config)
        if args.json:
            print_json({"day": day.isoformat(), "remaining": left, "low": low, "threshold": low_threshold(ctx.config)})
        else:
            print(f"{day:%d/%m/%Y}: còn {left} số / {left} numbers left" + (" — SẮP HẾT / RUNNING LOW" if low else ""))
        return EXIT_OK
    finally:
        ctx.close()


def _cccd_parse(args: argparse.Namespace) -> int:
    from counterapp.dossiers.cccd import CccdError, decode_cccd_image, parse_cccd

    if not args.payload and not args.image:
        return _bad("Cần chuỗi quét được hoặc --image / give the scanned text or --image FILE")
    try:
        card = decode_cccd_image(args.image) if args.image else parse_cccd(args.payload)
    except CccdError as exc:
        return _bad(str(exc))
    if args.json:
        print_json(card.to_dict())
    else:
        print(f"Số CCCD / ID: {card.id_number}")
        if card.old_id_number:
            print(f"Số CMND cũ / old ID: {card.old_id_number}")
        print(f"Họ tên / name: {card.full_name}")
        print(f"Ngày sinh / born: {card.date_of_birth:%d/%m/%Y}")
        print(f"Giới tính / sex: {card.sex}")
        print(f"Nơi thường trú / address: {card.address}")
        print(f"Ngày cấp / issued: {card.issue_date:%d/%m/%Y}")
    return EXIT_OK


