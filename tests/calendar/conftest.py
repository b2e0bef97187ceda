"""Calendar fixtures: the default site's rules (07:30-11:30, 13:30-17:30, Mon-Fri) and helpers."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from counterapp.calendar.service import default_holidays, default_work_days
from counterapp.calendar.working_time import WorkingCalendar
from counterapp.config import SiteConfig

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def local(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    """An aware datetime in Vietnam local time."""
    return datetime(y, mo, d, h, mi, tzinfo=VN)


def write_days(path: Path, days: list) -> Path:
    path.write_text(json.dumps({"days": days}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def cal() -> WorkingCalendar:
    """Default sessions and weekdays, statutory 2026-2027 holidays from the `holidays` library."""
    years = [2026, 2027]
    return WorkingCalendar.from_config(SiteConfig(), default_holidays(years), default_work_days(years))
