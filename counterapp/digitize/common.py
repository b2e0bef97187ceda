"""Types every digitize module shares."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

MIN_DPI = 200
"""Digitized copies must be at least 200 dpi, colour, 100% scale (NĐ 45/2020, TT 01/2023)."""


class DigitizeError(Exception):
    """A problem the officer must be told about; the message is Vietnamese first, then English."""


@dataclass
class Page:
    """One scanned or loaded page.

    `encoded` keeps the bytes as the device or file delivered them when they are a
    JPEG, so an untouched page can reach the PDF without being re-encoded (when it is of the
    kind encode.py chooses for it and small: encode.keep_original).
    """

    image: Image.Image
    dpi: int = MIN_DPI
    encoded: bytes | None = None
    origin: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def atomic_write_bytes(path: str | Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Write to a temporary name in the same folder, fsync, rename into place.

    `sync_dir=False` leaves the folder's fsync to the next write that asks for it
    (a batch page is followed at once by its manifest, which does).
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    if sync_dir:
        fsync_dir(path.parent)


def atomic_copy(src: str | Path, dst: str | Path) -> None:
    dst = Path(dst)
    tmp = dst.with_name(f".{dst.name}.tmp-{os.getpid()}")
    with open(src, "rb") as fin, open(tmp, "wb") as fout:
        while block := fin.read(1 << 20):
            fout.write(block)
        fout.flush()
        os.fsync(fout.fileno())
    os.replace(tmp, dst)
    fsync_dir(dst.parent)


def fsync_dir(folder: str | Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def jpeg_dpi(data: bytes) -> int | None:
    """The density a JPEG declares in its JFIF header, if any (dots per inch)."""
    if len(data) > 18 and data[:2] == b"\xff\xd8" and data[6:11] == b"JFIF\x00":
        unit = data[13]
        x = int.from_bytes(data[14:16], "big")
        if x and unit == 1:
            return x
        if x and unit == 2:
            return round(x * 2.54)
    return None


def new_uuid() -> str:
    import uuid

    return str(uuid.uuid4())
