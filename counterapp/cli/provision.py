"""Provisioning a counter PC from a signed site file, and issuing those files.

  counterapp provision FILE [--trust-key KEY]... [--quiet] [--json] [--offline-ok]
  counterapp portal site-key --db URL | --key PRIVATE_KEY.pem
  counterapp portal site-file --db URL | --key PRIVATE_KEY.pem --agency CODE --counter ID --portal-url URL
                              [--name NAME] [--base COMMON.toml] --out FILE

`--db URL`: the key kept in the portal's own database (made by the first `site-key --db`);
`--key PEM`: a key file, for a province that keeps the key off the portal's server.

Why here: the Windows MSI's custom action runs `counterapp.exe provision "[SITEFILE]" --quiet`
and a script can do the same on Linux; the province issues one file per counter with the two
`portal` commands (added to the existing `portal` group of cli/sync.py without editing it).
`provision` exits 0 when installed and the portal answers, 1 when installed but the portal
was not reachable (the counter works offline; fix the network; `--offline-ok` makes that 0, for an
installer that fails on any other code), 2 when refused (nothing changed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from counterapp.cli.common import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, fail, print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    provision = subparsers.add_parser("provision", help="cài tệp cấu hình đã ký cho cả máy / install a signed "
                                      "site file machine-wide")
    provision.add_argument("file", help="tệp cấu hình đã ký / the signed site file")
    provision.add_argument("--trust-key", action="append", default=[], metavar="PUBKEY",
                           help="khóa công khai tin cậy thêm (ed25519:... hoặc tệp) / another trusted public key "
                                "(ed25519:... or a file of them)")
    provision.add_argument("--quiet", action="store_true", help="chỉ in lỗi / print errors only")
    provision.add_argument("--offline-ok", action="store_true",
                           help="thoát 0 dù chưa kết nối được cổng (cài trước khi có mạng) / exit 0 even when the "
                                "portal cannot be reached yet (installing before the network is up)")
    provision.add_argument("--json", action="store_true", help="JSON output")
    provision.add_argument("--pull", action="store_true",
                           help="nhận danh mục, lịch, dải số vào thư mục dữ liệu (--data-dir), cần --user và mật khẩu "
                                "/ pull the catalog, calendar and number blocks into the data folder (--data-dir); "
                                "needs --user and the password")
    provision.add_argument("--user", metavar="NAME", help="tài khoản cổng của quầy / the counter's portal account")
    provision.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ stdin / password from stdin")
    provision.set_defaults(handler=_provision)

    portal = subparsers.choices.get("portal") or subparsers.add_parser("portal", help="cổng / the portal")
    group = next((a for a in portal._actions if isinstance(a, argparse._SubParsersAction)), None)
    if group is None:
        group = portal.add_subparsers(dest="portal_command", metavar="COMMAND", required=True)
    key = group.add_parser("site-key", help="tạo khóa ký tệp cấu hình, in khóa công khai / create the site-file "
                           "signing key, print its public key")
    _key_source(key)
    key.set_defaults(handler=_site_key)
    issue = group.add_parser("site-file", help="cấp tệp cấu hình đã ký cho một quầy / issue a counter's signed "
                             "site file")
    _key_source(issue)
    issue.add_argument("--agency", required=True, metavar="CODE", help="mã cơ quan / agency code")
    issue.add_argument("--counter", required=True, metavar="ID", help="mã quầy / counter id, e.g. Q07")
    issue.add_argument("--portal-url", required=True, metavar="URL")
    issue.add_argument("--name", help="tên cơ quan / agency name")
    issue.add_argument("--base", type=Path, metavar="COMMON.toml",
                       help="cấu hình chung mọi quầy (kể cả [lock]) / settings every counter shares ([lock] too)")
    issue.add_argument("--out", required=True, type=Path, metavar="FILE")
    issue.set_defaults(handler=_site_file)


def _key_source(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", metavar="URL", help="khóa lưu trong cơ sở dữ liệu của cổng / the key kept in the "
                        "portal's database (sqlite:///portal.db, postgresql+psycopg://...)")
    source.add_argument("--key", type=Path, metavar="PRIVATE_KEY.pem", help="tệp khóa riêng / a private key file")


def _portal_key(url: str, *, create: bool):
    from sqlalchemy.exc import SQLAlchemyError

    from sync.portal.site_key import portal_site_key
    from sync.portal.store import PortalStore

    try:
        store = PortalStore(url)
    except (SQLAlchemyError, ValueError, OSError) as exc:  # a bad URL, no server, no driver: a message
        fail(f"Không mở được cơ sở dữ liệu của cổng {url} / cannot open the portal's database: {exc}", EXIT_FAILED)
    try:
        key = portal_site_key(store, create=create)
    except ValueError as exc:
        fail(f"Khóa trong cơ sở dữ liệu của cổng hỏng / the portal's stored key is unusable: {exc}", EXIT_FAILED)
    finally:
        store.engine.dispose()
    if key is None:
        fail("Cổng chưa có khóa ký tệp cấu hình: chạy `counterapp portal site-key --db URL` trước / the portal "
             "has no site-file key yet: run `counterapp portal site-key --db URL` first", EXIT_FAILED)
    return key


def _site_key(args: argparse.Namespace) -> int:
    from counterapp.settings.signing import (
        SiteFileSignatureError,
        create_private_key,
        load_private_key,
        public_key_text,
    )

    if args.db:
        print(public_key_text(_portal_key(args.db, create=True)))
        return EXIT_OK
    try:
        if args.key.exists():
            key = load_private_key(args.key)
        else:
            key = create_private_key(args.key)
            print(f"Đã tạo khóa / key created: {args.key} (giữ bí mật / keep it secret)", file=sys.stderr)
    except (SiteFileSignatureError, OSError) as exc:
        fail(str(exc), EXIT_FAILED)
    print(public_key_text(key))
    return EXIT_OK


def _site_file(args: argparse.Namespace) -> int:
    from counterapp.config import ConfigError
    from counterapp.settings.provision import issue_site_file
    from counterapp.settings.signing import SiteFileSignatureError, load_private_key
    from counterapp.settings.validate import read_toml, validate_layer

    try:
        key = _portal_key(args.db, create=False) if args.db else load_private_key(args.key)
        base = None
        if args.base:
            data, text = read_toml(args.base)
            base = validate_layer(data, args.base, text, machine=True)
        signed = issue_site_file(key, agency=args.agency, counter=args.counter, portal_url=args.portal_url,
                                 name=args.name, base=base)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(signed)
    except (SiteFileSignatureError, ConfigError) as exc:
        fail(str(exc), EXIT_FAILED)
    except OSError as exc:
        fail(f"Không ghi được {args.out} / cannot write it: {exc.strerror or exc}", EXIT_FAILED)
    print(f"Đã cấp / issued: {args.out} ({args.agency} {args.counter})")
    return EXIT_OK


def _provision(args: argparse.Namespace) -> int:
    from counterapp.settings.provision import ProvisionRefused, install_site_file
    from counterapp.settings.signing import SiteFileSignatureError, trusted_keys

    source = Path(args.file)
    try:
        data = source.read_bytes()
        trusted = trusted_keys(args.trust_key)
        installed = install_site_file(data, str(source), trusted)
    except (ProvisionRefused, SiteFileSignatureError) as exc:
        return _refused(args, str(exc))
    except OSError as exc:
        return _refused(args, f"Không đọc được {source} / cannot read it: {exc.strerror or exc}")
    checks = _portal_checks(installed.settings)
    reachable = all(c.status == "ok" for c in checks if c.id in ("portal", "portal_tls"))
    site = installed.settings.get("site", {})
    report = {
        "status": "installed" if reachable else "installed_portal_unreachable",
        "path": str(installed.path),
        "replaced": installed.replaced,
        "signer": installed.signer,
        "agency_code": site.get("agency_code"),
        "counter_id": site.get("counter_id"),
        "portal_url": installed.settings.get("portal", {}).get("url"),
        "locked": installed.settings.get("lock", {}).get("keys", []),
        "checks": [{"id": c.id, "status": c.status, "message": c.message} for c in checks],
        "exit_code": EXIT_OK if reachable or args.offline_ok else EXIT_PARTIAL,
    }
    if args.pull:
        report["pulled"], problem = _pull(args, reachable)
        if problem:
            report["pull_error"] = problem
            report["exit_code"] = EXIT_PARTIAL
    if args.json:
        print_json(report)
    elif not args.quiet or not reachable:
        out = sys.stdout if reachable else sys.stderr
        print(f"Đã cài tệp cấu hình / site file installed: {installed.path} "
              f"({report['agency_code']} {report['counter_id']})", file=out)
        for check in checks:
            print(f"  [{check.status}] {check.message}", file=out)
        if report.get("pulled"):
            pulled = report["pulled"]
            print(f"  Đã nhận / pulled: {pulled.get('catalog', 0)} thủ tục / procedures, {pulled.get('calendar', 0)} "
                  f"ngày lịch / calendar days, {pulled.get('blocks', 0)} dải số / number blocks", file=out)
    if report.get("pull_error"):
        print(report["pull_error"], file=sys.stderr)
    return report["exit_code"]


def _pull(args: argparse.Namespace, reachable: bool) -> tuple[dict, str | None]:
    """The first pull into the data folder the officer will use (`--data-dir`, else the default):
    the counter starts with the province's catalog, calendar and its own number blocks instead of
    the demo ones. Signs in for this pull only; the token is not kept (the officer signs in later)."""
    import os

    if not reachable:
        return {}, ("Chưa nhận dữ liệu: cổng chưa kết nối được; lần đồng bộ đầu sẽ nhận / nothing pulled: the portal "
                    "is not reachable; the first sync will pull")
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else os.environ.get("COUNTERAPP_PORTAL_PASSWORD")
    if not args.user or not password:
        return {}, "--pull cần --user và --password-stdin / --pull needs --user and --password-stdin"
    from counterapp.app import open_app
    from sync.auth import portal_client
    from sync.client import AuthRequired, Offline, Rejected, Retryable
    from sync.engine import SyncEngine

    ctx = open_app(getattr(args, "data_dir", None), seed_demo=False)
    try:
        client = portal_client(ctx, ctx.config.portal_url)
        try:
            client.token = client.login(args.user, password, counter_id=ctx.config.counter_id,
                                        agency_code=ctx.config.agency_code).token
            report = SyncEngine(ctx, client).run_once()
            client.logout()
        except (AuthRequired, Rejected, Offline, Retryable) as exc:
            return {}, f"Chưa nhận dữ liệu / nothing pulled: {getattr(exc, 'message', '') or exc}"
        finally:
            client.close()
        return dict(report.pulled), ("; ".join(report.errors) if report.errors else None)
    finally:
        ctx.close()


def _portal_checks(settings: dict) -> list:
    from counterapp.config import parse_site_config
    from sync.health import check_portal

    config = parse_site_config({k: v for k, v in settings.items() if k != "lock"})
    return check_portal(config)


def _refused(args: argparse.Namespace, message: str) -> int:
    if args.json:
        print_json({"status": "refused", "message": message, "exit_code": EXIT_FAILED})
    print(f"Từ chối, không thay đổi gì / refused, nothing changed:\n{message}", file=sys.stderr)
    return EXIT_FAILED
