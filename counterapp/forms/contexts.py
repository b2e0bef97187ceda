"""What each form prints, read from a dossier (or the ledger's dossiers).

A builder returns a plain dict of strings, numbers and lists: the keys the form's
template uses (see samples.py for one of each). Times are shown in the site zone.
Builders raise FormError (Vietnamese / English) when the dossier lacks what the form
needs, e.g. a refusal without a recorded reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counterapp.config import SiteConfig
from counterapp.db.base import utcnow
from counterapp.dossiers.admin_units import compose_address
from counterapp.dossiers.fee_units import fee_amount_text
from counterapp.dossiers.models import Dossier, DossierDocument
from counterapp.dossiers.subject import sex_value, subject_to_dict
from counterapp.forms.formatting import amount_in_words, format_date, format_datetime, format_vnd, long_datetime
from counterapp.forms.specs import FormError
from counterapp.forms.units import unit_name
from counterapp.officer import Officer, OfficerError, configured_officer, is_placeholder_name

DOCUMENT_FORM_LABELS = {
    "original": "Bản chính",
    "certified_copy": "Bản sao chứng thực",
    "photocopy": "Bản chụp",
}
PAYMENT_METHOD_LABELS = {
    "cash": "Tiền mặt",
    "transfer": "Chuyển khoản",
    "online": "Thanh toán trực tuyến",
    "card": "Thẻ ngân hàng",
}
OUTCOME_EARLY = "Trước hạn"
OUTCOME_ON_TIME = "Đúng hạn"
OUTCOME_LATE = "Quá hạn"


# -- small pieces ----------------------------------------------------------------


def _number_text(value: float | int | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",")


UNIT_TEXT = {"workday": "ngày làm việc", "workhour": "giờ làm việc", "day": "ngày"}


def processing_time_text(dossier: Dossier) -> str:
    """`3 ngày làm việc`, `4 giờ làm việc`, `0,5 ngày làm việc`."""
    if dossier.duration_amount is None:
        return ""
    unit = (dossier.duration_unit or "").strip()
    rule = dossier.due_rule or {}
    text = UNIT_TEXT.get(unit) or str(rule.get("unit_text") or unit)
    return f"{_number_text(dossier.duration_amount)} {text[:1].lower() + text[1:]}".strip()


def applicant_address(dossier: Dossier) -> str:
    return dossier.address or compose_address(dossier.street, dossier.commune_name, dossier.province_name)


def applicant_display_name(dossier: Dossier) -> str:
    name = dossier.applicant_name or ""
    if dossier.applicant_kind == "organization":
        org = dossier.org_name or ""
        if org and org != name:
            name = f"{org} ({name})" if name else org
        if dossier.representative and dossier.representative not in name:
            name = f"{name} – người đại diện: {dossier.representative}"
    return name


def request_text(dossier: Dossier) -> str:
    summary = (dossier.summary or "").strip()
    if summary and summary != dossier.procedure_name:
        return f"{dossier.procedure_name} – {summary}"
    return dossier.procedure_name


def collect_place(config: SiteConfig) -> str:
    """Where the result is collected: `[forms] collect_at` in site.toml, else the unit itself."""
    return str(config.section("forms").get("collect_at") or unit_name(config))


def person_name(*candidates: str | None) -> str:
    """The first candidate that is a person's name (not empty, not "root" / "admin"), else ""."""
    for name in candidates:
        if not is_placeholder_name(name):
            return " ".join(str(name).split())
    return ""


def _configured(config: SiteConfig) -> Officer | None:
    return configured_officer(config) if config.section("officer") else None


def signing_officer(config: SiteConfig, *recorded: str | None) -> tuple[str, str, str]:
    """(full name, title, phone) of the officer who signs: the first recorded name that is
    a person's name, else the officer of site.toml's [officer]. FormError (vi / en) when
    neither gives one: a form never prints "root" or an empty signature."""
    problem: OfficerError | None = None
    try:
        officer = _configured(config)
    except OfficerError as exc:
        officer, problem = None, exc
    name = person_name(*recorded)
    if problem is not None and not name:
        raise FormError(str(problem)) from problem
    if name:
        if officer is not None and officer.full_name == name:
            return name, officer.title, officer.phone
        return name, "", ""
    if officer is not None:
        return officer.full_name, officer.title, officer.phone
    shown = next((str(n).strip() for n in recorded if n and str(n).strip()), "")
    raise FormError(
        (f"\"{shown}\" là tên tài khoản máy, không phải họ tên cán bộ" if shown else "Chưa có họ tên cán bộ ký")
        + "; khai báo [officer] full_name trong site.toml / "
        + (f"{shown!r} is an account name, not an officer's full name" if shown else "no officer's full name")
        + ": set [officer] full_name in site.toml"
    )


def stop_reason(dossier: Dossier) -> tuple[str, datetime | None]:
    """The reason and time of the latest change to status 8 (Dừng xử lý) in the history."""
    for change in sorted(dossier.status_changes, key=lambda c: (c.at, c.id or 0), reverse=True):
        if change.to_status == 8:
            return (change.note or change.content or "").strip(), change.at
    return "", None


def outcome(finished_at: datetime | None, due_at: datetime | None, config: SiteConfig) -> str:
    """Early / on time / late, as the routing slip writes it ("" while unfinished).

    On time = finished no later than the appointment; early = finished on a day
    before the appointment's day (site zone).
    """
    if finished_at is None or due_at is None:
        return ""
    if finished_at > due_at:
        return OUTCOME_LATE
    if finished_at.astimezone(config.zone).date() < due_at.astimezone(config.zone).date():
        return OUTCOME_EARLY
    return OUTCOME_ON_TIME


def subject_values(subject: dict[str, Any] | None) -> dict[str, str]:
    """The person the procedure is about, as the forms print it ("" each when none): the
    templates word the line ("Về việc của: …", "(quan hệ: …)") and show it only when present."""
    subject = subject or {}
    born = subject.get("date_of_birth")
    if isinstance(born, str) and born:
        try:
            born = date.fromisoformat(born)
        except ValueError:
            pass
    return {
        "subject_name": str(subject.get("name") or ""),
        "subject_birth_date": format_date(born) if isinstance(born, date) else str(born or ""),
        "subject_sex": sex_value(subject.get("sex")) or str(subject.get("sex") or ""),
        "subject_id_number": str(subject.get("id_number") or ""),
        "subject_note": str(subject.get("note") or ""),
        "relationship": str(subject.get("relationship") or "") if subject.get("name") else "",
        "authorisation": str(subject.get("authorisation") or "") if subject.get("name") else "",
    }


def _common(dossier: Dossier, config: SiteConfig, officer: str | None) -> dict[str, Any]:
    return subject_values(subject_to_dict(dossier)) | {
        "code": dossier.code,
        "code_provisional": bool(dossier.code_provisional),
        "code_note": (
            f"Mã tạm trước đây / former provisional code: {dossier.provisional_code}"
            if dossier.provisional_code and dossier.provisional_code != dossier.code
            else ""
        ),
        "applicant_name": applicant_display_name(dossier),
        "applicant_address": applicant_address(dossier),
        "applicant_phone": dossier.phone or "",
        "applicant_email": dossier.email or "",
        "request": request_text(dossier),
        "procedure_code": dossier.procedure_code,
        "officer_name": person_name(officer, dossier.officer),
        "officer_title": "",
        "received_at": long_datetime(dossier.received_at, config.zone),
        "due_at": long_datetime(dossier.due_at, config.zone),
    }


def _fee_line(fee: Any) -> dict[str, Any]:
    """A fee as the forms print it; a counted line reads "8.000 đồng/bản × 2 = 16.000 đồng"."""
    return {
        "name": fee.name,
        "amount": fee_amount_text(fee.amount_vnd, fee.quantity, fee.unit_amount_vnd, fee.unit),
        "quantity": int(fee.quantity or 1),
    }


def _fees(dossier: Dossier) -> list[dict[str, Any]]:
    return [_fee_line(fee) for fee in dossier.fees]


def _document_row(document: DossierDocument) -> dict[str, Any]:
    form = DOCUMENT_FORM_LABELS.get(document.form, document.form)
    if document.originals_received and document.copies_received:
        form = f"{document.originals_received} bản chính, {document.copies_received} bản sao"
    return {
        "name": document.name,
        "form": form,
        "count": document.count_received or "",
        "note": document.note or "",
    }


# -- per-dossier forms ---------------------------------------------------------------


def receipt_context(session: Session, dossier: Dossier, config: SiteConfig, officer: str | None = None) -> dict[str, Any]:
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu số 01). Signed by the officer who received
    it (the name recorded on the dossier; the configured officer when that is empty or an
    account name such as "root")."""
    context = _common(dossier, config, None)
    context["officer_name"], context["officer_title"], _ = signing_officer(config, dossier.officer)
    total = dossier.fees_total_vnd
    context.update(
        {
            "doc_date": dossier.received_at,
            "documents": [_document_row(d) for d in dossier.documents if not d.missing],
            "sets": dossier.sets_count,
            "processing_time": processing_time_text(dossier),
            "collect_at": collect_place(config),
            "fees": _fees(dossier) if total or dossier.fees else [],
            "fee_total": format_vnd(total),
            "ledger_book": dossier.ledger_book or "",
            "ledger_line": dossier.ledger_line if dossier.ledger_line is not None else "",
        }
    )
    return context


def _copies_note(originals: int, copies: int) -> str:
    parts = []
    if originals:
        parts.append(f"{originals} bản chính")
    if copies:
        parts.append(f"{copies} bản sao")
    return ", ".join(parts)


def completion_request_context(
    session: Session, dossier: Dossier, config: SiteConfig, officer: str | None = None
) -> dict[str, Any]:
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: what is recorded on the dossier.

    The lines are the recorded request (`Dossier.completion_request`, written by
    `request_completion`: {"missing": [{"name", "originals", "copies"}], "reason",
    "at", "officer"}); without one, the checklist lines marked missing.
    """
    request = dossier.completion_request or {}
    rows: list[dict[str, Any]] = []
    recorded = request.get("missing") or request.get("documents") or []
    for item in recorded:
        if isinstance(item, str):
            item = {"name": item}
        name = str(item.get("name") or item.get("document_code") or "").strip()
        if not name:
            continue
        originals, copies = int(item.get("originals") or 0), int(item.get("copies") or 0)
        rows.append(
            {
                "name": name,
                "count": item.get("count") or (originals + copies) or 1,
                "note": item.get("note") or _copies_note(originals, copies),
            }
        )
    if not recorded:
        for document in dossier.missing_documents:
            originals = max(0, document.required_originals - document.originals_received)
            copies = max(0, document.required_copies - document.copies_received)
            rows.append(
                {
                    "name": document.name,
                    "count": (originals + copies) or 1,
                    "note": document.note or _copies_note(originals, copies),
                }
            )
    reason = str(request.get("reason") or "").strip()
    if not rows and not reason:
        raise FormError(
            f"Hồ sơ {dossier.code} chưa ghi yêu cầu bổ sung / no completion request recorded on this dossier"
        )
    context = _common(dossier, config, None)
    name, title, phone = signing_officer(config, request.get("officer"), officer, dossier.officer)
    context.update({"officer_name": name, "officer_title": title})
    at = request.get("at")
    try:
        doc_date = datetime.fromisoformat(at) if at else None
    except (TypeError, ValueError):
        doc_date = None
    context.update(
        {
            "doc_date": doc_date or utcnow(),
            "missing_documents": rows,
            "reason": reason,
            "officer_phone": str(
                request.get("officer_phone") or phone or config.section("forms").get("contact_phone") or ""
            ),
        }
    )
    return context


def refusal_context(session: Session, dossier: Dossier, config: SiteConfig, officer: str | None = None) -> dict[str, Any]:
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the reason recorded on the dossier."""
    reason = (dossier.refusal_reason or "").strip()
    if not reason:
        raise FormError(f"Hồ sơ {dossier.code} chưa ghi lý do từ chối / no refusal reason recorded on this dossier")
    context = _common(dossier, config, None)
    context["officer_name"], context["officer_title"], _ = signing_officer(config, dossier.officer, officer)
    context["reason"] = reason
    return context


def routing_slip_context(
    session: Session, dossier: Dossier, config: SiteConfig, officer: str | None = None, blank_rows: int = 4
) -> dict[str, Any]:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ: hand-overs known so far, then blank rows."""
    lead = dossier.lead_agency_name or ""
    rows: list[dict[str, Any]] = [
        {
            "from_org": unit_name(config),
            "to_org": lead,
            "at": format_datetime(dossier.sent_at, config.zone) if dossier.sent_at else "",
            "from_person": person_name(dossier.officer),
            "to_person": "",
            "result": "",
            "note": "",
        }
    ]
    for change in dossier.status_changes:
        if change.source != "portal" or not (change.department or change.handler):
            continue
        rows.append(
            {
                "from_org": rows[-1]["to_org"] or lead,
                "to_org": change.department or "",
                "at": format_datetime(change.at, config.zone),
                "from_person": "",
                "to_person": change.handler or "",
                "result": outcome(change.at, change.step_due_at, config),
                "note": change.content or "",
            }
        )
    if dossier.result_received_at:
        rows.append(
            {
                "from_org": lead,
                "to_org": unit_name(config),
                "at": format_datetime(dossier.result_received_at, config.zone),
                "from_person": "",
                "to_person": "",
                "result": outcome(dossier.finished_at or dossier.result_received_at, dossier.due_at, config),
                "note": "",
            }
        )
    blank = {"from_org": "", "to_org": "", "at": "", "from_person": "", "to_person": "", "result": "", "note": ""}
    while len(rows) < max(blank_rows, 1):
        rows.append(dict(blank))
    context = _common(dossier, config, officer)
    context.update(
        {
            "doc_date": dossier.received_at,
            "lead_agency": lead,
            "coordinating_agencies": "",
            "handovers": rows,
            "outcome": outcome(dossier.finished_at, dossier.due_at, config),
        }
    )
    return context


def apology_context(
    session: Session,
    dossier: Dossier,
    config: SiteConfig,
    officer: str | None = None,
    *,
    new_due_at: datetime,
    reason: str,
    signer_title: str = "",
    signer_name: str = "",
) -> dict[str, Any]:
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả: original appointment, reason, new date."""
    reason = (reason or "").strip()
    if not reason:
        raise FormError("Cần ghi lý do chậm trả kết quả / a reason for the delay is required")
    if new_due_at.tzinfo is None:
        raise FormError("Ngày hẹn mới thiếu múi giờ / new date has no time zone")
    if dossier.due_at is not None and new_due_at <= dossier.due_at:
        raise FormError(
            f"Ngày hẹn mới phải sau ngày hẹn cũ ({format_datetime(dossier.due_at, config.zone)}) / "
            "the new date must be after the original appointment"
        )
    context = _common(dossier, config, officer)
    context.update(
        {
            "received_date": format_date(dossier.received_at, config.zone),
            "new_due_at": long_datetime(new_due_at, config.zone),
            "reason": reason,
            **_signer(config, signer_title, signer_name, officer, dossier.officer),
        }
    )
    return context


def _signer(config: SiteConfig, title: str, name: str, *recorded: str | None) -> dict[str, str]:
    """Who signs a letter of the agency (forms 04 and 05): the name given, else site.toml's
    `[forms] signer_name` / `signer_title`, else the officer printing it or recorded on the
    dossier, else the configured officer (with their title). An empty title prints the
    form's default (forms.toml `signer_title`)."""
    forms = config.section("forms")
    title = (title or "").strip() or str(forms.get("signer_title") or "").strip()
    given = person_name(name, str(forms.get("signer_name") or ""))
    if given:
        return {"signer_title": title, "signer_name": given}
    full_name, officer_title, _ = signing_officer(config, *recorded)
    return {"signer_title": title or officer_title.upper(), "signer_name": full_name}


def stop_notice_context(
    session: Session,
    dossier: Dossier,
    config: SiteConfig,
    officer: str | None = None,
    *,
    reason: str = "",
    signer_title: str = "",
    signer_name: str = "",
) -> dict[str, Any]:
    """Thông báo dừng giải quyết hồ sơ (Mẫu số 05, TT 03/2025/TT-VPCP): for a dossier in
    status 8 (Dừng xử lý), with the reason recorded in its status history."""
    if dossier.status != 8:
        raise FormError(
            f"Hồ sơ {dossier.code} không ở trạng thái \"Dừng xử lý\" (8) / "
            "the dossier is not in status 8 (processing stopped)"
        )
    recorded, stopped_at = stop_reason(dossier)
    reason = (reason or "").strip() or recorded
    if not reason:
        raise FormError(
            f"Hồ sơ {dossier.code} chưa ghi lý do dừng xử lý / no reason for stopping is recorded on this dossier"
        )
    context = _common(dossier, config, officer)
    try:
        contact = configured_officer(config).phone if config.section("officer") else ""
    except OfficerError:
        contact = ""
    context.update(
        {
            "doc_date": utcnow(),
            "received_date": format_date(dossier.received_at, config.zone),
            "stopped_at": long_datetime(stopped_at, config.zone) if stopped_at else "",
            "reason": reason,
            "officer_phone": contact or str(config.section("forms").get("contact_phone") or ""),
            **_signer(config, signer_title, signer_name, officer, dossier.officer),
        }
    )
    return context


def fee_receipt_context(
    session: Session, dossier: Dossier, config: SiteConfig, officer: str | None = None
) -> dict[str, Any]:
    """Giấy biên nhận đã thu phí, lệ phí: the counter's internal acknowledgment of money
    taken (the lawful e-invoice / e-receipt comes from the fee system). Only fees recorded
    as paid (`counterapp dossier pay`) are listed, with the time of payment, never the
    print time; the total in figures and in words."""
    if not dossier.fees:
        raise FormError(f"Hồ sơ {dossier.code} không có phí, lệ phí / this dossier has no fees")
    paid = [f for f in dossier.fees if f.paid and f.paid_at is not None]
    if not paid:
        raise FormError(
            f"Hồ sơ {dossier.code}: chưa ghi nhận thu khoản phí, lệ phí nào — ghi nhận thu trước "
            f"(counterapp dossier pay {dossier.code}) rồi mới in biên nhận / no fee of this dossier is recorded "
            "as paid: record the payment first, then print the receipt"
        )
    total = sum(f.amount_vnd for f in paid)
    methods = sorted({PAYMENT_METHOD_LABELS.get(f.method, f.method) for f in paid if f.method})
    unpaid = [f for f in dossier.fees if f not in paid]
    context = _common(dossier, config, officer)
    context.update(
        {
            "fees": [_fee_line(f) for f in paid],
            "total": format_vnd(total),
            "total_words": amount_in_words(total),
            "payment_method": ", ".join(methods),
            "collected_at": format_datetime(max(f.paid_at for f in paid), config.zone),
            "collected_by": ", ".join(sorted({f.paid_by for f in paid if f.paid_by})),
            "unpaid_count": len(unpaid),
        }
    )
    return context


# -- the ledger -------------------------------------------------------------------


def _day_start(day: date, config: SiteConfig) -> datetime:
    return datetime.combine(day, time(0), tzinfo=config.zone)


def ledger_context(session: Session, config: SiteConfig, date_from: date, date_to: date) -> dict[str, Any]:
    """Sổ theo dõi hồ sơ: every dossier received from `date_from` to `date_to` (inclusive,
    site zone), oldest first."""
    if date_to < date_from:
        raise FormError("Ngày kết thúc trước ngày bắt đầu / the end date is before the start date")
    start = _day_start(date_from, config)
    end = _day_start(date_to + timedelta(days=1), config)
    dossiers = session.scalars(
        select(Dossier)
        .where(Dossier.received_at >= start, Dossier.received_at < end)
        .order_by(Dossier.received_at, Dossier.id)
    ).all()
    zone = config.zone
    rows = []
    for dossier in dossiers:
        contact = "; ".join(p for p in (applicant_address(dossier), dossier.phone or "") if p)
        rows.append(
            {
                "code": dossier.code,
                "provisional": bool(dossier.code_provisional),
                "procedure": dossier.procedure_name,
                "sets": dossier.sets_count,
                "applicant": applicant_display_name(dossier),
                "subject": dossier.subject_name or "",  # dossiers_0010: whose birth, death, ...
                "address_phone": contact,
                "lead_agency": dossier.lead_agency_name or "",
                "received_at": format_datetime(dossier.received_at, zone),
                "due_at": format_datetime(dossier.due_at, zone),
                "sent_at": format_datetime(dossier.sent_at, zone),
                "result_back_at": format_datetime(dossier.result_received_at, zone),
                "returned_at": format_datetime(dossier.returned_at, zone),
                "note": dossier.notes or "",
            }
        )
    return {
        "date_from": format_date(date_from),
        "date_to": format_date(date_to),
        "rows": rows,
        "count": len(rows),
        "dossier_ids": [d.id for d in dossiers],
    }


DOSSIER_FORMS: dict[str, Callable[..., dict[str, Any]]] = {
    "receipt": receipt_context,
    "completion_request": completion_request_context,
    "refusal": refusal_context,
    "routing_slip": routing_slip_context,
    "apology": apology_context,
    "stop_notice": stop_notice_context,
    "fee_receipt": fee_receipt_context,
}
"""The forms printed for one dossier, by CLI name, with their context builders."""


def dossier_context(form: str, session: Session, dossier: Dossier, config: SiteConfig, **options: Any) -> dict[str, Any]:
    """The context of any per-dossier form (options: officer; for apology new_due_at, reason;
    for apology and stop_notice signer_title, signer_name)."""
    builder = DOSSIER_FORMS.get(form)
    if builder is None:
        raise FormError(f"Không có mẫu phiếu {form!r} cho một hồ sơ / not a per-dossier form")
    return builder(session, dossier, config, **options)


def load_dossier(session: Session, code: str) -> Dossier:
    """The dossier with this code (or former provisional code), lines loaded, or FormError."""
    code = (code or "").strip()
    options = (selectinload(Dossier.documents), selectinload(Dossier.fees), selectinload(Dossier.status_changes))
    dossier = session.scalar(select(Dossier).where(Dossier.code == code).options(*options))
    if dossier is None and code:
        dossier = session.scalar(select(Dossier).where(Dossier.provisional_code == code).options(*options))
    if dossier is None:
        raise FormError(f"Không tìm thấy hồ sơ mã {code!r} / no dossier with this code")
    return dossier
