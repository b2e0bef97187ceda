"""Small shared bits of the dashboard's widgets: dates and statuses as the window shows them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QLocale


def english() -> bool:
    return QLocale().language() == QLocale.Language.English  # ui.i18n sets the default locale


def when(value: datetime | None, zone: Any) -> str:
    """"HH:MM dd/mm/yyyy" at the site, or ""."""
    if value is None:
        return ""
    return value.astimezone(zone).strftime("%H:%M %d/%m/%Y")


def day(value: datetime | None, zone: Any) -> str:
    return value.astimezone(zone).strftime("%d/%m/%Y") if value is not None else ""


def status_text(value: int) -> str:
    from counterapp.dossiers.status import DossierStatus

    try:
        status = DossierStatus(value)
    except ValueError:
        return str(value)
    return status.label_en if english() else status.label_vi


def core_label(vi: str, en: str) -> str:
    """A label the core keeps in both languages, in the window's."""
    return en if english() else vi
