"""Checks at the core's edge: what a value must be before the core stores or computes with it.

Why a module of its own: a fault-injection run (issue 13) fed 320 bad inputs to the command
line and 22 ended in a traceback, because each layer trusted the one before: an integer
of 2^63 reached SQLite ("Python int too large to convert to SQLite INTEGER"), a year 0 or
9999 reached `date()` arithmetic, a duration of 1e308 became an infinite number of minutes,
a catalog time limit of 1e300 was stored and then crashed every intake of that procedure, a
1,000-character `uuid` was accepted and parked that dossier's sync forever, and
Arabic-Indic digits ("٠٠١...") passed as an ID number because Python's `\\d` is Unicode.
The intake request, the catalog import, the calendar and the CLI's argument parsing call
the functions here, so each bound is written once.

Every message is for an officer: Vietnamese first, then English.
"""

from __future__ import annotations

import argparse
import json
import math
import uuid as uuid_module
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

YEAR_MIN = 1900
YEAR_MAX = 2100
RECEIPT_YEAR_MIN = 2000
"""A dossier code writes the receipt year in two digits (H49.22-261201-0001): only the years
2000..2099 are unambiguous, so a receipt outside them is refused (1800 and 2000 gave the same
"000302")."""
RECEIPT_YEAR_MAX = 2099

SQLITE_INT_MAX = 2**63 - 1
MONEY_MAX_VND = 10**12
"""A fee or amount in VND: a thousand billion is far above any fee and far below SQLite's int64."""
COUNT_MAX = 1_000
"""Originals, copies, sets of a dossier."""
LIMIT_MAX = 1_000_000
"""--limit of a listing."""
DPI_MAX = 4_800
TIME_LIMIT_DAYS_MAX = 3_650
"""A procedure's time limit (THOIGIANGIAIQUYET): ten years in days; longer is a typing error."""
TIME_LIMIT_HOURS_MAX = TIME_LIMIT_DAYS_MAX * 24
JSON_DEPTH_MAX = 64
"""Nesting of a JSON file we read (an intake is 3 deep, a catalog record 5)."""

UUID_MAX_LENGTH = 36
TEXT_MAX = {
    "short": 200,  # names, codes, phone, e-mail, ID numbers
    "line": 500,  # an address, a document's name
    "long": 4_000,  # a summary, a note, a reason
}


class InvalidValue(ValueError):
    """A value refused at the edge; str() is the officer's message (Vietnamese / English)."""


def _msg(vi: str, en: str) -> str:
    return f"{vi} / {en}"


# --------------------------------------------------------------------------- text
def unicode_problem(text: str) -> str | None:
    """Text that cannot be stored or searched: lone surrogates (what Python makes of invalid
    UTF-8 on a command line), NUL, or Unicode noncharacters such as U+10FFFF."""
    for ch in text:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            return _msg("Văn bản không phải UTF-8 hợp lệ", "the text is not valid UTF-8")
        if code == 0 or (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
            return _msg(f"Ký tự không hợp lệ U+{code:04X}", f"invalid character U+{code:04X}")
    return None


def text_problem(value: Any, kind: str = "short") -> str | None:
    """None when `value` is None or sane text of at most TEXT_MAX[kind] characters."""
    if value is None:
        return None
    if not isinstance(value, str):
        return _msg("Phải là chuỗi ký tự", "must be text")
    limit = TEXT_MAX[kind]
    if len(value) > limit:
        return _msg(f"Quá dài ({len(value)} ký tự, tối đa {limit})", f"too long ({len(value)} characters, at most {limit})")
    return unicode_problem(value)


def ascii_digits_problem(value: str | None) -> str | None:
    """ID numbers, phone numbers, tax codes: digits must be 0-9 (not "٣", "３", "²")."""
    if value is None:
        return None
    for ch in value:
        if ch.isdigit() and not ("0" <= ch <= "9"):
            return _msg(f"Chữ số phải là 0-9 (có ký tự {ch!r})", f"digits must be 0-9 (found {ch!r})")
    return None


# --------------------------------------------------------------------------- identities
def uuid_problem(value: Any) -> str | None:
    """A client-made identity must be a UUID in its canonical 36-character form."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > UUID_MAX_LENGTH:
        return _msg("Mã định danh (uuid) không hợp lệ", "uuid is not a UUID")
    try:
        parsed = uuid_module.UUID(value)
    except ValueError:
        return _msg("Mã định danh (uuid) không hợp lệ", "uuid is not a UUID")
    if str(parsed) != value.lower():
        return _msg("Mã định danh (uuid) phải có dạng 8-4-4-4-12", "uuid must be in the 8-4-4-4-12 form")
    return None


# --------------------------------------------------------------------------- numbers
def int_problem(value: Any, low: int, high: int) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return _msg("Phải là số nguyên", "must be a whole number")
    if not low <= value <= high:
        return _msg(f"Phải từ {low} đến {high} (nhận được {value})", f"must be {low} to {high} (got {value})")
    return None


def time_limit_problem(amount: float, unit: str | None = None) -> str | None:
    """A procedure's time limit: a finite number, 0 .. 3,650 days (or as many hours)."""
    if isinstance(amount, bool) or not isinstance(amount, (int, float)) or not math.isfinite(amount):
        return _msg("Thời hạn phải là một số", "the time limit must be a number")
    hours = bool(unit) and "giờ" in unit.lower() or (unit or "").lower() in ("workhour", "hour")
    high = TIME_LIMIT_HOURS_MAX if hours else TIME_LIMIT_DAYS_MAX
    if not 0 <= amount <= high:
        what = "giờ" if hours else "ngày"
        return _msg(f"Thời hạn phải từ 0 đến {high} {what} (nhận được {amount:g})",
                    f"the time limit must be 0 to {high} {'hours' if hours else 'days'} (got {amount:g})")
    return None


# --------------------------------------------------------------------------- dates
def year_problem(year: int, low: int = YEAR_MIN, high: int = YEAR_MAX) -> str | None:
    if not low <= year <= high:
        return _msg(f"Năm phải từ {low} đến {high} (nhận được {year})", f"the year must be {low} to {high} (got {year})")
    return None


def date_problem(value: date | datetime | None, low: int = YEAR_MIN, high: int = YEAR_MAX) -> str | None:
    return None if value is None else year_problem(value.year, low, high)


def receipt_problem(value: datetime | None, now: datetime | None = None) -> str | None:
    """A receipt time: years 2000..2099 (the code's two-digit year) and, given `now`, not after it."""
    if value is None:
        return None
    problem = year_problem(value.year, RECEIPT_YEAR_MIN, RECEIPT_YEAR_MAX)
    if problem:
        return _msg(f"Năm tiếp nhận phải từ 2000 đến 2099, vì mã hồ sơ ghi năm bằng 2 chữ số (nhận được {value.year})",
                    f"the year of receipt must be 2000 to 2099: the dossier code writes it in 2 digits (got {value.year})")
    if now is not None and value.tzinfo is not None and value > now:
        return _msg("Thời điểm tiếp nhận ở tương lai", "received_at is in the future")
    return None


def check(problem: str | None, field: str | None = None) -> None:
    """Raise InvalidValue for a problem (prefixed with the field's name when given)."""
    if problem:
        raise InvalidValue(f"{field}: {problem}" if field else problem)


# --------------------------------------------------------------------------- JSON
def json_depth_problem(value: Any, limit: int = JSON_DEPTH_MAX) -> str | None:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return _msg(f"Dữ liệu JSON lồng nhau quá sâu (hơn {limit} tầng)", f"the JSON is nested too deeply (over {limit} levels)")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return None


def loads_json(data: str | bytes, name: str = "") -> Any:
    """json.loads for files from outside: bytes must be UTF-8 (a BOM is fine), nesting is
    bounded, and every failure is an InvalidValue with a message (never RecursionError or
    UnicodeDecodeError)."""
    label = f"Tệp {name} " if name else "Dữ liệu "
    label_en = f"{name} " if name else "the data "
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidValue(_msg(f"{label}không phải văn bản UTF-8 (byte {exc.start})",
                                    f"{label_en}is not UTF-8 text (byte {exc.start})")) from None
    try:
        value = json.loads(data)
    except json.JSONDecodeError as exc:
        raise InvalidValue(_msg(f"{label}không phải JSON hợp lệ (dòng {exc.lineno})",
                                f"{label_en}is not valid JSON (line {exc.lineno}): {exc.msg}")) from None
    except RecursionError:
        raise InvalidValue(_msg(f"{label}lồng nhau quá sâu", f"{label_en}is nested too deeply")) from None
    check(json_depth_problem(value))
    return value


# --------------------------------------------------------------------------- command line
def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse `type=`: a whole number in low..high, else a usage error (exit 2)."""

    def parse(text: str) -> int:
        try:
            if not text.isascii():  # int() takes "١٩٩٩" and "１９９９"
                raise ValueError(text)
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(_msg(f"{text!r} không phải số nguyên", "not a whole number")) from None
        problem = int_problem(value, low, high)
        if problem:
            raise argparse.ArgumentTypeError(problem)
        return value

    parse.__name__ = "số nguyên / whole number"  # argparse names the type in its message
    return parse


def argv_problem(argv: list[str]) -> str | None:
    """Arguments that are not valid UTF-8 (Python keeps such bytes as lone surrogates)."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
            return _msg(f"Tham số không phải UTF-8 hợp lệ: {shown!r}", f"an argument is not valid UTF-8: {shown!r}")
    return None


# --------------------------------------------------------------------------- intake request
_APPLICANT_TEXT = {
    "name": "short", "id_number": "short", "old_id_number": "short", "sex": "short", "phone": "short",
    "email": "short", "province_code": "short", "province_name": "short", "commune_code": "short",
    "commune_name": "short", "street": "line", "address": "line", "org_name": "line", "tax_code": "short",
    "representative": "short", "kind": "short",
}
_DIGIT_FIELDS = ("id_number", "old_id_number", "phone", "tax_code", "province_code", "commune_code")


def _at_most(value: int | None, high: int) -> str | None:
    if value is None or value <= high:
        return None
    return _msg(f"Không được quá {high} (nhận được {value})", f"must be at most {high} (got {value})")


def intake_problems(req: Any, now: datetime | None = None) -> list[tuple[str, str]]:
    """(field, message) for every value of an IntakeRequest outside its bounds: the
    identity, the receipt time, counts and amounts, text lengths, ASCII digits.
    (intake_request.validate_intake checks the meaning; this checks the edges.)"""
    problems: list[tuple[str, str]] = []

    def add(field: str, problem: str | None) -> None:
        if problem:
            problems.append((field, problem))

    add("uuid", uuid_problem(req.uuid))
    add("draft_uuid", uuid_problem(req.draft_uuid))
    add("received_at", receipt_problem(req.received_at, now))
    add("sets_count", _at_most(req.sets_count, COUNT_MAX))  # below 1: validate_intake says so
    add("channel", int_problem(req.channel, 0, 99))
    for name in ("procedure_code", "officer", "lead_agency_name"):
        add(name, text_problem(getattr(req, name), "short"))
    for name in ("summary", "notes"):
        add(name, text_problem(getattr(req, name), "long"))
    cases = req.case_name if isinstance(req.case_name, list) else [req.case_name]
    for i, case in enumerate([*cases, *req.applicable_cases]):
        add(f"case_name.{i}", text_problem(case, "line"))
    if len(cases) + len(req.applicable_cases) > COUNT_MAX:
        add("applicable_cases", _msg("Quá nhiều trường hợp", "too many cases"))
    a = req.applicant
    for name, kind in _APPLICANT_TEXT.items():
        value = getattr(a, name, None)
        add(f"applicant.{name}", text_problem(value, kind))
        if name in _DIGIT_FIELDS and isinstance(value, str):
            add(f"applicant.{name}", ascii_digits_problem(value))
    if isinstance(a.date_of_birth, (date, datetime)):
        add("applicant.date_of_birth", date_problem(a.date_of_birth))
    documents = req.documents or []
    if len(documents) > COUNT_MAX:
        add("documents", _msg(f"Quá nhiều giấy tờ (tối đa {COUNT_MAX})", f"too many documents (at most {COUNT_MAX})"))
        documents = []
    for i, doc in enumerate(documents):
        for name in ("originals", "copies", "required_originals", "required_copies"):
            add(f"documents.{i}.{name}", _at_most(getattr(doc, name), COUNT_MAX))  # negative: validate_intake
        for name, kind in (("document_code", "short"), ("name", "line"), ("form", "short"), ("note", "long")):
            add(f"documents.{i}.{name}", text_problem(getattr(doc, name), kind))
    fees = req.fees or []
    if len(fees) > COUNT_MAX:
        add("fees", _msg(f"Quá nhiều khoản phí (tối đa {COUNT_MAX})", f"too many fees (at most {COUNT_MAX})"))
        fees = []
    for i, fee in enumerate(fees):
        add(f"fees.{i}.amount_vnd", _at_most(fee.amount_vnd, MONEY_MAX_VND))  # negative, quantity: validate_intake
        add(f"fees.{i}.unit_amount_vnd", _at_most(fee.unit_amount_vnd, MONEY_MAX_VND))
        for name, kind in (("code", "short"), ("name", "line"), ("unit", "short"), ("method", "short"), ("kind", "short")):
            add(f"fees.{i}.{name}", text_problem(getattr(fee, name), kind))
    return problems
