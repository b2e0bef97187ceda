"""Portal users, sign-in and sessions.

- A session (token) carries what the server assigned to the user: the agency and, for an
  officer, the counter of this session, one of the counters the user is assigned to. What the
  login request claims is only checked against that (403 if the user is not assigned there).
- No default accounts: demo users exist only when the portal is started with `--demo`
  (`seed_demo_users`); otherwise the first admin is made with `counterapp portal add-user`.
- Failed sign-ins are throttled per user name and per client address with an exponential
  delay (429 + Retry-After). Per address the allowance is larger: a counter office signs in
  from behind one address.
- The answer takes the same work whether or not the user exists: an unknown name is checked
  against a dummy scrypt hash (before this, 73 ms for a known name vs 2 ms for an unknown one).
"""

from __future__ import annotations

import functools
import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select

from sync import protocol as p
from sync.passwords import hash_password, verify_password
from sync.portal.errors import Forbidden, TooManyAttempts, Unauthorized
from sync.portal.models import LoginFailure, Token, User, now

TOKEN_LIFETIME = timedelta(days=30)
WRONG_PASSWORD = "Sai tên đăng nhập hoặc mật khẩu / wrong username or password"
DEMO_USERS = (
    # username, role, password, display name, counters
    ("officer", "officer", "officer-pass", "Cán bộ tiếp nhận", "Q01"),
    ("supervisor", "supervisor", "supervisor-pass", "Tổ trưởng", ""),
    ("admin", "admin", "admin-pass", "Quản trị", ""),
)


@dataclass(frozen=True)
class Throttle:
    """Failed sign-ins allowed before delays start, per user name and per address; then
    `base` seconds doubling with each further failure up to `cap`; counts are forgotten
    `window` after the last failure."""

    user_free: int = 5
    ip_free: int = 20
    base: float = 1.0
    cap: float = 900.0
    window: timedelta = timedelta(minutes=15)

    def delay(self, failures: int, free: int) -> float:
        if failures < free:
            return 0.0
        return min(self.cap, self.base * 2 ** (failures - free))


@functools.lru_cache(maxsize=8)
def _demo_hash(password: str) -> str:
    """The demo users' hashes, made once per process (scrypt is slow on purpose)."""
    return hash_password(password)


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked against for unknown user names, so that they cost what a known one costs."""
    return hash_password(secrets.token_hex(16))


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class UsersMixin:
    """PortalStore's users, sessions and sign-in throttle."""

    throttle: Throttle

    def seed_demo_users(self, agency_code: str) -> list[tuple[str, str, str]]:
        """The demo accounts (only for `portal serve --demo`); returns (user, role, password)."""
        with self.write() as s:
            for username, role, password, name, counters in DEMO_USERS:
                user = s.scalar(select(User).where(User.username == username))
                if user is None:
                    s.add(User(username=username, role=role, display_name=name, password_hash=_demo_hash(password),
                               agency_code=agency_code, counters=counters))
                elif not user.agency_code:
                    user.agency_code, user.counters = agency_code, user.counters or counters
        return [(u, r, pw) for u, r, pw, _n, _c in DEMO_USERS]

    def who_is(self, username: str) -> str:
        """"agency H49.22, counters Q01,Q02" for the CLI."""
        with self.read() as s:
            user = s.scalar(select(User).where(User.username == username))
            if user is None:
                return ""
            return f"cơ quan/agency {user.agency_code or '-'}, quầy/counters {user.counters or '-'}"

    def user_count(self) -> int:
        with self.read() as s:
            return len(s.scalars(select(User.id)).all())

    def add_user(self, username: str, role: str, password: str, display_name: str = "", *,
                 agency_code: str | None = None, counters: list[str] | None = None) -> None:
        """Add a user or update one (role, password, and the agency / counters when given).
        The agency defaults to the portal's own (`agency()`)."""
        role = p.Role(role).value
        agency = agency_code if agency_code is not None else self.agency().agency_code
        joined = ",".join(c.strip() for c in (counters or []) if c.strip())
        with self.write() as s:
            user = s.scalar(select(User).where(User.username == username))
            if user is None:
                s.add(User(username=username, role=role, display_name=display_name, password_hash=hash_password(password),
                           agency_code=agency, counters=joined))
            else:
                user.role = role
                user.password_hash = hash_password(password)
                if agency_code is not None or not user.agency_code:
                    user.agency_code = agency
                if counters is not None:
                    user.counters = joined

    # --- sign-in ----------------------------------------------------------------------
    def login(self, req: p.LoginRequest, client_ip: str = "") -> p.LoginResponse:
        keys = [f"user:{req.username.casefold()}"[:200], f"ip:{client_ip}"[:200]]
        self._check_throttle(keys)
        with self.read() as s:
            user = s.scalar(select(User).where(User.username == req.username))
            stored = user.password_hash if user is not None else _dummy_hash()
            ok = verify_password(req.password, stored) and user is not None
            if user is not None:
                s.expunge(user)
        if not ok:
            self._failed(keys)
            raise Unauthorized(WRONG_PASSWORD)
        self._succeeded(keys[0])
        counters = user.counter_list
        if req.agency_code and req.agency_code != user.agency_code:
            raise Forbidden(f"Tài khoản thuộc cơ quan {user.agency_code or '?'}, không phải {req.agency_code} / "
                            f"this account belongs to agency {user.agency_code or '?'}, not {req.agency_code}")
        if user.role == p.Role.OFFICER:
            if req.counter_id and req.counter_id not in counters:
                raise Forbidden(f"Tài khoản chưa được phân công quầy {req.counter_id} / this account is not "
                                f"assigned to counter {req.counter_id}")
            counter = req.counter_id or (counters[0] if counters else "")
        else:
            counter = req.counter_id
        token = secrets.token_urlsafe(32)
        expires = now() + TOKEN_LIFETIME
        with self.write() as s:
            s.add(Token(token_hash=token_digest(token), user_id=user.id, counter_id=counter,
                        agency_code=user.agency_code, expires_at=expires))
        return p.LoginResponse(token=token, role=p.Role(user.role), username=user.username,
                               display_name=user.display_name, expires_at=expires)

    def _check_throttle(self, keys: list[str]) -> None:
        at = now()
        with self.read() as s:
            rows = s.scalars(select(LoginFailure).where(LoginFailure.key.in_(keys))).all()
        wait = max(((r.blocked_until - at).total_seconds() for r in rows if r.blocked_until), default=0.0)
        if wait > 0:
            raise TooManyAttempts(max(1, math.ceil(wait)))

    def _failed(self, keys: list[str]) -> None:
        self.retrying(lambda: self._count_failure(keys))

    def _count_failure(self, keys: list[str]) -> None:
        at = now()
        with self.write() as s:
            # Forget what is over (guessed names would otherwise pile up).
            s.execute(delete(LoginFailure).where(LoginFailure.last_at < at - self.throttle.window,
                                                 (LoginFailure.blocked_until.is_(None)) | (LoginFailure.blocked_until < at)))
            for key in keys:
                row = s.get(LoginFailure, key, with_for_update=True)
                if row is None:
                    row = LoginFailure(key=key, failures=0)
                    s.add(row)
                elif row.last_at < at - self.throttle.window:
                    row.failures = 0
                row.failures += 1
                row.last_at = at
                free = self.throttle.user_free if key.startswith("user:") else self.throttle.ip_free
                delay = self.throttle.delay(row.failures, free)
                row.blocked_until = at + timedelta(seconds=delay) if delay else None

    def _succeeded(self, user_key: str) -> None:
        with self.write() as s:
            s.execute(delete(LoginFailure).where(LoginFailure.key == user_key))

    # --- sessions -------------------------------------------------------------------------
    def who(self, token: str) -> p.WhoAmI:
        with self.read() as s:
            row = s.get(Token, token_digest(token))
            if row is None or row.expires_at < now():
                raise Unauthorized("Phiên đăng nhập hết hạn, hãy đăng nhập lại / session expired, sign in again")
            user = s.get(User, row.user_id)
            return p.WhoAmI(username=user.username, role=p.Role(user.role), counter_id=row.counter_id,
                            agency_code=user.agency_code, counters=user.counter_list)

    def logout(self, token: str) -> None:
        with self.write() as s:
            s.execute(delete(Token).where(Token.token_hash == token_digest(token)))
