"""Storage failures named for what they are, for the officer and for the exit status.

Why: SQLite reports a full disk as "disk I/O error" (the WAL index grows by mmap, and
ENOSPC there is SQLITE_IOERR_SHMSIZE, not SQLITE_FULL), a read-only folder as "unable to
open database file" or "attempt to write a readonly database", and a writer in another
process as "database is locked". Issue 13 saw all of them end in a traceback. Here each is
recognised (by SQLite's result code where the driver gives it, else by errno or the
message) and becomes a StorageError with a Vietnamese / English message and a sysexits
status, which the command line prints and the window can show.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

# sysexits.h, the statuses the command line uses for these (README "Exit codes")
EX_SOFTWARE = 70
EX_CANTCREAT = 73
EX_IOERR = 74
EX_TEMPFAIL = 75

_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 5, 6, 8, 10, 13, 14
LOW_SPACE_BYTES = 4 * 1024 * 1024
"""An I/O error with less free space than this on the data folder's disk is a full disk."""


class StorageError(Exception):
    """A storage failure the officer can act on; str() is the message, `exit_status` the status."""

    exit_status = EX_IOERR

    def __init__(self, message: str) -> None:
        super().__init__(message)


class DatabaseBusy(StorageError):
    exit_status = EX_TEMPFAIL

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or (
            "Cơ sở dữ liệu đang bận: một chương trình khác (ví dụ đồng bộ) đang ghi và chưa xong. Việc vừa "
            "làm chưa được lưu; thử lại sau ít phút / The database is busy: another program (sync, for "
            "example) is writing and has not finished. The last change was not saved; try again in a moment"))


class DiskFull(StorageError):
    exit_status = EX_IOERR

    def __init__(self, folder: Path | str | None = None) -> None:
        where = f" ({folder})" if folder else ""
        super().__init__(
            f"Ổ đĩa đầy{where}: không ghi được. Việc vừa làm chưa được lưu; giải phóng dung lượng rồi thử "
            f"lại / The disk is full{where}: nothing could be written. The last change was not saved; "
            "free some space and try again")


class ReadOnlyFolder(StorageError):
    exit_status = EX_CANTCREAT

    def __init__(self, folder: Path | str | None = None) -> None:
        where = f" ({folder})" if folder else ""
        super().__init__(
            f"Thư mục dữ liệu chỉ đọc{where}: xem được nhưng không ghi được. Hãy chọn thư mục có quyền "
            f"ghi, hoặc nhờ quản trị cấp quyền / The data folder is read-only{where}: it can be read but "
            "not written. Use a writable folder, or ask IT for write permission")


class DiskError(StorageError):
    exit_status = EX_IOERR

    def __init__(self, detail: str, folder: Path | str | None = None) -> None:
        where = f" ({folder})" if folder else ""
        super().__init__(
            f"Lỗi đọc/ghi ổ đĩa{where}: {detail}. Kiểm tra ổ đĩa rồi thử lại / Disk read/write "
            f"error{where}: {detail}. Check the disk and try again")


def _sqlite_error(exc: BaseException) -> BaseException | None:
    """The DB-API error inside a SQLAlchemy wrapper (or the error itself)."""
    seen = 0
    while exc is not None and seen < 5:
        if type(exc).__module__.split(".")[0] in ("sqlite3", "sqlcipher3") or hasattr(exc, "sqlite_errorcode"):
            return exc
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
        seen += 1
    return None


def _low_space(folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def is_busy(exc: BaseException) -> bool:
    inner = _sqlite_error(exc)
    if inner is None:
        return False
    code = getattr(inner, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
    text = str(inner).lower()
    return "database is locked" in text or "database table is locked" in text or "database is busy" in text


def classify(exc: BaseException, folder: Path | str | None = None) -> StorageError | None:
    """The StorageError `exc` stands for, or None when it is not a storage failure."""
    folder = Path(folder) if folder else None
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, OSError) and exc.errno is not None:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return DiskFull(folder)
        if exc.errno == errno.EROFS:
            return ReadOnlyFolder(folder)
        if exc.errno in (errno.EACCES, errno.EPERM) and folder is not None and exc.filename and \
                Path(exc.filename).resolve().is_relative_to(folder.resolve()):
            return ReadOnlyFolder(folder)
        if exc.errno == errno.EIO:
            return DiskFull(folder) if _low_space(folder) else DiskError(exc.strerror or str(exc), folder)
        return None
    inner = _sqlite_error(exc)
    if inner is None:
        return None
    code = getattr(inner, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else None
    text = str(inner).lower()
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or is_busy(inner):
        return DatabaseBusy()
    if primary == _SQLITE_FULL or "database or disk is full" in text:
        return DiskFull(folder)
    if primary == _SQLITE_READONLY or "readonly database" in text or "read-only" in text:
        return ReadOnlyFolder(folder)
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN) or "disk i/o error" in text or "unable to open" in text:
        if folder is not None and folder.is_dir() and not folder_writable(folder):
            return ReadOnlyFolder(folder)
        if _low_space(folder):
            return DiskFull(folder)
        return DiskError(str(inner), folder)
    return None


def folder_writable(folder: Path | str) -> bool:
    """Can this process create files in `folder`? (False on a read-only mount, even for root.)"""
    import os

    folder = Path(folder)
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        pass
    return os.access(folder, os.W_OK)
