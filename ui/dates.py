"""Qt dates for the site's "today" (see counterapp/clock.py): Qt's current date reads the
PC's zone, which is a day behind the Vietnamese day on a UTC machine from 17:00 UTC."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate

from counterapp.clock import site_today


def site_qdate(zone: ZoneInfo | None = None) -> QDate:
    """Today in the site's zone as a QDate (the default site zone when `zone` is None)."""
    today = site_today(zone)
    return QDate(today.year, today.month, today.day)
