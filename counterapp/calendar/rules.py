"""Which rule gives a procedure's appointment, read from its national record, and in words.

Why: the same "1 Ngày làm việc" means "by the close of today" for a birth registration
whose time text reads "Ngay trong ngày tiếp nhận; trường hợp nhận hồ sơ sau 15 giờ thì trả
kết quả trong ngày làm việc tiếp theo" (NĐ 23/2015 art. 7 style), and "8 working hours
later" for another. The officer must see which rule produced the date, so every rule
carries a short explanation ("rule_text", Vietnamese / English) stored with the dossier.

Sources, strongest first:
1. the site's override in site.toml, per procedure code:
       [due_rules."1.001193"]
       same_day = true        # or false: never same-day, whatever the text says
       cutoff = "15:00"       # "" = no cut-off even if the catalog gives one
2. the catalog: `GIOTIEPNHANTOIDA` (the procedure's cut-off), then what the importer read
   from the time text `MOTA` (`read_time_text`, stored on the time limit);
3. a time limit of 0 is same-day.

`DueRule.compute` gives the appointment; `DueRule.to_json` is what the dossier keeps
(with the calendar snapshot), and `DueRule.from_json` reads it back, so a dossier's
rule stays the one in force at receipt.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from counterapp.calendar.duedate import DurationUnit, _fold, compute_due, parse_cutoff, unit_from_catalog
from counterapp.calendar.working_time import WorkingCalendar

if TYPE_CHECKING:
    from counterapp.catalog.models import Procedure, TimeLimit
    from counterapp.config import SiteConfig

RULE_SAME_DAY = "same_day"
RULE_WORKING_TIME = "working_time"
RULE_CALENDAR_DAYS = "calendar_days"

FROM_SITE = "site"
FROM_CATALOG = "catalog"  # GIOTIEPNHANTOIDA
FROM_TEXT = "catalog_text"  # read from the time text (MOTA)
FROM_ZERO = "zero"  # a time limit of 0
FROM_INPUT = "input"  # given by hand (the `duedate` command)

# "... thì trả kết quả trong ngày làm việc tiếp theo": the cut-off clause, not a same-day rule.
_NEXT_DAY = re.compile(r"trong (?:01 |1 |mot )?ngay lam viec tiep theo")
_SAME_DAY = re.compile(r"(?:^|\b)(?:ngay trong ngay|trong ngay|tra ngay|giai quyet ngay)\b")
# "(tiếp) nhận hồ sơ sau 15 giờ", "nhận sau 15h30", "sau 16 giờ 30 phút"
_CUTOFF = re.compile(r"nhan[^;.]*?\bsau (\d{1,2}) ?(?:gio|h)(?: ?(\d{1,2}))?")

_WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class TimeText:
    """What a national time text (MOTA) says about the appointment."""

    same_day: bool = False
    cutoff: time | None = None


def read_time_text(text: str | None) -> TimeText:
    """Read "ngay trong ngày" / "trong ngày" / "trả ngay" (same day) and "nhận ... sau N giờ"
    (cut-off) from a time text.

    Same-day counts only when the text opens with it ("Ngay trong ngày tiếp nhận; ..."): a
    later clause such as "bổ sung thông tin hộ tịch được giải quyết ngay trong ngày" is a
    side case of a longer procedure.
    """
    if not text or not str(text).strip():
        return TimeText()
    folded = _fold(str(text))
    first = next((c.strip() for c in re.split(r"[;.\n]", folded) if c.strip()), "")
    same_day = bool(_SAME_DAY.search(_NEXT_DAY.sub(" ", first)))
    cutoff = None
    match = _CUTOFF.search(folded)
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2) or 0)
        if hours < 24 and minutes < 60:
            cutoff = time(hours, minutes)
    return TimeText(same_day=same_day, cutoff=cutoff)


def hhmm(value: time | None) -> str | None:
    return None if value is None else f"{value.hour:02d}:{value.minute:02d}"


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _days_text(days: frozenset[int] | None) -> tuple[str, str]:
    wanted = sorted(days or ())
    if wanted and wanted == list(range(wanted[0], wanted[-1] + 1)) and len(wanted) > 2:
        return (f"{_WEEKDAYS_VI[wanted[0]]}–{_WEEKDAYS_VI[wanted[-1]]}",
                f"{_WEEKDAYS_EN[wanted[0]]}–{_WEEKDAYS_EN[wanted[-1]]}")
    return ", ".join(_WEEKDAYS_VI[d] for d in wanted), ", ".join(_WEEKDAYS_EN[d] for d in wanted)


_UNIT_VI = {DurationUnit.WORKDAY: "ngày làm việc", DurationUnit.WORKHOUR: "giờ làm việc", DurationUnit.DAY: "ngày"}
_UNIT_EN = {DurationUnit.WORKDAY: "working day", DurationUnit.WORKHOUR: "working hour", DurationUnit.DAY: "day"}
_FROM_VI = {FROM_SITE: "theo cấu hình của đơn vị", FROM_CATALOG: "theo danh mục thủ tục",
            FROM_TEXT: "theo mô tả thời hạn trong danh mục", FROM_ZERO: "thời hạn 0", FROM_INPUT: "theo lệnh"}
_FROM_EN = {FROM_SITE: "site setting", FROM_CATALOG: "catalog", FROM_TEXT: "catalog's time text",
            FROM_ZERO: "time limit of 0", FROM_INPUT: "as given"}


@dataclass(frozen=True)
class DueRule:
    """The rule that gives one procedure's appointment, and where each part came from."""

    amount: float
    unit: DurationUnit
    unit_text: str = ""
    same_day: bool = False
    cutoff: time | None = None
    same_day_from: str = ""
    cutoff_from: str = ""

    @property
    def kind(self) -> str:
        if self.same_day or self.amount == 0:
            return RULE_SAME_DAY
        return RULE_CALENDAR_DAYS if self.unit is DurationUnit.DAY else RULE_WORKING_TIME

    def compute(self, received_at: datetime, calendar: WorkingCalendar) -> datetime:
        return compute_due(received_at, self.amount, self.unit, calendar, self.cutoff, same_day=self.same_day)

    def rule_text(self, calendar: WorkingCalendar | None = None) -> str:
        """One line for the officer: "tiếng Việt / English"."""
        cut = hhmm(self.cutoff)
        kind = self.kind
        if kind == RULE_SAME_DAY:
            vi = "Trả trong ngày: hẹn cuối giờ làm việc của ngày tiếp nhận"
            en = "Same day: due at the close of the receiving working day"
            if cut:
                vi += f"; nhận từ {cut} trở đi thì hẹn cuối giờ ngày làm việc tiếp theo"
                en += f"; received at or after {cut}, at the close of the next working day"
            source = self.same_day_from or FROM_ZERO
        elif kind == RULE_CALENDAR_DAYS:
            n = _number(self.amount)
            vi = (f"{n} ngày theo lịch (tính cả ngày nghỉ), hẹn cuối giờ làm việc; ngày cuối rơi vào "
                  "ngày nghỉ cuối tuần hoặc nghỉ lễ thì chuyển sang ngày làm việc tiếp theo (BLDS 2015, Điều 148)")
            en = (f"{n} calendar day{'' if self.amount <= 1 else 's'} (days off count), due at the close of the working day; a last day on a "
                  "weekend or holiday moves to the next working day (Civil Code 2015, art. 148)")
            if cut:
                vi += f"; nhận từ {cut} trở đi tính từ ngày làm việc tiếp theo"
                en += f"; received at or after {cut} counts from the next working day"
            source = self.cutoff_from if cut else ""
        else:
            n = _number(self.amount)
            days_vi, days_en = _days_text(calendar.counting_weekdays if calendar else frozenset(range(5)))
            vi = (f"{n} {_UNIT_VI[self.unit]}, chỉ tính giờ làm việc {days_vi}, trừ ngày nghỉ lễ, "
                  "tính cả ngày làm bù")
            plural = "" if self.amount <= 1 else "s"
            en = (f"{n} {_UNIT_EN[self.unit]}{plural}, counted in working hours {days_en}, holidays excluded, "
                  "make-up days included")
            if cut:
                vi += f"; nhận từ {cut} trở đi tính từ ngày làm việc tiếp theo"
                en += f"; received at or after {cut} counts from the next working day"
            source = self.cutoff_from if cut else ""
        if source:
            vi += f" ({_FROM_VI.get(source, source)})"
            en += f" ({_FROM_EN.get(source, source)})"
        return f"{vi} / {en}"

    def to_json(self, calendar: WorkingCalendar | None = None) -> dict[str, Any]:
        """The rule as the dossier keeps it (due_rule_json), with its explanation."""
        return {
            "rule": self.kind,
            "amount": self.amount,
            "unit": self.unit.value,
            "unit_text": self.unit_text or _UNIT_VI[self.unit],
            "same_day": self.same_day,
            "cutoff": hhmm(self.cutoff),
            "rule_source": {"same_day": self.same_day_from or None, "cutoff": self.cutoff_from or None},
            "rule_text": self.rule_text(calendar),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DueRule:
        """Read back `to_json()` output, or an older dossier's rule (no same_day: not same-day)."""
        source = data.get("rule_source") or {}
        return cls(
            amount=float(data["amount"]),
            unit=DurationUnit(data["unit"]),
            unit_text=str(data.get("unit_text") or ""),
            same_day=bool(data.get("same_day", False)),
            cutoff=parse_cutoff(data.get("cutoff")),
            same_day_from=str(source.get("same_day") or ""),
            cutoff_from=str(source.get("cutoff") or ""),
        )


def due_from_stored(rule: Mapping[str, Any], received_at: datetime) -> datetime:
    """Recompute a dossier's appointment from its stored rule and calendar snapshot."""
    return DueRule.from_json(rule).compute(received_at, WorkingCalendar.from_snapshot(rule["calendar"]))


def time_limit_rule(limit: TimeLimit) -> TimeText:
    """What the importer recorded for this time limit, or (older imports) read now from its text."""
    if getattr(limit, "same_day", None) is not None:
        return TimeText(bool(limit.same_day), parse_cutoff(getattr(limit, "cutoff_time", None)))
    return read_time_text(limit.description)


def procedure_due_rule(procedure: Procedure, limit: TimeLimit, config: SiteConfig | None = None) -> DueRule:
    """The rule in force for `procedure` with the given time limit: site override, then catalog.

    ValueError (vi / en) for an unknown unit or a bad cut-off in the catalog.
    """
    amount = float(limit.amount)
    unit = unit_from_catalog(limit.unit)
    text = time_limit_rule(limit)
    same_day, same_day_from = False, ""
    if amount == 0:
        same_day, same_day_from = True, FROM_ZERO
    elif text.same_day:
        same_day, same_day_from = True, FROM_TEXT
    cutoff: time | None = None
    cutoff_from = ""
    if procedure.cutoff_time:
        cutoff, cutoff_from = parse_cutoff(procedure.cutoff_time), FROM_CATALOG
    elif text.cutoff is not None:
        cutoff, cutoff_from = text.cutoff, FROM_TEXT
    override = config.due_rules.get(procedure.code) if config is not None else None
    if override is not None:
        if override.same_day is not None:
            same_day, same_day_from = override.same_day, FROM_SITE
        if override.cutoff is not None:
            cutoff, cutoff_from = parse_cutoff(override.cutoff), FROM_SITE
            if cutoff is None:
                cutoff_from = ""
    return DueRule(amount, unit, limit.unit, same_day, cutoff, same_day_from, cutoff_from)


__all__ = [
    "DueRule",
    "TimeText",
    "due_from_stored",
    "procedure_due_rule",
    "read_time_text",
    "time_limit_rule",
]
