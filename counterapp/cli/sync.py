"""Commands that talk to the portal, and the reference portal itself.

  counterapp login --portal URL --user NAME --password-stdin
  counterapp logout
  counterapp sync --once | --until-idle [--timeout S] [--json] | --status | --problems
  counterapp sync --retry SEQ | --resolve SEQ --keep mine|theirs
  counterapp portal serve [--host 127.0.0.1] [--port P] [--db URL] [--certfile PEM --keyfile PEM] [--demo] [--workers N]
                         [--max-attachment-mb 50]
  counterapp portal add-user --db URL NAME --role officer|supervisor|admin --password-stdin
                            [--agency CODE] [--counter ID ...] [--display-name TEXT]
  counterapp portal dossiers --db URL --json
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from counterapp.cli.common import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, fail, open_context, print_json
from counterapp.paths import resolve_data_dir
from counterapp.validation import SQLITE_INT_MAX, bounded_int


def register(subparsers: argparse._SubParsersAction) -> None:
    login = subparsers.add_parser("login", help="đăng nhập cổng / sign in to the portal")
    login.add_argument("--portal", help="địa chỉ cổng / portal URL (default: site.toml [portal] url)")
    login.add_argument("--user", required=True, help="tên đăng nhập / user name")
    login.add_argument("--password-stdin", action="store_true", required=True,
                       help="đọc mật khẩu từ stdin / read the password from standard input")
    login.set_defaults(handler=cmd_login)

    logout = subparsers.add_parser("logout", help="đăng xuất, quên mã phiên / sign out, forget the token")
    logout.set_defaults(handler=cmd_logout)

    sync = subparsers.add_parser("sync", help="đồng bộ với cổng / sync with the portal")
    mode = sync.add_mutually_exclusive_group(required=True)
    mode.add_argument("--once", action="store_true", help="một lượt / one pass")
    mode.add_argument("--until-idle", action="store_true", help="đến khi không còn gì để gửi / until nothing is left")
    mode.add_argument("--status", action="store_true", help="trạng thái hàng đợi / queue state")
    mode.add_argument("--problems", action="store_true", help="mục cần xử lý và xung đột / needs attention, conflicts")
    mode.add_argument("--retry", type=bounded_int(0, SQLITE_INT_MAX), metavar="SEQ", help="gửi lại một mục cần xử lý / send a parked item again")
    mode.add_argument("--resolve", type=bounded_int(0, SQLITE_INT_MAX), metavar="SEQ", help="quyết định một xung đột (tổ trưởng) / decide a "
                                                                   "conflict (supervisor); with --keep")
    sync.add_argument("--keep", choices=["mine", "theirs"], help="mine: bản của quầy / the counter's; "
                                                                 "theirs: bản của cổng / the portal's")
    sync.add_argument("--timeout", type=float, default=None, help="giây tối đa / at most this many seconds")
    sync.add_argument("--json", action="store_true", help="in JSON / print JSON")
    sync.set_defaults(handler=cmd_sync)

    portal = subparsers.add_parser("portal", help="cổng mẫu / the reference portal")
    sub = portal.add_subparsers(dest="portal_command", metavar="COMMAND", required=True)
    serve = sub.add_parser("serve", help="chạy cổng mẫu / run the reference portal")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=bounded_int(0, 65_535), default=8765)
    serve.add_argument("--db", help="SQLAlchemy URL (default: sqlite in the data folder; postgresql+psycopg://...)")
    serve.add_argument("--certfile", help="chứng chỉ TLS (PEM) / TLS certificate chain (PEM): serve HTTPS")
    serve.add_argument("--keyfile", help="khóa riêng của chứng chỉ (PEM) / the certificate's private key (PEM)")
    serve.add_argument("--demo", action="store_true",
                       help="tạo tài khoản mẫu (mật khẩu ai cũng biết) / create the demo accounts (well-known passwords)")
    serve.add_argument("--max-attachment-mb", type=float, default=50.0,
                       help="tệp đính kèm lớn nhất / largest attachment accepted, MB (default 50)")
    serve.add_argument("--files", metavar="DIR",
                       help="thư mục tệp đính kèm / attachments folder (default: beside the SQLite database, "
                            "or portal-files in the data folder)")
    serve.add_argument("--workers", type=int, default=1,
                       help="số tiến trình / worker processes (default 1; several want PostgreSQL)")
    serve.set_defaults(handler=cmd_portal_serve)
    add = sub.add_parser("add-user", help="thêm người dùng cổng / add a portal user")
    add.add_argument("--db")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["officer", "supervisor", "admin"])
    add.add_argument("--password-stdin", action="store_true", required=True)
    add.add_argument("--agency", help="mã cơ quan / agency code (default: the portal's own)")
    add.add_argument("--counter", action="append", default=None, metavar="ID",
                     help="quầy của cán bộ (lặp lại được) / an officer's counter (repeatable)")
    add.add_argument("--display-name", default="", help="tên hiển thị / display name")
    add.set_defaults(handler=cmd_portal_add_user)
    dossiers = sub.add_parser("dossiers", help="hồ sơ trên cổng / dossiers the portal holds")
    dossiers.add_argument("--db")
    dossiers.add_argument("--json", action="store_true")
    dossiers.set_defaults(handler=cmd_portal_dossiers)


def _password(args: Any) -> str:
    line = sys.stdin.readline()
    password = line.rstrip("\r\n")
    if not password:
        fail("Chưa nhập mật khẩu trên stdin / no password on standard input", EXIT_FAILED)
    return password


def cmd_login(args: Any) -> int:
    from sync.auth import SignInError, sign_in

    password = _password(args)
    ctx = open_context(args, seed_demo=False)
    try:
        who = sign_in(ctx, args.portal or ctx.config.portal_url, args.user, password)
    except SignInError as exc:
        fail(str(exc), EXIT_FAILED)
    finally:
        ctx.close()
    mode = "ngoại tuyến / offline" if who.offline else "trực tuyến / online"
    print(f"Đã đăng nhập {who.username} ({who.role}), {mode} / signed in")
    return EXIT_OK


def cmd_logout(args: Any) -> int:
    from sync.auth import sign_out

    ctx = open_context(args, seed_demo=False)
    try:
        was = sign_out(ctx)
    finally:
        ctx.close()
    print("Đã đăng xuất / signed out" if was else "Chưa đăng nhập / nobody was signed in")
    return EXIT_OK


def cmd_sync(args: Any) -> int:
    from sync.auth import KeyringUnavailable, current_user
    from sync.engine import engine_for, problems, resolve_conflict, retry_item

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    ctx = open_context(args, seed_demo=False)
    try:
        if args.problems:
            rows = problems(ctx)
            if args.json:
                print_json([r.__dict__ for r in rows])
            else:
                for r in rows:
                    print(f"#{r.seq} {r.state} {r.operation} {r.entity_id}: {r.message}")
            return EXIT_OK
        if args.retry is not None:
            try:
                retry_item(ctx, args.retry)
            except ValueError as exc:
                fail(str(exc), EXIT_FAILED)
            print(f"#{args.retry}: sẽ gửi lại / will be sent again")
            return EXIT_OK
        who = current_user(ctx)
        if who is None:
            fail("Chưa đăng nhập: chạy `counterapp login` / not signed in: run `counterapp login`", EXIT_FAILED)
        if args.resolve is not None:
            if not args.keep:
                fail("Cần --keep mine|theirs / --keep mine|theirs is required", EXIT_FAILED)
            try:
                resolve_conflict(ctx, args.resolve, args.keep, supervisor=who.username, role=who.role)
            except (PermissionError, ValueError) as exc:
                fail(str(exc), EXIT_FAILED)
            print(f"#{args.resolve}: đã quyết định ({args.keep}) / decided")
            return EXIT_OK
        try:
            engine = engine_for(ctx)
        except KeyringUnavailable as exc:
            fail(str(exc), EXIT_FAILED)
        if args.status:
            state = engine.state()
            if args.json:
                print_json(state.__dict__)
            else:
                print(state.status_text(ctx.config.zone))
            return EXIT_OK
        if not engine.client.token:
            fail("Phiên đăng nhập ngoại tuyến: cần đăng nhập trực tuyến để đồng bộ / signed in offline: "
                 "sign in online to sync", EXIT_FAILED)
        report = engine.run_once() if args.once else engine.run_until_idle(args.timeout)
        state = engine.state()
        if args.json:
            print_json(report.as_dict() | {"status": state.status_text(ctx.config.zone)})
        else:
            print(f"{state.status_text(ctx.config.zone)} · gửi/sent {report.applied}, tệp/files {report.files}, "
                  f"còn lại/left {report.remaining}")
            for error in dict.fromkeys(report.errors):
                print(error, file=sys.stderr)
        return EXIT_OK if report.remaining == 0 and report.online and not report.pull_error else EXIT_PARTIAL
    finally:
        ctx.close()


def _db_url(args: Any) -> str:
    if args.db:
        return args.db
    folder = resolve_data_dir(getattr(args, "data_dir", None))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'portal.db'}"


def _files_dir(args: Any, url: str) -> str:
    """Where the portal keeps attachments: --files, else beside a SQLite database file, else
    `portal-files` in the data folder."""
    if getattr(args, "files", None):
        return args.files
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        db = Path(url.removeprefix("sqlite:///"))
        return str(db.parent / f"{db.stem}-files")
    return str(resolve_data_dir(getattr(args, "data_dir", None)) / "portal-files")


def cmd_portal_serve(args: Any) -> int:
    from sync.portal.server import serve

    certfile, keyfile = getattr(args, "certfile", None), getattr(args, "keyfile", None)
    if bool(certfile) != bool(keyfile):
        return fail("Cần cả --certfile và --keyfile / give both --certfile and --keyfile", EXIT_FAILED)
    for given in (certfile, keyfile):
        if given and not Path(given).is_file():
            return fail(f"Không thấy tệp {given} / no such file: {given}", EXIT_FAILED)
    url = _db_url(args)
    limit_mb = getattr(args, "max_attachment_mb", 50.0)
    if not 0 < limit_mb <= 4096:
        return fail("--max-attachment-mb: từ 0 đến 4096 / between 0 and 4096", EXIT_FAILED)
    workers = getattr(args, "workers", 1)
    if not 1 <= workers <= 64:
        return fail("--workers: từ 1 đến 64 / between 1 and 64", EXIT_FAILED)
    scheme = "https" if certfile else "http"
    print(f"Cổng mẫu / reference portal: {scheme}://{args.host}:{args.port} (db {url.split('@')[-1]})", flush=True)
    serve(args.host, args.port, url, ssl_certfile=certfile, ssl_keyfile=keyfile, demo=getattr(args, "demo", False),
          max_attachment_bytes=int(limit_mb * 1024 * 1024), workers=workers, files_dir=_files_dir(args, url))
    return EXIT_OK


def cmd_portal_add_user(args: Any) -> int:
    from sync.portal.store import PortalStore, load_demo_catalog

    password = _password(args)
    url = _db_url(args)
    store = PortalStore(url, files_dir=_files_dir(args, url))
    store.seed(catalog_records=load_demo_catalog())
    if args.role == "officer" and not args.counter:
        print("Lưu ý: cán bộ chưa được phân công quầy nào (--counter) / note: the officer has no counter yet "
              "(--counter)", file=sys.stderr)
    store.add_user(args.name, args.role, password, args.display_name, agency_code=args.agency, counters=args.counter)
    who = store.who_is(args.name)
    store.engine.dispose()
    print(f"Đã thêm/cập nhật {args.name} ({args.role}, {who}) / user saved")
    return EXIT_OK


def cmd_portal_dossiers(args: Any) -> int:
    from sync.portal.store import PortalStore

    url = _db_url(args)
    store = PortalStore(url, files_dir=_files_dir(args, url))
    rows = store.dossiers()
    store.engine.dispose()
    if args.json:
        print_json([{"code": d.code, "client_id": d.id, "status": d.status, "counter_id": d.counter_id,
                     "attachments": [{"id": a.attachment_id, "sha256": a.sha256, "size": a.size,
                                      "complete": a.complete} for a in d.attachments]} for d in rows])
    else:
        for d in rows:
            print(f"{d.code}\t{d.id}\t{d.status}\t{len(d.attachments)} tệp/files")
    return EXIT_OK
