"""Turning on encryption at rest for a data folder's files (counterapp/crypto.py has the format).

When the database of a data folder is encrypted (`[privacy] encrypt_database = true`,
counterapp/db/encryption.py), `open_app` calls `protect_data_folder`:

- the folder's file cipher (derived from the database key) is registered, so every attachment,
  signed PDF, scan-batch page and manifest written from then on is encrypted;
- files written plain before (the folder was plain, or an older version wrote them) are
  converted once, each one atomically (encrypted copy under a temporary name, fsync, rename), so
  a kill at any moment leaves every file either plain or encrypted, never half of each, and the
  next start carries on. A marker with the key's id records that the conversion finished;
- plaintext temporary folders and files left under `files/` by a crash are removed once they are
  an hour old (a running build is never that old: a 100-page PDF takes under a minute).
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

from counterapp.crypto import FileCipher, encrypt_in_place, register
from counterapp.digitize.common import fsync_dir

log = logging.getLogger(__name__)

MARKER = ".files-encrypted"
FOLDERS = ("files", "scan-batches")
STALE_SECONDS = 3600
_TEMP_DIR_PREFIXES = ("counter-file-", "counter-ocr-")


def protect_data_folder(data_dir: str | Path, database_key: str) -> FileCipher:
    """Register the folder's file cipher and convert its plain files if that was not done yet."""
    data_dir = Path(data_dir)
    cipher = FileCipher.from_database_key(database_key)
    register(data_dir, cipher)
    remove_stale_plaintext(data_dir)
    marker = data_dir / MARKER
    try:
        done = marker.read_text(encoding="ascii").strip() == cipher.key_id.hex()
    except (OSError, UnicodeDecodeError):
        done = False
    if not done:
        converted = encrypt_existing_files(data_dir, cipher)
        if converted:
            log.info("encrypted %d existing files in %s", converted, data_dir)
        marker.write_text(cipher.key_id.hex() + "\n", encoding="ascii")
    return cipher


def encrypt_existing_files(data_dir: Path, cipher: FileCipher) -> int:
    """Encrypt every plain file under `files/` and `scan-batches/`. Returns how many."""
    count = 0
    for name in FOLDERS:
        root = data_dir / name
        if not root.is_dir():
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(_TEMP_DIR_PREFIXES)]
            changed = False
            for file_name in files:
                if file_name.startswith("."):  # temporary names of atomic writes
                    continue
                path = Path(folder) / file_name
                try:
                    if encrypt_in_place(path, cipher):
                        changed = True
                        count += 1
                except FileNotFoundError:  # removed meanwhile (a finished batch)
                    continue
            if changed:
                fsync_dir(folder)
    return count


def remove_stale_plaintext(data_dir: Path, max_age: float = STALE_SECONDS) -> int:
    """Temporary build folders and half-written temporary files a crash left under `files/`."""
    root = data_dir / "files"
    if not root.is_dir():
        return 0
    cutoff = time.time() - max_age
    removed = 0
    for entry in os.scandir(root):
        try:
            old = entry.stat(follow_symlinks=False).st_mtime < cutoff
        except OSError:
            continue
        if not old:
            continue
        if entry.is_dir(follow_symlinks=False) and entry.name.startswith(_TEMP_DIR_PREFIXES):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed += 1
        elif entry.is_file(follow_symlinks=False) and entry.name.startswith(".") and ".tmp-" in entry.name:
            Path(entry.path).unlink(missing_ok=True)
            removed += 1
    return removed
