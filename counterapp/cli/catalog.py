"""`counterapp catalog import|search|show`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from counterapp.catalog.importer import CatalogImportError, import_catalog_file
from counterapp.catalog.records import format_amount, format_vnd, get_procedure, procedure_to_dict
from counterapp.catalog.search import search_procedures
from counterapp.cli.common import EXIT_FAILED, EXIT_PARTIAL, open_context, print_json
from counterapp.validation import LIMIT_MAX, bounded_int, text_problem


def register(subparsers: argparse._SubParsersAction) -> None:
    catalog = subparsers.add_parser("catalog", help="danh mục thủ tục / procedure catalog")
    commands = catalog.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)

    imp = commands.add_parser("import", help="nhập tệp danh mục (JSON) / import an exchange file")
    imp.add_argument("file", type=Path)
    _admin_options(imp)
    imp.set_defaults(handler=cmd_import)

    search = commands.add_parser("search", help="tìm thủ tục / search procedures")
    search.add_argument("query", nargs="+")
    search.add_argument("--limit", type=bounded_int(0, LIMIT_MAX), default=20)
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=cmd_search)

    show = commands.add_parser("show", help="xem một thủ tục / show one procedure")
    show.add_argument("code")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)


def _admin_options(parser: argparse.ArgumentParser) -> None:
    from counterapp.cli.user import add_password_option

    parser.add_argument("--officer", help="quản trị đang thao tác (cần khi trạm đã có người dùng) / the admin "
                                          "acting (needed once the site has users)")
    add_password_option(parser)


def cmd_import(args: argparse.Namespace) -> int:
    from counterapp.cli.user import sign_in_officer
    from counterapp.users.roles import PermissionDenied

    ctx = open_context(args, seed_demo=False)
    try:
        sign_in_officer(args, ctx)  # once the site has users: --officer and their password
        report = import_catalog_file(ctx.sessions, args.file, officer=args.officer or "")
    except PermissionDenied as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PARTIAL
    except CatalogImportError as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        print("Không có thay đổi nào / nothing was changed.", file=sys.stderr)
        return EXIT_FAILED
    finally:
        ctx.close()
    for refused in report.refused:
        print(f"Từ chối / refused: {refused}", file=sys.stderr)
    print(
        f"Thêm mới / added: {report.added}; cập nhật / updated: {report.updated}; "
        f"từ chối / refused: {len(report.refused)}"
    )
    return report.exit_status


def cmd_search(args: argparse.Namespace) -> int:
    problem = text_problem(" ".join(args.query), "line")
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_FAILED
    ctx = open_context(args)
    try:
        with ctx.sessions() as session:
            hits = search_procedures(session, " ".join(args.query), limit=args.limit)
    finally:
        ctx.close()
    if args.json:
        print_json([hit.to_dict() for hit in hits])
        return 0
    if not hits:
        print("Không tìm thấy thủ tục nào / no procedure found.")
    for hit in hits:
        print(f"{hit.code:<24} {hit.name}  [{hit.field}; {hit.level}]")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        with ctx.sessions() as session:
            procedure = get_procedure(session, args.code)
            record = procedure_to_dict(procedure) if procedure else None
    finally:
        ctx.close()
    if record is None:
        print(f"Không có thủ tục mã {args.code} / no procedure with code {args.code}", file=sys.stderr)
        return 1
    if args.json:
        print_json(record)
        return 0
    print(format_record(record))
    return 0


def format_record(r: dict) -> str:
    lines = [f"{r['code']}  {r['name']}", f"Lĩnh vực: {r['field']}", f"Cấp thực hiện: {r['level'] or '-'}"]
    if r["online_level"]:
        lines.append(f"Mức độ DVC trực tuyến: {r['online_level']}")
    if r["cutoff_time"]:
        lines.append(f"Nhận hồ sơ đến: {r['cutoff_time']}")
    lines.append("Cơ quan thực hiện: " + "; ".join(a["name"] for a in r["agencies"]))
    for c in r["channels"]:
        for t in c["time_limits"]:
            fees = ", ".join(format_vnd(f["amount_vnd"]) + (f" ({f['description']})" if f["description"] else "")
                             for f in t["fees"]) or "không / none"
            lines.append(f"{c['kind_name']}: {format_amount(t['amount'])} {t['unit']}; phí, lệ phí: {fees}")
    lines.append("Thành phần hồ sơ:")
    for i, d in enumerate(r["documents"], 1):
        lines.append(f"  {i}. {d['name']} (bản chính: {d['originals']}, bản sao: {d['copies']})")
    if r["requirements"]:
        lines.append(f"Yêu cầu, điều kiện: {r['requirements']}")
    if r["results"]:
        lines.append("Kết quả: " + "; ".join(x["name"] for x in r["results"]))
    if r["legal_bases"]:
        lines.append("Căn cứ pháp lý:")
        lines.extend(f"  - {b['number'] or ''} {b['title']}".rstrip() for b in r["legal_bases"])
    return "\n".join(lines)
