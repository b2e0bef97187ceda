"""Requests to complete (form 02) from the command line: the register and its prints.

    counterapp dossier requests [--status open|received|abandoned|all] [--json]
    counterapp dossier receive-request NUMBER [--json FILE] [--officer NAME]
    counterapp dossier abandon-request NUMBER --officer NAME [--note TEXT]
    counterapp print completion_request --intake FILE --pdf OUT [--reason TEXT]
    counterapp print completion_request --request NUMBER --pdf OUT

An incomplete paper dossier is not received (`dossier create` exits 1 and writes
nothing); `print completion_request --intake FILE` records the request in the register
(so it has a number and can be reprinted and received later) and prints form 02.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from counterapp.cli.common import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, fail, open_context, print_json
from counterapp.cli.user import add_password_option, sign_in_officer
from counterapp.validation import LIMIT_MAX, bounded_int


def register_dossier_actions(sub: argparse._SubParsersAction) -> None:
    """Add the register's actions under `counterapp dossier`."""
    requests = sub.add_parser("requests", help="sổ phiếu yêu cầu bổ sung (mẫu 02) / requests to complete")
    requests.add_argument("--status", default="open", choices=["open", "received", "abandoned", "all"],
                          help="open (mặc định / default), received, abandoned, all")
    requests.add_argument("--limit", type=bounded_int(0, LIMIT_MAX), default=200)
    requests.add_argument("--json", action="store_true", help="JSON output")
    requests.set_defaults(handler=_requests)

    receive = sub.add_parser("receive-request",
                             help="tiếp nhận hồ sơ từ phiếu yêu cầu bổ sung / receive a dossier from a request to complete")
    receive.add_argument("number", help="số phiếu / request number (YC...)")
    receive.add_argument("--json", dest="json_file", metavar="FILE",
                         help="giấy tờ nộp thêm (một phần IntakeRequest) / what was handed in; default: all that was missing")
    receive.add_argument("--officer", default="", help="cán bộ tiếp nhận / receiving officer (default: $USER)")
    add_password_option(receive)
    receive.set_defaults(handler=_receive)

    abandon = sub.add_parser("abandon-request", help="đóng phiếu yêu cầu bổ sung / close a request to complete")
    abandon.add_argument("number")
    abandon.add_argument("--officer", default="")
    add_password_option(abandon)
    abandon.add_argument("--note")
    abandon.set_defaults(handler=_abandon)


def _read_json(path: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"Không đọc được tệp {path}: {exc.strerror} / cannot read {path}", EXIT_PARTIAL)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"Tệp không phải JSON hợp lệ (dòng {exc.lineno}) / not valid JSON (line {exc.lineno}): {exc.msg}",
             EXIT_PARTIAL)
    raise AssertionError  # unreachable


def _print_errors(exc: Exception) -> int:
    errors = getattr(exc, "errors", None)
    for error in errors or [exc]:
        print(str(error), file=sys.stderr)
    return EXIT_PARTIAL


def incomplete_hint(json_file: str) -> str:
    return (f"Lập phiếu yêu cầu bổ sung (mẫu 02) / issue form 02: counterapp print completion_request "
            f"--intake {json_file} --pdf OUT.pdf")


def _requests(args: argparse.Namespace) -> int:
    from counterapp.dossiers.completion import list_completion_requests, request_to_dict

    ctx = open_context(args)
    try:
        with ctx.sessions() as session:
            rows = list_completion_requests(session, None if args.status == "all" else args.status, limit=args.limit)
            data = [request_to_dict(r) for r in rows]
        if args.json:
            print_json(data)
        else:
            zone = ctx.config.zone
            for row in data:
                at = datetime.fromisoformat(row["created_at"]).astimezone(zone).strftime("%H:%M %d/%m/%Y")
                missing = "; ".join(m["name"] for m in row["missing"])
                print(f"{row['number']}\t{row['status']}\t{at}\t{row['applicant_name']}\t{row['procedure_name']}"
                      f"\t{missing}\t{row['dossier_code'] or ''}")
            if not data:
                print("Không có phiếu yêu cầu bổ sung nào / no requests to complete", file=sys.stderr)
        return EXIT_OK
    finally:
        ctx.close()


def _receive(args: argparse.Namespace) -> int:
    from counterapp.cli.dossier import _officer
    from counterapp.dossiers.completion import (
        CompletionRequestClosed,
        CompletionRequestNotFound,
        receive_completion_request,
    )
    from counterapp.dossiers.intake import IntakeError

    handed_in = _read_json(args.json_file) if args.json_file else None
    if handed_in is not None and not isinstance(handed_in, dict):
        fail("Tệp JSON phải là một đối tượng / the JSON file must hold an object", EXIT_PARTIAL)
    ctx = open_context(args)
    sign_in_officer(args, ctx)
    try:
        dossier = receive_completion_request(ctx, args.number, _officer(args.officer), handed_in=handed_in)
    except (CompletionRequestNotFound, CompletionRequestClosed) as exc:
        return _print_errors(exc)
    except IntakeError as exc:
        return _print_errors(exc)
    finally:
        ctx.close()
    print(dossier.code)
    return EXIT_OK


def _abandon(args: argparse.Namespace) -> int:
    from counterapp.cli.dossier import _officer
    from counterapp.dossiers.completion import (
        CompletionRequestClosed,
        CompletionRequestNotFound,
        abandon_completion_request,
    )
    from counterapp.dossiers.intake import IntakeError

    ctx = open_context(args)
    sign_in_officer(args, ctx)
    try:
        row = abandon_completion_request(ctx, args.number, _officer(args.officer), args.note)
    except (CompletionRequestNotFound, CompletionRequestClosed, IntakeError) as exc:
        return _print_errors(exc)
    finally:
        ctx.close()
    print(f"{row.number}: đã đóng / abandoned")
    return EXIT_OK


# --------------------------------------------------------------------------- printing form 02
def print_completion_request(args: argparse.Namespace) -> int:
    """`print completion_request --intake FILE | --request NUMBER`: form 02 of the register."""
    from counterapp.cli.dossier import _officer
    from counterapp.cli.printing import _render
    from counterapp.db.engine import session_scope
    from counterapp.dossiers.completion import get_completion_request, open_completion_request
    from counterapp.dossiers.intake import IntakeError
    from counterapp.dossiers.print_log import record_print
    from counterapp.forms.completion import register_completion_context

    if args.intake and args.request:
        fail("Chỉ dùng một trong --intake hoặc --request / give --intake or --request, not both", EXIT_FAILED)
    ctx = open_context(args, seed_demo=False)
    try:
        number = args.request
        if args.intake:
            data = _read_json(args.intake)
            try:
                number = open_completion_request(ctx, data, _officer(args.officer or (data or {}).get("officer")),
                                                 reason=args.reason).number
            except IntakeError as exc:
                return _print_errors(exc)
        with ctx.sessions() as session:
            row = get_completion_request(session, number)
            if row is None:
                fail(f"Không tìm thấy phiếu yêu cầu bổ sung số {number} / no request to complete numbered {number}",
                     EXIT_PARTIAL)
            context = register_completion_context(row, ctx.config, args.officer or None)
        path = _render("completion_request", context, args.pdf, ctx)
        with session_scope(ctx.writer_sessions) as session:
            record = record_print(session, None, "completion_request", args.officer, "pdf", 1,
                                  details={"request": number})
            reprint = bool(record.reprint)
    finally:
        ctx.close()
    print_json({"form": "completion_request", "request": number, "pdf": str(path), "reprint": reprint,
                "recorded": bool(args.intake)})
    return EXIT_OK
