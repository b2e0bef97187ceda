"""Site settings: one typed object read from the machine-wide site file and `<data dir>/site.toml`.

Every value has a working default (the demo site), so a fresh machine runs with no file.
Loading checks both files against one schema (counterapp/settings/schema.py: an unknown key or
a wrong type is a ConfigError naming the file, line and key) and merges them, the user's file
over IT's except for the keys IT locks (counterapp/settings/layers.py). Sections that belong to
one subsystem (scanner, printing, ...) stay available in `SiteConfig.raw` / `section()`,
already checked, with only the keys a file sets.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

SITE_FILE_NAME = "site.toml"


class ConfigError(ValueError):
    """The site file is present but wrong; the message names the key."""


@dataclass(frozen=True)
class WorkingTime:
    sessions: tuple[tuple[time, time], ...] = (
        (time(7, 30), time(11, 30)),
        (time(13, 30), time(17, 30)),
    )
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # reception days, Monday=0
    # Days that count toward time limits, apart from reception days: a counter open on
    # Saturday mornings (weekdays includes 5) does not shorten deadlines by counting them.
    counting_weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})

    @property
    def hours_per_day(self) -> float:
        total = 0
        for start, end in self.sessions:
            total += (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        return total / 60


@dataclass(frozen=True)
class DueRuleOverride:
    """A site's correction of one procedure's appointment rule (site.toml `[due_rules."CODE"]`).

    None = as the catalog says. `cutoff` "" = no cut-off even if the catalog gives one.
    """

    same_day: bool | None = None
    cutoff: str | None = None


@dataclass(frozen=True)
class NumberBlock:
    """A range of dossier running numbers this counter may mint, inclusive."""

    first: int
    last: int


@dataclass(frozen=True)
class SiteConfig:
    agency_code: str = "H49.22"
    agency_name: str = "UBND phường Hạ Long"
    parent_agency_name: str = "UBND TỈNH QUẢNG NINH"
    place_name: str = "Hạ Long"
    counter_id: str = "Q01"
    timezone: str = "Asia/Ho_Chi_Minh"
    language: str = "vi"
    portal_url: str = "http://127.0.0.1:8765"
    tracking_url: str = ""
    working_time: WorkingTime = field(default_factory=WorkingTime)
    number_blocks: tuple[NumberBlock, ...] = (NumberBlock(1, 9999),)
    due_rules: dict[str, DueRuleOverride] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    # Where each set key came from ("section.key" -> "machine" / "user" / "locked"), the keys IT
    # locks, user values ignored because locked (messages), and the two files' paths.
    sources: dict[str, str] = field(default_factory=dict)
    locked: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    files: dict[str, str] = field(default_factory=dict)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def section(self, name: str) -> dict[str, Any]:
        value = self.raw.get(name, {})
        return value if isinstance(value, dict) else {}


def _parse_hhmm(value: Any, key: str) -> time:
    try:
        hours, minutes = str(value).split(":")
        return time(int(hours), int(minutes))
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{key}: cần giờ dạng HH:MM / expected HH:MM, got {value!r}") from exc


def _weekdays(value: Any, key: str) -> frozenset[int]:
    message = f"{key}: cần danh sách thứ 0..6 (0 = Thứ Hai) / expected a list of weekdays 0..6 (0 = Monday), got {value!r}"
    if not isinstance(value, list):
        raise ConfigError(message)
    try:
        days = frozenset(int(d) for d in value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(message) from exc
    if any(not 0 <= d <= 6 for d in days):
        raise ConfigError(message)
    return days


def _due_rules(section: Any) -> dict[str, DueRuleOverride]:
    if not isinstance(section, dict):
        raise ConfigError('due_rules: cần bảng [due_rules."MÃ THỦ TỤC"] / expected tables [due_rules."CODE"]')
    result: dict[str, DueRuleOverride] = {}
    for code, entry in section.items():
        key = f'due_rules."{code}"'
        if not isinstance(entry, dict):
            raise ConfigError(f"{key}: cần bảng same_day = ..., cutoff = ... / expected a table")
        unknown = sorted(set(entry) - {"same_day", "cutoff"})
        if unknown:
            raise ConfigError(f"{key}: khóa không rõ {unknown} (chỉ same_day, cutoff) / unknown keys {unknown}")
        same_day = entry.get("same_day")
        if same_day is not None and not isinstance(same_day, bool):
            raise ConfigError(f"{key}.same_day: cần true hoặc false / expected true or false, got {same_day!r}")
        cutoff = entry.get("cutoff")
        if cutoff is not None:
            cutoff = str(cutoff).strip()
            if cutoff:
                parsed = _parse_hhmm(cutoff, f"{key}.cutoff")
                cutoff = f"{parsed.hour:02d}:{parsed.minute:02d}"
        result[str(code).strip()] = DueRuleOverride(same_day=same_day, cutoff=cutoff)
    return result


def parse_site_config(data: dict[str, Any]) -> SiteConfig:
    site = data.get("site", {})
    kwargs: dict[str, Any] = {}
    for key in (
        "agency_code",
        "agency_name",
        "parent_agency_name",
        "place_name",
        "counter_id",
        "timezone",
        "language",
        "tracking_url",
    ):
        if key in site:
            kwargs[key] = str(site[key])
    if "url" in data.get("portal", {}):
        kwargs["portal_url"] = str(data["portal"]["url"])
    working = data.get("working_time")
    if working:
        sessions = tuple(
            (_parse_hhmm(s[0], "working_time.sessions"), _parse_hhmm(s[1], "working_time.sessions"))
            for s in working.get("sessions", [])
        ) or WorkingTime().sessions
        weekdays = _weekdays(working.get("weekdays", [0, 1, 2, 3, 4]), "working_time.weekdays")
        counting = _weekdays(working.get("counting_weekdays", [0, 1, 2, 3, 4]), "working_time.counting_weekdays")
        kwargs["working_time"] = WorkingTime(sessions=sessions, weekdays=weekdays, counting_weekdays=counting)
    blocks = data.get("numbering", {}).get("blocks")
    if blocks is not None:
        try:
            kwargs["number_blocks"] = tuple(NumberBlock(int(b[0]), int(b[1])) for b in blocks)
        except (TypeError, ValueError, IndexError) as exc:
            raise ConfigError("numbering.blocks: cần danh sách [đầu, cuối] / expected [[first, last], ...]") from exc
    if "due_rules" in data:
        kwargs["due_rules"] = _due_rules(data["due_rules"])
    if "timezone" in kwargs:
        try:
            ZoneInfo(kwargs["timezone"])
        except Exception as exc:  # ZoneInfoNotFoundError, ValueError
            raise ConfigError(f"site.timezone: múi giờ không hợp lệ / unknown zone {kwargs['timezone']!r}") from exc
    return SiteConfig(raw=data, **kwargs)


def load_site_config(data_dir: Path) -> SiteConfig:
    """The machine-wide site file, then `<data_dir>/site.toml`, checked and merged."""
    from dataclasses import replace

    from counterapp.settings.layers import load_layers

    layers = load_layers(Path(data_dir))
    for message in layers.ignored:  # reported, never fatal: the counter must still open
        logging.getLogger(__name__).warning("%s", message)
    config = parse_site_config(layers.data)
    return replace(config, sources=layers.sources, locked=layers.locked, ignored=layers.ignored, files=layers.files)
