"""The database encrypted at rest (NĐ 13/2023: protect personal data at rest), with SQLCipher.

A site turns it on in `site.toml`:

    [privacy]
    encrypt_database = true

- A new data folder then gets an encrypted `counter.db`. An existing plain one is converted
  the next time it is opened (with `sqlcipher_export`, into a new file that then replaces it).
  Stop other Counter processes on that folder first.
- The key is 256 random bits, kept only in the OS keyring (Windows Credential Manager, macOS
  Keychain, Secret Service on Linux), under the service "counterapp-database" and the data
  folder's path. A copied data folder, or a stolen disk, is unreadable without that user's
  keyring.
- An encrypted file stays encrypted: turning the setting off does not decrypt it.
- With no usable keyring, or no key for an encrypted file, the data folder does not open.
  The message says what to do, and nothing is changed or lost.
- The start-up catalog reader (counterapp/catalog/reader.py) cannot read an encrypted file.
  The catalog is then listed when the data folder is open, about half a second later.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from types import ModuleType
from typing import Any

from counterapp.config import ConfigError, SiteConfig

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
    "(khác người dùng, khác máy, hoặc khóa đã bị xóa). Hãy mở bằng đúng tài khoản Windows/Linux đã "
    "tạo nó. Dữ liệu không bị thay đổi. / The database {path} is encrypted, but this user's keyring "
    "holds no key for it (another user or PC, or the key was removed). Open it as the user who "
    "created it. Nothing was changed."
)
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


def database_key(data_dir: Path, *, create: bool) -> str:
    """This data folder's key from the OS keyring; with create=True one is made if none is there."""
    import keyring
    from keyring.backends import fail

    if isinstance(keyring.get_keyring(), fail.Keyring):
        raise DatabaseKeyError(NO_KEYRING)
    account = str(Path(data_dir).resolve())
    key = _keyring_call(keyring.get_password, KEY_SERVICE, account)
    if key and _HEX_KEY.fullmatch(key):
        return key
    if not create:
        raise DatabaseKeyError(MISSING_KEY.format(path=Path(data_dir) / "counter.db"))
    key = secrets.token_hex(32)
    _keyring_call(keyring.set_password, KEY_SERVICE, account, key)
    if _keyring_call(keyring.get_password, KEY_SERVICE, account) != key:
        raise DatabaseKeyError(NO_KEYRING)
    return key


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
