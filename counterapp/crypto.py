"""Files encrypted at rest with the database's key: attachments under `files/` and the pages and
manifests of unfinished scan batches (NĐ 13/2023: personal data protected at rest).

Why: with `[privacy] encrypt_database = true` the database was encrypted but every scan stayed a
plain PDF under `files/` with the dossier code in its metadata, readable by anyone with the disk.

- The file key is derived from the database key in the OS keyring (counterapp/db/encryption.py)
  with HKDF-SHA256 and its own label, so there is still one secret per data folder, and a file
  key never unlocks the database or the other way round.
- Format (version 1), one header then chunks:
      MAGIC (8) | version (1) | log2 chunk size (1) | key id (8) | salt (16) | nonce prefix (7)
  Each file gets its own AES-256-GCM key, HKDF(file key, salt); chunk i (64 KiB of plaintext) is
  sealed with the nonce `prefix | i (4 bytes) | final flag (1 byte)` and the header as associated
  data (the STREAM construction, as in Tink's streaming AEAD). Reordered, dropped, truncated or
  changed chunks, or a changed header, fail authentication. Overhead: 41 bytes plus 16 per 64 KiB.
- A big PDF is never held whole: `open_plain` returns a seekable reader that decrypts one chunk at
  a time (the sync upload seeks to the portal's offset), and writing streams the same way.
  Measured (bench/crypto_files.py, a 40 MB PDF, shared 2-core VM with AES-NI): encrypting it into
  the data folder 0.14 s (with fsync; a plain copy 0.02 s), hashing its plaintext 0.09 s (a plain
  file 0.10 s), 64 KiB at a random offset 0.1 ms, 0.025 % larger on disk.
- The SHA-256, size and names recorded for an attachment are those of the plaintext: the portal
  receives exactly the bytes it received before.
- Plaintext reaches the disk only as a private temporary file (folder 0700, file 0600, removed
  after use) when a program needs a path: pikepdf, OCR, signature checks, an external viewer.
- Which key: each data folder whose files are encrypted registers its cipher when it is opened
  (`counterapp.app.open_app`); writers look the folder up, readers look the key id of the file's
  header up, so a file says which key it needs and a plain file reads as before.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import io
import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from counterapp.digitize.common import DigitizeError, fsync_dir

MAGIC = b"\x89CTRENC\n"  # not the start of a PDF, JPEG, PNG, JSON or SQLite file
VERSION = 1
CHUNK_LOG2 = 16
TAG = 16
SALT = 16
PREFIX = 7
KEY_ID = 8
HEADER_LEN = len(MAGIC) + 2 + KEY_ID + SALT + PREFIX  # 41
FILE_KEY_INFO = b"counterapp files at rest v1"
KEY_ID_INFO = b"counterapp files key id v1"
CHUNK_KEY_INFO = b"counterapp file chunk key v1"

DAMAGED = (
    "Tệp {name} đã bị sửa đổi hoặc hỏng (không khớp mã xác thực, đoạn {chunk}); bản này không dùng được, "
    "hãy quét hoặc tải lại. / The file {name} was altered or damaged (authentication failed at chunk "
    "{chunk}); this copy cannot be used: scan or fetch it again."
)
NOT_OURS = (
    "Tệp {name} không phải tệp mã hóa của Counter hoặc thuộc phiên bản mới hơn. / "
    "{name} is not a Counter encrypted file, or it is from a newer version."
)
NO_KEY = (
    "Tệp {name} đã được mã hóa bằng khóa của một thư mục dữ liệu chưa được mở (hoặc của người dùng, "
    "máy khác). Hãy mở thư mục dữ liệu của nó bằng đúng tài khoản đã tạo nó. / {name} is encrypted "
    "with the key of a data folder that is not open (or of another user or PC). Open its data "
    "folder as the user who created it."
)


class EncryptedFileError(DigitizeError):
    """An encrypted file cannot be read: damaged, altered, or its key is not at hand."""


def _hkdf(key: bytes, info: bytes, salt: bytes | None = None, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(key)


class FileCipher:
    """The file key of one data folder."""

    def __init__(self, key: bytes, chunk_log2: int = CHUNK_LOG2) -> None:
        if len(key) != 32:
            raise ValueError("a 256-bit key is needed")
        self._key = key
        self.key_id = _hkdf(key, KEY_ID_INFO, length=KEY_ID)
        self.chunk_log2 = chunk_log2

    @classmethod
    def from_database_key(cls, hex_key: str) -> FileCipher:
        """The file key for the database key `hex_key` (64 hex digits, as kept in the keyring)."""
        return cls(_hkdf(bytes.fromhex(hex_key), FILE_KEY_INFO))

    def _aead(self, salt: bytes) -> AESGCM:
        return AESGCM(_hkdf(self._key, CHUNK_KEY_INFO, salt=salt))

    # ---- writing
    def encrypt_stream(self, source: BinaryIO, target: BinaryIO) -> tuple[int, str]:
        """Encrypt everything `source` gives into `target`. Returns the plaintext's (size, SHA-256)."""
        salt, prefix = secrets.token_bytes(SALT), secrets.token_bytes(PREFIX)
        header = MAGIC + bytes([VERSION, self.chunk_log2]) + self.key_id + salt + prefix
        aead = self._aead(salt)
        chunk_size = 1 << self.chunk_log2
        digest, size, index = hashlib.sha256(), 0, 0
        target.write(header)
        current = source.read(chunk_size)
        while True:
            following = source.read(chunk_size) if len(current) == chunk_size else b""
            final = not following
            digest.update(current)
            size += len(current)
            target.write(aead.encrypt(_nonce(prefix, index, final), current, header))
            if final:
                return size, digest.hexdigest()
            current, index = following, index + 1

    def encrypt_bytes(self, data: bytes) -> bytes:
        out = io.BytesIO()
        self.encrypt_stream(io.BytesIO(data), out)
        return out.getvalue()


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    if index >= 1 << 32:
        raise EncryptedFileError("Tệp quá lớn để mã hóa / file too large to encrypt")
    return prefix + index.to_bytes(4, "big") + (b"\x01" if final else b"\x00")


# ---- which key: registered when a data folder is opened ------------------------------------
_lock = threading.Lock()
_by_folder: dict[Path, FileCipher] = {}
_by_key_id: dict[bytes, FileCipher] = {}


def register(data_dir: str | Path, cipher: FileCipher) -> None:
    """Files written under `data_dir` from now on are encrypted with `cipher`."""
    with _lock:
        _by_folder[Path(data_dir).resolve()] = cipher
        _by_key_id[cipher.key_id] = cipher


def unregister(data_dir: str | Path) -> None:
    with _lock:
        _by_folder.pop(Path(data_dir).resolve(), None)


def cipher_for(path: str | Path) -> FileCipher | None:
    """The cipher of the data folder `path` lies in, or None when its files are kept plain."""
    if not _by_folder:
        return None
    resolved = Path(path).resolve()
    with _lock:
        for folder in (resolved, *resolved.parents):
            cipher = _by_folder.get(folder)
            if cipher is not None:
                return cipher
    return None


def encrypted_here(path: str | Path) -> bool:
    return cipher_for(path) is not None


# ---- reading ---------------------------------------------------------------------------------
def is_encrypted(path: str | Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except (FileNotFoundError, IsADirectoryError):
        return False


class _PlainReader(io.RawIOBase):
    """The plaintext of an encrypted file, seekable, one chunk decrypted at a time."""

    def __init__(self, raw: BinaryIO, name: str) -> None:
        super().__init__()
        self._raw, self._name = raw, name
        header = raw.read(HEADER_LEN)
        if len(header) < HEADER_LEN or header[: len(MAGIC)] != MAGIC:
            raise EncryptedFileError(NOT_OURS.format(name=name))
        version, log2 = header[len(MAGIC)], header[len(MAGIC) + 1]
        if version != VERSION or not 10 <= log2 <= 24:
            raise EncryptedFileError(NOT_OURS.format(name=name))
        at = len(MAGIC) + 2
        key_id, salt, self._prefix = header[at:at + KEY_ID], header[at + KEY_ID:at + KEY_ID + SALT], header[-PREFIX:]
        with _lock:
            cipher = _by_key_id.get(key_id)
        if cipher is None:
            raise EncryptedFileError(NO_KEY.format(name=name))
        self._header, self._aead = header, cipher._aead(salt)
        self._chunk = 1 << log2
        body = os.fstat(raw.fileno()).st_size - HEADER_LEN
        self._chunks = max(1, -(-body // (self._chunk + TAG)))
        self._size = body - TAG * self._chunks
        last = body - (self._chunks - 1) * (self._chunk + TAG)
        if body < TAG or last < TAG:
            raise EncryptedFileError(DAMAGED.format(name=name, chunk=self._chunks))
        self._pos = 0
        self._cached: tuple[int, bytes] | None = None

    @property
    def size(self) -> int:
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def _plain_chunk(self, index: int) -> bytes:
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        self._raw.seek(HEADER_LEN + index * (self._chunk + TAG))
        sealed = self._raw.read(self._chunk + TAG)
        final = index == self._chunks - 1
        try:
            plain = self._aead.decrypt(_nonce(self._prefix, index, final), sealed, self._header)
        except InvalidTag:
            raise EncryptedFileError(DAMAGED.format(name=self._name, chunk=index + 1)) from None
        self._cached = (index, plain)
        return plain

    def readinto(self, buffer) -> int:  # noqa: ANN001
        if self._pos >= self._size:
            return 0
        index, offset = divmod(self._pos, self._chunk)
        plain = self._plain_chunk(index)
        count = min(len(buffer), len(plain) - offset)
        buffer[:count] = plain[offset:offset + count]
        self._pos += count
        return count

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


def open_plain(path: str | Path) -> BinaryIO:
    """The file's plaintext, for reading (seekable); a plain file is simply opened.
    EncryptedFileError when it is damaged or its key is not at hand."""
    path = Path(path)
    raw = open(path, "rb")
    try:
        if raw.read(len(MAGIC)) != MAGIC:
            raw.seek(0)
            return raw
        raw.seek(0)
        return io.BufferedReader(_PlainReader(raw, path.name), buffer_size=1 << CHUNK_LOG2)
    except BaseException:
        raw.close()
        raise


def read_plain(path: str | Path) -> bytes:
    with open_plain(path) as handle:
        return handle.read()


def plain_size(path: str | Path) -> int:
    with open_plain(path) as handle:
        return handle.seek(0, io.SEEK_END)


def sha256_plain(path: str | Path) -> str:
    """The SHA-256 of the file's plaintext (checks every chunk on the way)."""
    digest = hashlib.sha256()
    with open_plain(path) as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


# ---- writing into a data folder ---------------------------------------------------------------
def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")


def _write_atomic(path: Path, fill, *, sync_dir: bool = True) -> None:  # noqa: ANN001
    tmp = _temp_name(path)
    try:
        with open(tmp, "wb") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync_dir:
        fsync_dir(path.parent)


def write_file(path: str | Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Write `data` at `path` atomically (temp name, fsync, rename), encrypted when the data
    folder's files are encrypted."""
    path = Path(path)
    cipher = cipher_for(path.parent)
    if cipher is None:
        _write_atomic(path, lambda handle: handle.write(data), sync_dir=sync_dir)
    else:
        _write_atomic(path, lambda handle: cipher.encrypt_stream(io.BytesIO(data), handle), sync_dir=sync_dir)


def copy_in(source: str | Path, target: str | Path) -> None:
    """Copy the plaintext of `source` to `target` atomically, encrypted when `target`'s data folder
    wants it; a big file streams through in chunks."""
    target = Path(target)
    cipher = cipher_for(target.parent)
    with open_plain(source) as fin:
        if cipher is None:
            _write_atomic(target, lambda handle: shutil.copyfileobj(fin, handle, 1 << 20))
        else:
            _write_atomic(target, lambda handle: cipher.encrypt_stream(fin, handle))


def encrypt_in_place(path: str | Path, cipher: FileCipher) -> bool:
    """Replace a plain file by its encrypted copy (temp file, fsync, rename: a kill at any moment
    leaves either the plain file or the encrypted one). False when it already was encrypted."""
    path = Path(path)
    if is_encrypted(path):
        return False
    before = path.stat()
    with open(path, "rb") as fin:
        _write_atomic(path, lambda handle: cipher.encrypt_stream(fin, handle), sync_dir=False)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # retention reads the age of a batch
    return True


# ---- plaintext on disk, privately, for programs that need a path ------------------------------
_session_dir: Path | None = None


PRIVATE_PREFIX = "counter-private-"
STALE_PRIVATE_SECONDS = 86400


def private_dir() -> Path:
    """This process's private folder for plaintext copies (0700, removed at exit). Folders that
    earlier runs could not remove (a viewer still had a file open on Windows, a crash) are removed
    once they are a day old."""
    global _session_dir
    with _lock:
        if _session_dir is None or not _session_dir.is_dir():
            _remove_stale_private_dirs()
            _session_dir = Path(tempfile.mkdtemp(prefix=PRIVATE_PREFIX))
            os.chmod(_session_dir, 0o700)
            atexit.register(shutil.rmtree, _session_dir, True)
        return _session_dir


def _remove_stale_private_dirs() -> None:
    import time

    cutoff = time.time() - STALE_PRIVATE_SECONDS
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return
    for entry in entries:
        try:
            if (entry.name.startswith(PRIVATE_PREFIX) and entry.is_dir(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_mtime < cutoff
                    and (not hasattr(os, "getuid") or entry.stat(follow_symlinks=False).st_uid == os.getuid())):
                shutil.rmtree(entry.path, ignore_errors=True)
        except OSError:
            continue


@contextlib.contextmanager
def private_tempdir(prefix: str = "counter-work-") -> Iterator[Path]:
    """A private temporary folder (0700) outside the data folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix, dir=private_dir()) as tmp:
        yield Path(tmp)


def work_dir(files_dir: str | Path, prefix: str):  # noqa: ANN201
    """A temporary folder for building PDFs: next to the files (as before) when they are plain, a
    private folder outside the data folder when they are encrypted (no plaintext left under
    `files/` by a crash)."""
    if encrypted_here(files_dir):
        return private_tempdir(prefix)
    return _as_path(tempfile.TemporaryDirectory(prefix=prefix, dir=files_dir))


@contextlib.contextmanager
def _as_path(tmp: tempfile.TemporaryDirectory) -> Iterator[Path]:
    with tmp as name:
        yield Path(name)


def _write_private_copy(source: Path, target: Path) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as out, open_plain(source) as fin:
        shutil.copyfileobj(fin, out, 1 << 20)


@contextlib.contextmanager
def plain_path(path: str | Path) -> Iterator[Path]:
    """A path with the file's plaintext: the file itself when it is plain, else a private
    temporary copy (0600 in a 0700 folder) removed when the block ends."""
    path = Path(path)
    if not is_encrypted(path):
        yield path
        return
    with private_tempdir("counter-plain-") as folder:
        copy = folder / path.name
        _write_private_copy(path, copy)
        yield copy


def viewable_copy(path: str | Path, name: str | None = None) -> Path:
    """A plaintext copy for an external viewer, which keeps the file open for as long as it likes:
    private (0600 in a 0700 folder) and removed when this program exits. A plain file is returned
    as it is."""
    path = Path(path)
    if not is_encrypted(path):
        return path
    folder = Path(tempfile.mkdtemp(prefix="view-", dir=private_dir()))
    copy = folder / (name or path.name)
    _write_private_copy(path, copy)
    return copy


def output_folder(files_dir: str | Path, name: str) -> Path:
    """Where printouts made from the database (receipts, the ledger) are written: `files/<name>`
    as before when the files are plain; when they are encrypted, a folder in this process's
    private temporary folder (removed at exit), since the viewer or printer needs a plain PDF and
    the printout can be made again from the database at any time."""
    folder = Path(files_dir) / name if not encrypted_here(files_dir) else private_dir() / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
