"""The database encrypted at rest (NĐ 13/2023: protect personal data at rest), with SQLCipher.

A site turns it on in `site.toml`:

    [privacy]
    encrypt_database = true

- A new data folder then gets an encrypted `counter.db`. An existing plain one is converted
  the next time it is opened (with `sqlcipher_export`, into a new file that then replaces it).
  Stop other Counter processes on that folder first.
- The key is 256 random bits, kept only in the OS keyring (Windows Credential Manager, macOS
  Keychain, Secret Service on Linux), under the service "counterapp-database" and the account
  "<OS user>@<database id>". The database id is random, kept in `counter.db.id` next to the
  database (not secret), so the key follows the database, not the folder's path: a folder its
  owner moves or renames still opens. A copied data folder, or a stolen disk, is unreadable
  without that user's keyring. Keys stored by earlier versions under the folder's path are
  moved to the new name the first time the folder is opened from that path.
- The same key, through HKDF, encrypts the scans and attachments (counterapp/crypto.py).
- An encrypted file stays encrypted: turning the setting off does not decrypt it.
- With no usable keyring, or no key for an encrypted file, the data folder does not open.
  The message says what to do, and nothing is changed or lost.
- The start-up catalog reader (counterapp/catalog/reader.py) cannot read an encrypted file.
  The catalog is then listed when the data folder is open, about half a second later.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from pathlib import Path
from types import ModuleType
from typing import Any

from counterapp.config import ConfigError, SiteConfig

log = logging.getLogger(__name__)

KEY_SERVICE = "counterapp-database"
PLAIN_HEADER = b"SQLite format 3\x00"
_HEX_KEY = re.compile(r"[0-9a-f]{64}")

NO_KEYRING = (
    "Không dùng được kho khóa của hệ điều hành nên không mở được cơ sở dữ liệu đã mã hóa. Trên "
    "Windows dùng Windows Credential Manager (có sẵn); trên Linux hãy cài và mở khóa gnome-keyring "
    "hoặc KeePassXC có bật Secret Service. Dữ liệu không bị thay đổi. / No usable OS keyring, so "
    "the encrypted database cannot be opened. On Windows the Credential Manager is built in; on "
    "Linux install and unlock gnome-keyring or KeePassXC with Secret Service. Nothing was changed."
)
MISSING_KEY = (
    "Cơ sở dữ liệu {path} đã được mã hóa nhưng kho khóa của người dùng này không có khóa của nó "
    "(khác người dùng, khác máy, khóa đã bị xóa, hoặc thiếu tệp counter.db.id đi kèm). Hãy mở bằng "
    "đúng tài khoản Windows/Linux đã tạo nó. Dữ liệu không bị thay đổi. / The database {path} is "
    "encrypted, but this user's keyring holds no key for it (another user or PC, the key was "
    "removed, or the counter.db.id file beside it is missing). Open it as the user who created it. "
    "Nothing was changed."
)
DATABASE_ID_FILE = "counter.db.id"
_DATABASE_ID = re.compile(r"[0-9a-f]{32}")
NO_SQLCIPHER = (
    "Thiếu thư viện SQLCipher (sqlcipher3) để mở cơ sở dữ liệu mã hóa: cài lại phần mềm. / "
    "The SQLCipher library (sqlcipher3) is missing: reinstall Counter."
)


class DatabaseKeyError(ConfigError):
    """The encrypted database cannot be opened; the message is for the officer or IT."""


def encryption_wanted(config: SiteConfig) -> bool:
    value = config.section("privacy").get("encrypt_database", False)
    if not isinstance(value, bool):
        raise ConfigError(f"[privacy] encrypt_database: cần true hoặc false / expected true or false, got {value!r}")
    return value


def is_encrypted_file(path: Path) -> bool:
    """True for an existing, non-empty database file that is not plain SQLite."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return False
    return bool(header) and header != PLAIN_HEADER


def sqlcipher_module() -> ModuleType:
    try:
        import sqlcipher3
    except ImportError as exc:
        raise DatabaseKeyError(NO_SQLCIPHER) from exc
    return sqlcipher3


def key_pragma(key: str) -> str:
    return f"PRAGMA key = \"x'{key}'\""  # a raw 256-bit key: no passphrase derivation


def _keyring_call(call: Any, *args: Any) -> Any:
    import keyring

    try:
        return call(*args)
    except keyring.errors.KeyringError as exc:
        raise DatabaseKeyError(f"{NO_KEYRING} ({type(exc).__name__})") from exc
    except Exception as exc:  # D-Bus errors from secretstorage / jeepney
        if type(exc).__module__.split(".")[0] in ("secretstorage", "jeepney", "dbus"):
            raise DatabaseKeyError(f"{NO_KEYRING} ({type(exc).__name__})") from exc
        raise


def read_database_id(data_dir: Path) -> str | None:
    """The random id in `counter.db.id`, or None when there is none (or it is unreadable)."""
    try:
        text = (Path(data_dir) / DATABASE_ID_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if _DATABASE_ID.fullmatch(text) else None


def ensure_database_id(data_dir: Path) -> str:
    """The database id, made once: written under a temporary name, then linked into place, so two
    processes starting together end up with the same id (the second one reads the first's)."""
    found = read_database_id(data_dir)
    if found:
        return found
    path = Path(data_dir) / DATABASE_ID_FILE
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(secrets.token_hex(16) + "\n", encoding="ascii")
    try:
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # fails if another process made it first
        except FileExistsError:
            pass
        except OSError:  # no hard links here (FAT, some shares): a plain rename
            if not path.exists():
                os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    found = read_database_id(data_dir)
    if not found:
        raise DatabaseKeyError(f"Không ghi được {path} / cannot write {path}")
    return found


def key_account(database_id: str) -> str:
    """The keyring account of a database's key: the OS user and the database id. On POSIX the
    user comes from the process's uid, not from $USER (which a launcher may set otherwise)."""
    import getpass

    try:
        if hasattr(os, "getuid"):
            import pwd

            user = pwd.getpwuid(os.getuid()).pw_name
        else:
            user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no name for this uid (a container): the uid itself
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return f"{user}@{database_id}"


def database_key(data_dir: Path, *, create: bool) -> str:
    """This data folder's key from the OS keyring; with create=True one is made if none is there.

    Looked up by the database id (counter.db.id) and the OS user; a key stored by an earlier
    version under the folder's path is moved to that name."""
    import keyring
    from keyring.backends import fail

    if isinstance(keyring.get_keyring(), fail.Keyring):
        raise DatabaseKeyError(NO_KEYRING)
    database_id = read_database_id(data_dir)
    if database_id:
        key = _keyring_call(keyring.get_password, KEY_SERVICE, key_account(database_id))
        if key and _HEX_KEY.fullmatch(key):
            return key
    legacy = str(Path(data_dir).resolve())
    key = _keyring_call(keyring.get_password, KEY_SERVICE, legacy)
    if key and _HEX_KEY.fullmatch(key):
        try:
            _store(ensure_database_id(data_dir), key)
        except (OSError, DatabaseKeyError):  # a read-only folder: keep the old name for now
            return key
        try:
            keyring.delete_password(KEY_SERVICE, legacy)
        except Exception:  # noqa: BLE001 - the new name holds the key; a stale old entry is harmless
            log.warning("could not remove the old keyring entry for %s", legacy)
        return key
    if not create:
        raise DatabaseKeyError(MISSING_KEY.format(path=Path(data_dir) / "counter.db"))
    return _store(ensure_database_id(data_dir), secrets.token_hex(32), keep_existing=True)


def _store(database_id: str, key: str, *, keep_existing: bool = False) -> str:
    """Store `key` for the database and read it back; with keep_existing, a valid key another
    process stored a moment earlier wins (both then use the same one)."""
    import keyring

    account = key_account(database_id)
    if keep_existing:
        found = _keyring_call(keyring.get_password, KEY_SERVICE, account)
        if found and _HEX_KEY.fullmatch(found):
            return found
    _keyring_call(keyring.set_password, KEY_SERVICE, account, key)
    stored = _keyring_call(keyring.get_password, KEY_SERVICE, account)
    if not stored or not _HEX_KEY.fullmatch(stored) or (stored != key and not keep_existing):
        raise DatabaseKeyError(NO_KEYRING)
    return stored


def encrypt_plain_database(path: Path, key: str) -> None:
    """Replace the plain SQLite file at `path` by an encrypted copy (same schema, data and
    PRAGMA user_version). The copy is complete and closed before it replaces the original."""
    sqlcipher3 = sqlcipher_module()
    target = path.with_name(path.name + ".encrypting")
    target.unlink(missing_ok=True)
    source = sqlcipher3.connect(str(path), isolation_level=None)  # no key: reads plain SQLite
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = source.execute("PRAGMA user_version").fetchone()[0]
        escaped = str(target).replace("'", "''")
        source.execute(f"ATTACH DATABASE '{escaped}' AS encrypted KEY \"x'{key}'\"")
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        source.execute("DETACH DATABASE encrypted")
    finally:
        source.close()
    check = sqlcipher3.connect(str(target))
    try:
        check.execute(key_pragma(key))
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise DatabaseKeyError("Chép sang tệp mã hóa bị lỗi; tệp cũ được giữ nguyên. / "
                                   "The encrypted copy failed its check; the original is kept.")
        check.execute("PRAGMA journal_mode=WAL")
    finally:
        check.close()
    os.replace(target, path)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
