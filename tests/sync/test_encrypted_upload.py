"""Attachments encrypted at rest reach the real reference portal as the same plaintext bytes:
the SHA-256 the portal checks is the plaintext's, and the chunked upload seeks inside the
encrypted file (counterapp/crypto.py). An altered file is parked with a message, not sent."""

from __future__ import annotations

import hashlib

import keyring
import pytest

from counterapp import crypto
from counterapp.app import open_app
from counterapp.db.encryption import KEY_SERVICE, key_account, read_database_id
from counterapp.outbox import OutboxItem

from .conftest import SITE_TOML, _copy_db, make_engine, receive
from .test_attachments_and_pull import attach, portal_bytes_sha


@pytest.fixture
def encrypted_ctx(data_dir, portal, templates):
    (data_dir / "site.toml").write_text(SITE_TOML.format(url=portal.url) + "\n[privacy]\nencrypt_database = true\n",
                                        encoding="utf-8")
    _copy_db(templates / "counter" / "counter.db", data_dir / "counter.db")
    ctx = open_app(data_dir, seed_demo=False)  # the plain database is encrypted on the way
    yield ctx
    ctx.close()
    try:
        keyring.delete_password(KEY_SERVICE, key_account(read_database_id(data_dir)))
    except keyring.errors.PasswordDeleteError:
        pass


@pytest.mark.parametrize("chunk_size", [1 << 20, 32 * 1024])  # whole, then in chunks from the portal's offset
def test_an_encrypted_attachment_reaches_the_portal_as_its_plaintext(encrypted_ctx, portal, tmp_path, chunk_size):
    engine = make_engine(encrypted_ctx, portal)
    try:
        engine.run_once()
        dossier = receive(encrypted_ctx)
        att = attach(encrypted_ctx, dossier, tmp_path, 7)
        original = tmp_path / "scan7.pdf"
        stored = att.path(encrypted_ctx.files_dir)
        assert crypto.is_encrypted(stored) and stored.read_bytes() != original.read_bytes()
        assert att.sha256 == hashlib.sha256(original.read_bytes()).hexdigest()
        assert att.size == original.stat().st_size > 3 * 32 * 1024
        engine.chunk_size = chunk_size
        report = engine.run_until_idle(timeout=20)
        assert report.remaining == 0 and report.files == 1, report.errors
        assert portal.store.attachment_bytes(att.uuid) == original.read_bytes()
        assert portal_bytes_sha(portal, att.uuid) == att.sha256
    finally:
        engine.stop()
        engine.client.close()


def test_an_altered_encrypted_attachment_is_parked_with_a_message(encrypted_ctx, portal, tmp_path):
    engine = make_engine(encrypted_ctx, portal)
    try:
        engine.run_once()
        att = attach(encrypted_ctx, receive(encrypted_ctx), tmp_path, 8)
        stored = att.path(encrypted_ctx.files_dir)
        data = bytearray(stored.read_bytes())
        data[100] ^= 0x01
        stored.write_bytes(bytes(data))
        engine.chunk_size = 32 * 1024
        engine.run_until_idle(timeout=20)
        with encrypted_ctx.sessions() as session:
            item = session.query(OutboxItem).filter_by(entity_id=att.uuid).one()
        assert item.state == "needs_attention"
        assert "đã bị sửa đổi hoặc hỏng" in item.last_error and "altered or damaged" in item.last_error
    finally:
        engine.stop()
        engine.client.close()
