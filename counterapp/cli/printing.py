"""`counterapp print FORM ...`: the counter's printed forms as PDF files.

    counterapp print receipt CODE --pdf OUT.pdf [--officer NAME]
    counterapp print completion_request|refusal|routing_slip|fee_receipt CODE --pdf OUT.pdf
    counterapp print completion_request --intake FILE | --request NUMBER --pdf OUT.pdf   (form 02, not received)
    counterapp print apology CODE --new-date "YYYY-MM-DDTHH:MM" --reason TEXT --pdf OUT.pdf
        (also `print extension_apology`: form 04 of TT 03/2025/TT-VPCP)
    counterapp print stop_notice CODE --pdf OUT.pdf [--reason TEXT]   (form 05, status 8)
    counterapp print ledger --from YYYY-MM-DD --to YYYY-MM-DD --pdf OUT.pdf
    counterapp print FORM --sample --pdf OUT.pdf      (made-up data: preview a template)
    counterapp print receipt|routing_slip|apology|... CODE1 CODE2 ... | --codes-file FILE --pdf OUT.pdf
        (a batch: every dossier's form in one PDF / one print job; apology: the overdue only)
    ... --printer NAME        (to that printer, no dialog; "auto": the form's printer, see
                               counterapp/forms/printers.py; with --pdf too, both)

Every print of a real dossier or ledger is logged (reprint marked when printed before), per
dossier in a batch. An unknown --printer exits 2 with the installed printers named, nothing
printed or logged; with --pdf as well, the PDF is written and logged and the exit status is 1.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from counterapp.cli.common import EXIT_FAILED, EXIT_PARTIAL, fail, open_context, print_json
from counterapp.cli.user import add_password_option, sign_in_officer
from counterapp.validation import date_problem

PER_DOSSIER = ("receipt", "completion_request", "refusal", "routing_slip", "apology", "stop_notice", "fee_receipt")
ALIASES = {"apology": ["extension_apology"]}
HELP = {
    "receipt": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả / receipt and appointment",
    "completion_request": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ / request to complete",
    "refusal": "Phiếu từ chối tiếp nhận giải quyết hồ sơ / refusal",
    "routing_slip": "Phiếu kiểm soát quá trình giải quyết hồ sơ / routing slip",
    "apology": "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết / apology and extension (mẫu 04)",
    "stop_notice": "Thông báo dừng giải quyết hồ sơ / notice that processing stopped (mẫu 05, trạng thái 8)",
    "fee_receipt": "Biên nhận thu phí, lệ phí / fee receipt",
    "ledger": "Sổ theo dõi hồ sơ / dossier ledger",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("print", help="in phiếu, sổ ra PDF / print forms to PDF")
    forms = parser.add_subparsers(dest="form", metavar="FORM", required=True)
    for form in PER_DOSSIER:
        sub = forms.add_parser(form, help=HELP[form], aliases=ALIASES.get(form, []))
        sub.add_argument("code", nargs="*", help="mã hồ sơ (nhiều mã: in hàng loạt) / dossier code(s): several "
                         "print as one batch")
        sub.add_argument("--codes-file", metavar="FILE", help="tệp danh sách mã hồ sơ, mỗi dòng một mã / "
                         "a file of dossier codes, one a line (a batch)")
        _common_options(sub)
        if form == "apology":
            sub.add_argument("--new-date", help='ngày hẹn mới / new date "YYYY-MM-DDTHH:MM" (giờ địa phương)')
            sub.add_argument("--reason", help="lý do chậm trả / reason for the delay")
        if form == "stop_notice":
            sub.add_argument("--reason", default="", help="lý do dừng (mặc định: lý do đã ghi) / reason (default: recorded)")
        if form in ("apology", "stop_notice"):
            sub.add_argument("--signer-title", default="", help="chức danh người ký / signer's title")
            sub.add_argument("--signer-name", default="", help="họ tên người ký / signer's name")
        if form == "apology":
            sub.add_argument("--supervisor", default="", help="lãnh đạo duyệt (cần khi đã quá hạn hoặc hẹn lại lần "
                             "hai) / supervisor approving (needed when late or for a second new date)")
        if form == "completion_request":  # form 02 of a dossier not received (counterapp/cli/completion.py)
            sub.add_argument("--intake", metavar="FILE", help="hồ sơ chưa đủ (IntakeRequest JSON): ghi sổ và in / "
                             "an incomplete intake: record it in the register and print")
            sub.add_argument("--request", metavar="NUMBER", help="in lại phiếu số / reprint the request numbered")
            sub.add_argument("--reason", help="lý do / reason (default: Hồ sơ chưa đầy đủ thành phần theo quy định)")
        sub.set_defaults(handler=_print_dossier_form, form=form)
    ledger = forms.add_parser("ledger", help=HELP["ledger"])
    ledger.add_argument("--from", dest="date_from", help="từ ngày / from YYYY-MM-DD")
    ledger.add_argument("--to", dest="date_to", help="đến ngày / to YYYY-MM-DD")
    _common_options(ledger)
    ledger.set_defaults(handler=_print_ledger)


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pdf", help="tệp PDF sẽ ghi / PDF file to write")
    parser.add_argument("--printer", metavar="NAME", help="in ra máy in này, không hỏi (\"auto\": máy in của mẫu) / "
                        "print on this printer, no dialog (\"auto\": the form's printer)")
    parser.add_argument("--officer", default="", help="người in / officer printing")
    parser.add_argument("--sample", action="store_true", help="dữ liệu mẫu, không ghi sổ in / sample data, not logged")
    add_password_option(parser)


def _parse_day(text: str | None, option: str) -> date:
    if not text:
        fail(f"Thiếu {option} / {option} is required", EXIT_FAILED)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
        problem = date_problem(day)  # 1900..2100
        if problem:
            fail(f"{option}: {problem}", EXIT_FAILED)
        return day
    fail(f"{option}: ngày không hợp lệ {text!r}, cần YYYY-MM-DD / not a date", EXIT_FAILED)
    raise AssertionError  # unreachable


def _parse_local_datetime(text: str | None, zone: Any) -> datetime:
    if not text:
        fail('Thiếu --new-date "YYYY-MM-DDTHH:MM" / --new-date is required', EXIT_FAILED)
    value = None
    for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M"):
        try:
            value = datetime.strptime(text.strip(), pattern)
            break
        except ValueError:
            continue
    if value is None:
        try:
            value = datetime.fromisoformat(text.strip())
        except ValueError:
            fail(f"--new-date: thời điểm không hợp lệ {text!r}, cần YYYY-MM-DDTHH:MM / not a date and time", EXIT_FAILED)
    assert value is not None
    problem = date_problem(value)  # 1900..2100
    if problem:
        fail(f"--new-date: {problem}", EXIT_FAILED)
    return value if value.tzinfo else value.replace(tzinfo=zone)


def _render(form: str, context: dict[str, Any], out: str, ctx: Any) -> Path:
    from counterapp.forms.render import FormError, ensure_gui_application, render_pdf

    ensure_gui_application()
    try:
        return render_pdf(form, context, out, ctx.config, ctx.data_dir)
    except FormError as exc:
        fail(str(exc), EXIT_PARTIAL)
    except OSError as exc:
        fail(f"Không ghi được {out}: {exc} / cannot write the PDF", EXIT_FAILED)
    raise AssertionError  # unreachable


def _copies(form: str, ctx: Any) -> int:
    from counterapp.forms.render import form_spec, template_set_of

    return max(1, len(form_spec(form, ctx.data_dir, template_set_of(ctx.config)).copies))


def _need_output(args: argparse.Namespace) -> None:
    if not args.pdf and not args.printer:
        fail("Cần --pdf TỆP hoặc --printer TÊN / give --pdf FILE or --printer NAME", EXIT_FAILED)


def check_printer(args: argparse.Namespace, ctx: Any, form: str) -> tuple[str | None, str]:
    """(the printer to print on, or None without --printer; a problem with it, or "").

    Checked before anything is recorded: an unknown printer with no --pdf exits 2 here."""
    if not args.printer:
        return None, ""
    from counterapp.forms.printers import PrinterNotFound, open_printer, printer_for
    from counterapp.forms.render import ensure_gui_application

    ensure_gui_application()
    name = args.printer.strip()
    if name.lower() == "auto":
        name = printer_for(ctx.config, ctx.data_dir, form)
    try:
        open_printer(name)
    except PrinterNotFound as exc:
        if not args.pdf:
            ctx.close()
            fail(str(exc), EXIT_FAILED)
        return None, str(exc)
    return name, ""


def _to_printer(form: str, context: dict[str, Any], name: str, ctx: Any) -> int:
    """Print on the named printer ("" : the system default), no dialog; the page count."""
    from counterapp.forms.printers import open_printer
    from counterapp.forms.render import FormError, ensure_gui_application, form_spec, print_document, template_set_of

    ensure_gui_application()
    try:
        printer = open_printer(name, title=form_spec(form, ctx.data_dir, template_set_of(ctx.config)).title)
        return print_document(form, context, printer, ctx.config, ctx.data_dir)
    except FormError as exc:
        fail(str(exc), EXIT_PARTIAL)
    raise AssertionError  # unreachable


def _outputs(form: str, context: dict[str, Any], args: argparse.Namespace, ctx: Any,
             printer: str | None) -> dict[str, Any]:
    """Write the PDF (--pdf) and/or print (--printer): {"pdf": path, "printer": name, "pages": n}."""
    done: dict[str, Any] = {}
    if args.pdf:
        done["pdf"] = _render(form, context, args.pdf, ctx)
    if printer is not None:
        done["pages"] = _to_printer(form, context, printer, ctx)
        done["printer"] = printer or "(mặc định / default)"
    return done


def _log_outputs(ctx: Any, dossier_id: int | None, form: str, officer: str, copies: int, done: dict[str, Any],
                 details: dict[str, Any]) -> bool:
    """The print log: a row per output (the PDF, the printer); True when it was a reprint."""
    from counterapp.db.engine import session_scope
    from counterapp.dossiers.models import Dossier
    from counterapp.dossiers.print_log import record_print

    reprint = False
    with session_scope(ctx.writer_sessions) as session:
        dossier = session.get(Dossier, dossier_id) if dossier_id is not None else None
        if "pdf" in done:
            record = record_print(session, dossier, form, officer, "pdf", copies, details=details)
            reprint = reprint or bool(record.reprint)
        if "printer" in done:
            extra = {k: v for k, v in details.items() if k != "file"}
            record = record_print(session, dossier, form, officer, "printer", copies,
                                  details={**extra, "printer": done["printer"]})
            reprint = reprint or bool(record.reprint)
    return reprint


def _finish(result: dict[str, Any], printer_problem: str) -> int:
    print_json({k: (str(v) if isinstance(v, Path) else v) for k, v in result.items()})
    if printer_problem:
        print(printer_problem, file=sys.stderr)
        return EXIT_PARTIAL
    return 0


def _print_sample(args: argparse.Namespace) -> int:
    from counterapp.forms.samples import sample_context

    _need_output(args)
    ctx = open_context(args, seed_demo=False)
    try:
        printer, problem = check_printer(args, ctx, args.form)
        done = _outputs(args.form, sample_context(args.form), args, ctx, printer)
    finally:
        ctx.close()
    return _finish({"form": args.form, **done, "sample": True}, problem)


def _codes(args: argparse.Namespace) -> list[str]:
    from counterapp.forms.batch import read_codes_file, unique_codes

    codes = list(args.code or [])
    if getattr(args, "codes_file", None):
        try:
            codes += read_codes_file(args.codes_file)
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"Không đọc được {args.codes_file}: {exc} / cannot read the codes file", EXIT_FAILED)
    return unique_codes(codes)


def _print_dossier_form(args: argparse.Namespace) -> int:
    if args.sample:
        return _print_sample(args)
    if getattr(args, "intake", None) or getattr(args, "request", None):
        from counterapp.cli.completion import print_completion_request

        if not args.pdf:
            fail("Cần --pdf TỆP / --pdf FILE is required", EXIT_FAILED)
        return print_completion_request(args)
    codes = _codes(args)
    if not codes:
        fail("Thiếu mã hồ sơ / dossier code is required (or --codes-file, or --sample)", EXIT_FAILED)
    _need_output(args)
    if len(codes) > 1 or getattr(args, "codes_file", None):
        from counterapp.cli.print_batch import print_batch_command

        return print_batch_command(args, codes)
    args.code = codes[0]
    from counterapp.forms.contexts import dossier_context, load_dossier
    from counterapp.forms.render import FormError, form_spec, template_set_of

    ctx = open_context(args, seed_demo=False)
    if not args.sample:
        sign_in_officer(args, ctx)  # once the site has users: --officer with their password
    try:
        printer, problem = check_printer(args, ctx, args.form)
        options: dict[str, Any] = {"officer": args.officer or None}
        if args.form == "stop_notice":
            options.update(reason=args.reason, signer_title=args.signer_title, signer_name=args.signer_name)
        if args.form == "apology":
            options["new_due_at"] = _parse_local_datetime(args.new_date, ctx.config.zone)
            options["reason"] = args.reason or ""
            options["signer_title"] = args.signer_title
            options["signer_name"] = args.signer_name
            _reschedule(ctx, args, options)
        if args.form == "routing_slip":
            spec = form_spec("routing_slip", ctx.data_dir, template_set_of(ctx.config))
            options["blank_rows"] = int(spec.settings.get("blank_rows", 4))
        with ctx.sessions() as session:
            try:
                dossier = load_dossier(session, args.code)
                context = dossier_context(args.form, session, dossier, ctx.config, **options)
            except FormError as exc:
                fail(str(exc), EXIT_PARTIAL)
            dossier_id = dossier.id
        done = _outputs(args.form, context, args, ctx, printer)
        reprint = _log_outputs(ctx, dossier_id, args.form, args.officer, _copies(args.form, ctx), done,
                               _details(args.form, done.get("pdf"), options))
    finally:
        ctx.close()
    return _finish({"form": args.form, "code": context["code"], **done, "reprint": reprint}, problem)


def _reschedule(ctx: Any, args: argparse.Namespace, options: dict[str, Any]) -> None:
    """The apology's new date is recorded on the dossier before the form is printed."""
    from counterapp.cli.dossier import _officer
    from counterapp.dossiers.intake import DossierNotFound, IntakeError, StatusError
    from counterapp.dossiers.new_date import reschedule_dossier
    from counterapp.users.roles import PermissionDenied

    try:
        reschedule_dossier(ctx, args.code, options["new_due_at"], options["reason"], _officer(args.officer),
                           supervisor=args.supervisor or None)
    except (IntakeError, StatusError, DossierNotFound, PermissionDenied) as exc:
        fail(str(exc), EXIT_PARTIAL)


def _details(form: str, path: Path | None, options: dict[str, Any]) -> dict[str, Any]:
    details: dict[str, Any] = {"file": str(path)} if path else {}
    if form == "apology":
        details["new_due_at"] = options["new_due_at"].isoformat()
        details["reason"] = options["reason"]
    return details


def _print_ledger(args: argparse.Namespace) -> int:
    if args.sample:
        return _print_sample(args)
    from counterapp.forms.contexts import ledger_context
    from counterapp.forms.render import FormError

    _need_output(args)
    date_from = _parse_day(args.date_from, "--from")
    date_to = _parse_day(args.date_to, "--to")
    ctx = open_context(args, seed_demo=False)
    if not args.sample:
        sign_in_officer(args, ctx)  # once the site has users: --officer with their password
    try:
        printer, problem = check_printer(args, ctx, "ledger")
        with ctx.sessions() as session:
            try:
                context = ledger_context(session, ctx.config, date_from, date_to)
            except FormError as exc:
                fail(str(exc), EXIT_FAILED)
        done = _outputs("ledger", context, args, ctx, printer)
        reprint = _log_outputs(ctx, None, "ledger", args.officer, 1, done,
                               {"from": date_from.isoformat(), "to": date_to.isoformat()})
    finally:
        ctx.close()
    result = {"form": "ledger", "from": date_from.isoformat(), "to": date_to.isoformat(), "dossiers": context["count"],
              **done, "reprint": reprint}
    return _finish(result, problem)
