"""Which printer each form goes to, and printing to a named printer without a dialog.

Why per form: a counter prints receipts on the printer at the desk and the ledger (landscape,
many pages) on the office printer; asking every time costs the officer a dialog per citizen.
The choice in force, in order:

1. IT's `[printing] printers = {receipt = "...", ledger = "...", default = "..."}` when IT
   locked the key (`[lock] keys = ["printing.printers"]`): the window's choice never overrides it;
2. the printer last chosen for that form in the print dialog, kept per user in the data
   folder's `ui.ini` (the same QSettings file the window keeps its geometry and language in,
   group `printing`), so another officer's PC or account keeps its own;
3. `[printing] printers` from site.toml (the form's, else `default`);
4. "" : the system's default printer.

`open_printer(name)` refuses a name the system does not know with the names it does know, in
Vietnamese then English (the CLI's `--printer`; the PDF is still written when asked for).
QtCore / QtGui / QtPrintSupport only (no widgets), like render.py: the CLI prints with no display.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from counterapp.config import SiteConfig
from counterapp.forms.specs import FormError

PREFS_FILE = "ui.ini"  # ui/main_window.ui_settings: the window's own preferences
PREFS_GROUP = "printing"
LOCK_KEYS = ("printing", "printing.printers")


class PrinterNotFound(FormError):
    """The named printer is not installed on this machine."""


def _printers_table(config: SiteConfig) -> dict[str, str]:
    return dict(config.section("printing").get("printers") or {})


def configured_printer(config: SiteConfig, form: str) -> str:
    """The printer site.toml names for the form (its own, else `default`), or ""."""
    table = _printers_table(config)
    return str(table.get(form) or table.get("default") or "").strip()


def is_locked(config: SiteConfig) -> bool:
    """IT locked the printers: the dialog shows the choice but does not keep another."""
    return any(key in config.locked for key in LOCK_KEYS)


def _prefs(data_dir: Path) -> QSettings:
    return QSettings(str(Path(data_dir) / PREFS_FILE), QSettings.Format.IniFormat)


def remembered_printer(data_dir: Path | None, form: str) -> str:
    """The printer last chosen for the form in the print dialog on this account, or ""."""
    if data_dir is None:
        return ""
    value = _prefs(data_dir).value(f"{PREFS_GROUP}/{form}", "")
    return str(value or "").strip()


def remember_printer(data_dir: Path | None, config: SiteConfig, form: str, name: str) -> bool:
    """Keep the printer chosen for the form; False (nothing kept) when IT locked the choice."""
    if data_dir is None or is_locked(config):
        return False
    prefs = _prefs(data_dir)
    prefs.setValue(f"{PREFS_GROUP}/{form}", (name or "").strip())
    prefs.sync()
    return prefs.status() == QSettings.Status.NoError


def printer_for(config: SiteConfig, data_dir: Path | None, form: str) -> str:
    """The printer the form goes to (see the module docstring), "" for the system default."""
    if is_locked(config):
        return configured_printer(config, form)
    return remembered_printer(data_dir, form) or configured_printer(config, form)


def printer_names() -> list[str]:
    """The printers installed on this machine (CUPS queues, Windows printers)."""
    return list(QPrinterInfo.availablePrinterNames())


def default_printer_name() -> str:
    return QPrinterInfo.defaultPrinterName()


def open_printer(name: str, title: str = "") -> QPrinter:
    """A printer ready to paint on: the named one, or the system default when `name` is "".
    PrinterNotFound when no such printer is installed (or there is none at all)."""
    wanted = (name or "").strip()
    info = QPrinterInfo.printerInfo(wanted) if wanted else QPrinterInfo.defaultPrinter()
    if info.isNull():
        known = ", ".join(printer_names()) or "không có / none"
        if wanted:
            raise PrinterNotFound(
                f"Không có máy in {wanted!r} trên máy này (có: {known}); dùng --pdf để lưu tệp / "
                f"no printer named {wanted!r} here (installed: {known}); --pdf still saves the file"
            )
        raise PrinterNotFound(
            "Máy này chưa có máy in mặc định; chọn máy in hoặc lưu PDF / "
            "this machine has no default printer: name one or save a PDF"
        )
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    if title:
        printer.setDocName(title)
    return printer


__all__ = [
    "PrinterNotFound",
    "configured_printer",
    "default_printer_name",
    "is_locked",
    "open_printer",
    "printer_for",
    "printer_names",
    "remember_printer",
    "remembered_printer",
]
