"""Scans and attachments encrypted at rest with the database's key ([privacy] encrypt_database),
the key found again when the folder moves, altered files refused, settings typed.

Real things only: the real OS keyring (the test run's gnome-keyring), real pages through the
scan batch and the filing path the window uses, real PDFs read back with pikepdf, `grep -a` on
the data folder, a real child process killed in the middle of a conversion.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import keyring
import pikepdf
import pytest

from counterapp import crypto
from counterapp.app import open_app
from counterapp.config import ConfigError
from counterapp.db.encryption import DATABASE_ID_FILE, KEY_SERVICE, key_account, read_database_id
from counterapp.digitize.batch import ScanBatch, recover_batches
from counterapp.digitize.common import Page
from counterapp.digitize.models import attach_pdf, attachments_for_dossier
from counterapp.digitize.pdfbuild import PdfMeta, build_pdf
from counterapp.digitize.separators import render_separator_image
from counterapp.digitize.ui_support import file_groups, page_thumbnail
from tests.digitize.conftest import jpeg_bytes, text_page
from tests.digitize.test_attach import _dossier

ENCRYPT = "\n[privacy]\nencrypt_database = true\n"
CODE = "H49.22-261130-0031"
OFFICER = "Phạm Thị Phương"
SMALL = (827, 1169)


def encrypt_setting(data_dir: Path) -> None:
    with open(data_dir / "site.toml", "a", encoding="utf-8") as handle:
        handle.write(ENCRYPT)


@pytest.fixture
def forget_keys(data_dir):
    """Remove the folder's keys from the test keyring afterwards (both names)."""
    yield
    accounts = [str(data_dir.resolve())]
    for folder in (data_dir, data_dir.parent / "moved"):
        if read_database_id(folder):
            accounts.append(key_account(read_database_id(folder)))
    for account in accounts:
        try:
            keyring.delete_password(KEY_SERVICE, account)
        except keyring.errors.PasswordDeleteError:
            pass


def grep(data_dir: Path, needle: str) -> list[str]:
    """Files under the data folder in which `grep -a` finds `needle` (fixed string)."""
    done = subprocess.run(["grep", "-r", "-a", "-l", "-F", needle, str(data_dir)], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout.split()


def scan_batch(ctx, code: str = CODE) -> ScanBatch:
    """A batch as the scanner fills it: two pages for GT01, a separator sheet, one page for GT02."""
    batch = ScanBatch.create(ctx.data_dir, officer=OFFICER, dossier_code=code, document_code="GT01")
    for image in [text_page(size=SMALL, seed=1), text_page(size=SMALL, seed=2),
                  render_separator_image(code, "GT02", dpi=100), text_page(size=SMALL, seed=3)]:
        batch.add_page(Page(image, dpi=200))
    return batch


def plain_pdf(folder: Path, code: str = CODE, number: int = 1) -> Path:
    out = folder / f"gt{number:02d}.pdf"
    page = text_page(size=(1654, 400), lines=0, words=[f"Giấy tờ số {number}", "Họ và tên: Nguyễn Văn Đông"])
    build_pdf([(jpeg_bytes(page), 200)], out, PdfMeta(code, f"GT{number:02d}", OFFICER))
    return out


def every_file(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_scans_and_attachments_are_not_readable_plain_in_an_encrypted_folder(data_dir, forget_keys):
    encrypt_setting(data_dir)
    ctx = open_app(data_dir, seed_demo=False)
    try:
        _dossier(ctx, CODE)
        batch = scan_batch(ctx)
        # the unfinished batch: pages and manifest (it names the dossier) are not readable
        assert grep(data_dir, CODE) == [] and grep(data_dir, "JFIF") == []
        assert all(crypto.is_encrypted(p) for p in every_file(batch.folder))
        # ...yet the window's thumbnails and preview read them
        pixels, width, height = page_thumbnail(batch.pages()[0], 256)
        assert max(width, height) == 256 and len(pixels) == width * height * 3
        reopened, = recover_batches(data_dir)  # offered back after a crash, target and all
        assert reopened.manifest["dossier_code"] == CODE and len(reopened.pages()) == 4
        filed = file_groups(ctx, reopened, OFFICER, ocr=False)
        assert [(f.document_code, f.page_count) for f in filed] == [("GT01", 2), ("GT02", 1)]
        # and a PDF attached from outside (the CLI's `digitize --attach`, the reuse path)
        attach_pdf(ctx, CODE, "GT03", plain_pdf(ctx.data_dir.parent), OFFICER, ocr=False)
        with ctx.sessions() as session:
            stored = attachments_for_dossier(session, CODE)
        assert len(stored) == 3
        for att in stored:
            path = att.path(ctx.files_dir)
            assert crypto.is_encrypted(path)
            assert crypto.sha256_plain(path) == att.sha256 and crypto.plain_size(path) == att.size
    finally:
        ctx.close()
    assert grep(data_dir, CODE) == []
    assert grep(data_dir, "%PDF") == []
    assert grep(data_dir, OFFICER) == []  # the officer who filed, in the PDFs' metadata and the manifest


def test_the_viewer_gets_the_same_pages_from_a_private_temporary_file(data_dir, forget_keys, tmp_path):
    encrypt_setting(data_dir)
    ctx = open_app(data_dir, seed_demo=False)
    try:
        _dossier(ctx, CODE)
        source = plain_pdf(tmp_path)
        att = attach_pdf(ctx, CODE, "GT01", source, OFFICER, ocr=False)
        stored = att.path(ctx.files_dir)
        with crypto.plain_path(stored) as copy:
            assert copy != stored and not str(copy).startswith(str(data_dir))
            assert stat.S_IMODE(copy.stat().st_mode) == 0o600
            assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
            assert copy.read_bytes() == source.read_bytes()
            with pikepdf.open(copy) as pdf, pikepdf.open(source) as original:
                assert len(pdf.pages) == len(original.pages) == att.page_count
                assert [bytes(p.Contents.read_bytes()) for p in pdf.pages] == \
                       [bytes(p.Contents.read_bytes()) for p in original.pages]
                assert pdf.open_metadata().get("dc:title") == original.open_metadata().get("dc:title")
        assert not copy.exists() and not copy.parent.exists()  # removed after use
        outside = crypto.viewable_copy(stored)  # an external viewer's copy lasts until the program exits
        assert outside.read_bytes() == source.read_bytes() and stat.S_IMODE(outside.stat().st_mode) == 0o600
    finally:
        ctx.close()


def test_an_altered_byte_is_refused_with_a_message(data_dir, forget_keys, tmp_path):
    from counterapp.digitize.common import DigitizeError

    encrypt_setting(data_dir)
    ctx = open_app(data_dir, seed_demo=False)
    try:
        _dossier(ctx, CODE)
        att = attach_pdf(ctx, CODE, "GT01", plain_pdf(tmp_path), OFFICER, ocr=False)
        stored = att.path(ctx.files_dir)
        data = bytearray(stored.read_bytes())
        data[len(data) // 2] ^= 0x01
        stored.write_bytes(bytes(data))
        with pytest.raises(DigitizeError, match="đã bị sửa đổi hoặc hỏng.*altered or damaged"):
            with crypto.plain_path(stored):
                pass
        batch = scan_batch(ctx)
        page = batch.pages()[0]
        page_data = bytearray(page.path.read_bytes())
        page_data[-1] ^= 0x80  # the tag of the last chunk
        page.path.write_bytes(bytes(page_data))
        with pytest.raises(DigitizeError, match=r"0001\.(jpg|tif) đã bị sửa đổi"):
            page_thumbnail(page, 128)
        # a file cut short at a chunk boundary, or a chunk moved, is refused as well
        big = tmp_path / "big.bin"
        big.write_bytes(os.urandom(3 * 65536 + 100))
        sealed = data_dir / "files" / "big.bin"
        crypto.copy_in(big, sealed)
        whole = sealed.read_bytes()
        step = 65536 + 16
        for altered in (whole[: 41 + 2 * step], whole[:41] + whole[41 + step: 41 + 2 * step] + whole[41:41 + step]
                        + whole[41 + 2 * step:]):
            sealed.write_bytes(altered)
            with pytest.raises(crypto.EncryptedFileError):
                crypto.read_plain(sealed)
    finally:
        ctx.close()


def test_a_moved_folder_opens_and_a_copied_key_name_is_moved_over(data_dir, forget_keys, tmp_path):
    encrypt_setting(data_dir)
    ctx = open_app(data_dir, seed_demo=False)
    _dossier(ctx, CODE)
    att = attach_pdf(ctx, CODE, "GT01", plain_pdf(tmp_path), OFFICER, ocr=False)
    ctx.close()
    database_id = read_database_id(data_dir)
    assert database_id and keyring.get_password(KEY_SERVICE, key_account(database_id))
    assert keyring.get_password(KEY_SERVICE, str(data_dir.resolve())) is None  # not by path any more
    # an earlier version kept the key under the folder's path: put it back that way
    key = keyring.get_password(KEY_SERVICE, key_account(database_id))
    keyring.delete_password(KEY_SERVICE, key_account(database_id))
    (data_dir / DATABASE_ID_FILE).unlink()
    keyring.set_password(KEY_SERVICE, str(data_dir.resolve()), key)
    ctx = open_app(data_dir, seed_demo=False)  # the old entry is found and moved to the new name
    ctx.close()
    new_id = read_database_id(data_dir)
    assert new_id and keyring.get_password(KEY_SERVICE, key_account(new_id)) == key
    assert keyring.get_password(KEY_SERVICE, str(data_dir.resolve())) is None
    moved = data_dir.parent / "moved"
    shutil.move(data_dir, moved)  # the owner moves the folder
    ctx = open_app(moved, seed_demo=False)
    try:
        with ctx.sessions() as session:
            (row,) = attachments_for_dossier(session, CODE)
        assert crypto.sha256_plain(row.path(ctx.files_dir)) == att.sha256
    finally:
        ctx.close()


def test_plain_files_are_converted_and_a_kill_midway_loses_nothing(data_dir, forget_keys, tmp_path):
    ctx = open_app(data_dir, seed_demo=False)  # a plain folder with scans in it
    _dossier(ctx, CODE)
    for number in range(1, 4):
        attach_pdf(ctx, CODE, f"GT{number:02d}", plain_pdf(tmp_path, number=number), OFFICER, ocr=False)
    scan_batch(ctx)
    ctx.close()
    before = {p.relative_to(data_dir): p.read_bytes()
              for p in every_file(data_dir / "files") + every_file(data_dir / "scan-batches")}
    assert len(before) >= 3 + 5 and grep(data_dir, CODE)
    encrypt_setting(data_dir)
    # A child process starts the conversion and is killed (SIGKILL) while writing its 4th file:
    # the kill is placed there by wrapping the encryption, the one thing a test cannot time.
    script = f"""
import os, signal
from counterapp import crypto
calls = []
real = crypto.FileCipher.encrypt_stream
def dying(self, source, target):
    calls.append(1)
    if len(calls) == 4:
        target.write(b"half of it")
        target.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    return real(self, source, target)
crypto.FileCipher.encrypt_stream = dying
from counterapp.app import open_app
open_app({str(data_dir)!r}, seed_demo=False)
"""
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert child.returncode == -9, child.stderr
    states = [crypto.is_encrypted(data_dir / rel) for rel in before]
    assert any(states) and not all(states)  # stopped halfway
    ctx = open_app(data_dir, seed_demo=False)  # the next start carries on
    try:
        for rel, content in before.items():
            assert crypto.is_encrypted(data_dir / rel), rel
            assert crypto.read_plain(data_dir / rel) == content, rel
        (batch,) = recover_batches(data_dir)
        assert batch.manifest["dossier_code"] == CODE and len(batch.kept_pages()) == 3
    finally:
        ctx.close()
    leftovers = [p for p in every_file(data_dir) if ".tmp-" in p.name]
    assert all(crypto.is_encrypted(p) or b"%PDF" not in p.read_bytes() for p in leftovers)
    assert grep(data_dir, CODE) == [] and grep(data_dir, "%PDF") == []


@pytest.mark.parametrize("value", ['"yes"', '"true"', "1", '"có"'])
def test_encrypt_database_takes_true_or_false_only(data_dir, value):
    (data_dir / "site.toml").open("a", encoding="utf-8").write(f"\n[privacy]\nencrypt_database = {value}\n")
    with pytest.raises(ConfigError, match="encrypt_database: cần true hoặc false / expected true or false"):
        open_app(data_dir, seed_demo=False)
    assert not (data_dir / "counter.db").exists()
    done = subprocess.run([sys.executable, "-m", "counterapp", "--data-dir", str(data_dir), "dossier", "list"],
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert done.returncode != 0 and "encrypt_database" in done.stderr and "Traceback" not in done.stderr


def test_file_format_round_trips_and_streams(tmp_path):
    cipher = crypto.FileCipher(os.urandom(32))
    crypto.register(tmp_path, cipher)
    try:
        for size in (0, 1, 65535, 65536, 65537, 5 * 65536):
            data = os.urandom(size)
            path = tmp_path / f"f{size}"
            crypto.write_file(path, data)
            assert path.stat().st_size == crypto.HEADER_LEN + size + 16 * max(1, -(-size // 65536))
            assert crypto.read_plain(path) == data and crypto.plain_size(path) == size
            assert crypto.sha256_plain(path) == hashlib.sha256(data).hexdigest()
            with crypto.open_plain(path) as handle:  # the sync upload seeks to the portal's offset
                handle.seek(size // 3)
                assert handle.read(70_000) == data[size // 3: size // 3 + 70_000]
        other = crypto.FileCipher(os.urandom(32))
        stranger = tmp_path / "stranger"
        stranger.write_bytes(other.encrypt_bytes(b"x"))
        with pytest.raises(crypto.EncryptedFileError, match="not open"):
            crypto.read_plain(stranger)
    finally:
        crypto.unregister(tmp_path)


def test_cli_exports_a_plain_copy_and_checks_every_stored_file(data_dir, forget_keys, tmp_path, capsys):
    from counterapp.cli import main

    encrypt_setting(data_dir)
    ctx = open_app(data_dir, seed_demo=False)
    try:
        _dossier(ctx, CODE)
        source = plain_pdf(tmp_path)
        att = attach_pdf(ctx, CODE, "GT01", source, OFFICER, ocr=False)
        other = attach_pdf(ctx, CODE, "GT02", plain_pdf(tmp_path, number=2), OFFICER, ocr=False)
    finally:
        ctx.close()
    out = tmp_path / "exported.pdf"
    assert main(["--data-dir", str(data_dir), "attachment", "export", att.uuid, "--out", str(out)]) == 0
    assert out.read_bytes() == source.read_bytes()
    assert main(["--data-dir", str(data_dir), "attachment", "check"]) == 0
    assert "2 files checked, 0 problems" in capsys.readouterr().out
    stored = data_dir / "files" / other.file_name
    data = bytearray(stored.read_bytes())
    data[200] ^= 0x04
    stored.write_bytes(bytes(data))
    assert main(["--data-dir", str(data_dir), "attachment", "check"]) == 1
    printed = capsys.readouterr().out
    assert f"{other.file_name}: Tệp {other.file_name} đã bị sửa đổi hoặc hỏng" in printed
    assert "2 files checked, 1 problems" in printed
    assert main(["--data-dir", str(data_dir), "attachment", "export", other.uuid, "--out", str(tmp_path / "x.pdf")]) == 2
    assert "altered or damaged" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()


def test_printouts_go_to_a_private_folder_when_the_files_are_encrypted(data_dir, forget_keys):
    plain = open_app(data_dir, seed_demo=False)
    try:
        assert crypto.output_folder(plain.files_dir, "forms") == plain.files_dir / "forms"
    finally:
        plain.close()
    encrypt_setting(data_dir)
    ctx = open_app(data_dir, seed_demo=False)
    try:
        folder = crypto.output_folder(ctx.files_dir, "forms")
        assert data_dir.resolve() not in folder.resolve().parents
        assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
    finally:
        ctx.close()


def test_plaintext_a_crash_left_under_files_is_removed_once_stale(data_dir, forget_keys, tmp_path):
    files = data_dir / "files"
    stale, fresh = files / "counter-file-crashed", files / "counter-file-running"
    for folder in (stale, fresh):
        folder.mkdir(parents=True)
        shutil.copy(plain_pdf(tmp_path), folder / "001.pdf")
    half = files / ".abc.pdf.tmp-4242"
    half.write_bytes(b"%PDF-1.7 half written")
    two_hours_ago = os.path.getmtime(stale) - 7200
    for path in (stale, half):
        os.utime(path, (two_hours_ago, two_hours_ago))
    encrypt_setting(data_dir)
    open_app(data_dir, seed_demo=False).close()
    assert not stale.exists() and not half.exists()
    assert (fresh / "001.pdf").exists()  # a build under way in another process is left alone


def test_a_sane_scan_in_an_encrypted_folder_keeps_its_batch_encrypted(sane_config_dir, data_dir, forget_keys, tmp_path):
    from counterapp.digitize.pipeline import scan_to_pdf
    from counterapp.digitize.sources import ScanSettings

    encrypt_setting(data_dir)
    ctx = open_app(data_dir, seed_demo=False)
    seen = []

    def on_page(page):  # while the feeder runs, each stored page is already encrypted
        seen.append(crypto.is_encrypted(page.path) and crypto.is_encrypted(page.path.parent / "manifest.json"))

    try:
        out = tmp_path / "feeder.pdf"  # the officer's own output file, outside the data folder
        result = scan_to_pdf(ScanSettings(device="test:0", dpi=200, source="adf"), out, ctx.data_dir,
                             dossier_code=CODE, document_code="GT01", officer=OFFICER, on_page=on_page)
    finally:
        ctx.close()
    assert seen == [True] * 10 and result.built[0].page_count == 10
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 10
    assert grep(data_dir, CODE) == []


def test_a_stored_encrypted_attachment_can_be_added_again_as_pages(data_dir, forget_keys, tmp_path):
    from counterapp.digitize.files import load_pages

    encrypt_setting(data_dir)
    ctx = open_app(data_dir, seed_demo=False)
    try:
        _dossier(ctx, CODE)
        source = plain_pdf(tmp_path)
        att = attach_pdf(ctx, CODE, "GT01", source, OFFICER, ocr=False)
        again = list(load_pages(att.path(ctx.files_dir)))
        original = list(load_pages(source))
        assert [(p.size, p.dpi, p.encoded) for p in again] == [(p.size, p.dpi, p.encoded) for p in original]
    finally:
        ctx.close()


def test_cli_verify_reads_a_stored_encrypted_attachment(data_dir, forget_keys, tmp_path):
    encrypt_setting(data_dir)
    ctx = open_app(data_dir, seed_demo=False)
    try:
        _dossier(ctx, CODE)
        att = attach_pdf(ctx, CODE, "GT01", plain_pdf(tmp_path), OFFICER, ocr=False)
        stored = att.path(ctx.files_dir)
    finally:
        ctx.close()
    done = subprocess.run([sys.executable, "-m", "counterapp", "--data-dir", str(data_dir), "verify", str(stored),
                           "--json"], capture_output=True, text=True,  # a new process: no key in memory yet
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert '"page_count": 1' in done.stdout and '"pdfa_part": "2"' in done.stdout, done.stderr
