"""What an intake says, and whether it can be received: the request's shape (JSON-loadable,
pydantic), the officer-facing errors, and the field checks (ID numbers, dates, phone, fees).

Split from intake.py (which builds and records the dossier) because the window, the CLI and
the completion-request register all validate the same request before anything is written.
Messages are Vietnamese first, then English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from counterapp import validation
from counterapp.catalog.folding import fold
from counterapp.catalog.models import Procedure
from counterapp.clock import site_today
from counterapp.db.base import utcnow
from counterapp.dossiers import admin_units
from counterapp.dossiers.fee_units import QUANTITY_MAX
from counterapp.dossiers.models import (
    DOCUMENT_FORMS,
    Dossier,
)
from counterapp.dossiers.queries import normalize_phone
from counterapp.dossiers.subject import SubjectIn, subject_kind, validate_subject

FEE_METHODS = ("cash", "transfer", "online", "pos", "free")
CHANNELS = (1, 3)

OP_CREATE = "dossier.create"
OP_STATUS = "dossier.status"
OP_UPDATE = "dossier.update"
_FUTURE_SLACK = timedelta(minutes=5)

_ID12 = re.compile(r"\d{12}")
_OLD_ID = re.compile(r"\d{9}|\d{12}")
_PHONE = re.compile(r"0\d{9,10}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_TAX = re.compile(r"\d{10}(-?\d{3})?|\d{12}")


# --------------------------------------------------------------------------- errors
@dataclass(frozen=True)
class FieldError:
    field: str
    """Dotted path in the request: "applicant.id_number", "documents.2.form", ..."""
    message: str
    """Vietnamese / English."""

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class IntakeError(ValueError):
    """The request was refused; nothing was written. `errors` says why, field by field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


class IncompleteDossier(IntakeError):
    """A required document is missing: the dossier is not received (NĐ 118/2025, TT 03/2025:
    the counter issues form 02, the request to complete). Nothing was written.
    `missing`: [{"name", "document_code", "originals", "copies"}] still to hand in."""

    def __init__(self, missing: list[dict[str, Any]]) -> None:
        names = "; ".join(m["name"] for m in missing)
        super().__init__([FieldError(
            "documents",
            f"Hồ sơ chưa đầy đủ, không tiếp nhận. Còn thiếu: {names}. Lập Phiếu yêu cầu bổ sung, hoàn thiện "
            f"hồ sơ (mẫu 02) hoặc từ chối tiếp nhận (mẫu 03) / incomplete dossier, not received; "
            f"missing: {names}. Issue a request to complete (form 02) or a refusal (form 03)",
        )])
        self.missing = missing


class DossierNotFound(LookupError):
    def __init__(self, code: str) -> None:
        super().__init__(f"Không tìm thấy hồ sơ {code} / no dossier with code {code}")
        self.code = code


class StatusError(ValueError):
    """A status change that is not allowed from the dossier's current status."""


# --------------------------------------------------------------------------- request
class ApplicantIn(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    kind: str = "citizen"  # "citizen" | "organization"
    name: str | None = None
    id_number: str | None = None
    old_id_number: str | None = None
    date_of_birth: str | date | None = None  # ISO "1990-01-31" or "31/01/1990"
    sex: str | None = None
    phone: str | None = None
    email: str | None = None
    province_code: str | None = None
    province_name: str | None = None
    commune_code: str | None = None
    commune_name: str | None = None
    street: str | None = None
    address: str | None = None
    org_name: str | None = None
    tax_code: str | None = None
    representative: str | None = None


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    document_code: str | None = None
    name: str | None = None
    form: str = "original"  # "original" | "certified_copy" | "photocopy"
    originals: int = 0
    copies: int = 0
    note: str | None = None
    required_originals: int | None = None  # default: the catalog's SOBANCHINH for this document
    required_copies: int | None = None  # default: the catalog's SOBANSAO
    missing: bool | None = None  # default: fewer received than required (see _is_missing)


class FeeIn(BaseModel):
    """One fee line. A per-copy fee (counterapp.dossiers.fee_units) carries `quantity`
    copies: the recorded amount is `unit_amount_vnd` (default: `amount_vnd`, the catalog's
    price of one) x `quantity`."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    code: str | None = None
    name: str | None = None
    amount_vnd: int = 0
    quantity: int = 1
    unit_amount_vnd: int | None = None
    unit: str | None = None  # the catalog's DONVI, "Đồng/bản"
    method: str = "cash"
    kind: str | None = None
    paid: bool = False


class IntakeRequest(BaseModel):
    """What the officer filled in. JSON shape = these field names.

    - `documents` given: the checklist exactly as the officer filled it, one line per
      document that applies (0 received = not handed in). A line is missing when fewer
      originals, or fewer originals + copies, were received than the catalog (or the
      line's `required_originals` / `required_copies`) asks, unless it is a conditional
      document whose case is not in `applicable_cases`; `missing` overrides.
    - `documents` omitted (null): the catalog's list for `case_name` (all groups when
      none is named; conditional documents only when their case applies) taken as
      received in full. Only for a dossier known complete.
    - a request with a missing document is not received: `create_dossier` raises
      IncompleteDossier (nothing written); the counter issues form 02 instead
      (counterapp.dossiers.completion).
    - `fees` omitted: the procedure's fees for the channel, unpaid, cash.
    - `received_at` omitted: now. A naive value is read in the site zone.
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    procedure_code: str | None = None
    case_name: str | list[str] | None = None  # TRUONGHOP group(s) whose documents apply
    applicable_cases: list[str] = Field(default_factory=list)
    """Cases the officer ticked: TRUONGHOP group names, or codes / names of conditional
    documents (counterapp.dossiers.conditions). A conditional document is required (can be
    missing) only when its case is listed here (or its group is named in `case_name`)."""
    applicant: ApplicantIn = Field(default_factory=ApplicantIn)
    subject: SubjectIn | None = None
    """The person the procedure is about when not the applicant, with the applicant's
    relationship to them (counterapp/dossiers/subject.py)."""
    channel: int = 1
    documents: list[DocumentIn] | None = None
    fees: list[FeeIn] | None = None
    summary: str | None = None
    notes: str | None = None
    sets_count: int = 1
    received_at: datetime | None = None
    officer: str | None = None
    uuid: str | None = None  # client-made identity; made here when absent
    draft_uuid: str | None = None  # the draft this intake came from (deleted on success)
    lead_agency_name: str | None = None


_PYDANTIC_MESSAGES = {
    "int_parsing": ("phải là số nguyên", "must be a whole number"),
    "int_type": ("phải là số nguyên", "must be a whole number"),
    "int_from_float": ("phải là số nguyên", "must be a whole number"),
    "bool_parsing": ("phải là có/không", "must be true or false"),
    "datetime_parsing": ("thời điểm không hợp lệ", "not a valid date and time"),
    "datetime_from_date_parsing": ("thời điểm không hợp lệ", "not a valid date and time"),
    "datetime_type": ("thời điểm không hợp lệ", "not a valid date and time"),
    "list_type": ("phải là danh sách", "must be a list"),
    "model_type": ("phải là đối tượng", "must be an object"),
    "model_attributes_type": ("phải là đối tượng", "must be an object"),
    "dict_type": ("phải là đối tượng", "must be an object"),
    "string_type": ("phải là chuỗi ký tự", "must be text"),
}


def load_request(data: IntakeRequest | Mapping[str, Any] | str | bytes) -> IntakeRequest:
    """An IntakeRequest from a dict or JSON text; IntakeError with field messages if malformed."""
    if isinstance(data, IntakeRequest):
        return data
    try:
        if isinstance(data, (str, bytes)):
            return IntakeRequest.model_validate_json(data)
        return IntakeRequest.model_validate(data)
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            path = ".".join(str(p) for p in err["loc"]) or "request"
            vi, en = _PYDANTIC_MESSAGES.get(err["type"], ("giá trị không hợp lệ", err.get("msg", "invalid value")))
            errors.append(FieldError(path, f"{vi} / {en}"))
        if not errors:
            errors.append(FieldError("request", "Dữ liệu không hợp lệ / invalid request"))
        raise IntakeError(errors) from None


# --------------------------------------------------------------------------- validation
def parse_date(value: str | date | None) -> date | None:
    """A date from "YYYY-MM-DD", "DD/MM/YYYY", "DD-MM-YYYY" or "DDMMYYYY"; ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text) or re.fullmatch(r"(\d{2})(\d{2})(\d{4})", text)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    raise ValueError(text)


def _blank(value: str | None) -> bool:
    return value is None or not str(value).strip()


def _find_procedure(session: Session, code: str) -> Procedure | None:
    return session.scalar(
        select(Procedure)
        .where(Procedure.code == code)
        .options(selectinload(Procedure.channels), selectinload(Procedure.documents), selectinload(Procedure.fields))
    )


def _time_limit(procedure: Procedure, channel: int):  # noqa: ANN202
    """The time limit of the channel (post falls back to direct), or None."""
    for kind in (channel, 1) if channel != 1 else (1,):
        ch = procedure.channel(kind)
        if ch is not None and ch.time_limits:
            return ch.time_limits[0]
    return None


def _cccd_century_year(id_number: str) -> tuple[int, str] | None:
    """Birth year and sex encoded in a 12-digit ID number (digit 4 = century+sex, 5-6 = year)."""
    code = int(id_number[3])
    century = 1900 + (code // 2) * 100
    sex = "Nam" if code % 2 == 0 else "Nữ"
    return century + int(id_number[4:6]), sex


def _sex_folded(value: str | None) -> str | None:
    f = fold(value)
    if f in ("nam", "male", "m"):
        return "Nam"
    if f in ("nu", "female", "f"):
        return "Nữ"
    return None


def validate_intake(session: Session, request: IntakeRequest | Mapping[str, Any]) -> list[FieldError]:
    """Every problem with the request, field by field ([] = fine). Reads the catalog only."""
    try:
        req = load_request(request)
    except IntakeError as exc:
        return exc.errors
    errors: list[FieldError] = []

    def err(path: str, vi: str, en: str) -> None:
        errors.append(FieldError(path, f"{vi} / {en}"))

    procedure = None
    if _blank(req.procedure_code):
        err("procedure_code", "Thiếu mã thủ tục", "procedure code missing")
    else:
        procedure = _find_procedure(session, req.procedure_code)
        if procedure is None:
            err(
                "procedure_code",
                f"Không tìm thấy thủ tục {req.procedure_code}",
                f"unknown procedure {req.procedure_code}",
            )
    if req.channel not in CHANNELS:
        err("channel", "Kênh tiếp nhận phải là 1 (trực tiếp) hoặc 3 (bưu chính)", "channel must be 1 (counter) or 3 (post)")
    elif procedure is not None:
        limit = _time_limit(procedure, req.channel)
        if limit is None:
            err(
                "procedure_code",
                "Thủ tục chưa có thời hạn giải quyết cho kênh này, không tính được ngày hẹn trả",
                "procedure has no time limit for this channel; cannot compute the appointment",
            )
        else:
            from counterapp.calendar.duedate import unit_from_catalog

            try:
                unit_from_catalog(limit.unit)
            except ValueError:
                err("procedure_code", f"Đơn vị thời hạn không rõ: {limit.unit!r}", f"unknown time unit {limit.unit!r}")
        if procedure.cutoff_time:
            try:
                _parse_cutoff(procedure.cutoff_time)
            except ValueError:
                err("procedure_code", f"Giờ tiếp nhận tối đa sai: {procedure.cutoff_time!r}", "bad cut-off time")

    a = req.applicant
    if a.kind not in ("citizen", "organization"):
        err("applicant.kind", "Loại người nộp phải là công dân hoặc tổ chức", "applicant kind must be citizen or organization")
    if a.kind == "organization":
        if _blank(a.org_name):
            err("applicant.org_name", "Thiếu tên tổ chức", "organization name missing")
        if _blank(a.tax_code):
            err("applicant.tax_code", "Thiếu mã số thuế của tổ chức", "organization tax code missing")
        elif not _TAX.fullmatch(a.tax_code.replace(" ", "")):
            err("applicant.tax_code", "Mã số thuế phải có 10 hoặc 13 chữ số", "tax code must have 10 or 13 digits")
        if _blank(a.name) and _blank(a.representative):
            err("applicant.representative", "Thiếu người đại diện / người nộp", "representative missing")
    elif _blank(a.name):
        err("applicant.name", "Thiếu họ tên người nộp", "applicant name missing")
    elif len(a.name) > 200:
        err("applicant.name", "Họ tên quá dài", "applicant name too long")

    dob: date | None = None
    try:
        dob = parse_date(a.date_of_birth)
    except ValueError:
        err("applicant.date_of_birth", f"Ngày sinh không hợp lệ: {a.date_of_birth}", f"invalid date of birth: {a.date_of_birth}")
    if dob is not None:
        if dob > site_today():  # the Vietnamese day, whatever zone the PC is in
            err("applicant.date_of_birth", "Ngày sinh ở tương lai", "date of birth is in the future")
        elif dob.year < 1900:
            err("applicant.date_of_birth", "Ngày sinh trước năm 1900", "date of birth before 1900")

    if not _blank(a.id_number):
        id_number = a.id_number.replace(" ", "")
        if not _ID12.fullmatch(id_number):
            err(
                "applicant.id_number",
                f"Số CCCD phải có đúng 12 chữ số (nhận được {len(id_number)} ký tự)",
                "ID number must have exactly 12 digits",
            )
        else:
            year, sex = _cccd_century_year(id_number)
            if dob is not None and dob.year != year:
                err(
                    "applicant.id_number",
                    f"Số CCCD không khớp năm sinh {dob.year} (số ghi năm {year})",
                    f"ID number does not match year of birth {dob.year} (it encodes {year})",
                )
            given_sex = _sex_folded(a.sex)
            if given_sex is not None and given_sex != sex:
                err(
                    "applicant.sex",
                    f"Giới tính không khớp số CCCD (số ghi {sex})",
                    f"sex does not match the ID number (it encodes {'male' if sex == 'Nam' else 'female'})",
                )
    if not _blank(a.old_id_number) and not _OLD_ID.fullmatch(a.old_id_number.replace(" ", "")):
        err("applicant.old_id_number", "Số CMND cũ phải có 9 chữ số", "old ID number must have 9 digits")
    if not _blank(a.phone) and not _PHONE.fullmatch(normalize_phone(a.phone)):
        err(
            "applicant.phone",
            f"Số điện thoại không hợp lệ: {a.phone} (cần 10–11 chữ số, bắt đầu bằng 0)",
            "invalid phone number (10-11 digits starting with 0)",
        )
    if not _blank(a.email) and not _EMAIL.fullmatch(a.email):
        err("applicant.email", f"Địa chỉ email không hợp lệ: {a.email}", f"invalid email address: {a.email}")
    if not _blank(a.province_code):
        if admin_units.province(a.province_code) is None:
            err("applicant.province_code", f"Mã tỉnh không tồn tại: {a.province_code}", f"unknown province code {a.province_code}")
        elif not _blank(a.commune_code) and admin_units.commune(a.province_code, a.commune_code) is None:
            err(
                "applicant.commune_code",
                f"Mã xã/phường {a.commune_code} không thuộc tỉnh {a.province_code}",
                f"commune {a.commune_code} is not in province {a.province_code}",
            )
    elif not _blank(a.commune_code):
        err("applicant.province_code", "Có mã xã nhưng thiếu mã tỉnh", "commune code given without a province code")

    kind = subject_kind(procedure.code, procedure.name) if procedure is not None else None
    validate_subject(req.subject, kind, err, parse_date)

    if req.sets_count < 1:
        err("sets_count", "Số bộ hồ sơ phải từ 1 trở lên", "number of sets must be at least 1")
    known_codes = {d.code for d in procedure.documents if d.code} if procedure is not None else set()
    for i, doc in enumerate(req.documents or []):
        if doc.form not in DOCUMENT_FORMS:
            err(
                f"documents.{i}.form",
                f"Hình thức giấy tờ phải là bản chính, bản sao chứng thực hoặc bản photo (nhận được {doc.form!r})",
                "form must be original, certified_copy or photocopy",
            )
        if doc.originals < 0 or doc.copies < 0:
            err(f"documents.{i}", "Số bản không được âm", "counts must not be negative")
        if _blank(doc.name) and (_blank(doc.document_code) or doc.document_code not in known_codes):
            err(f"documents.{i}.name", "Thiếu tên giấy tờ", "document name missing")
    for i, fee in enumerate(req.fees or []):
        if fee.amount_vnd < 0 or (fee.unit_amount_vnd or 0) < 0:
            err(f"fees.{i}.amount_vnd", "Số tiền không được âm", "amount must not be negative")
        if not 1 <= fee.quantity <= QUANTITY_MAX:
            err(
                f"fees.{i}.quantity",
                f"Số bản phải từ 1 đến {QUANTITY_MAX} (nhận được {fee.quantity})",
                f"the number of copies must be 1 to {QUANTITY_MAX} (got {fee.quantity})",
            )
        if fee.method not in FEE_METHODS:
            err(f"fees.{i}.method", f"Hình thức thu không rõ: {fee.method!r}", f"unknown payment method {fee.method!r}")
        if _blank(fee.name) and _blank(fee.code):
            err(f"fees.{i}.name", "Thiếu tên khoản phí", "fee name missing")
    if req.received_at is not None and req.received_at.tzinfo is not None:
        if req.received_at > utcnow() + _FUTURE_SLACK:
            err("received_at", "Thời điểm tiếp nhận ở tương lai", "received_at is in the future")
    if req.uuid is not None:
        if session.scalar(select(exists().where(Dossier.uuid == req.uuid))):
            err("uuid", "Hồ sơ này đã được tiếp nhận", "this dossier was already received")
    errors.extend(FieldError(path, message) for path, message in validation.intake_problems(req))
    return errors




def _parse_cutoff(text: str | None) -> time | None:
    if not text:
        return None
    hours, minutes = str(text).strip().split(":")
    return time(int(hours), int(minutes))
