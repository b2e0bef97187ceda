"""`counterapp user ...`: the counter's own users and their roles, and the sign-in the dossier
commands ask for once a site has users.

    counterapp user add NAME --full-name "Họ Tên" --role officer|supervisor|admin [--title T]
                        [--phone P] --password-stdin
    counterapp user list [--json]
    counterapp user disable NAME | enable NAME
    counterapp user passwd NAME --password-stdin

Why the dossier commands ask for a password: once users exist, roles decide who may refuse a
received dossier or approve a late new date (counterapp/users/roles.py), so `--officer` must
be a person who proved it is them: `--password-stdin`, or COUNTERAPP_PASSWORD for scripts.
These user commands themselves are guarded like site.toml: by access to the data folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from counterapp.cli.common import EXIT_OK, EXIT_PARTIAL, fail, open_context, print_json

PASSWORD_ENV = "COUNTERAPP_PASSWORD"


def register(subparsers: argparse._SubParsersAction) -> None:
    user = subparsers.add_parser("user", help="người dùng và vai trò / users and roles")
    sub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="thêm người dùng / add a user")
    add.add_argument("name", help="tên đăng nhập / user name")
    add.add_argument("--full-name", required=True, help="họ và tên (in trên biểu mẫu) / full name, printed on forms")
    add.add_argument("--role", required=True, choices=["officer", "supervisor", "admin"])
    add.add_argument("--title", default="", help="chức danh / title")
    add.add_argument("--phone", default="", help="điện thoại / phone")
    add.add_argument("--password-stdin", action="store_true", required=True,
                     help="đọc mật khẩu từ stdin / read the password from standard input")
    add.set_defaults(handler=_add)

    lst = sub.add_parser("list", help="danh sách người dùng / list users")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=_list)

    for name, vi, en in (("disable", "khoá tài khoản", "disable an account"),
                         ("enable", "mở khoá tài khoản", "enable an account")):
        p = sub.add_parser(name, help=f"{vi} / {en}")
        p.add_argument("name")
        p.set_defaults(handler=_disable if name == "disable" else _enable)

    pw = sub.add_parser("passwd", help="đổi mật khẩu / change a password")
    pw.add_argument("name")
    pw.add_argument("--password-stdin", action="store_true", required=True)
    pw.set_defaults(handler=_passwd)


def _stdin_password() -> str:
    return sys.stdin.readline().rstrip("\r\n")


def _run(args: Any, work) -> int:  # noqa: ANN001
    from counterapp.users.accounts import UserError

    ctx = open_context(args)
    try:
        return work(ctx)
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PARTIAL
    finally:
        ctx.close()


def _add(args: Any) -> int:
    from counterapp.users.accounts import add_user

    password = _stdin_password()

    def work(ctx) -> int:  # noqa: ANN001
        u = add_user(ctx, args.name, args.full_name, args.role, password, title=args.title, phone=args.phone)
        print(f"Đã thêm {u.username} ({u.full_name}, {u.role}) / added {u.username}")
        return EXIT_OK

    return _run(args, work)


def _list(args: Any) -> int:
    from counterapp.users.accounts import list_users

    def work(ctx) -> int:  # noqa: ANN001
        with ctx.sessions() as session:
            users = list_users(session)
        if args.json:
            print_json([u.to_dict() for u in users])
        else:
            for u in users:
                state = "KHOÁ / disabled" if u.disabled else "hoạt động / active"
                print(f"{u.username}\t{u.full_name}\t{u.role}\t{u.title}\t{u.source}\t{state}")
            if not users:
                print("Chưa có người dùng: cán bộ trong site.toml [officer] đứng tên / no users yet: "
                      "site.toml [officer] acts", file=sys.stderr)
        return EXIT_OK

    return _run(args, work)


def _disable(args: Any) -> int:
    from counterapp.users.accounts import set_disabled

    return _run(args, lambda ctx: print(f"{set_disabled(ctx, args.name, True).username}: đã khoá / disabled") or 0)


def _enable(args: Any) -> int:
    from counterapp.users.accounts import set_disabled

    return _run(args, lambda ctx: print(f"{set_disabled(ctx, args.name, False).username}: đã mở khoá / enabled") or 0)


def _passwd(args: Any) -> int:
    from counterapp.users.accounts import set_password

    password = _stdin_password()
    return _run(args, lambda ctx: print(f"{set_password(ctx, args.name, password).username}: "
                                        "đã đổi mật khẩu / password changed") or 0)


# --------------------------------------------------------------------------- dossier commands
def add_password_option(parser: argparse.ArgumentParser) -> None:
    """`--password-stdin` for a command that takes `--officer`."""
    parser.add_argument("--password-stdin", action="store_true",
                        help=f"mật khẩu của --officer trên stdin (hoặc biến {PASSWORD_ENV}) / the officer's "
                             f"password on standard input (or ${PASSWORD_ENV}); needed once the site has users")


def sign_in_officer(args: Any, ctx) -> None:  # noqa: ANN001
    """Once the site has users: `args.officer` must be an active user who gave their password
    (`--password-stdin` or COUNTERAPP_PASSWORD); it becomes their full name, what the dossier
    records. Exits 1 with a message otherwise. With no users, nothing changes."""
    from counterapp.users.accounts import UserError, authenticate, has_users

    with ctx.sessions() as session:
        if not has_users(session):
            return
    name = (getattr(args, "officer", None) or "").strip()
    if not name:
        ctx.close()
        fail("Trạm này có người dùng: cần --officer TÊN_ĐĂNG_NHẬP và mật khẩu (--password-stdin hoặc "
             f"{PASSWORD_ENV}) / this counter has users: give --officer USER and the password "
             f"(--password-stdin or ${PASSWORD_ENV})", EXIT_PARTIAL)
    if getattr(args, "password_stdin", False):
        password = _stdin_password()
    else:
        password = os.environ.get(PASSWORD_ENV, "")
    if not password:
        ctx.close()
        fail(f"Thiếu mật khẩu của {name}: --password-stdin hoặc biến {PASSWORD_ENV} / password of {name} "
             f"missing: --password-stdin or ${PASSWORD_ENV}", EXIT_PARTIAL)
    try:
        user = authenticate(ctx, name, password)
    except UserError as exc:
        ctx.close()
        fail(f"{name}: {exc}", EXIT_PARTIAL)
        raise  # unreachable
    args.officer = user.full_name
