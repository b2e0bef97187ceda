"""The database encrypted at rest with SQLCipher ([privacy] encrypt_database), key in the real
OS keyring (the test run's gnome-keyring)."""

from __future__ import annotations

import sqlite3

import keyring
import pytest

from counterapp.app import open_app
from counterapp.catalog.reader import open_catalog_reader
from counterapp.catalog.search import search_procedures
from counterapp.db.encryption import KEY_SERVICE, DatabaseKeyError, is_encrypted_file, key_account, read_database_id
from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.queries import list_dossiers
from tests.dossiers.conftest import request_dict

ENCRYPT = "[privacy]\nencrypt_database = true\n"


def folder_account(data_dir) -> str:
    """The keyring account of the folder's database key (the OS user and the database id)."""
    return key_account(read_database_id(data_dir))


@pytest.fixture
def forget_keys(data_dir):
    yield
    for account in (str(data_dir.resolve()), folder_account(data_dir) if read_database_id(data_dir) else None):
        try:
            if account:
                keyring.delete_password(KEY_SERVICE, account)
        except keyring.errors.PasswordDeleteError:
            pass


def _plain_sqlite_cannot_read(path) -> bool:
    try:
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        return True
    return False


def test_a_new_folder_gets_an_encrypted_database_that_works_as_before(data_dir, forget_keys):
    (data_dir / "site.toml").write_text(ENCRYPT, encoding="utf-8")
    ctx = open_app(data_dir)  # migrations, demo catalog, FTS indexes: all inside the encrypted file
    try:
        create_dossier(ctx, request_dict(applicant={"name": "Nguyễn Văn An", "id_number": "001090012345",
                                                    "phone": "0912345678", "sex": "Nam"}), "Cán bộ A")
        with ctx.sessions() as s:
            assert search_procedures(s, "khai sinh", 5)
            assert [d.applicant_name for d in list_dossiers(s, text="van an")] == ["Nguyễn Văn An"]
    finally:
        ctx.close()
    db = data_dir / "counter.db"
    assert is_encrypted_file(db)
    assert b"Nguy" not in db.read_bytes() and b"001090012345" not in db.read_bytes()
    assert _plain_sqlite_cannot_read(db)
    assert open_catalog_reader(data_dir) is None  # the start-up reader steps aside
    ctx = open_app(data_dir)  # opens again with the key from the keyring
    try:
        with ctx.sessions() as s:
            assert [d.applicant_name for d in list_dossiers(s, text="nguyen")] == ["Nguyễn Văn An"]
    finally:
        ctx.close()


def test_an_existing_plain_database_is_converted_with_everything_in_it(data_dir, forget_keys):
    ctx = open_app(data_dir)
    code = create_dossier(ctx, request_dict(applicant={"name": "Trần Thị Bình", "id_number": "001190012345",
                                                       "phone": "0912345678", "sex": "Nữ"}), "Cán bộ A").code
    ctx.close()
    assert not is_encrypted_file(data_dir / "counter.db")
    (data_dir / "site.toml").write_text(ENCRYPT, encoding="utf-8")
    ctx = open_app(data_dir)
    try:
        with ctx.sessions() as s:
            assert [d.code for d in list_dossiers(s, text="thi binh")] == [code]  # FTS index and triggers came along
            assert search_procedures(s, "dat dai", 5)
    finally:
        ctx.close()
    assert is_encrypted_file(data_dir / "counter.db") and _plain_sqlite_cannot_read(data_dir / "counter.db")
    assert not (data_dir / "counter.db.encrypting").exists()


def test_without_its_key_an_encrypted_database_is_not_opened_and_nothing_changes(data_dir, forget_keys):
    (data_dir / "site.toml").write_text(ENCRYPT, encoding="utf-8")
    open_app(data_dir).close()
    before = (data_dir / "counter.db").read_bytes()
    keyring.delete_password(KEY_SERVICE, folder_account(data_dir))  # another user, another PC
    (data_dir / "site.toml").write_text("", encoding="utf-8")  # turning the setting off does not decrypt
    with pytest.raises(DatabaseKeyError, match="không có khóa"):
        open_app(data_dir)
    assert (data_dir / "counter.db").read_bytes() == before


def test_a_bad_setting_is_refused_with_a_message(data_dir):
    from counterapp.config import ConfigError

    (data_dir / "site.toml").write_text('[privacy]\nencrypt_database = "có"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="true hoặc false"):
        open_app(data_dir)
    assert not (data_dir / "counter.db").exists()
