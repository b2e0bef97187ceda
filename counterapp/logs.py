"""Log files in the data folder, with citizens' personal data masked.

Why: when one counter of a hundred misbehaves, IT needs to know what happened there without
sitting at it (`counterapp support-bundle` collects these files). NĐ 13/2023 forbids copying
citizens' personal data where it is not needed, and logs travel: so what reaches a log file
is masked on the way out, whatever the code that logged it.

- `<data dir>/logs/counterapp.log`, rotated at 2 MB with 6 old files kept, and any log file in
  that folder older than 7 days removed at start (a busy counter writes ~150 kB a day:
  a week fits many times over; a loop that logs wildly is capped at 14 MB).
- One line per event: UTC time, level, process, thread, logger, message; tracebacks follow
  on their own lines.
- Masked in every line, tracebacks included: citizen ID numbers (9 or 12 digits: first 3 and
  last 2 kept, so IT can still tell two apart), phone numbers, e-mail addresses. Names cannot
  be recognised by pattern, so the code never logs a citizen's name (dossier codes and uuids
  instead): tests/logs checks the logs of a whole intake-sync-print run for the applicant's
  name and ID number.

The faces call `setup_logging` (the CLI for every command, the window at start); the core
only uses `logging.getLogger(__name__)`.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import time
from pathlib import Path

LOG_DIR_NAME = "logs"
LOG_FILE_NAME = "counterapp.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 6
KEEP_DAYS = 7

_ID_NUMBER = re.compile(r"(?<![\w.\-/])(\d{3})(\d{4}|\d{7})(\d{2})(?![\w.\-/])")
_PHONE = re.compile(r"(?<![\w.\-/])(?:\+?84|0)(?:[ .]?\d){8,10}(?![\w.\-/])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

_handler: logging.Handler | None = None


class _LogFile(logging.handlers.RotatingFileHandler):
    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802
        """A line that cannot be written (disk full, folder gone) is dropped: logging's default
        prints a traceback on stderr, in the middle of the message the officer should read."""


def mask_personal(text: str) -> str:
    """`001090012345` → `001*******45`; phones → `0*** *** ***`; e-mails → `***@domain`."""
    text = _EMAIL.sub(lambda m: "***@" + m.group(0).split("@", 1)[1], text)
    text = _ID_NUMBER.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)
    return _PHONE.sub(lambda m: m.group(0)[0] + re.sub(r"\d", "*", m.group(0)[1:]), text)


class MaskingFormatter(logging.Formatter):
    converter = time.gmtime  # UTC in the file: counters in different zones compare lines directly

    def format(self, record: logging.LogRecord) -> str:
        return mask_personal(super().format(record))


def log_dir(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_DIR_NAME


def _remove_old(folder: Path, keep_days: int = KEEP_DAYS) -> int:
    cutoff = time.time() - keep_days * 86400
    removed = 0
    for path in folder.glob("*.log*"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError:
            pass  # another process rotated or removed it first
    return removed


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send this process's logging to `<data dir>/logs/counterapp.log` (once per process;
    a later call for another folder moves it). Returns the file, or None when the folder
    cannot be written: the app still runs, without a log file."""
    global _handler
    folder = log_dir(data_dir)
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    if _handler is not None:
        if getattr(_handler, "baseFilename", None) == str(path.resolve()):
            return path
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_old(folder)
        # delay=True: the file is opened at the first line, so a read-only folder fails here
        # only if it is written to, and a command that logs nothing leaves no file.
        handler = _LogFile(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
        handler.stream = handler._open()  # fail now, not at the first line, if it cannot be written
    except OSError:
        return None
    handler.setFormatter(MaskingFormatter("%(asctime)sZ %(levelname)s %(process)d %(threadName)s %(name)s: %(message)s"))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    for noisy in ("PIL", "urllib3", "alembic.runtime.migration", "multipart", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _handler = handler
    return path


def current_log_file() -> Path | None:
    return Path(_handler.baseFilename) if _handler is not None and hasattr(_handler, "baseFilename") else None
