"""How values look on paper: times, dates, money in figures and in words."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from num2words import num2words

DATETIME_FORMAT = "%H:%M %d/%m/%Y"
DATE_FORMAT = "%d/%m/%Y"


def local(value: datetime, zone: tzinfo) -> datetime:
    """An aware instant shown in the site zone. A naive one is refused (it has no meaning)."""
    if value.tzinfo is None:
        raise ValueError("thời điểm thiếu múi giờ / naive datetime cannot be placed in a zone")
    return value.astimezone(zone)


def format_datetime(value: datetime | None, zone: tzinfo) -> str:
    """`09:15 28/11/2026` in the site zone (hh:mm dd/mm/yyyy, as the receipt prints it)."""
    if value is None:
        return ""
    return local(value, zone).strftime(DATETIME_FORMAT)


def format_date(value: date | datetime | None, zone: tzinfo | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if zone is None:
            raise ValueError("cần múi giờ / zone needed to show an instant's date")
        value = local(value, zone).date()
    return value.strftime(DATE_FORMAT)


def format_number(amount: int) -> str:
    """Vietnamese digit grouping: 1.350.000."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")


def format_vnd(amount: int) -> str:
    """`135.000 đồng`."""
    return f"{format_number(amount)} đồng"


def amount_in_words(amount: int) -> str:
    """`Một trăm ba mươi lăm nghìn đồng` (num2words, capitalised, with the currency)."""
    amount = int(amount)
    words = num2words(abs(amount), lang="vi")
    if amount < 0:
        words = "âm " + words
    words = words[:1].upper() + words[1:]
    return f"{words} đồng"


def long_date(value: date) -> str:
    """`ngày 28 tháng 11 năm 2026`.

    Day below 10 and months 1 and 2 get a leading zero, as administrative documents
    write them (NĐ 30/2020/NĐ-CP): `ngày 05 tháng 02 năm 2026`.
    """
    day = f"{value.day:02d}" if value.day < 10 else str(value.day)
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def long_datetime(value: datetime | None, zone: tzinfo) -> str:
    """`14 giờ 30 phút, ngày 30 tháng 11 năm 2026` in the site zone: a time as the forms of
    TT 03/2025/TT-VPCP write it ("... giờ ... phút, ngày ... tháng ... năm ...")."""
    if value is None:
        return ""
    moment = local(value, zone)
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {long_date(moment.date())}"


def place_date_line(place: str, value: date) -> str:
    """`Hạ Long, ngày 28 tháng 11 năm 2026`."""
    return f"{place}, {long_date(value)}" if place else long_date(value)[:1].upper() + long_date(value)[1:]


def display_value(value: Any, zone: tzinfo) -> str:
    """How the template engine prints a non-string value."""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime):
        return format_datetime(value, zone)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
