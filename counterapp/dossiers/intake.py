"""Receiving a dossier at the counter (what happens to it later: lifecycle.py, new_date.py,
fees.py, print_log.py).

Every change to a dossier and the outbox row that carries it to the portal commit in
one transaction; a refused change writes nothing. Messages an officer sees are
Vietnamese first, then English.

Public entry points:
- `IntakeRequest` (JSON-loadable), `load_request(data)`, `validate_intake(session, request)`
- `create_dossier(ctx, request, officer)`            -> Dossier (status 2); IncompleteDossier
                                                         while a required document is missing
- `missing_documents(session, request)`              -> what a request still lacks
- `refuse_intake(ctx, request, reason, officer)`     -> Dossier (status 3, not received)
- `save_draft`, `load_drafts`, `get_draft`, `delete_draft`
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from counterapp.app import AppContext
from counterapp.catalog.folding import fold
from counterapp.clock import site_today
from counterapp.config import SiteConfig
from counterapp.catalog.models import Procedure, RequiredDocument
from counterapp.db.base import new_uuid, utcnow
from counterapp.db.engine import session_scope
from counterapp.dossiers import admin_units
from counterapp.dossiers.conditions import applies, case_keys, classify, main_case
from counterapp.dossiers.models import (
    DOCUMENT_FORMS,
    DailySequence,
    Dossier,
    DossierDocument,
    DossierFee,
    IntakeDraft,
    StatusChange,
)
from counterapp.dossiers.numbering import allocate_code
from counterapp.dossiers.queries import dossier_to_dict, normalize_phone
from counterapp.dossiers.status import DossierStatus
from counterapp.outbox import enqueue

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
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    code: str | None = None
    name: str | None = None
    amount_vnd: int = 0
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
        if fee.amount_vnd < 0:
            err(f"fees.{i}.amount_vnd", "Số tiền không được âm", "amount must not be negative")
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
    return errors




def _parse_cutoff(text: str | None) -> time | None:
    if not text:
        return None
    hours, minutes = str(text).strip().split(":")
    return time(int(hours), int(minutes))


# --------------------------------------------------------------------------- building
def _aware(value: datetime | None, ctx: AppContext) -> datetime:
    if value is None:
        return utcnow()
    if value.tzinfo is None:
        return value.replace(tzinfo=ctx.config.zone)
    return value


def _applicable_documents(
    procedure: Procedure, case_name: str | list[str] | None, applicable_cases: list[str] | None = None
) -> list[RequiredDocument]:
    """The catalog documents for the chosen case(s) (TRUONGHOP); all groups when none is
    chosen, conditional documents (see conditions.py) only when their case was ticked.

    Catalog groups are not always alternatives ("Giấy tờ phải nộp" and "Giấy tờ phải
    xuất trình" both apply), so no group is dropped unless the request names its cases.
    """
    docs = list(procedure.documents)
    wanted = {case_name} if isinstance(case_name, str) else set(case_name or [])
    if wanted:
        docs = [d for d in docs if not d.case_name or d.case_name in wanted]
    keys = case_keys([*(applicable_cases or []), *wanted])
    main = main_case(procedure.documents)
    return [
        d for d in docs
        if applies(classify(d.name, d.case_name, main), keys, code=d.code, name=d.name, case_name=d.case_name)
    ]


def _is_missing(originals: int, copies: int, req_originals: int, req_copies: int) -> bool:
    """An original stands in for a copy, never the other way round."""
    return originals < req_originals or originals + copies < req_originals + req_copies


def _checklist(req: IntakeRequest, procedure: Procedure) -> list[DossierDocument]:
    applicable = _applicable_documents(procedure, req.case_name, req.applicable_cases)
    lines: list[DossierDocument] = []
    if req.documents is None:
        for doc in applicable:
            lines.append(
                DossierDocument(
                    position=len(lines) + 1,
                    document_code=doc.code,
                    name=doc.name,
                    form="original" if doc.originals else "photocopy",
                    originals_received=doc.originals,
                    copies_received=doc.copies,
                    required_originals=doc.originals,
                    required_copies=doc.copies,
                    missing=False,
                )
            )
        return lines
    by_code = {d.code: d for d in procedure.documents if d.code}
    by_name = {fold(d.name): d for d in procedure.documents}
    wanted = {req.case_name} if isinstance(req.case_name, str) else set(req.case_name or [])
    keys = case_keys([*req.applicable_cases, *wanted])
    main = main_case(procedure.documents)
    for item in req.documents:
        catalog_doc = by_code.get(item.document_code or "") or by_name.get(fold(item.name))
        req_o = item.required_originals if item.required_originals is not None else (catalog_doc.originals if catalog_doc else 0)
        req_c = item.required_copies if item.required_copies is not None else (catalog_doc.copies if catalog_doc else 0)
        if catalog_doc is not None:
            condition = classify(catalog_doc.name, catalog_doc.case_name, main)
            required = applies(condition, keys, code=catalog_doc.code, name=catalog_doc.name,
                               case_name=catalog_doc.case_name)
        else:
            required = True  # a line the officer added to the checklist applies by being there
        if item.missing is not None:
            missing = item.missing
        else:
            missing = required and _is_missing(item.originals, item.copies, req_o, req_c)
        lines.append(
            DossierDocument(
                position=len(lines) + 1,
                document_code=item.document_code or (catalog_doc.code if catalog_doc else None),
                name=item.name or (catalog_doc.name if catalog_doc else ""),
                form=item.form,
                originals_received=item.originals,
                copies_received=item.copies,
                required_originals=req_o,
                required_copies=req_c,
                note=item.note,
                missing=missing,
            )
        )
    return lines


def _shortfall(lines: Iterable[DossierDocument]) -> list[dict[str, Any]]:
    """The missing lines as form 02 lists them: what is still to hand in."""
    return [
        {
            "name": d.name,
            "document_code": d.document_code,
            "originals": max(0, d.required_originals - d.originals_received),
            "copies": max(0, d.required_copies - d.copies_received),
            "note": d.note,
        }
        for d in lines
        if d.missing
    ]


def missing_documents(session: Session, request: IntakeRequest | Mapping[str, Any]) -> list[dict[str, Any]]:
    """The documents a (valid) request still lacks: [{"name", "document_code", "originals",
    "copies", "note"}], [] when complete or when the procedure is unknown. Reads only."""
    req = load_request(request)
    procedure = _find_procedure(session, req.procedure_code or "") if not _blank(req.procedure_code) else None
    if procedure is None:
        return []
    return _shortfall(_checklist(req, procedure))


is_line_missing = _is_missing
"""Public name of the checklist rule: is_line_missing(originals, copies, required_originals, required_copies)."""
channel_time_limit = _time_limit
"""Public name: channel_time_limit(procedure, channel) -> TimeLimit | None (post falls back to direct)."""


def _fees(req: IntakeRequest, limit) -> list[DossierFee]:  # noqa: ANN001
    if req.fees is not None:
        return [
            DossierFee(
                position=i + 1,
                code=f.code,
                name=f.name or f.code or "",
                amount_vnd=int(f.amount_vnd),
                method=f.method,
                kind=f.kind,
                paid=f.paid,
                paid_at=utcnow() if f.paid else None,
            )
            for i, f in enumerate(req.fees)
        ]
    fees = []
    for i, f in enumerate(limit.fees if limit is not None else []):
        fees.append(
            DossierFee(
                position=i + 1,
                code=f.code,
                name=f.description or f.code or "Lệ phí",
                amount_vnd=int(f.amount_vnd or 0),
                method="cash",
                paid=False,
            )
        )
    return fees


def _next_ledger_line(session: Session, book: str) -> int:
    """The next line of the counter's ledger book (one running sequence per book)."""
    series = f"ledger:{book}"
    seq = session.scalar(select(DailySequence).where(DailySequence.day == date(2000, 1, 1), DailySequence.series == series))
    if seq is None:
        seq = DailySequence(day=date(2000, 1, 1), series=series, block_id=None, next_number=1)
        session.add(seq)
    line = seq.next_number
    seq.next_number = line + 1
    return line


def _build_dossier(
    session: Session, ctx: AppContext, req: IntakeRequest, officer: str, *, refused_reason: str | None = None
) -> Dossier:
    from counterapp.calendar.duedate import unit_from_catalog
    from counterapp.calendar.rules import procedure_due_rule
    from counterapp.calendar.service import load_calendar

    config = ctx.config
    procedure = _find_procedure(session, req.procedure_code or "")
    assert procedure is not None  # validated
    received_at = _aware(req.received_at, ctx)
    local_day = received_at.astimezone(config.zone).date()
    limit = _time_limit(procedure, req.channel)

    due_at = None
    rule: dict[str, Any] | None = None
    amount = unit_value = None
    if limit is not None:
        amount = float(limit.amount)
        unit = unit_from_catalog(limit.unit)
        unit_value = unit.value
        if refused_reason is None:
            calendar = load_calendar(session, config, years=[local_day.year, local_day.year + 1, local_day.year + 2])
            due_rule = procedure_due_rule(procedure, limit, config)  # same-day, cut-off, site override
            due_at = due_rule.compute(received_at, calendar)
            rule = {
                **due_rule.to_json(calendar),  # rule, same_day, cutoff, rule_text (shown to the officer)
                "unit_text": limit.unit,
                "channel": req.channel,
                "calendar": calendar.to_snapshot(around=local_day),
            }

    code = allocate_code(session, config, local_day)
    a = req.applicant
    province = admin_units.province(a.province_code) if not _blank(a.province_code) else None
    commune = admin_units.commune(a.province_code, a.commune_code) if province and not _blank(a.commune_code) else None
    province_name = a.province_name or (province.name if province else None)
    commune_name = a.commune_name or (commune.name if commune else None)
    address = a.address or admin_units.compose_address(a.street, commune_name, province_name) or None
    if a.kind == "organization":
        applicant_name = (a.org_name or "").strip()
        representative = a.representative or a.name
    else:
        applicant_name = (a.name or "").strip()
        representative = a.representative
    sex = _sex_folded(a.sex) or a.sex
    first_field = procedure.fields[0] if procedure.fields else None
    status = DossierStatus.REFUSED if refused_reason is not None else DossierStatus.RECEIVED

    dossier = Dossier(
        uuid=req.uuid or new_uuid(),
        code=code.code,
        code_provisional=code.provisional,
        agency_code=config.agency_code,
        counter_id=config.counter_id,
        procedure_id=procedure.id,
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        field_code=first_field.code if first_field else None,
        field_name=first_field.name if first_field else None,
        applicant_kind=a.kind,
        applicant_name=applicant_name,
        applicant_name_folded=fold(applicant_name),
        id_number=a.id_number.replace(" ", "") if a.id_number else None,
        old_id_number=a.old_id_number.replace(" ", "") if a.old_id_number else None,
        date_of_birth=parse_date(a.date_of_birth),
        sex=sex,
        phone=normalize_phone(a.phone) or None,
        email=a.email or None,
        province_code=province.code if province else None,
        province_name=province_name,
        commune_code=commune.code if commune else None,
        commune_name=commune_name,
        street=a.street,
        address=address,
        org_name=a.org_name if a.kind == "organization" else None,
        tax_code=a.tax_code.replace(" ", "") if a.tax_code else None,
        representative=representative,
        channel=req.channel,
        summary=req.summary or procedure.name,
        notes=req.notes,
        sets_count=req.sets_count,
        status=int(status),
        received_at=received_at.astimezone(UTC),
        due_at=due_at.astimezone(UTC) if due_at is not None else None,
        due_rule_json=json.dumps(rule, ensure_ascii=False) if rule else None,
        duration_amount=amount,
        duration_unit=unit_value,
        officer=officer,
        ledger_book=str(local_day.year),
        ledger_line=None,
        lead_agency_name=req.lead_agency_name or (procedure.agencies[0].name if procedure.agencies else None),
        refusal_reason=refused_reason,
        created_at=utcnow(),
    )
    if refused_reason is None:
        dossier.ledger_line = _next_ledger_line(session, dossier.ledger_book)
    dossier.documents = _checklist(req, procedure)
    dossier.fees = _fees(req, limit) if refused_reason is None else []
    dossier.status_changes = [
        StatusChange(
            from_status=None,
            to_status=int(status),
            at=received_at,
            by=officer,
            note=refused_reason,
            source="counter",
        )
    ]
    session.add(dossier)
    session.flush()
    return dossier


def _with_aware_time(req: IntakeRequest, ctx: AppContext) -> IntakeRequest:
    if req.received_at is not None and req.received_at.tzinfo is None:
        return req.model_copy(update={"received_at": req.received_at.replace(tzinfo=ctx.config.zone)})
    return req


def _officer(officer: str | None, req: IntakeRequest | None = None, *, config: SiteConfig | None = None) -> str:
    """The person a change is attributed to: the name given (or the request's), else the
    site's configured officer. Never an account name such as "root": dossiers, history
    lines and printed forms name a person (counterapp/officer.py)."""
    from counterapp.officer import OfficerError, check_full_name, configured_officer_or_none, is_placeholder_name

    name = " ".join((officer or (req.officer if req else None) or "").split())
    if is_placeholder_name(name) and config is not None:
        configured = configured_officer_or_none(config)
        if configured is not None:
            name = configured.full_name
    try:
        return check_full_name(name)
    except OfficerError as exc:
        raise IntakeError([FieldError("officer", str(exc))]) from None


def create_dossier(ctx: AppContext, request: IntakeRequest | Mapping[str, Any], officer: str | None = None) -> Dossier:
    """Receive a dossier: validate, number, compute the appointment, record, enqueue.

    One BEGIN IMMEDIATE transaction holds the code allocation, the dossier with its
    checklist, fees and first status change (2, received), the outbox row
    ("dossier.create", payload = dossier_to_dict) and the deletion of the draft it
    came from: all or nothing. Raises IntakeError (nothing written) for bad input.
    Returns the dossier (detached, lines loaded).
    """
    req = _with_aware_time(load_request(request), ctx)
    officer_name = _officer(officer, req, config=ctx.config)
    with session_scope(ctx.writer_sessions) as session:
        dossier = receive_in_session(session, ctx, req, officer_name)
    return dossier


def receive_in_session(session: Session, ctx: AppContext, req: IntakeRequest, officer_name: str) -> Dossier:
    """create_dossier's work inside the caller's transaction (the completion register
    receives a dossier and closes its request in one). Raises IntakeError for bad input
    and IncompleteDossier while a required document is missing, before any number,
    ledger line or row is taken."""
    errors = validate_intake(session, req)
    if errors:
        raise IntakeError(errors)
    missing = missing_documents(session, req)
    if missing:
        raise IncompleteDossier(missing)
    dossier = _build_dossier(session, ctx, req, officer_name)
    enqueue(session, OP_CREATE, dossier.uuid, dossier_to_dict(dossier))
    if req.draft_uuid:
        _delete_draft(session, req.draft_uuid)
    return dossier


def refuse_intake(
    ctx: AppContext, request: IntakeRequest | Mapping[str, Any], reason: str, officer: str | None = None
) -> Dossier:
    """Record a dossier the counter refused to receive (status 3, no appointment, no fees).

    It gets a code (the refusal form and the national record need one); outbox op
    "dossier.create" like any other dossier.
    """
    req = _with_aware_time(load_request(request), ctx)
    officer_name = _officer(officer, req, config=ctx.config)
    reason = _require_text(reason, "reason", "Thiếu lý do từ chối", "refusal reason missing")
    with session_scope(ctx.writer_sessions) as session:
        errors = validate_intake(session, req)
        if errors:
            raise IntakeError(errors)
        dossier = _build_dossier(session, ctx, req, officer_name, refused_reason=reason)
        enqueue(session, OP_CREATE, dossier.uuid, dossier_to_dict(dossier))
        if req.draft_uuid:
            _delete_draft(session, req.draft_uuid)
    return dossier


# Status changes after receipt are in lifecycle.py (new dates: new_date.py, payments: fees.py),
# the print log in print_log.py.
def _require_text(value: str | None, field: str, vi: str, en: str) -> str:
    if _blank(value):
        raise IntakeError([FieldError(field, f"{vi} / {en}")])
    return str(value).strip()


# --------------------------------------------------------------------------- drafts
def save_draft(
    session: Session, payload: Mapping[str, Any], officer: str | None = None, uuid: str | None = None
) -> IntakeDraft:
    """Create or overwrite a draft (by uuid). Not committed here; any JSON-able payload."""
    text = json.dumps(dict(payload), ensure_ascii=False, default=str)
    draft = session.scalar(select(IntakeDraft).where(IntakeDraft.uuid == uuid)) if uuid else None
    now = utcnow()
    if draft is None:
        draft = IntakeDraft(uuid=uuid or new_uuid(), payload_json=text, officer=officer, created_at=now, updated_at=now)
        session.add(draft)
    else:
        draft.payload_json = text
        draft.officer = officer if officer is not None else draft.officer
        draft.updated_at = now
    session.flush()
    return draft


def load_drafts(session: Session, officer: str | None = None) -> list[IntakeDraft]:
    """Drafts, most recently saved first (only `officer`'s when given)."""
    query = select(IntakeDraft).order_by(IntakeDraft.updated_at.desc(), IntakeDraft.id.desc())
    if officer is not None:
        query = query.where(IntakeDraft.officer == officer)
    return list(session.scalars(query))


def get_draft(session: Session, uuid: str) -> IntakeDraft | None:
    return session.scalar(select(IntakeDraft).where(IntakeDraft.uuid == uuid))


def _delete_draft(session: Session, uuid: str) -> bool:
    draft = get_draft(session, uuid)
    if draft is None:
        return False
    session.delete(draft)
    session.flush()
    return True


def delete_draft(session: Session, uuid: str) -> bool:
    """Remove a draft (not committed here). False if there was none."""
    return _delete_draft(session, uuid)



__all__ = [
    "DossierNotFound",
    "FieldError",
    "IntakeError",
    "IntakeRequest",
    "StatusError",
    "channel_time_limit",
    "create_dossier",
    "is_line_missing",
    "delete_draft",
    "get_draft",
    "load_drafts",
    "load_request",
    "refuse_intake",
    "save_draft",
    "validate_intake",
]
