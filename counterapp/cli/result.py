"""`counterapp result attach|list|offered|remove|choices`: the dossier's result digitized headless, as the
window does it (counterapp/digitize/results.py; NĐ 45/2020/NĐ-CP, TT 01/2023/TT-VPCP).

`result attach CODE FILE...` takes images or PDFs of the result, cleans them into one PDF/A,
signs it when the site signs (`[signing] method`, the P12 password or token PIN from
$COUNTERAPP_P12_PASSWORD / $COUNTERAPP_PKCS11_PIN, or asked on a terminal; `--no-sign` skips
it) and files it as the dossier's result, queued for the portal with the dossier's result list.
`--code` picks the result from the procedure's catalog list (`result choices CODE` shows it);
`--name` gives free text when the catalog lists none. `result offered CODE` lists the
applicant's earlier results (other dossiers) that can be reused; `result remove UUID` takes back
a result attached by mistake.

Exit 0 done, 1 refused (unknown dossier, no result name, unreadable file, wrong password),
2 usage.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from counterapp.cli.common import EXIT_OK, EXIT_PARTIAL, open_context, print_json
from counterapp.digitize.common import DigitizeError
from counterapp.validation import DPI_MAX, bounded_int

P12_PASSWORD_ENV = "COUNTERAPP_P12_PASSWORD"
PKCS11_PIN_ENV = "COUNTERAPP_PKCS11_PIN"


def register(subparsers: argparse._SubParsersAction) -> None:
    res = subparsers.add_parser("result", help="số hóa giấy tờ kết quả / digitize a dossier's result")
    sub = res.add_subparsers(dest="result_command", required=True)

    att = sub.add_parser("attach", help="quét/ảnh/PDF kết quả -> PDF/A gắn vào hồ sơ / attach a digitized result")
    att.add_argument("code", help="mã hồ sơ / dossier code")
    att.add_argument("inputs", nargs="+", type=Path, metavar="IMAGE_OR_PDF")
    att.add_argument("--code", dest="result_code", help="mã kết quả trong danh mục / the result's catalog code")
    att.add_argument("--name", dest="result_name", help="tên giấy tờ kết quả / the result document's name")
    att.add_argument("--officer", default="", help="cán bộ số hóa / officer (default: the site's)")
    att.add_argument("--no-sign", action="store_true", help="không ký dù trạm có ký số / do not sign")
    att.add_argument("--ocr", action=argparse.BooleanOptionalAction, default=None,
                     help="thêm lớp chữ; mặc định theo [digitize] ocr / add the text layer (default: [digitize] ocr)")
    att.add_argument("--assume-dpi", type=bounded_int(1, DPI_MAX), help="độ phân giải thật của ảnh / real dpi")
    att.add_argument("--json", action="store_true")
    att.set_defaults(handler=cmd_attach)

    lst = sub.add_parser("list", help="kết quả đã số hóa của hồ sơ / the dossier's digitized results")
    lst.add_argument("code")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    off = sub.add_parser("offered", help="kết quả trước đây của người nộp, dùng lại được / earlier results to reuse")
    off.add_argument("code")
    off.add_argument("--json", action="store_true")
    off.set_defaults(handler=cmd_offered)

    rem = sub.add_parser("remove", help="gỡ kết quả gắn nhầm / take back a result attached by mistake")
    rem.add_argument("uuid", help="mã tài liệu kết quả (result list) / the result's attachment id")
    rem.add_argument("--officer", default="", help="cán bộ / officer (default: the site's)")
    rem.set_defaults(handler=cmd_remove)

    cho = sub.add_parser("choices", help="các kết quả của thủ tục (danh mục) / the procedure's results")
    cho.add_argument("code")
    cho.add_argument("--json", action="store_true")
    cho.set_defaults(handler=cmd_choices)


def _refused(exc: Exception) -> int:
    print(f"Lỗi / error: {exc}", file=sys.stderr)
    return EXIT_PARTIAL


def _site_signer(config):  # noqa: ANN001, ANN202
    """The site's signer when `[signing] method` is p12 or pkcs11 (its secret from the
    environment or asked on a terminal), else None."""
    from counterapp.digitize.signing import make_signer, signing_settings

    settings = signing_settings(config)
    method = str(settings.get("method", "none")).lower()
    if method not in ("p12", "pkcs11"):
        return None
    env = P12_PASSWORD_ENV if method == "p12" else PKCS11_PIN_ENV
    secret = os.environ.get(env)
    if secret is None:
        if not sys.stdin.isatty():
            raise DigitizeError(f"Trạm có ký số: thiếu mật khẩu/PIN (${env}) hoặc dùng --no-sign / the site signs: "
                                f"${env} is missing (or use --no-sign)")
        secret = getpass.getpass("Mật khẩu chữ ký số / signing password or PIN: ")
    return make_signer(settings, secret)


def _officer(args, config) -> str:  # noqa: ANN001
    from counterapp.digitize.ui_support import check_officer
    from counterapp.officer import configured_officer_or_none

    name = " ".join((args.officer or "").split())
    if not name:
        configured = configured_officer_or_none(config)
        name = configured.full_name if configured is not None else ""
    return check_officer(name)


def _print_results(rows: list[dict], empty: str) -> None:
    for r in rows:
        flags = ", ".join(f for f, on in (("đã số hóa / digitized", r.get("digitized")),
                                          ("đã ký / signed", r.get("signed"))) if on)
        where = f"\thồ sơ / dossier {r['dossier_code']}" if r.get("dossier_code") else ""
        print(f"{r['attachment_id']}\t{r.get('result_code') or '—'}\t{r['name']}\t{flags}{where}")
    if not rows:
        print(empty, file=sys.stderr)


def cmd_attach(args) -> int:
    from counterapp.digitize.ocr import ocr_settings
    from counterapp.digitize.results import digitize_result, result_entry

    ctx = open_context(args, seed_demo=False)
    try:
        officer = _officer(args, ctx.config)
        signer = None if args.no_sign else _site_signer(ctx.config)
        wanted, lang = ocr_settings(ctx.config)
        ocr = wanted if args.ocr is None else args.ocr
        att = digitize_result(ctx, args.code, args.inputs, officer, result_code=args.result_code,
                              result_name=args.result_name, signer=signer, ocr_lang=lang if ocr else None,
                              force_dpi=args.assume_dpi)
    except DigitizeError as exc:
        return _refused(exc)
    finally:
        ctx.close()
    entry = result_entry(att) | {"dossier_code": att.dossier_code, "sha256": att.sha256, "page_count": att.page_count}
    if args.json:
        print_json(entry)
    else:
        signed = "đã ký / signed" if att.signed else "chưa ký / not signed"
        print(f"Đã gắn kết quả \"{att.title}\" vào hồ sơ {att.dossier_code} ({att.page_count} trang, {signed}) / "
              f"result attached: {att.uuid}")
    return EXIT_OK


def cmd_list(args) -> int:
    from counterapp.digitize.results import results_for_dossier

    return _show_results(args, results_for_dossier, "Hồ sơ chưa có kết quả số hóa / no digitized result yet")


def cmd_offered(args) -> int:
    from counterapp.digitize.results import offered_results

    return _show_results(args, offered_results,
                         "Người nộp chưa có kết quả số hóa nào trước đây / no earlier digitized result")


def _show_results(args, fetch, empty: str) -> int:
    """`list` and `offered`: the rows `fetch(ctx, code)` gives, as JSON or one line each."""
    ctx = open_context(args, seed_demo=False)
    try:
        rows = fetch(ctx, args.code)
    except DigitizeError as exc:
        return _refused(exc)
    finally:
        ctx.close()
    if args.json:
        print_json(rows)
    else:
        _print_results(rows, empty)
    return EXIT_OK


def cmd_remove(args) -> int:
    from counterapp.digitize.results import remove_result

    ctx = open_context(args, seed_demo=False)
    try:
        att = remove_result(ctx, args.uuid, _officer(args, ctx.config))
    except DigitizeError as exc:
        return _refused(exc)
    finally:
        ctx.close()
    print(f"Đã gỡ kết quả \"{att.title}\" khỏi hồ sơ {att.dossier_code} / result taken back: {att.uuid}")
    return EXIT_OK


def cmd_choices(args) -> int:
    from counterapp.digitize.results import result_choices

    ctx = open_context(args, seed_demo=False)
    try:
        choices = result_choices(ctx, args.code)
    except DigitizeError as exc:
        return _refused(exc)
    finally:
        ctx.close()
    if args.json:
        print_json([{"code": c.code, "name": c.name} for c in choices])
    else:
        for c in choices:
            print(f"{c.code}\t{c.name}")
        if not choices:
            print("Danh mục không ghi kết quả của thủ tục này: dùng --name / the catalog lists no result: use --name",
                  file=sys.stderr)
    return EXIT_OK
