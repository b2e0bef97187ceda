"""`counterapp user ...`: the counter's own users and their roles, and the sign-in the dossier
commands ask for once a site has users.

    counterapp user add NAME --full-name "Họ Tên" --role officer|supervisor|admin [--title T]
                        [--phone P] --password-stdin [--officer ADMIN]
    counterapp user list [--json] [--officer ADMIN --password-stdin]
    counterapp user edit NAME [--full-name F] [--title T] [--phone P] [--role R] [--officer ADMIN ...]
    counterapp user disable NAME | enable NAME [--officer ADMIN --password-stdin]
    counterapp user passwd NAME --password-stdin [--officer ADMIN]

Who may: on a site with no users, the first `user add` needs no sign-in and must add an admin.
Once users exist, every `user` command names the acting admin with `--officer` and proves it
with their password: COUNTERAPP_PASSWORD, or standard input. Where standard input also carries
the new password (add, passwd), it holds two lines: the officer's password first, then the new
one (or the officer's password in COUNTERAPP_PASSWORD and only the new one on stdin). A user
may change their own password (`passwd NAME --officer NAME`). A refusal says who may, exit 1.

Why the dossier commands ask for a password: once users exist, roles decide who may refuse a
received dossier or approve a late new date (counterapp/users/roles.py), so `--officer` must
be a person who proved it is them: `--password-stdin`, or COUNTERAPP_PASSWORD for scripts.
The checks are the core's (counterapp/users/accounts.py): the window obeys the same rules.
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
                     help="đọc mật khẩu mới từ stdin (sau mật khẩu của --officer nếu có) / read the new "
                          "password from standard input (after the --officer's password, if any)")
    _officer_option(add)
    add.set_defaults(handler=_add)

    lst = sub.add_parser("list", help="danh sách người dùng / list users")
    lst.add_argument("--json", action="store_true")
    _officer_option(lst, stdin=True)
    lst.set_defaults(handler=_list)

    edit = sub.add_parser("edit", help="sửa họ tên, chức danh, điện thoại, vai trò / change a user's details")
    edit.add_argument("name", help="tên đăng nhập / user name")
    edit.add_argument("--full-name", help="họ và tên mới / new full name")
    edit.add_argument("--title", help="chức danh / title")
    edit.add_argument("--phone", help="điện thoại / phone")
    edit.add_argument("--role", choices=["officer", "supervisor", "admin"],
                      help="vai trò (quản trị cuối cùng giữ vai trò admin) / role (the last admin stays admin)")
    _officer_option(edit, stdin=True)
    edit.set_defaults(handler=_edit)

    for name, vi, en in (("disable", "khoá tài khoản", "disable an account"),
                         ("enable", "mở khoá tài khoản", "enable an account")):
        p = sub.add_parser(name, help=f"{vi} / {en}")
        p.add_argument("name")
        _officer_option(p, stdin=True)
        p.set_defaults(handler=_disable if name == "disable" else _enable)

    pw = sub.add_parser("passwd", help="đổi mật khẩu / change a password")
    pw.add_argument("name")
    pw.add_argument("--password-stdin", action="store_true", required=True,
                    help="mật khẩu mới trên stdin (sau mật khẩu của --officer nếu có) / the new password on "
                         "standard input (after the --officer's password, if any)")
    _officer_option(pw)
    pw.set_defaults(handler=_passwd)


def _officer_option(parser: argparse.ArgumentParser, *, stdin: bool = False) -> None:
    parser.add_argument("--officer", help="quản trị đang thao tác (cần khi trạm đã có người dùng) / the admin "
                                          "acting (needed once the site has users)")
    if stdin:
        add_password_option(parser)


def _stdin_password() -> str:
    return sys.stdin.readline().rstrip("\r\n")


def _acting_admin(args: Any, ctx, *, new_password_follows: bool) -> str:  # noqa: ANN001
    """The person acting for a `user` command: "" on a site with no users (the first admin is
    being added); else `--officer` after their password checked (exits 1 otherwise). Whether
    they may manage users is the core's check (PermissionDenied, which says who may)."""
    from counterapp.users.accounts import UserError, authenticate, has_users

    with ctx.sessions() as session:
        if not has_users(session):
            return ""
    name = (getattr(args, "officer", None) or "").strip()
    if not name:
        raise UserError("Chỉ quản trị (admin) được quản lý người dùng: trạm này đã có người dùng, cần --officer "
                        f"TÊN_QUẢN_TRỊ và mật khẩu ({PASSWORD_ENV} hoặc stdin) / only an admin may manage users: "
                        f"this counter has users, give --officer ADMIN and their password (${PASSWORD_ENV} or stdin)")
    password = os.environ.get(PASSWORD_ENV, "")
    if not password and (new_password_follows or getattr(args, "password_stdin", False)):
        password = _stdin_password()
    if not password:
        raise UserError(f"Thiếu mật khẩu của {name}: {PASSWORD_ENV} hoặc --password-stdin / password of {name} "
                        f"missing: ${PASSWORD_ENV} or --password-stdin")
    try:
        return authenticate(ctx, name, password).username
    except UserError as exc:
        raise UserError(f"{name}: {exc}") from None


def _run(args: Any, work, *, new_password_follows: bool = False) -> int:  # noqa: ANN001
    """Open the data folder, sign the acting admin in, then `work(ctx, actor)`; a refusal
    (UserError, PermissionDenied) on stderr with exit 1, never a traceback."""
    from counterapp.users.accounts import UserError
    from counterapp.users.roles import PermissionDenied

    ctx = open_context(args)
    try:
        actor = _acting_admin(args, ctx, new_password_follows=new_password_follows)
        return work(ctx, actor)
    except (UserError, PermissionDenied) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PARTIAL
    finally:
        ctx.close()


def _add(args: Any) -> int:
    from counterapp.users.accounts import add_user

    def work(ctx, actor: str) -> int:  # noqa: ANN001
        password = _stdin_password()
        u = add_user(ctx, args.name, args.full_name, args.role, password, title=args.title, phone=args.phone,
                     actor=actor)
        print(f"Đã thêm {u.username} ({u.full_name}, {u.role}) / added {u.username}")
        return EXIT_OK

    return _run(args, work, new_password_follows=True)


def _edit(args: Any) -> int:
    from counterapp.users.accounts import update_user

    def work(ctx, actor: str) -> int:  # noqa: ANN001
        u = update_user(ctx, args.name, full_name=args.full_name, title=args.title, phone=args.phone,
                        role=args.role, actor=actor)
        print(f"{u.username}: {u.full_name}, {u.role}, {u.title}, {u.phone} — đã lưu / saved")
        return EXIT_OK

    return _run(args, work)


def _list(args: Any) -> int:
    from counterapp.users.accounts import list_users

    def work(ctx, actor: str) -> int:  # noqa: ANN001
        from counterapp.users.accounts import require_permission

        with ctx.sessions() as session:
            if actor:
                require_permission(session, actor, "users")
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

    return _run(args, lambda ctx, actor: print(
        f"{set_disabled(ctx, args.name, True, actor=actor).username}: đã khoá / disabled") or 0)


def _enable(args: Any) -> int:
    from counterapp.users.accounts import set_disabled

    return _run(args, lambda ctx, actor: print(
        f"{set_disabled(ctx, args.name, False, actor=actor).username}: đã mở khoá / enabled") or 0)


def _passwd(args: Any) -> int:
    from counterapp.users.accounts import set_password

    def work(ctx, actor: str) -> int:  # noqa: ANN001
        password = _stdin_password()
        print(f"{set_password(ctx, args.name, password, actor=actor).username}: đã đổi mật khẩu / password changed")
        return EXIT_OK

    return _run(args, work, new_password_follows=True)


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
