"""The register of requests to complete (form 02) issued at intake, and receiving from it.

Why: under the one-stop rules (NĐ 118/2025, TT 03/2025) an incomplete paper dossier is
not received: the officer hands the applicant a "Phiếu yêu cầu bổ sung, hoàn thiện hồ
sơ" (form 02) listing what is missing, and no dossier code, ledger line or appointment
is made. The counter still has to know what it asked for: this register keeps each
request (number, time, applicant, procedure, the intake as filled in, the missing
documents, the officer, open / received / abandoned), prints it again, and when the
applicant comes back with the documents receives the dossier from it in one step,
linking the register row to the dossier it became (one transaction).

Public entry points:
- `open_completion_request(ctx, request, officer, reason=...)` -> CompletionRequest (open)
- `receive_completion_request(ctx, number, officer, request=None, handed_in=None)` -> Dossier
- `abandon_completion_request(ctx, number, officer, note)`     -> CompletionRequest
- `list_completion_requests(session, status)`, `get_completion_request(session, number)`
- `officer_details(config, name)`: the officer's name, title and phone for the form
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterapp.app import AppContext
from counterapp.catalog.folding import fold
from counterapp.config import SiteConfig
from counterapp.db.base import new_uuid, utcnow
from counterapp.db.engine import session_scope
from counterapp.dossiers.intake import (
    FieldError,
    IntakeError,
    IntakeRequest,
    _aware,
    _delete_draft,
    _find_procedure,
    _officer,
    _with_aware_time,
    load_request,
    missing_documents,
    receive_in_session,
    validate_intake,
)
from counterapp.dossiers.models import COMPLETION_STATUSES, CompletionRequest, DailySequence, Dossier
from counterapp.dossiers.queries import normalize_phone

DEFAULT_REASON = "Hồ sơ chưa đầy đủ thành phần theo quy định"
"""The reason printed when the officer gives none (a site may set [forms] completion_reason)."""
NUMBER_PREFIX = "YC"
"""Request numbers: YC<yymmdd>-<counter>-<nnnn>, a running number per counter per day.
Not shaped like a dossier code (<agency>-<yymmdd>-<nnnn>), so a scanner never mistakes one."""


class CompletionRequestNotFound(LookupError):
    def __init__(self, number: str) -> None:
        super().__init__(
            f"Không tìm thấy phiếu yêu cầu bổ sung số {number} / no request to complete numbered {number}"
        )
        self.number = number


class CompletionRequestClosed(ValueError):
    """The request was already received or abandoned."""


# --------------------------------------------------------------------------- the officer
@dataclass(frozen=True)
class OfficerDetails:
    name: str
    title: str = ""
    phone: str = ""


def officer_details(config: SiteConfig, name: str | None = None) -> OfficerDetails:
    """Who signs form 02 and how the applicant reaches them.

    From `counterapp.officer.configured_officer(config)` when that module exists (an
    Officer(username, full_name, title, phone)), else the given name; the phone falls back
    to the site's [forms] contact_phone."""
    full_name, title, phone = (name or "").strip(), "", ""
    try:
        from counterapp.officer import configured_officer  # type: ignore[import-not-found]

        officer = configured_officer(config)
    except Exception:  # noqa: BLE001  (module absent or not configured: the name we were given)
        officer = None
    if officer is not None:
        configured = str(getattr(officer, "full_name", "") or getattr(officer, "username", "") or "").strip()
        usernames = {str(getattr(officer, "username", "") or "").strip(), configured}
        if not full_name or full_name in usernames:
            full_name = configured or full_name
        if full_name == configured:
            title = str(getattr(officer, "title", "") or "").strip()
            phone = str(getattr(officer, "phone", "") or "").strip()
    if not phone:
        phone = str(config.section("forms").get("contact_phone") or "").strip()
    return OfficerDetails(full_name, title, phone)


def default_reason(config: SiteConfig) -> str:
    return str(config.section("forms").get("completion_reason") or DEFAULT_REASON)


# --------------------------------------------------------------------------- numbering
def _next_number(session: Session, config: SiteConfig, when: datetime) -> str:
    day = when.astimezone(config.zone).date()
    counter = (config.counter_id or "").strip()
    series = f"completion:{counter}"
    seq = session.scalar(select(DailySequence).where(DailySequence.day == day, DailySequence.series == series))
    if seq is None:
        seq = DailySequence(day=day, series=series, block_id=None, next_number=1)
        session.add(seq)
    number = seq.next_number
    seq.next_number = number + 1
    middle = f"-{counter}" if counter else ""
    return f"{NUMBER_PREFIX}{day:%y%m%d}{middle}-{number:04d}"


# --------------------------------------------------------------------------- register
def _stored_request(req: IntakeRequest) -> dict[str, Any]:
    """The intake as the register keeps it: no identity, draft or receipt time (the dossier,
    if it comes, gets its own)."""
    return req.model_dump(mode="json", exclude={"uuid", "draft_uuid", "received_at"})


def open_completion_request(
    ctx: AppContext,
    request: IntakeRequest | Mapping[str, Any],
    officer: str | None = None,
    *,
    reason: str | None = None,
    officer_title: str | None = None,
    officer_phone: str | None = None,
) -> CompletionRequest:
    """Record a request to complete for an intake that lacks documents (nothing else is
    written: no dossier, code, ledger line or appointment). IntakeError for bad input or
    when nothing is missing (then the dossier should be received). The intake's draft,
    if any, goes in the same transaction: the register now holds what was typed."""
    req = _with_aware_time(load_request(request), ctx)
    officer_name = _officer(officer, req, config=ctx.config)
    details = officer_details(ctx.config, officer_name)
    with session_scope(ctx.writer_sessions) as session:
        errors = validate_intake(session, req)
        if errors:
            raise IntakeError(errors)
        missing = missing_documents(session, req)
        if not missing:
            raise IntakeError([FieldError(
                "documents",
                "Hồ sơ đã đủ giấy tờ, không cần phiếu yêu cầu bổ sung: hãy tiếp nhận hồ sơ / "
                "nothing is missing: receive the dossier instead",
            )])
        procedure = _find_procedure(session, req.procedure_code or "")
        assert procedure is not None  # validated
        created = _aware(req.received_at, ctx)
        a = req.applicant
        name = (a.org_name if a.kind == "organization" else a.name) or a.name or ""
        row = CompletionRequest(
            uuid=new_uuid(),
            number=_next_number(session, ctx.config, created),
            created_at=created,
            applicant_name=name.strip(),
            applicant_phone=normalize_phone(a.phone) or None,
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            request_json=json.dumps(_stored_request(req), ensure_ascii=False),
            missing_json=json.dumps(missing, ensure_ascii=False),
            reason=(reason or "").strip() or default_reason(ctx.config),
            officer=details.name or officer_name,
            officer_title=officer_title or details.title or None,
            officer_phone=officer_phone or details.phone or None,
            status="open",
        )
        session.add(row)
        if req.draft_uuid:
            _delete_draft(session, req.draft_uuid)
        session.flush()
        session.expunge(row)
    return row


def get_completion_request(session: Session, number: str) -> CompletionRequest | None:
    return session.scalar(select(CompletionRequest).where(CompletionRequest.number == (number or "").strip()))


def list_completion_requests(
    session: Session, status: str | None = "open", *, limit: int = 200
) -> list[CompletionRequest]:
    """The register, newest first; `status` None = every status."""
    query = select(CompletionRequest).order_by(CompletionRequest.created_at.desc(), CompletionRequest.id.desc())
    if status is not None:
        if status not in COMPLETION_STATUSES:
            raise ValueError(
                f"Trạng thái phiếu không rõ: {status!r} (open, received, abandoned) / unknown status {status!r}"
            )
        query = query.where(CompletionRequest.status == status)
    return list(session.scalars(query.limit(limit)))


def request_to_dict(row: CompletionRequest) -> dict[str, Any]:
    return {
        "number": row.number,
        "created_at": row.created_at.isoformat() if row.created_at else None,
        "status": row.status,
        "applicant_name": row.applicant_name,
        "applicant_phone": row.applicant_phone,
        "procedure_code": row.procedure_code,
        "procedure_name": row.procedure_name,
        "missing": row.missing,
        "reason": row.reason,
        "officer": row.officer,
        "officer_phone": row.officer_phone,
        "dossier_code": row.dossier_code,
        "closed_at": row.closed_at.isoformat() if row.closed_at else None,
        "request": row.request,
    }


def _load_open(session: Session, number: str) -> CompletionRequest:
    row = get_completion_request(session, number)
    if row is None:
        raise CompletionRequestNotFound(number)
    if row.status != "open":
        done = (f"đã tiếp nhận thành hồ sơ {row.dossier_code}" if row.status == "received" else "đã hủy")
        done_en = (f"already received as dossier {row.dossier_code}" if row.status == "received" else "abandoned")
        raise CompletionRequestClosed(f"Phiếu {row.number} {done} / request {row.number} {done_en}")
    return row


def _line_key(line: Mapping[str, Any]) -> str:
    return str(line.get("document_code") or "") or "name:" + fold(str(line.get("name") or ""))


def merge_handed_in(
    stored: Mapping[str, Any], missing: list[dict[str, Any]], handed_in: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The intake to receive: the stored one plus what was handed in on return.

    `handed_in` None = every missing document was brought as asked. Otherwise a partial
    IntakeRequest: its `documents` lines are *added* to the stored counts (matched by
    document code, else name; unknown lines are appended), `applicant` fields replace the
    stored ones, any other key replaces the stored value."""
    data = json.loads(json.dumps(dict(stored)))  # a deep copy
    lines: list[dict[str, Any]] = list(data.get("documents") or [])
    by_key = {_line_key(line): line for line in lines}
    if handed_in is None:
        for item in missing:
            line = by_key.get(_line_key(item))
            if line is None:
                line = {"document_code": item.get("document_code"), "name": item.get("name"), "originals": 0,
                        "copies": 0}
                lines.append(line)
            line["originals"] = int(line.get("originals") or 0) + int(item.get("originals") or 0)
            line["copies"] = int(line.get("copies") or 0) + int(item.get("copies") or 0)
            line.pop("missing", None)
    else:
        for key, value in handed_in.items():
            if key == "documents":
                continue
            if key == "applicant" and isinstance(value, Mapping):
                data["applicant"] = {**(data.get("applicant") or {}), **value}
            else:
                data[key] = value
        for given in handed_in.get("documents") or []:
            if not isinstance(given, Mapping):
                raise IntakeError([FieldError("documents", "phải là đối tượng / must be an object")])
            line = by_key.get(_line_key(given))
            if line is None:
                lines.append(dict(given))
                by_key[_line_key(given)] = lines[-1]
                continue
            try:
                line["originals"] = int(line.get("originals") or 0) + int(given.get("originals") or 0)
                line["copies"] = int(line.get("copies") or 0) + int(given.get("copies") or 0)
            except (TypeError, ValueError):
                raise IntakeError([FieldError("documents", "Số bản phải là số nguyên / counts must be whole numbers")]) from None
            for field in ("form", "note", "missing"):
                if field in given:
                    line[field] = given[field]
    data["documents"] = lines
    return data


def receive_completion_request(
    ctx: AppContext,
    number: str,
    officer: str | None = None,
    *,
    request: IntakeRequest | Mapping[str, Any] | None = None,
    handed_in: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> Dossier:
    """The applicant came back: receive the dossier from the register in one transaction
    (dossier, code, appointment, outbox row, and the register row marked received with
    the dossier's id and code). `request` = the whole intake as the window now shows it;
    else the stored intake merged with `handed_in` (see merge_handed_in). Raises
    IncompleteDossier (nothing written, the request stays open) while anything is still
    missing, CompletionRequestNotFound / CompletionRequestClosed for a wrong number."""
    with session_scope(ctx.writer_sessions) as session:
        row = _load_open(session, number)
        if request is not None:
            data = load_request(request).model_dump(mode="json")
        else:
            data = merge_handed_in(row.request, row.missing, handed_in)
        data["received_at"] = at.isoformat() if at is not None else None
        req = _with_aware_time(load_request(data), ctx)
        officer_name = _officer(officer, req, config=ctx.config)
        dossier = receive_in_session(session, ctx, req, officer_name)
        row.status = "received"
        row.dossier_id = dossier.id
        row.dossier_code = dossier.code
        row.closed_at = utcnow()
        row.closed_by = officer_name
        session.flush()
    return dossier


def abandon_completion_request(
    ctx: AppContext, number: str, officer: str | None, note: str | None = None
) -> CompletionRequest:
    """The applicant will not come back (or the request was a mistake): close it as abandoned."""
    name = (officer or "").strip()
    if not name:
        raise IntakeError([FieldError("officer", "Thiếu tên cán bộ / officer name missing")])
    with session_scope(ctx.writer_sessions) as session:
        row = _load_open(session, number)
        row.status = "abandoned"
        row.closed_at = utcnow()
        row.closed_by = name
        row.close_note = (note or "").strip() or None
        session.flush()
        session.expunge(row)
    return row


__all__ = [
    "DEFAULT_REASON",
    "CompletionRequestClosed",
    "CompletionRequestNotFound",
    "OfficerDetails",
    "abandon_completion_request",
    "default_reason",
    "get_completion_request",
    "list_completion_requests",
    "merge_handed_in",
    "officer_details",
    "open_completion_request",
    "receive_completion_request",
    "request_to_dict",
]
