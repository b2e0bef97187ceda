"""The scanning page in an encrypted data folder ([privacy] encrypt_database = true): the real
window scans with the SANE test backend, shows thumbnails and the preview from the encrypted
batch, files the PDF, and nothing under the data folder is readable plain (`grep -a`)."""

from __future__ import annotations

import keyring
import pikepdf
from PySide6.QtCore import Qt

from counterapp import crypto
from counterapp.db.encryption import KEY_SERVICE, key_account, read_database_id
from counterapp.digitize.models import attachments_for_dossier
from tests.digitize.conftest import sane_config_dir  # noqa: F401  (fixture)
from tests.digitize.test_encryption_at_rest import grep
from tests.gui.test_scan_page import DOC, _dossier, _open_dossier, _page, _scan_feeder, _window

ENCRYPT = "\n[privacy]\nencrypt_database = true\n"


def test_scan_preview_and_filing_in_an_encrypted_folder(qtbot, data_dir, sane_config_dir):  # noqa: F811
    window = _window(qtbot, data_dir, ENCRYPT)
    ctx = window.ctx
    try:
        code = _dossier(ctx)
        page = _page(qtbot, window)
        _scan_feeder(qtbot, page, "flatbed", 1)
        _scan_feeder(qtbot, page, "flatbed", 1)
        qtbot.waitUntil(lambda: all(page.model.thumbnail_ready(p.id, 0) for p in page.model.pages()), timeout=10_000)
        page.view.setFocus()
        page.view.setCurrentIndex(page.model.index(0))
        qtbot.waitUntil(lambda: page.preview.pixmap().height() > page.preview.pixmap().width() > 0, timeout=10_000)
        _open_dossier(qtbot, page, code)
        page.document_combo.setCurrentIndex(page.document_combo.findData(DOC))
        folder = page.batch.folder
        assert all(crypto.is_encrypted(p) for p in folder.iterdir() if p.is_file())
        assert grep(data_dir, code) == []  # the batch's manifest names the dossier, encrypted
        with qtbot.waitSignal(page.filed, timeout=30_000) as blocker:
            qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
        (doc,) = blocker.args[0]
        with ctx.sessions() as session:
            (att,) = attachments_for_dossier(session, code)
        stored = att.path(ctx.files_dir)
        assert crypto.is_encrypted(stored) and crypto.sha256_plain(stored) == att.sha256 == doc.sha256
        with crypto.plain_path(stored) as plain, pikepdf.open(plain) as pdf:
            assert len(pdf.pages) == 2
        assert grep(data_dir, code) == [] and grep(data_dir, "%PDF") == []
    finally:
        window.close()
        ctx.close()
        try:
            keyring.delete_password(KEY_SERVICE, key_account(read_database_id(data_dir)))
        except keyring.errors.PasswordDeleteError:
            pass
