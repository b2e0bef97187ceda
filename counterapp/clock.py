""""Now" and "today" at the site, never at the machine.

A counter in Hạ Long runs on Asia/Ho_Chi_Minh (UTC+7) whatever zone the PC or the CI
machine is set to. Python's and Qt's own "today" read the machine's zone: on a
UTC machine they are still on yesterday from 17:00 to 24:00 UTC, so a "today" filter
missed every dossier received in the last seven hours of the Vietnamese day (two GUI
tests failed every evening on CI). Every "today", "this month" and default date range in
the app comes from here, in the site's zone (`[site] timezone`).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

DEFAULT_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def site_now(zone: ZoneInfo | None = None) -> datetime:
    """The current instant as an aware datetime in the site's zone."""
    return datetime.now(zone or DEFAULT_ZONE)


def site_today(zone: ZoneInfo | None = None) -> date:
    """Today's date in the site's zone (pass `config.zone`)."""
    return site_now(zone).date()
