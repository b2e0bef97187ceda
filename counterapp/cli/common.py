"""Helpers every command module shares: opening the app, printing JSON, errors, exit statuses.

Exit statuses (README "Exit codes"): 0 done; 1 refused (bad input, a rule says no, some
records refused); 2 could not start (usage, an unreadable file, bad settings); 70 an
unexpected error (a short message and the path of a log file with the traceback, never
the traceback itself); 73 the data folder is read-only; 74 the disk is full or failing;
75 the database stayed busy (another program kept writing); 130 interrupted (Ctrl+C).
The storage statuses follow sysexits.h so scripts can tell "try again" (75) from "fix
something" (73, 74).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from counterapp.app import AppContext, open_app
from counterapp.config import ConfigError
from counterapp.db.errors import EX_CANTCREAT, EX_IOERR, EX_SOFTWARE, EX_TEMPFAIL, classify

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_FAILED = 2
EXIT_USAGE = 2  # argparse's own status for a bad command line
EXIT_SOFTWARE = EX_SOFTWARE  # 70
EXIT_READ_ONLY = EX_CANTCREAT  # 73
EXIT_DISK = EX_IOERR  # 74
EXIT_BUSY = EX_TEMPFAIL  # 75
EXIT_INTERRUPTED = 130

LOG_DIR_NAME = "logs"


def open_context(args: Any, *, seed_demo: bool = True) -> AppContext:
    try:
        return open_app(getattr(args, "data_dir", None), seed_demo=seed_demo)
    except ConfigError as exc:
        fail(str(exc), EXIT_FAILED)
        raise  # unreachable


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def fail(message: str, status: int = EXIT_PARTIAL) -> None:
    """Print a message for the officer on stderr and exit with `status`."""
    print(message, file=sys.stderr)
    raise SystemExit(status)


# --------------------------------------------------------------------------- the last resort
def data_dir_of(args: Any) -> Path | None:
    """The data folder a command meant (without creating it), for messages and the log."""
    from counterapp.paths import DATA_DIR_ENV, default_data_dir

    chosen = getattr(args, "data_dir", None) or os.environ.get(DATA_DIR_ENV)
    try:
        return Path(chosen).expanduser().resolve() if chosen else default_data_dir()
    except Exception:  # noqa: BLE001  (no home folder, odd path: only the log's place is at stake)
        return None


def _log_dirs(data_dir: Path | None) -> list[Path]:
    dirs = [data_dir / LOG_DIR_NAME] if data_dir else []
    try:
        import platformdirs

        dirs.append(Path(platformdirs.user_log_dir("counterapp", appauthor=False)))
    except Exception:  # noqa: BLE001
        pass
    import tempfile

    dirs.append(Path(tempfile.gettempdir()))
    return dirs


def write_crash_log(exc: BaseException, argv: list[str], data_dir: Path | None) -> Path | None:
    """The traceback in `<data dir>/logs/error-<UTC time>-<pid>.log` (else the platform's log
    folder, else the temporary folder); None if nothing could be written (a full disk)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = (
        f"counterapp {_version()} {stamp}\nargv: {argv!r}\n\n"
        + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    )
    for folder in _log_dirs(data_dir):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"counterapp-error-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8", errors="backslashreplace")
            return path
        except OSError:
            continue
    return None


def _version() -> str:
    from counterapp import __version__

    return __version__


def report_failure(exc: BaseException, args: Any, argv: list[str]) -> int:
    """What the command line says when a command raised: a storage failure named for
    what it is (73, 74, 75), anything else a short message and the log file's path (70)."""
    data_dir = data_dir_of(args)
    storage = classify(exc, data_dir)
    if storage is not None:
        print(str(storage), file=sys.stderr)
        return storage.exit_status
    log = write_crash_log(exc, argv, data_dir)
    where = f" Chi tiết / details: {log}" if log else ""
    print(
        f"Lỗi ngoài dự kiến ({type(exc).__name__}); việc vừa làm có thể chưa xong. Hãy gửi tệp nhật ký cho bộ "
        f"phận hỗ trợ / Unexpected error ({type(exc).__name__}); the command may not have finished. Please send "
        f"the log file to support.{where}",
        file=sys.stderr,
    )
    return EXIT_SOFTWARE
