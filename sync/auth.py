"""Sign-in to the portal: the token lives only in the OS keyring; offline sign-in with a
salted verifier; sign-out forgets the token.

- The token is stored with `keyring` under the service name "counterapp", never in a file,
  a log line or the database. With no usable keyring (`fail.Keyring`, a locked or absent
  Secret Service) sign-in stops with `KeyringUnavailable`, whose message says what to
  install or unlock; nothing is written in clear text.
- After one online sign-in, the officer can sign in offline on this PC: a salted scrypt
  verifier of the password (not the password) is kept in `sync_offline_verifiers`.
- Who is signed in (portal URL, user name, role) is kept in `sync_state` under "session".
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

import keyring
import keyring.errors
from sqlalchemy import select

from counterapp.db import session_scope, utcnow
from counterapp.outbox import OfflineVerifier, get_state, set_state
from sync.client import AuthRequired, Offline, PortalClient, PortalClientError, Rejected, Retryable
from sync.passwords import hash_password, verify_password

log = logging.getLogger(__name__)

KEYRING_SERVICE = "counterapp"
SESSION_KEY = "session"

NO_KEYRING_MESSAGE = (
    "Không có kho mật khẩu an toàn của hệ điều hành nên không lưu được phiên đăng nhập. "
    "Trên Windows dùng Windows Credential Manager (có sẵn); trên Linux hãy cài và mở khoá "
    "gnome-keyring (sudo apt install gnome-keyring) hoặc KeePassXC có bật Secret Service, "
    "rồi đăng nhập lại. Phần mềm không lưu mật khẩu hay mã phiên ở dạng chữ rõ. / "
    "No usable OS keyring, so the sign-in cannot be kept. On Windows the Credential Manager "
    "is built in; on Linux install and unlock gnome-keyring (sudo apt install gnome-keyring) "
    "or KeePassXC with Secret Service enabled, then sign in again. Nothing is stored in clear text."
)
LOCKED_KEYRING_MESSAGE = (
    "Kho mật khẩu của hệ điều hành đang khoá: hãy mở khoá (đăng nhập vào phiên làm việc hoặc "
    "mở gnome-keyring / KeePassXC) rồi thử lại. / The OS keyring is locked: unlock it "
    "(log in to the desktop session or unlock gnome-keyring / KeePassXC) and try again."
)


class SignInError(Exception):
    """Sign-in failed; the message is for the officer (Vietnamese / English)."""


class KeyringUnavailable(SignInError):
    def __init__(self, message: str = NO_KEYRING_MESSAGE) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class SignedIn:
    portal_url: str
    username: str
    role: str
    display_name: str = ""
    offline: bool = False


def portal_client(ctx, url: str, *, token: str | None = None, **kwargs: Any) -> PortalClient:  # noqa: ANN001
    """A client for `url` with the site's CA bundle (`[portal] ca_bundle`), if any; TLS always verified."""
    ca = ctx.config.section("portal").get("ca_bundle") or None
    return PortalClient(url, token=token, ca_bundle=ca, **kwargs)


def _backend(backend: Any = None) -> Any:
    chosen = backend or keyring.get_keyring()
    from keyring.backends import fail

    if isinstance(chosen, fail.Keyring):
        raise KeyringUnavailable()
    return chosen


def _key(portal_url: str, username: str) -> str:
    return f"{portal_url.rstrip('/')}#{username}"


def _guard(call, *args):  # noqa: ANN001, ANN202
    try:
        return call(*args)
    except keyring.errors.KeyringLocked as exc:
        raise KeyringUnavailable(LOCKED_KEYRING_MESSAGE) from exc
    except keyring.errors.NoKeyringError as exc:
        raise KeyringUnavailable() from exc
    except keyring.errors.InitError as exc:
        raise KeyringUnavailable() from exc
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(f"{NO_KEYRING_MESSAGE} ({type(exc).__name__})") from exc
    except Exception as exc:  # noqa: BLE001 - D-Bus errors from secretstorage/jeepney
        if type(exc).__module__.split(".")[0] in ("secretstorage", "jeepney", "dbus"):
            raise KeyringUnavailable(f"{NO_KEYRING_MESSAGE} ({type(exc).__name__})") from exc
        raise


def check_keyring(backend: Any = None) -> None:
    """Raise KeyringUnavailable unless a real keyring is there (no secret written)."""
    b = _backend(backend)
    _guard(b.get_password, KEYRING_SERVICE, "__probe__")


def sign_in(ctx, portal_url: str, username: str, password: str, *, backend: Any = None,  # noqa: ANN001
            client: PortalClient | None = None) -> SignedIn:
    """Sign in online (token into the keyring) or, with no network, offline by verifier."""
    portal_url = portal_url.rstrip("/")
    kr = _backend(backend)  # refuse before anything is sent or stored
    client = client or portal_client(ctx, portal_url)
    try:
        answer = client.login(username, password, counter_id=ctx.config.counter_id,
                              agency_code=ctx.config.agency_code)
    except Retryable as exc:
        if exc.status == 429:  # the portal's failed sign-in throttle: offline sign-in would only hide it
            wait = f"{exc.retry_after:.0f}" if exc.retry_after is not None else "?"
            raise SignInError(f"Đăng nhập sai quá nhiều lần: chờ {wait} giây rồi thử lại / too many failed "
                              f"sign-ins: wait {wait} s and try again") from exc
        return _sign_in_offline(ctx, portal_url, username, password)
    except Offline:
        return _sign_in_offline(ctx, portal_url, username, password)
    except AuthRequired as exc:
        raise SignInError(exc.message) from exc
    except Rejected as exc:
        raise SignInError(exc.message) from exc
    _guard(kr.set_password, KEYRING_SERVICE, _key(portal_url, username), answer.token)
    who = SignedIn(portal_url, answer.username, answer.role.value, answer.display_name, offline=False)
    verifier = hash_password(password)
    with session_scope(ctx.writer_sessions) as s:
        row = s.scalar(select(OfflineVerifier).where(OfflineVerifier.portal_url == portal_url,
                                                     OfflineVerifier.username == answer.username))
        if row is None:
            s.add(OfflineVerifier(portal_url=portal_url, username=answer.username, role=who.role,
                                  display_name=who.display_name, verifier=verifier, updated_at=utcnow()))
        else:
            row.verifier, row.role, row.display_name, row.updated_at = verifier, who.role, who.display_name, utcnow()
        set_state(s, SESSION_KEY, asdict(who) | {"signed_in_at": utcnow().isoformat()})
    log.info("signed in online as %s (%s)", who.username, who.role)
    return who


def _sign_in_offline(ctx, portal_url: str, username: str, password: str) -> SignedIn:  # noqa: ANN001
    with session_scope(ctx.writer_sessions) as s:
        row = s.scalar(select(OfflineVerifier).where(OfflineVerifier.portal_url == portal_url,
                                                     OfflineVerifier.username == username))
        if row is None:
            raise SignInError(
                "Không kết nối được cổng và tài khoản này chưa từng đăng nhập trực tuyến trên máy này / "
                "portal unreachable and this account never signed in online on this PC"
            )
        if not verify_password(password, row.verifier):
            raise SignInError("Sai tên đăng nhập hoặc mật khẩu / wrong username or password")
        who = SignedIn(portal_url, username, row.role, row.display_name, offline=True)
        set_state(s, SESSION_KEY, asdict(who) | {"signed_in_at": utcnow().isoformat()})
    log.info("signed in offline as %s", username)
    return who


def current_user(ctx) -> SignedIn | None:  # noqa: ANN001
    with ctx.sessions() as s:
        data = get_state(s, SESSION_KEY)
    if not data:
        return None
    return SignedIn(data["portal_url"], data["username"], data["role"], data.get("display_name", ""),
                    bool(data.get("offline")))


def load_token(ctx, *, backend: Any = None) -> str | None:  # noqa: ANN001
    """The signed-in officer's token from the keyring (None when signed out or never online)."""
    who = current_user(ctx)
    if who is None:
        return None
    kr = _backend(backend)
    return _guard(kr.get_password, KEYRING_SERVICE, _key(who.portal_url, who.username))


def sign_out(ctx, *, backend: Any = None, tell_portal: bool = True) -> bool:  # noqa: ANN001
    """Forget the token (keyring) and who is signed in. True if someone was signed in."""
    who = current_user(ctx)
    if who is None:
        return False
    try:
        kr = _backend(backend)
    except KeyringUnavailable:
        kr = None
    if kr is not None:
        token = None
        try:
            token = _guard(kr.get_password, KEYRING_SERVICE, _key(who.portal_url, who.username))
        except KeyringUnavailable:
            pass
        if token and tell_portal:
            try:
                portal_client(ctx, who.portal_url, token=token, timeout=(2, 5)).logout()
            except PortalClientError:
                pass
        try:
            _guard(kr.delete_password, KEYRING_SERVICE, _key(who.portal_url, who.username))
        except (keyring.errors.PasswordDeleteError, KeyringUnavailable):
            pass
    with session_scope(ctx.writer_sessions) as s:
        set_state(s, SESSION_KEY, None)
    return True
