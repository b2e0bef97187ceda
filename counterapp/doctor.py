"""`counterapp doctor`: why does this one counter misbehave? Checks IT staff would run by hand.

A province rolls the app out to a hundred counter PCs; when one of them prints nothing, syncs
nothing or refuses to start, IT needs one command (and Help → Kiểm tra máy in the window) that
says what is wrong on that PC and what to do, in Vietnamese first. Each check is isolated: one
that fails with an exception becomes an error line naming the exception, never a traceback,
and the others still run.

The checks of the core live here (data folder, site file, database, keyring, number blocks,
outbox, scanners, printers, fonts, Tesseract, memory). Checks that talk to the portal (reachable,
TLS certificate, clock against the portal's Date header) live in `sync/health.py`, because the
core does not import `sync`; the faces (CLI, window) run both lists.

The JSON form is stable for monitoring (schema version 1, see README "doctor --json"):

    {"schema": 1, "status": "ok|warning|error", "exit_code": 0|1|2,
     "checks": [{"id": "...", "status": "...", "message": "vi / en", "action": "vi / en",
                 "detail": {...}}]}

Exit codes: 0 all ok, 1 warnings, 2 errors. Measured on this machine (demo data folder, SANE
test backend, no printer): about 0.6 s, most of it the SANE device scan and Qt's printer list.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

log = logging.getLogger(__name__)

Status = Literal["ok", "warning", "error"]
SCHEMA_VERSION = 1
_RANK = {"ok": 0, "warning": 1, "error": 2}

FREE_DISK_WARNING = 2 * 1024**3  # scans take ~1 MB a page; two GB is about a week of a busy counter
FREE_DISK_ERROR = 200 * 1024**2
FREE_MEMORY_WARNING = 500 * 1024**2  # scanning + OCR of a 50-page dossier peaks around 400 MB
OUTBOX_AGE_WARNING_HOURS = 24
OUTBOX_AGE_ERROR_HOURS = 72


@dataclass
class Check:
    id: str
    status: Status
    message: str
    action: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class Report:
    checks: list[Check]

    @property
    def status(self) -> Status:
        worst = max((_RANK[c.status] for c in self.checks), default=0)
        return next(name for name, rank in _RANK.items() if rank == worst)  # type: ignore[return-value]

    @property
    def exit_code(self) -> int:
        return _RANK[self.status]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "status": self.status,
            "exit_code": self.exit_code,
            "checked_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "checks": [asdict(c) for c in self.checks],
        }


CheckFunction = Callable[[], Check | list[Check]]


def run_all(functions: Iterable[tuple[str, CheckFunction]]) -> Report:
    """Run each check; an exception in one becomes an error line for that check only."""
    checks: list[Check] = []
    for check_id, function in functions:
        try:
            result = function()
        except Exception as exc:  # a doctor must not die of the disease it looks for
            log.info("doctor check %s failed", check_id, exc_info=True)  # the log file, not the screen
            result = Check(check_id, "error", f"Kiểm tra không chạy được / the check failed: {type(exc).__name__}: {exc}")
        checks.extend(result if isinstance(result, list) else [result])
    return Report(checks)


def _size(value: int) -> str:
    return f"{value / 1024**3:.1f} GB" if value >= 1024**3 else f"{value / 1024**2:.0f} MB"


# ----------------------------------------------------------------------------- the checks


def check_data_folder(data_dir: Path) -> Check:
    detail: dict[str, Any] = {"path": str(data_dir)}
    if not data_dir.exists():
        return Check("data_folder", "error", f"Không có thư mục dữ liệu / the data folder does not exist: {data_dir}",
                     "Tạo thư mục hoặc chỉ --data-dir đúng / create it or point --data-dir at the right one", detail)
    probe = data_dir / f".doctor-{os.getpid()}"
    try:
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        detail["error"] = str(exc)
        return Check("data_folder", "error", f"Thư mục dữ liệu không ghi được / the data folder is not writable: {data_dir}",
                     "Cấp quyền ghi cho người dùng này / give this user write access", detail)
    free = shutil.disk_usage(data_dir).free
    detail["free_bytes"] = free
    if free < FREE_DISK_ERROR:
        return Check("data_folder", "error", f"Ổ đĩa gần đầy: còn {_size(free)} / the disk is nearly full: {_size(free)} free",
                     "Giải phóng dung lượng ổ đĩa / free some disk space", detail)
    if free < FREE_DISK_WARNING:
        return Check("data_folder", "warning", f"Ổ đĩa còn ít chỗ: {_size(free)} / little disk space left: {_size(free)}",
                     "Giải phóng dung lượng trước khi quét nhiều / free some space before scanning much", detail)
    return Check("data_folder", "ok", f"Thư mục dữ liệu ghi được, còn {_size(free)} / data folder writable, {_size(free)} free",
                 detail=detail)


def check_site_file(data_dir: Path) -> Check:
    """Both layers: IT's machine-wide file and the data folder's own (counterapp/settings)."""
    from counterapp.config import SITE_FILE_NAME, ConfigError, load_site_config
    from counterapp.settings.layers import machine_site_path

    user, machine = data_dir / SITE_FILE_NAME, machine_site_path()
    detail = {"user_file": str(user), "machine_file": str(machine), "machine_exists": machine.exists()}
    fix = f"Sửa {machine} (IT) hoặc {user} / fix {machine} (IT) or {user}" if machine.exists() else \
        f"Sửa {user} / fix {user}"
    try:
        load_site_config(data_dir)
    except ConfigError as exc:
        return Check("site_file", "error", f"Tệp cấu hình sai / the site file is wrong: {exc}", fix, detail)
    except (OSError, ValueError) as exc:  # tomllib.TOMLDecodeError is a ValueError
        return Check("site_file", "error", f"Không đọc được tệp cấu hình / the site file cannot be read: {exc}", fix, detail)
    if not user.exists() and not machine.exists():
        return Check("site_file", "warning", "Chưa có tệp cấu hình: đang dùng cấu hình mẫu / no site file: running on the demo defaults",
                     f"IT cài tệp cấu hình (counterapp provision) vào {machine} / IT installs the site file "
                     f"(counterapp provision) at {machine}", detail)
    return Check("site_file", "ok", "Tệp cấu hình hợp lệ / the site file is valid", detail=detail)


def check_database(data_dir: Path, config: Any) -> list[Check]:
    from counterapp.app import open_database_engine
    from counterapp.db.migrate import pending_revisions
    from counterapp.paths import DATABASE_FILE_NAME

    path = data_dir / DATABASE_FILE_NAME
    if not path.exists():
        return [Check("database", "warning", "Chưa có cơ sở dữ liệu: sẽ được tạo khi mở ứng dụng / no database yet: made at first start",
                      detail={"path": str(path)})]
    engine = open_database_engine(data_dir, config)
    try:
        with engine.connect() as conn:
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        pending = sorted(pending_revisions(engine))
    finally:
        engine.dispose()
    checks = []
    detail = {"path": str(path), "size_bytes": path.stat().st_size}
    if rows != ["ok"]:
        checks.append(Check("database", "error", f"Cơ sở dữ liệu bị hỏng / the database is damaged: {'; '.join(rows[:3])}",
                            "Dừng dùng máy này, sao lưu thư mục dữ liệu và báo IT / stop, back up the data folder, call IT",
                            {**detail, "integrity": rows[:20]}))
    else:
        checks.append(Check("database", "ok", "Cơ sở dữ liệu nguyên vẹn / database integrity ok", detail=detail))
    if pending:
        checks.append(Check("migrations", "warning",
                            f"Còn {len(pending)} bước nâng cấp dữ liệu chưa chạy / {len(pending)} migrations not applied yet",
                            "Mở ứng dụng một lần để nâng cấp / open the app once to apply them", {"pending": pending}))
    else:
        checks.append(Check("migrations", "ok", "Dữ liệu ở phiên bản mới nhất / migrations at head"))
    return checks


def check_keyring(data_dir: Path) -> Check:
    import keyring
    from keyring.backends import fail

    from counterapp.db import encryption
    from counterapp.paths import DATABASE_FILE_NAME

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, fail.Keyring):
        return Check("keyring", "error", "Không có kho mật khẩu của hệ điều hành / no OS keyring",
                     "Cài và mở khóa kho mật khẩu (Windows Credential Manager, GNOME Keyring, KWallet) / "
                     "install and unlock the OS keyring", {"backend": name})
    try:
        keyring.get_password("counterapp-doctor", "probe")  # raises when locked or unreachable
    except keyring.errors.KeyringLocked:
        return Check("keyring", "error", "Kho mật khẩu đang khóa / the OS keyring is locked",
                     "Đăng nhập lại máy hoặc mở khóa kho mật khẩu / sign in to the desktop again or unlock the keyring",
                     {"backend": name})
    except Exception as exc:  # noqa: BLE001 - D-Bus and backend errors come in many classes
        return Check("keyring", "error", f"Kho mật khẩu không dùng được / the OS keyring does not work: "
                     f"{type(exc).__name__}: {exc}", "Khởi động lại máy; nếu còn lỗi, báo IT / restart the PC; "
                     "if it persists, call IT", {"backend": name})
    if encryption.is_encrypted_file(data_dir / DATABASE_FILE_NAME):
        try:
            encryption.database_key(data_dir, create=False)
        except encryption.DatabaseKeyError as exc:
            return Check("keyring", "error", str(exc), "Đăng nhập bằng người dùng đã tạo dữ liệu / sign in as the user "
                         "who created the data", {"backend": name, "encrypted": True})
        return Check("keyring", "ok", "Kho mật khẩu hoạt động, có khóa cơ sở dữ liệu / keyring works, database key present",
                     detail={"backend": name, "encrypted": True})
    return Check("keyring", "ok", "Kho mật khẩu hoạt động / the keyring works", detail={"backend": name, "encrypted": False})


def check_numbers(ctx: Any) -> Check:
    from counterapp.clock import site_today
    from counterapp.dossiers.numbering import blocks_remaining, low_threshold

    today = site_today(ctx.config.zone)
    with ctx.sessions() as session:
        left = blocks_remaining(session, ctx.config, today)
    detail = {"day": today.isoformat(), "left": left, "warn_below": low_threshold(ctx.config)}
    if left == 0:
        return Check("numbers", "error", "Hết số hồ sơ hôm nay: hồ sơ mới sẽ nhận số tạm / no dossier numbers left today: "
                     "new dossiers get provisional codes", "Đồng bộ để nhận dải số mới / sync to get a new block", detail)
    if left < low_threshold(ctx.config):
        return Check("numbers", "warning", f"Sắp hết số hồ sơ hôm nay: còn {left} / few dossier numbers left today: {left}",
                     "Đồng bộ để nhận thêm dải số / sync to get more", detail)
    return Check("numbers", "ok", f"Còn {left} số hồ sơ hôm nay / {left} dossier numbers left today", detail=detail)


def check_outbox(ctx: Any) -> Check:
    from sqlalchemy import func, select

    from counterapp.outbox import OutboxItem, OutboxState

    unsent = (OutboxState.WAITING, OutboxState.SENDING, OutboxState.NEEDS_ATTENTION, OutboxState.CONFLICT)
    with ctx.sessions() as session:
        oldest = session.scalar(select(func.min(OutboxItem.created_at)).where(OutboxItem.state.in_(unsent)))
        count = session.scalar(select(func.count()).select_from(OutboxItem).where(OutboxItem.state.in_(unsent))) or 0
        stuck = session.scalar(select(func.count()).select_from(OutboxItem).where(
            OutboxItem.state.in_((OutboxState.NEEDS_ATTENTION, OutboxState.CONFLICT)))) or 0
    if not count:
        return Check("outbox", "ok", "Không còn gì chờ gửi lên cổng / nothing waiting for the portal", detail={"unsent": 0})
    if oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    hours = (datetime.now(UTC) - oldest).total_seconds() / 3600
    detail = {"unsent": count, "needs_attention": stuck, "oldest_hours": round(hours, 1)}
    text = f"{count} thay đổi chờ gửi, cũ nhất {hours:.0f} giờ / {count} changes unsent, oldest {hours:.0f} h"
    if stuck:
        return Check("outbox", "error" if hours >= OUTBOX_AGE_ERROR_HOURS else "warning",
                     f"{text}; {stuck} cần xử lý / {stuck} need attention",
                     "Mở Đồng bộ để xem và xử lý / open Sync to review them", detail)
    if hours >= OUTBOX_AGE_ERROR_HOURS:
        return Check("outbox", "error", text, "Kiểm tra mạng và đăng nhập cổng / check the network and portal sign-in", detail)
    if hours >= OUTBOX_AGE_WARNING_HOURS:
        return Check("outbox", "warning", text, "Kiểm tra mạng và đăng nhập cổng / check the network and portal sign-in", detail)
    return Check("outbox", "ok", text, detail=detail)


def check_scanners(config: Any, data_dir: Path) -> Check:
    from counterapp.digitize.sources import load_scan_settings, source_for

    settings = load_scan_settings(config, data_dir)
    devices = source_for(settings).list_devices()
    detail = {"backend": settings.backend, "configured": settings.device,
              "devices": [{"name": d.name, "description": d.description} for d in devices]}
    if not devices:
        return Check("scanners", "warning", f"Không thấy máy quét nào ({settings.backend}) / no scanner found ({settings.backend})",
                     "Kiểm tra cáp, nguồn và trình điều khiển máy quét / check the scanner's cable, power and driver", detail)
    if settings.device and not any(d.name == settings.device for d in devices):
        return Check("scanners", "warning", f"Không thấy máy quét đã chọn {settings.device} / the chosen scanner is not found",
                     "Chọn lại máy quét trong trang Số hóa / choose the scanner again on the Digitize page", detail)
    return Check("scanners", "ok", f"Thấy {len(devices)} máy quét / {len(devices)} scanner(s) found", detail=detail)


def check_printers(config: Any) -> Check:
    from PySide6.QtPrintSupport import QPrinterInfo

    from counterapp.forms.render import ensure_gui_application

    ensure_gui_application()
    names = list(QPrinterInfo.availablePrinterNames())
    default = QPrinterInfo.defaultPrinterName()
    detail = {"printers": names, "default": default}
    if not names:
        return Check("printers", "warning", "Không thấy máy in nào: vẫn lưu được PDF / no printer found: PDFs still work",
                     "Cài máy in của quầy / install the counter's printer", detail)
    return Check("printers", "ok", f"Thấy {len(names)} máy in, mặc định: {default or '—'} / {len(names)} printer(s), "
                 f"default: {default or '—'}", detail=detail)


def check_fonts() -> Check:
    from PySide6.QtGui import QFontDatabase

    from counterapp.forms.fonts import SHIPPED_FONT_FAMILY, ensure_shipped_fonts
    from counterapp.forms.render import ensure_gui_application

    ensure_gui_application()
    shipped = ensure_shipped_fonts()
    families = set(QFontDatabase.families())
    detail = {"shipped": list(shipped), "times_new_roman": "Times New Roman" in families}
    if SHIPPED_FONT_FAMILY not in shipped and "Times New Roman" not in families:
        return Check("fonts", "error", "Thiếu phông chữ cho biểu mẫu: biên nhận sẽ in sai dấu / the forms' font is missing",
                     "Cài lại ứng dụng / reinstall the app", detail)
    return Check("fonts", "ok", "Có phông chữ cho biểu mẫu / the forms' font is present", detail=detail)


def check_tesseract(config: Any) -> Check:
    from counterapp.digitize.ocr import find_tesseract, ocr_settings, tesseract_available, tesseract_setting

    wanted, lang = ocr_settings(config)
    exe = find_tesseract(tesseract_setting(config))
    detail = {"path": exe, "lang": lang, "ocr_on": wanted}
    turned_off = (config.section("digitize") if config is not None else {}).get("ocr") is False
    status: Status = "ok" if turned_off else "warning"  # OCR is on by default: a missing Tesseract is worth a warning
    if not exe:
        return Check("tesseract", status, "Chưa cài Tesseract: hồ sơ số hóa không có lớp chữ / Tesseract not installed: "
                     "no text layer in scans", "Cài Tesseract và gói tiếng Việt / install Tesseract with Vietnamese", detail)
    if not tesseract_available(lang, tesseract_setting(config)):
        return Check("tesseract", status, f"Tesseract thiếu dữ liệu ngôn ngữ {lang} / Tesseract lacks the {lang} data",
                     "Cài gói tesseract-ocr-vie / install tesseract-ocr-vie", detail)
    return Check("tesseract", "ok", f"Tesseract có dữ liệu {lang} / Tesseract with {lang}", detail=detail)


def available_memory() -> int | None:
    """Bytes of memory available to a new program, or None where it cannot be told."""
    if sys.platform.startswith("linux"):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
        return None
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        class MemoryStatus(ctypes.Structure):
            _fields_ = [("length", ctypes.c_ulong), ("load", ctypes.c_ulong), ("total", ctypes.c_ulonglong),
                        ("available", ctypes.c_ulonglong), ("total_page", ctypes.c_ulonglong),
                        ("available_page", ctypes.c_ulonglong), ("total_virtual", ctypes.c_ulonglong),
                        ("available_virtual", ctypes.c_ulonglong), ("extended", ctypes.c_ulonglong)]

        status = MemoryStatus()
        status.length = ctypes.sizeof(MemoryStatus)
        ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status))
        return int(status.available)
    try:  # macOS and other POSIX: free pages only, an underestimate
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def check_memory() -> Check:
    free = available_memory()
    if free is None:
        return Check("memory", "ok", "Không đo được bộ nhớ trống trên hệ này / free memory not measurable here")
    detail = {"available_bytes": free}
    if free < FREE_MEMORY_WARNING:
        return Check("memory", "warning", f"Bộ nhớ trống ít: {_size(free)} / little free memory: {_size(free)}",
                     "Đóng bớt chương trình khi quét nhiều trang / close other programs before long scans", detail)
    return Check("memory", "ok", f"Bộ nhớ trống {_size(free)} / {_size(free)} memory free", detail=detail)


# ----------------------------------------------------------------------------- composing


def core_checks(data_dir: Path, *, hardware: bool = True) -> list[tuple[str, CheckFunction]]:
    """The core's checks, in the order a person would read them. `hardware=False` skips the
    scanner and printer scans (slow on a network with many devices)."""
    from counterapp.config import load_site_config

    state: dict[str, Any] = {}

    def config() -> Any:
        if "config" not in state:
            state["config"] = load_site_config(data_dir)
        return state["config"]

    def context() -> Any:
        """The opened data folder; None when there is no database yet (the doctor creates nothing)."""
        from counterapp.paths import DATABASE_FILE_NAME

        if not (data_dir / DATABASE_FILE_NAME).exists():
            return None
        if "ctx" not in state:
            from counterapp.app import open_app

            state["ctx"] = open_app(data_dir, seed_demo=False)
        return state["ctx"]

    checks: list[tuple[str, CheckFunction]] = [
        ("data_folder", lambda: check_data_folder(data_dir)),
        ("site_file", lambda: check_site_file(data_dir)),
        ("database", lambda: check_database(data_dir, config())),
        ("keyring", lambda: check_keyring(data_dir)),
        ("numbers", lambda: _with_context(context(), check_numbers)),
        ("outbox", lambda: _with_context(context(), check_outbox)),
    ]
    if hardware:
        checks += [("scanners", lambda: check_scanners(config(), data_dir)), ("printers", lambda: check_printers(config()))]
    checks += [
        ("fonts", check_fonts),
        ("tesseract", lambda: check_tesseract(config())),
        ("memory", check_memory),
        ("_close", lambda: _close(state)),
    ]
    return checks


def _with_context(ctx: Any, check: Callable[[Any], Check]) -> list[Check]:
    return [] if ctx is None else [check(ctx)]


def _close(state: dict[str, Any]) -> list[Check]:
    ctx = state.pop("ctx", None)
    if ctx is not None:
        ctx.close()
    return []
