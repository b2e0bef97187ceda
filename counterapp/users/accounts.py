"""Accounts of the counter's own users: add, list, disable, enable, change password, sign in,
and the permission check the dossier core calls where the acting person is known.

Why here and not in the window: `counterapp user ...` and the window manage the same users,
and the dossier core (refusal after receipt, late or second new date) must refuse a person
whose role may not act, whoever calls it. Messages are Vietnamese first, then English.

Who may manage users: the functions that change users take `actor`, the name of the person
acting (user name or full name). Once the site has users, only an active admin may add,
change, disable or enable users or reset a password (PermissionDenied says so); anyone may
change their own password. On a site with no users the first user is added without anyone
signing in, and must be an admin (else nobody could add the others). `actor=None` is the
trusted in-process path (set-up scripts, tests, the portal mirror); the CLI and the window
always pass the person acting. The last active admin can be neither disabled nor demoted.

Names: the acting person reaches the dossier core as the name recorded on the dossier (the
user's full name) or as a user name; `find_user` accepts either. Two users may therefore not
share a full name (a form could not tell them apart): `add_user` refuses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counterapp.db.base import utcnow
from counterapp.db.engine import session_scope
from counterapp.officer import Officer, OfficerError, check_full_name
from counterapp.users.models import User
from counterapp.users.passwords import MIN_LENGTH, hash_password, verify_password
from counterapp.users.roles import ROLE_LABELS, PermissionDenied, can, check_role

if TYPE_CHECKING:
    from counterapp.app import AppContext

_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,127}")


class UserError(ValueError):
    """A user cannot be added, changed or signed in; the message is for the officer (vi / en)."""


@dataclass(frozen=True)
class UserInfo:
    """A user as the rest of the app sees them (detached from the database)."""

    username: str
    full_name: str
    title: str
    phone: str
    role: str
    disabled: bool
    source: str

    @property
    def officer(self) -> Officer:
        return Officer(self.username, self.full_name, self.title, self.phone)

    @property
    def role_label(self) -> str:
        vi, en = ROLE_LABELS.get(self.role, (self.role, self.role))
        return f"{vi} / {en}"

    def to_dict(self) -> dict[str, object]:
        return {"username": self.username, "full_name": self.full_name, "title": self.title,
                "phone": self.phone, "role": self.role, "disabled": self.disabled, "source": self.source}


def _info(user: User) -> UserInfo:
    return UserInfo(user.username, user.full_name, user.title or "", user.phone or "", user.role,
                    bool(user.disabled), user.source or "local")


def _norm(text: str | None) -> str:
    return " ".join(str(text or "").split()).casefold()


def has_users(session: Session) -> bool:
    """True once the site has any user (then people sign in and roles are enforced)."""
    return session.scalar(select(func.count()).select_from(User)) > 0


def find_user(session: Session, name: str | None) -> User | None:
    """The user with this user name, else with this full name (case and spacing ignored)."""
    key = _norm(name)
    if not key:
        return None
    users = session.scalars(select(User)).all()
    for user in users:
        if user.username.casefold() == key:
            return user
    for user in users:
        if _norm(user.full_name) == key:
            return user
    return None


def list_users(session: Session) -> list[UserInfo]:
    return [_info(u) for u in session.scalars(select(User).order_by(User.disabled, User.full_name)).all()]


def active_users(session: Session) -> list[UserInfo]:
    return [u for u in list_users(session) if not u.disabled]


def _check_password(password: str | None) -> str:
    if not password or len(password) < MIN_LENGTH:
        raise UserError(f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự / the password needs at least "
                        f"{MIN_LENGTH} characters")
    return password


_TRUSTED = None


def _require_manager(session: Session, actor: str | None, *, own: str | None = None) -> None:
    """Nothing for the trusted path (`actor` None) or a site with no users; nothing when the
    actor is the user `own` (their own password); else PermissionDenied unless an active admin."""
    if actor is _TRUSTED or not has_users(session):
        return
    if own is not None:
        me = acting_user(session, actor)
        if me is not None and me.username.casefold() == own.casefold():
            return
    require_permission(session, actor, "users")


def check_user_manager(ctx: AppContext, actor: str | None) -> None:
    """PermissionDenied (saying only an admin may) unless `actor` may manage users now: the
    window asks before it shows the users screen; every change checks again."""
    with ctx.sessions() as session:
        _require_manager(session, actor)


def add_user(ctx: AppContext, username: str, full_name: str, role: str, password: str | None, *,
             title: str = "", phone: str = "", source: str = "local", actor: str | None = _TRUSTED) -> UserInfo:
    """Add a user; UserError for a taken user name or full name, a bad role or a short password;
    PermissionDenied unless `actor` may manage users (see the module's docstring)."""
    username = str(username or "").strip()
    if not _USERNAME.fullmatch(username):
        raise UserError(f"Tên đăng nhập không hợp lệ: {username!r} (chữ không dấu, số, . _ - @) / "
                        f"invalid user name {username!r} (letters, digits, . _ - @)")
    try:
        full_name = check_full_name(full_name)
        role = check_role(role)
    except (OfficerError, ValueError) as exc:
        raise UserError(str(exc)) from None
    verifier = hash_password(_check_password(password)) if source == "local" else None
    with session_scope(ctx.writer_sessions) as session:
        if actor is not _TRUSTED and not has_users(session) and role != "admin":
            raise UserError("Người dùng đầu tiên phải là quản trị (--role admin): người đó thêm những người "
                            "khác / the first user must be an admin (--role admin), who then adds the others")
        _require_manager(session, actor)
        for other in session.scalars(select(User)).all():
            if other.username.casefold() == username.casefold():
                raise UserError(f"Tên đăng nhập {username} đã có / user name {username} is taken")
            if _norm(other.full_name) == _norm(full_name):
                raise UserError(f"Đã có người dùng họ tên \"{full_name}\" ({other.username}): hai người cùng "
                                f"tên thì biểu mẫu không phân biệt được / a user named \"{full_name}\" exists "
                                f"({other.username}): forms could not tell two people apart")
        user = User(username=username, full_name=full_name, title=str(title or "").strip(),
                    phone=str(phone or "").strip(), role=role, disabled=False, verifier=verifier, source=source)
        session.add(user)
        session.flush()
        return _info(user)


def _get(session: Session, name: str) -> User:
    user = find_user(session, name)
    if user is None:
        raise UserError(f"Không có người dùng {name} / no user {name}")
    return user


def _active_admins(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(User).where(
        User.role == "admin", User.disabled.is_(False))) or 0)


def set_disabled(ctx: AppContext, name: str, disabled: bool, *, actor: str | None = _TRUSTED) -> UserInfo:
    """Disable (cannot sign in, cannot approve) or enable a user; the last active admin stays."""
    with session_scope(ctx.writer_sessions) as session:
        _require_manager(session, actor)
        user = _get(session, name)
        if disabled and not user.disabled and user.role == "admin" and _active_admins(session) <= 1:
            raise UserError("Không khoá được quản trị cuối cùng: thêm một quản trị khác trước / "
                            "cannot disable the last active admin: add another admin first")
        user.disabled = bool(disabled)
        user.updated_at = utcnow()
        return _info(user)


def set_password(ctx: AppContext, name: str, password: str, *, actor: str | None = _TRUSTED) -> UserInfo:
    """A new password: an admin resets anyone's, a user changes their own."""
    verifier = hash_password(_check_password(password))
    with session_scope(ctx.writer_sessions) as session:
        user = _get(session, name)
        _require_manager(session, actor, own=user.username)
        if user.source != "local":
            raise UserError(f"{user.username} là người dùng của cổng: đổi mật khẩu trên cổng / "
                            f"{user.username} is a portal user: change the password on the portal")
        user.verifier = verifier
        user.updated_at = utcnow()
        return _info(user)


def update_user(ctx: AppContext, name: str, *, full_name: str | None = None, title: str | None = None,
                phone: str | None = None, role: str | None = None, actor: str | None = _TRUSTED) -> UserInfo:
    """Change a user's full name, title, phone or role (None: unchanged). The full name stays
    unique; the last active admin keeps the admin role; a portal user's name and role come from
    the portal (only title and phone change here)."""
    with session_scope(ctx.writer_sessions) as session:
        _require_manager(session, actor)
        user = _get(session, name)
        if role is not None:
            try:
                role = check_role(role)
            except ValueError as exc:
                raise UserError(str(exc)) from None
        if full_name is not None:
            try:
                full_name = check_full_name(full_name)
            except OfficerError as exc:
                raise UserError(str(exc)) from None
        if user.source != "local" and ((full_name is not None and full_name != user.full_name)
                                       or (role is not None and role != user.role)):
            raise UserError(f"{user.username} là người dùng của cổng: họ tên và vai trò do cổng quản lý / "
                            f"{user.username} is a portal user: the portal sets the full name and role")
        if full_name is not None:
            for other in session.scalars(select(User).where(User.id != user.id)).all():
                if _norm(other.full_name) == _norm(full_name):
                    raise UserError(f"Đã có người dùng họ tên \"{full_name}\" ({other.username}) / a user named "
                                    f"\"{full_name}\" exists ({other.username})")
            user.full_name = full_name
        if role is not None and role != user.role:
            if user.role == "admin" and not user.disabled and _active_admins(session) <= 1:
                raise UserError("Không bỏ vai trò quản trị của quản trị cuối cùng: thêm một quản trị khác trước / "
                                "cannot take the admin role from the last active admin: add another admin first")
            user.role = role
        if title is not None:
            user.title = " ".join(str(title).split())
        if phone is not None:
            user.phone = " ".join(str(phone).split())
        user.updated_at = utcnow()
        session.flush()
        return _info(user)


WRONG_PASSWORD = "Sai tên đăng nhập hoặc mật khẩu / wrong user name or password"


def authenticate(ctx: AppContext, name: str | None, password: str | None) -> UserInfo:
    """The active local user `name` (user name or full name) if `password` is theirs, else UserError."""
    with ctx.sessions() as session:
        user = find_user(session, name)
        if user is None or user.source != "local" or not verify_password(password or "", user.verifier):
            raise UserError(WRONG_PASSWORD)
        if user.disabled:
            raise UserError(f"Tài khoản {user.username} đã bị khoá / the account {user.username} is disabled")
        return _info(user)


def mirror_portal_user(ctx: AppContext, username: str, full_name: str, role: str) -> UserInfo:
    """A portal user signed in: keep (or refresh) a local row with source "portal", so the core
    knows their role; the portal stays the authority (no local password)."""
    role = check_role(role)
    full_name = " ".join(str(full_name or username).split())
    with session_scope(ctx.writer_sessions) as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            user = User(username=username, full_name=full_name, title="", phone="", role=role, disabled=False,
                        verifier=None, source="portal")
            session.add(user)
        elif user.source == "portal":
            user.full_name, user.role, user.updated_at = full_name, role, utcnow()
        session.flush()
        return _info(user)


def mirror_portal_user_if_users(ctx: AppContext, username: str, full_name: str, role: str) -> UserInfo | None:
    """On a site with users, a portal user who signed in is mirrored (their portal role then
    counts in the core's checks); a site with no users stays without (old rules)."""
    with ctx.sessions() as session:
        if not has_users(session):
            return None
    try:
        return mirror_portal_user(ctx, username, full_name, role)
    except ValueError:
        return None


def acting_user(session: Session, officer_name: str | None) -> UserInfo | None:
    """The active user recorded as `officer_name`, or None."""
    user = find_user(session, officer_name)
    return _info(user) if user is not None and not user.disabled else None


def require_permission(session: Session, officer_name: str | None, action: str) -> None:
    """Nothing on a site with no users (the old rules apply); else PermissionDenied unless the
    acting person is an active user whose role may do `action`."""
    if not has_users(session):
        return
    user = acting_user(session, officer_name)
    if user is None:
        raise PermissionDenied(action, officer_name or "?", None,
                               "không phải người dùng đang hoạt động / not an active user")
    if not can(user.role, action):
        raise PermissionDenied(action, user.full_name, user.role)


def check_permission(ctx_or_sessions, officer_name: str | None, action: str) -> None:  # noqa: ANN001
    """`require_permission` in a session of its own (an AppContext or a sessionmaker): for the
    core functions that change site-wide data (catalog, calendar imports) before they start."""
    sessions = getattr(ctx_or_sessions, "sessions", ctx_or_sessions)
    with sessions() as session:
        require_permission(session, officer_name, action)


__all__ = [
    "UserError", "UserInfo", "WRONG_PASSWORD", "acting_user", "check_permission", "check_user_manager", "active_users", "add_user", "authenticate",
    "find_user", "has_users", "list_users", "mirror_portal_user", "mirror_portal_user_if_users", "require_permission", "set_disabled",
    "set_password", "update_user",
]
