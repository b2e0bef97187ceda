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
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterapp.app import AppContext
from counterapp.catalog.folding import fold
from counterapp.catalog.models import Procedure, RequiredDocument
from counterapp.config import SiteConfig
from counterapp.db.base import new_uuid, utcnow
from counterapp.db.engine import session_scope
from counterapp.dossiers import admin_units
from counterapp.dossiers.conditions import applies, case_keys, classify, main_case

# Re-exported: drafts (drafts.py), the request and its checks (intake_request.py).
from counterapp.dossiers.drafts import (  # noqa: F401  (re-exported)
    _delete_draft,
    delete_draft,
    get_draft,
    load_drafts,
    save_draft,
)
from counterapp.dossiers.intake_request import (  # noqa: F401  (re-exported)
    CHANNELS,
    FEE_METHODS,
    OP_CREATE,
    OP_STATUS,
    OP_UPDATE,
    DossierNotFound,
    FeeIn,
    FieldError,
    IncompleteDossier,
    IntakeError,
    IntakeRequest,
    StatusError,
    _blank,
    _find_procedure,
    _sex_folded,
    _time_limit,
    load_request,
    parse_date,
    validate_intake,
)
from counterapp.dossiers.models import (
    DailySequence,
    Dossier,
    DossierDocument,
    DossierFee,
    StatusChange,
)
from counterapp.dossiers.numbering import allocate_code
from counterapp.dossiers.queries import dossier_to_dict, normalize_phone
from counterapp.dossiers.status import DossierStatus
from counterapp.dossiers.subject import subject_columns
from counterapp.outbox import enqueue


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


def _unit_price(fee: FeeIn) -> int:
    """The price of one: `unit_amount_vnd` when given, else `amount_vnd` (the catalog's price)."""
    return int(fee.unit_amount_vnd if fee.unit_amount_vnd is not None else fee.amount_vnd)


def _fees(req: IntakeRequest, limit) -> list[DossierFee]:  # noqa: ANN001
    if req.fees is not None:
        return [
            DossierFee(
                position=i + 1,
                code=f.code,
                name=f.name or f.code or "",
                amount_vnd=_unit_price(f) * int(f.quantity),
                quantity=int(f.quantity),
                unit_amount_vnd=_unit_price(f),
                unit=f.unit,
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
                quantity=1,
                unit_amount_vnd=int(f.amount_vnd or 0),
                unit=f.unit,
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
            try:
                due_at = due_rule.compute(received_at, calendar)
            except ValueError as exc:  # a catalog time limit out of bounds (counterapp.validation)
                raise IntakeError([FieldError("procedure_code", f"Thủ tục {procedure.code}: {exc}")]) from None
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
        **subject_columns(req.subject, parse_date),
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
    from counterapp.officer import (
        OfficerError,
        check_full_name,
        configured_officer_or_none,
        is_placeholder_name,
    )

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
