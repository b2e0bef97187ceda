"""`counterapp scan | digitize | verify | separator | batches | attachment`: digitizing paper dossiers
headless. `attachment export` writes a stored document's plaintext where asked (the files under
`files/` are encrypted when the database is); `attachment check` re-reads every stored document and
compares its SHA-256 with the record (an altered encrypted file fails its authentication)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from counterapp.cli.common import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, print_json
from counterapp.digitize.common import DigitizeError
from counterapp.validation import DPI_MAX, bounded_int, text_problem

P12_PASSWORD_ENV = "COUNTERAPP_P12_PASSWORD"
PKCS11_PIN_ENV = "COUNTERAPP_PKCS11_PIN"


def _cleanup_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, help="tệp PDF kết quả / output PDF file")
    p.add_argument("--keep-blank", action="store_true", help="giữ trang trắng / keep blank pages")
    p.add_argument("--no-deskew", action="store_true", help="không chỉnh nghiêng / do not deskew")
    p.add_argument("--no-crop", action="store_true", help="không cắt theo trang / do not crop to the page")
    p.add_argument("--orient", action=argparse.BooleanOptionalAction, default=None,
                   help="xoay trang ngược, nằm ngang cho thẳng (Tesseract OSD; mặc định theo [digitize] orient) / "
                        "turn sideways and upside-down pages upright (default: [digitize] orient)")
    p.add_argument("--blank-ink-ratio", type=float, default=None,
                   help="ngưỡng trang trắng (tỉ lệ điểm mực) / blank threshold (share of ink pixels), default 0.003")
    p.add_argument("--split-dir", type=Path,
                   help="tách theo tờ phân cách, mỗi tài liệu một tệp / split at separator sheets into this folder")
    p.add_argument("--ocr", action=argparse.BooleanOptionalAction, default=None,
                   help="thêm lớp chữ tìm kiếm được (tesseract); mặc định theo [digitize] ocr / add searchable text "
                        "(default: [digitize] ocr in site.toml)")
    p.add_argument("--ocr-lang", default=None, help="mặc định theo [digitize] ocr_lang, rồi vie / default: [digitize] "
                                                    "ocr_lang, then vie")
    p.add_argument("--sign-p12", type=Path, help=f"ký bằng tệp PKCS#12 (mật khẩu trong ${P12_PASSWORD_ENV})")
    p.add_argument("--sign-pkcs11-lib", help=f"ký bằng token PKCS#11: thư viện .so/.dll (PIN trong ${PKCS11_PIN_ENV})")
    p.add_argument("--token-label")
    p.add_argument("--key-label")
    p.add_argument("--visible-stamp", action="store_true", help="hiện dấu chữ ký trên trang cuối / visible stamp")
    p.add_argument("--dossier", default="", help="mã hồ sơ / dossier code")
    p.add_argument("--document", default="", help="mã thành phần hồ sơ / document component code")
    p.add_argument("--officer", default=os.environ.get("USER", ""), help="cán bộ / officer")
    p.add_argument("--attach", action="store_true", help="gắn vào hồ sơ và xếp hàng tải lên / attach to the dossier")
    p.add_argument("--json", action="store_true")


def register(subparsers: argparse._SubParsersAction) -> None:
    scan = subparsers.add_parser("scan", help="quét giấy tờ ra PDF/A / scan to PDF/A")
    scan.add_argument("--device", help="tên máy quét (SANE) hoặc địa chỉ eSCL / scanner name or eSCL URL")
    scan.add_argument("--backend", choices=["sane", "escl", "twain", "wia"])
    scan.add_argument("--source", choices=["flatbed", "adf", "duplex"])
    scan.add_argument("--dpi", type=bounded_int(1, DPI_MAX))
    scan.add_argument("--mode", choices=["color", "gray"])
    scan.add_argument("--list", action="store_true", help="liệt kê máy quét / list scanners")
    scan.add_argument("--remember", action="store_true", help="nhớ lựa chọn này / remember these settings")
    _cleanup_args(scan)
    scan.set_defaults(handler=cmd_scan)

    dig = subparsers.add_parser("digitize", help="ảnh/PDF -> PDF/A đã làm sạch / images or PDFs -> cleaned PDF/A")
    dig.add_argument("inputs", nargs="+", type=Path, metavar="IMAGE_OR_PDF")
    dig.add_argument("--assume-dpi", type=bounded_int(1, DPI_MAX), help="độ phân giải thật của ảnh (bỏ qua giá trị trong tệp) / real dpi of the images")
    _cleanup_args(dig)
    dig.set_defaults(handler=cmd_digitize)

    ver = subparsers.add_parser("verify", help="kiểm tra chữ ký số của PDF / check a PDF's signatures")
    ver.add_argument("file", type=Path)
    ver.add_argument("--trust-root", action="append", type=Path, default=[],
                     help="chứng thư gốc tin cậy (PEM/DER) / trusted root certificate")
    ver.add_argument("--json", action="store_true")
    ver.set_defaults(handler=cmd_verify)

    sep = subparsers.add_parser("separator", help="in tờ phân cách có mã QR / print separator sheets")
    sep.add_argument("--dossier", required=True, help="mã hồ sơ / dossier code")
    sep.add_argument("--document", action="append", required=True, help="mã thành phần (lặp lại) / component code")
    sep.add_argument("--out", type=Path, required=True)
    sep.set_defaults(handler=cmd_separator)

    bat = subparsers.add_parser("batches", help="lô quét dở dang / unfinished scan batches")
    bat.add_argument("--build", metavar="UUID", help="tạo PDF từ lô này / build the PDF from this batch")
    bat.add_argument("--discard", metavar="UUID", help="bỏ lô này / discard this batch")
    bat.add_argument("--out", type=Path)
    bat.add_argument("--json", action="store_true")
    bat.set_defaults(handler=cmd_batches)

    att = subparsers.add_parser("attachment", help="tài liệu đã số hóa / digitized documents")
    att_sub = att.add_subparsers(dest="attachment_command", required=True)
    exp = att_sub.add_parser("export", help="chép bản rõ của tài liệu ra tệp / write a document's plaintext")
    exp.add_argument("uuid", help="mã tài liệu (attachment uuid)")
    exp.add_argument("--out", type=Path, required=True)
    exp.set_defaults(handler=cmd_attachment_export)
    chk = att_sub.add_parser("check", help="kiểm tra mọi tệp đã lưu / check every stored file")
    chk.add_argument("--json", action="store_true")
    chk.set_defaults(handler=cmd_attachment_check)


def _cleanup_options(args, config=None):
    """Site defaults (`[digitize]` in site.toml), then the command-line switches."""
    from dataclasses import replace

    from counterapp.digitize.cleanup import cleanup_options_from_config

    base = cleanup_options_from_config(config)
    blank = base.blank if args.blank_ink_ratio is None else replace(base.blank, ink_ratio=args.blank_ink_ratio)
    return replace(
        base, deskew=base.deskew and not args.no_deskew, crop=base.crop and not args.no_crop,
        drop_blank=base.drop_blank and not args.keep_blank, blank=blank,
        orient=base.orient if args.orient is None else args.orient,
    )


def _signer(args, config=None):
    """The signer the switches ask for, at the PAdES level of `[signing]` (its TSA); a level
    lower than asked (TSA down) is said on stderr, the file is signed all the same."""
    if args.sign_p12 and args.sign_pkcs11_lib:
        raise DigitizeError("Chỉ chọn một cách ký / choose either --sign-p12 or --sign-pkcs11-lib")
    from counterapp.digitize.signing import load_p12_signer, sign_pdf_pkcs11, signing_settings, site_sign_options

    options = site_sign_options(signing_settings(config))
    options.visible = args.visible_stamp
    sign = _unwrapped_signer(args, options, load_p12_signer, sign_pdf_pkcs11)
    if sign is None:
        return None

    def signer(src, dst):
        outcome = sign(src, dst)
        for warning in outcome.warnings:
            print(f"Cảnh báo / warning: {warning}", file=sys.stderr)
        args.signing_outcomes.append({"file": Path(src).name, **outcome.as_dict()})
        print(f"Đã ký / signed: {Path(src).name} (PAdES {outcome.level})", file=sys.stderr)
        return outcome

    args.signing_outcomes = []
    return signer


def _unwrapped_signer(args, options, load_p12_signer, sign_pdf_pkcs11):
    if args.sign_p12:
        password = os.environ.get(P12_PASSWORD_ENV)
        if password is None:
            if not sys.stdin.isatty():
                raise DigitizeError(f"Thiếu mật khẩu tệp chữ ký số (${P12_PASSWORD_ENV}) / PKCS#12 password missing")
            password = getpass.getpass("Mật khẩu tệp chữ ký số / PKCS#12 password: ")
        signer = load_p12_signer(args.sign_p12, password)  # fail early, before any work
        from counterapp.digitize.signing import sign_pdf_with

        return lambda src, dst: sign_pdf_with(signer, src, dst, options)
    if args.sign_pkcs11_lib:
        pin = os.environ.get(PKCS11_PIN_ENV)
        if pin is None or not args.token_label:
            raise DigitizeError(f"Cần --token-label và ${PKCS11_PIN_ENV} / token label and PIN needed")
        return lambda src, dst: sign_pdf_pkcs11(
            src, dst, lib_path=args.sign_pkcs11_lib, token_label=args.token_label, pin=pin,
            key_label=args.key_label, options=options,
        )
    return None


def _report(args, result) -> int:
    if args.json:
        levels = getattr(args, "signing_outcomes", None)
        print_json({**result.as_dict(), **({"signing": levels} if levels else {})})
    else:
        for built in result.built:
            print(f"{built.path}: {built.page_count} trang / pages, {built.min_dpi} dpi, sha256 {built.sha256}")
        if result.turned:
            turned = ", ".join(f"{page} ({degrees}°)" for page, degrees in result.turned.items())
            print(f"Đã xoay cho thẳng {len(result.turned)} trang (tắt bằng --no-orient) / pages turned upright "
                  f"(--no-orient leaves them): {turned}", file=sys.stderr)
        if result.dropped_blank:
            print(f"Đã bỏ {len(result.dropped_blank)} trang trắng (giữ lại bằng --keep-blank) / blank pages dropped "
                  f"(keep them with --keep-blank): {', '.join(result.dropped_blank)}", file=sys.stderr)
    return EXIT_OK


def _attach(args, result, ctx=None) -> None:
    if not args.attach:
        return
    from counterapp.cli.common import open_context
    from counterapp.digitize.models import attach_pdf

    own = ctx is None
    ctx = ctx or open_context(args, seed_demo=False)
    try:
        for built in result.built:
            dossier = built.meta.dossier_code or args.dossier
            document = built.meta.document_code or args.document
            sidecar = built.path.with_suffix(".txt")  # written by --ocr (pipeline.finish_pdf)
            text = sidecar.read_text(encoding="utf-8") if args.ocr and sidecar.exists() else None
            att = attach_pdf(ctx, dossier, document, built.path, args.officer, ocr=False if args.ocr else None,
                             text=text)
            print(f"Đã gắn vào hồ sơ {dossier} / attached: {att.uuid}", file=sys.stderr)
    finally:
        if own:
            ctx.close()


def _need_out(args) -> None:
    if args.out is None and args.split_dir is None:
        raise DigitizeError("Cần --out FILE.pdf (hoặc --split-dir) / --out FILE.pdf is required")


def _site_config(args):  # noqa: ANN001, ANN202
    """The site's settings for `digitize` (which opens no database): `[digitize]` applies to it
    as it does to `scan` and the window; a data folder that does not exist yet has the defaults."""
    from counterapp.cli.common import data_dir_of
    from counterapp.config import load_site_config

    folder = data_dir_of(args)
    return load_site_config(folder) if folder is not None and folder.is_dir() else None


def _ocr_choice(args, config) -> None:  # noqa: ANN001
    """`--ocr/--no-ocr` and `--ocr-lang` win; otherwise `[digitize] ocr` and `ocr_lang`."""
    from counterapp.digitize.ocr import ocr_settings

    wanted, lang = ocr_settings(config)
    if args.ocr is None:
        args.ocr = wanted
    if args.ocr_lang is None:
        args.ocr_lang = lang


def cmd_digitize(args) -> int:
    from counterapp.config import ConfigError
    from counterapp.digitize.encode import encode_options_from_config
    from counterapp.digitize.pipeline import digitize_files

    try:
        config = _site_config(args)
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    _ocr_choice(args, config)
    try:
        _need_out(args)
        signer = _signer(args, config)
        result = digitize_files(
            args.inputs, args.out, cleanup=_cleanup_options(args, config), encode=encode_options_from_config(config),
            dossier_code=args.dossier,
            document_code=args.document, officer=args.officer, split_dir=args.split_dir,
            ocr_lang=args.ocr_lang if args.ocr else None, signer=signer, force_dpi=args.assume_dpi,
        )
        _attach(args, result)
    except DigitizeError as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return _report(args, result)


def cmd_scan(args) -> int:
    from counterapp.cli.common import open_context
    from counterapp.digitize.encode import encode_options_from_config
    from counterapp.digitize.pipeline import scan_to_pdf
    from counterapp.digitize.sources import ScanSettings, load_scan_settings, remember_scan_settings, source_for

    ctx = open_context(args, seed_demo=False)
    _ocr_choice(args, ctx.config)
    try:
        base = load_scan_settings(ctx.config, ctx.data_dir)
        chosen = {k: v for k, v in {
            "backend": args.backend, "device": args.device, "source": args.source, "dpi": args.dpi, "mode": args.mode,
        }.items() if v is not None}
        if args.backend == "escl" and args.device:
            chosen["escl_url"] = args.device
        settings = ScanSettings.from_mapping(chosen, base)
        if args.list:
            devices = source_for(settings).list_devices()
            if args.json:
                print_json([d.__dict__ for d in devices])
            for d in devices if not args.json else []:
                print(f"{d.name}\t{d.description}")
            return EXIT_OK
        _need_out(args)
        if args.remember:
            remember_scan_settings(ctx.data_dir, settings)
        signer = _signer(args, ctx.config)
        result = scan_to_pdf(
            settings, args.out, ctx.data_dir, cleanup=_cleanup_options(args, ctx.config),
            encode=encode_options_from_config(ctx.config), officer=args.officer,
            dossier_code=args.dossier, document_code=args.document, split_dir=args.split_dir,
            ocr_lang=args.ocr_lang if args.ocr else None, signer=signer,
            on_page=lambda p: print(f"trang / page {p.id}", file=sys.stderr),
        )
        _attach(args, result, ctx)
    except DigitizeError as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        ctx.close()
    return _report(args, result)


def cmd_verify(args) -> int:
    from counterapp.digitize.pdfbuild import pdfa_problems, read_pdf_info
    from counterapp.digitize.signing import verify_pdf

    if not args.file.exists():
        print(f"Lỗi / error: không tìm thấy tệp {args.file} / file not found", file=sys.stderr)
        return EXIT_FAILED
    roots = list(args.trust_root)
    try:  # plus the trust roots IT configured for this site ([signing] trust_roots)
        from counterapp.config import load_site_config
        from counterapp.digitize.signing import signing_settings
        from counterapp.paths import resolve_data_dir

        config = load_site_config(resolve_data_dir(getattr(args, "data_dir", None)))
        roots += [Path(p) for p in signing_settings(config).get("trust_roots", []) if Path(p).exists()]
    except Exception:  # a broken site file must not stop a signature check
        pass
    from counterapp import crypto

    ctx = None
    if crypto.is_encrypted(args.file):  # a stored attachment: its data folder holds the key
        from counterapp.cli.common import open_context

        ctx = open_context(args, seed_demo=False)
    try:
        with crypto.plain_path(args.file) as plain:
            report = verify_pdf(plain, roots)
            try:
                info = read_pdf_info(plain)
                info["pdfa_problems"] = pdfa_problems(plain)
            except Exception:
                info = {}
    except DigitizeError as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if ctx is not None:
            ctx.close()
    if args.json:
        print_json({**report.as_dict(), "pdf": info})
    else:
        print(report.message_vi)
        if report.signed_at:
            print(f"Thời điểm ký / signed at: {report.signed_at.isoformat()}")
        if report.level:
            stamp = (f"dấu thời gian / timestamp {report.timestamp.isoformat()}" if report.timestamp
                     else "không có dấu thời gian / no timestamp")
            print(f"Mức PAdES / PAdES level: {report.level}; {stamp}")
        if info:
            pdfa = f"PDF/A-{info['pdfa_part']}{(info['pdfa_conformance'] or '').lower()}" if info.get("pdfa_part") else "không phải PDF/A / not PDF/A"
            print(f"{pdfa}; {info['page_count']} trang / pages; {info['min_dpi']} dpi")
            for problem in info["pdfa_problems"]:
                print(f"PDF/A: {problem}")
    return EXIT_OK if report.valid else EXIT_PARTIAL


def cmd_separator(args) -> int:
    from counterapp.digitize.separators import render_separator_pdf

    for value in [args.dossier, *args.document]:  # a code fits a QR code on the sheet
        if problem := text_problem(value, "short"):
            print(f"{value[:40]!r}: {problem}", file=sys.stderr)
            return EXIT_FAILED
    try:
        render_separator_pdf(args.out, [(args.dossier, doc) for doc in args.document])
    except DigitizeError as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{args.out}: {len(args.document)} tờ phân cách / separator sheets")
    return EXIT_OK


def cmd_batches(args) -> int:
    from counterapp.cli.common import open_context
    from counterapp.digitize.batch import ScanBatch, recover_batches
    from counterapp.digitize.pipeline import _output

    ctx = open_context(args, seed_demo=False)
    try:
        if args.discard:
            ScanBatch.open(ctx.data_dir, args.discard).discard()
            print(f"Đã bỏ lô / discarded {args.discard}")
            return EXIT_OK
        if args.build:
            if args.out is None:
                raise DigitizeError("Cần --out FILE.pdf / --out FILE.pdf is required")
            batch = ScanBatch.open(ctx.data_dir, args.build)
            result = _output(batch, len(batch.pages()), args.out, batch.manifest.get("officer", ""), None, None, None)
            batch.finish()
            batch.discard()
            args.json = getattr(args, "json", False)
            return _report(args, result)
        found = recover_batches(ctx.data_dir)
        rows = [{"uuid": b.uuid, "created_at": b.manifest["created_at"], "pages": len(b.pages()),
                 "kept": len(b.kept_pages()), "dossier_code": b.manifest.get("dossier_code"),
                 "document_code": b.manifest.get("document_code")} for b in found]
        if args.json:
            print_json(rows)
        else:
            for r in rows:
                print(f"{r['uuid']}\t{r['created_at']}\t{r['pages']} trang / pages")
            if not rows:
                print("Không có lô quét dở dang / no unfinished scan batches")
        return EXIT_OK
    except DigitizeError as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        ctx.close()


def cmd_attachment_export(args) -> int:
    from counterapp.cli.common import open_context
    from counterapp.crypto import open_plain
    from counterapp.digitize.models import get_attachment

    ctx = open_context(args, seed_demo=False)
    try:
        with ctx.sessions() as session:
            att = get_attachment(session, args.uuid)
            if att is None:
                raise DigitizeError(f"Không tìm thấy tài liệu {args.uuid} / attachment not found")
            source, sha256 = att.path(ctx.files_dir), att.sha256
        if not source.is_file():
            raise DigitizeError(f"Không tìm thấy tệp {source.name} trên máy / file missing on this PC")
        import hashlib
        import shutil

        digest = hashlib.sha256()
        tmp = args.out.with_name(f".{args.out.name}.part")
        with open_plain(source) as fin, open(tmp, "wb") as fout:
            while block := fin.read(1 << 20):
                digest.update(block)
                fout.write(block)
        if digest.hexdigest() != sha256:
            tmp.unlink(missing_ok=True)
            raise DigitizeError(f"Tệp {source.name} không khớp SHA-256 đã ghi / does not match its recorded SHA-256")
        shutil.move(tmp, args.out)
        print(f"{args.out}: sha256 {sha256}")
        return EXIT_OK
    except DigitizeError as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"Lỗi / error: không ghi được {args.out} / cannot write it: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        ctx.close()


def cmd_attachment_check(args) -> int:
    from sqlalchemy import select

    from counterapp.cli.common import open_context
    from counterapp.crypto import sha256_plain
    from counterapp.digitize.models import Attachment

    ctx = open_context(args, seed_demo=False)
    try:
        with ctx.sessions() as session:
            rows = session.execute(select(Attachment.file_name, Attachment.sha256)
                                   .where(Attachment.deleted.is_(False)).distinct()).all()
        problems = []
        for name, sha256 in rows:
            path = ctx.files_dir / name
            try:
                if sha256_plain(path) != sha256:
                    problems.append({"file": name, "problem": "SHA-256 khác bản ghi / differs from the record"})
            except FileNotFoundError:
                problems.append({"file": name, "problem": "thiếu tệp / file missing"})
            except DigitizeError as exc:
                problems.append({"file": name, "problem": str(exc)})
    finally:
        ctx.close()
    if args.json:
        print_json({"checked": len(rows), "problems": problems})
    else:
        for item in problems:
            print(f"{item['file']}: {item['problem']}")
        print(f"Đã kiểm tra {len(rows)} tệp, {len(problems)} lỗi / {len(rows)} files checked, {len(problems)} problems")
    return EXIT_PARTIAL if problems else EXIT_OK
