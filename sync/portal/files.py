"""The reference portal's attachments on disk, named by content (SHA-256), not blobs in the
database.

Why: at a province's scale (Quảng Ninh, ~600,000 dossiers a year, a few scans of ~300 KB
each) the files are most of the bytes, hundreds of GB a year; in PostgreSQL they would bloat
every backup, vacuum and replica, and in SQLite one file would hold them all. On disk they
are plain files an operator can back up with rsync, and the same scan sent twice (a resend, or
the same document in two dossiers) is kept once.

Layout under the root (`portal serve --files DIR`):
- `sha256/ab/abcdef...` the complete files, named by their SHA-256; written to `tmp/` then
  renamed into place (atomic on one file system), so a reader never sees half a file;
- `staging/<sha256 of the attachment id>` the chunks of a file still arriving, written at
  their offset (the database's `received` says how much of it counts); promoted by rename
  when the last chunk's hash matches;
- `tmp/` files being written.

A complete file is never changed, so several worker processes may read it at once; writes to
one attachment's staging file are serialized by the database (its row is locked). Files no
attachment names any more (a replaced version) stay: no garbage collection yet.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_READ = 1024 * 1024


class FileStore:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        for part in ("sha256", "staging", "tmp"):
            (self.root / part).mkdir(parents=True, exist_ok=True)

    # --- complete files -------------------------------------------------------------------
    def path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / "sha256" / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def put(self, data: bytes, sha256: str) -> None:
        """Keep `data` (its hash already checked) under its name; nothing to do if it is there."""
        target = self.path(sha256)
        if target.is_file():
            return
        fd, tmp = tempfile.mkstemp(dir=self.root / "tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            self._place(Path(tmp), target)
        finally:
            Path(tmp).unlink(missing_ok=True)

    def _place(self, source: Path, target: Path) -> None:
        target.parent.mkdir(exist_ok=True)
        os.replace(source, target)

    # --- files still arriving -------------------------------------------------------------
    def staged(self, attachment_id: str) -> Path:
        # The id is the client's: hashed, so it can never name a path of its own.
        return self.root / "staging" / hashlib.sha256(attachment_id.encode()).hexdigest()

    def stage(self, attachment_id: str, offset: int, data: bytes) -> None:
        """Write a chunk at `offset`; whatever was after it (an earlier, unacknowledged try) goes."""
        fd = os.open(self.staged(attachment_id), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            os.pwrite(fd, data, offset)
            os.ftruncate(fd, offset + len(data))
        finally:
            os.close(fd)

    def staged_bytes(self, attachment_id: str, size: int) -> bytes:
        path = self.staged(attachment_id)
        if not path.is_file():
            return b""
        with path.open("rb") as f:
            return f.read(size)

    def promote(self, attachment_id: str, sha256: str, size: int) -> bool:
        """The staged file, if its first `size` bytes hash to `sha256`, becomes the complete
        file; otherwise it is dropped (the client sends the file again). True when kept."""
        path = self.staged(attachment_id)
        digest = hashlib.sha256()
        if path.is_file():
            with path.open("rb") as f:
                left = size
                while left > 0:
                    piece = f.read(min(_READ, left))
                    if not piece:
                        break
                    digest.update(piece)
                    left -= len(piece)
                os.fsync(f.fileno())
            if path.stat().st_size > size:
                os.truncate(path, size)
        if digest.hexdigest() != sha256:
            path.unlink(missing_ok=True)
            return False
        if size == 0 and not path.exists():
            self.put(b"", sha256)
            return True
        target = self.path(sha256)
        if target.is_file():
            path.unlink()  # the same content is already kept
        else:
            self._place(path, target)
        return True

    def discard(self, attachment_id: str) -> None:
        self.staged(attachment_id).unlink(missing_ok=True)
