"""A dossier's life after receipt: every status change, whoever makes it.

The counter (window and command line) and the back-office progress pulled from the portal
change a dossier's status through `_apply_status` only, checked against the one table of
allowed changes (`status.ALLOWED_TRANSITIONS`); a refused change writes nothing and says,
in Vietnamese then English, both statuses and what is allowed instead. Every counter change
and its outbox row ("dossier.status") commit in one transaction.

Two rules live here because they hang on status changes:
- The clock pauses while the dossier waits on the citizen (5 documents requested, 6 payment
  requested). Going back to work moves the appointment in force (`current_due_at`) later by
  the working time of the wait (counterapp/calendar/pauses.py, with the dossier's calendar
  snapshot); `due_at`, the original appointment, is never touched: on time is judged on it.
- A result is returned (10) only from a processed dossier (9). A procedure settled at the
  counter is recorded as such first (`resolve_now`: 2 -> 9), then returned (9 -> 10), and
  the record says who collected it: a named person with their ID number, or the applicant.

Public entry points:
- `refuse_dossier(ctx, code, reason, officer)`                  -> status 3
- `request_completion(ctx, code, missing, reason, officer)`     -> status 5 (clock paused)
- `set_status(ctx, code, status, officer, note)`                -> any allowed change
- `resolve_now(ctx, code, officer)`                             -> status 9 (settled at the counter)
- `mark_returned(ctx, code, returned_to, ..., id_number, applicant)` -> status 10
- `record_progress(session, dossier, ...)`                      back-office progress (sync)
New dates (form 04) are in new_date.py, payments in fees.py, the print log in print_log.py.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from counterapp.app import AppContext
from counterapp.db.base import utcnow
from counterapp.db.engine import session_scope
from counterapp.dossiers.intake import (
    OP_STATUS,
    DossierNotFound,
    FieldError,
    IntakeError,
    StatusError,
    _aware,
    _blank,
    _officer,
    _require_text,
)
from counterapp.dossiers.models import Dossier, StatusChange
from counterapp.dossiers.queries import dossier_to_dict, get_by_code
from counterapp.dossiers.status import PAUSED_STATUSES, DossierStatus, transition_refusal
from counterapp.outbox import enqueue
from counterapp.users.accounts import require_permission

if TYPE_CHECKING:
    from counterapp.config import SiteConfig

log = logging.getLogger(__name__)
_ID_NUMBER = re.compile(r"\d{9}|\d{12}|[A-Z]\d{7,8}")  # CCCD, old CMND, passport
_FUTURE_SLACK_S = 300


# --------------------------------------------------------------------------- shared helpers
def _load_for_update(session: Session, code: str) -> Dossier:
    dossier = get_by_code(session, code)
    if dossier is None:
        raise DossierNotFound(code)
    return dossier


def _at(at: datetime | None, ctx: AppContext) -> datetime:
    when = _aware(at, ctx)
    if (when - utcnow()).total_seconds() > _FUTURE_SLACK_S:
        raise IntakeError([FieldError("at", "Thời điểm ở tương lai / the time is in the future")])
    return when


def check_transition(dossier: Dossier, to_status: int) -> None:
    """StatusError (vi / en, both statuses and what is allowed) unless the table allows it."""
    message = transition_refusal(dossier.code, dossier.status, int(to_status))
    if message is not None:
        raise StatusError(message)


def _local(value: datetime, zone: Any) -> str:
    return value.astimezone(zone).strftime("%H:%M %d/%m/%Y")


def _pause_bookkeeping(
    session: Session, config: SiteConfig | None, dossier: Dossier, to_status: int, at: datetime
) -> str | None:
    """Start or end a clock pause for a change to `to_status` at `at`; returns a note (vi / en)
    when a pause ended and the appointment in force moved."""
    was_paused = dossier.status in PAUSED_STATUSES
    will_pause = to_status in PAUSED_STATUSES
    if will_pause and not was_paused:
        dossier.paused_since = at
        return None
    if not was_paused or will_pause:
        return None
    from counterapp.calendar.pauses import dossier_calendar, shift_by_working_minutes, working_minutes_between

    since = dossier.paused_since or at
    dossier.paused_since = None
    if config is None and not (dossier.due_rule or {}).get("calendar"):
        log.warning("no calendar for %s: the pause from %s is not counted", dossier.code, since)
        return None
    calendar = dossier_calendar(session, config, dossier.due_rule, dossier.received_at)  # type: ignore[arg-type]
    minutes = working_minutes_between(since, at, calendar)
    dossier.paused_minutes = int(dossier.paused_minutes or 0) + minutes
    in_force = dossier.current_due_at or dossier.rescheduled_due_at or dossier.due_at
    hours_vi = f"{minutes // 60} giờ {minutes % 60:02d} phút làm việc"
    hours_en = f"{minutes // 60} h {minutes % 60:02d} min of working time"
    if in_force is None or minutes <= 0:
        return f"Chờ công dân {hours_vi} / waited on the citizen {hours_en}"
    moved = shift_by_working_minutes(in_force, minutes, calendar)
    dossier.current_due_at = moved
    zone = calendar.zone
    return (
        f"Chờ công dân {hours_vi}, không tính vào thời hạn: hẹn trả dời từ "
        f"{_local(in_force, zone)} sang {_local(moved, zone)} / waited on the citizen {hours_en}, "
        f"not counted: the appointment moves from {_local(in_force, zone)} to {_local(moved, zone)}"
    )


def _join(*notes: str | None) -> str | None:
    parts = [n for n in notes if n]
    return ". ".join(parts) if parts else None


def _apply_status(
    session: Session,
    config: SiteConfig | None,
    dossier: Dossier,
    to_status: int,
    *,
    by: str,
    at: datetime,
    note: str | None,
    extra: Mapping[str, Any] | None = None,
) -> StatusChange:
    """The one way a counter changes a status: checked, pause kept, history row, outbox row."""
    check_transition(dossier, to_status)
    pause_note = _pause_bookkeeping(session, config, dossier, int(to_status), at)
    change = StatusChange(
        from_status=dossier.status, to_status=int(to_status), at=at, by=by, note=note, clock_note=pause_note,
        source="counter",
    )
    dossier.status_changes.append(change)
    dossier.status = int(to_status)
    dossier.updated_at = utcnow()
    session.flush()
    payload = {
        "uuid": dossier.uuid,
        "code": dossier.code,
        "from_status": change.from_status,
        "to_status": change.to_status,
        "at": at.isoformat(),
        "by": by,
        "note": change.note,
        "clock_note": change.clock_note,
        "change_uuid": change.uuid,
        **(dict(extra) if extra else {}),
        "dossier": dossier_to_dict(dossier),
    }
    enqueue(session, OP_STATUS, dossier.uuid, payload)
    return change


# --------------------------------------------------------------------------- counter changes
def refuse_dossier(
    ctx: AppContext, code: str, reason: str, officer: str, *, at: datetime | None = None
) -> Dossier:
    """A received dossier turns out not receivable: status 3 with the reason; outbox "dossier.status".

    Once the site has users, only a supervisor (or admin) may: PermissionDenied otherwise
    (counterapp/users/roles.py). With no users, the officer as before."""
    reason = _require_text(reason, "reason", "Thiếu lý do từ chối", "refusal reason missing")
    officer = _officer(officer, config=ctx.config)
    when = _at(at, ctx)
    with session_scope(ctx.writer_sessions) as session:
        dossier = _load_for_update(session, code)
        check_transition(dossier, DossierStatus.REFUSED)
        require_permission(session, officer, "refuse_after_receipt")  # a supervisor's call, once users exist
        dossier.refusal_reason = reason
        _apply_status(session, ctx.config, dossier, DossierStatus.REFUSED, by=officer, at=when, note=reason,
                      extra={"refusal_reason": reason})
    return dossier


def _missing_items(dossier: Dossier, missing: Iterable[Mapping[str, Any] | str] | None) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    if missing is None:
        for d in dossier.documents:
            if d.missing:
                items.append({
                    "name": d.name,
                    "document_code": d.document_code,
                    "originals": max(0, d.required_originals - d.originals_received),
                    "copies": max(0, d.required_copies - d.copies_received),
                })
    else:
        for entry in missing:
            if isinstance(entry, str):
                items.append({"name": entry, "document_code": None, "originals": 0, "copies": 0})
            else:
                items.append({
                    "name": str(entry.get("name") or ""),
                    "document_code": entry.get("document_code"),
                    "originals": int(entry.get("originals") or 0),
                    "copies": int(entry.get("copies") or 0),
                })
    return [i for i in items if i["name"] or i["document_code"]]


def request_completion(
    ctx: AppContext,
    code: str,
    missing: Iterable[Mapping[str, Any] | str] | None,
    reason: str,
    officer: str,
    *,
    at: datetime | None = None,
) -> Dossier:
    """Ask the applicant for missing documents: status 5 (the clock pauses), the list and
    reason kept (`completion_request_json`: {"missing": [{name, document_code, originals,
    copies}], "reason", "at", "officer"}); outbox "dossier.status". `missing=None` takes the
    checklist lines marked missing."""
    reason = _require_text(reason, "reason", "Thiếu lý do yêu cầu bổ sung", "reason missing")
    officer = _officer(officer, config=ctx.config)
    when = _at(at, ctx)
    with session_scope(ctx.writer_sessions) as session:
        dossier = _load_for_update(session, code)
        check_transition(dossier, DossierStatus.NEEDS_COMPLETION)
        items = _missing_items(dossier, missing)
        if not items:
            raise IntakeError(
                [FieldError("missing", "Chưa chọn giấy tờ cần bổ sung / no missing document listed")]
            )
        request_data = {"missing": items, "reason": reason, "at": when.isoformat(), "officer": officer}
        dossier.completion_request_json = json.dumps(request_data, ensure_ascii=False)
        _apply_status(session, ctx.config, dossier, DossierStatus.NEEDS_COMPLETION, by=officer, at=when,
                      note=reason, extra={"completion_request": request_data})
    return dossier


def _parse_status(status: int | str) -> DossierStatus:
    try:
        return DossierStatus(int(status))
    except (TypeError, ValueError):
        raise StatusError(f"Trạng thái không tồn tại: {status} / unknown status {status} (1..10)") from None


def set_status(
    ctx: AppContext,
    code: str,
    status: int,
    officer: str,
    note: str | None = None,
    *,
    at: datetime | None = None,
) -> Dossier:
    """Any other allowed status change made at the counter (4 processing, 5 / 6 waiting on
    the citizen, 7 withdrawn, 8 stopped, 9 processed, back to 2 / 4 after a wait, ...).

    Status 9 sets finished_at; 10 goes through `mark_returned` (who collected it is needed).
    Outbox "dossier.status"."""
    target = _parse_status(status)
    if target is DossierStatus.RETURNED:
        raise StatusError(
            "Trả kết quả cần ghi người nhận: dùng chức năng trả kết quả / returning a result needs who "
            "collected it: use the return action (counterapp dossier return)"
        )
    officer_name = _officer(officer, config=ctx.config)
    when = _at(at, ctx)
    with session_scope(ctx.writer_sessions) as session:
        dossier = _load_for_update(session, code)
        check_transition(dossier, target)
        if target is DossierStatus.FINISHED and dossier.finished_at is None:
            dossier.finished_at = when
        _apply_status(session, ctx.config, dossier, target, by=officer_name, at=when, note=note)
    return dossier


RESOLVED_NOW_NOTE = "Giải quyết ngay tại quầy / resolved at the counter"


def resolve_now(
    ctx: AppContext, code: str, officer: str | None, *, at: datetime | None = None, note: str | None = None
) -> Dossier:
    """The officer settled the procedure at the counter: status 9 (processed), finished now;
    the result can then be returned (`mark_returned`)."""
    officer_name = _officer(officer, config=ctx.config)
    when = _at(at, ctx)
    with session_scope(ctx.writer_sessions) as session:
        dossier = _load_for_update(session, code)
        check_transition(dossier, DossierStatus.FINISHED)
        dossier.finished_at = when
        _apply_status(session, ctx.config, dossier, DossierStatus.FINISHED, by=officer_name, at=when,
                      note=_join(RESOLVED_NOW_NOTE, (note or "").strip() or None),
                      extra={"resolved_at_counter": True})
    return dossier


def normalize_id_number(text: str | None) -> str | None:
    """An ID number as typed (spaces, dots, lower case) -> "001090012345"; None if blank;
    IntakeError unless it looks like a CCCD (12 digits), an old CMND (9) or a passport."""
    if _blank(text):
        return None
    value = re.sub(r"[\s.\-]", "", str(text)).upper()
    if not _ID_NUMBER.fullmatch(value):
        raise IntakeError([FieldError(
            "id_number",
            f"Số giấy tờ của người nhận không hợp lệ: {text!r} (CCCD 12 số, CMND 9 số hoặc hộ chiếu) / "
            f"invalid ID number of who collected it: {text!r} (12-digit CCCD, 9-digit CMND or passport)",
        )])
    return value


def mark_returned(
    ctx: AppContext,
    code: str,
    returned_to: str | None = None,
    at: datetime | None = None,
    officer: str | None = None,
    *,
    id_number: str | None = None,
    applicant: bool = False,
    note: str | None = None,
) -> Dossier:
    """The result was handed over: status 10 from a processed dossier (9) only.

    Who collected it: `applicant=True` (the applicant in person; their name is recorded) or
    a person's name in `returned_to` with, optionally, their ID number (`id_number`).
    `finished_at`, if never reported, becomes the time the result came back, else now."""
    if applicant and not _blank(returned_to):
        raise IntakeError([FieldError(
            "returned_to", "Chọn một: chính người nộp hoặc người nhận khác / either the applicant or another person")])
    if not applicant:
        returned_to = _require_text(returned_to, "returned_to", "Thiếu tên người nhận kết quả",
                                    "who collected it is missing (a name, or the applicant)")
    id_value = normalize_id_number(id_number)
    officer_name = _officer(officer, config=ctx.config)
    when = _at(at, ctx)
    with session_scope(ctx.writer_sessions) as session:
        dossier = _load_for_update(session, code)
        check_transition(dossier, DossierStatus.RETURNED)
        if applicant:
            returned_to = dossier.applicant_name
            id_value = id_value or dossier.id_number
        dossier.returned_at = when
        dossier.returned_to = returned_to
        dossier.returned_to_id_number = id_value
        dossier.returned_to_applicant = bool(applicant)
        dossier.return_note = note
        if dossier.finished_at is None:
            dossier.finished_at = dossier.result_received_at or when
        who = "chính người nộp / the applicant" if applicant else f"{returned_to}" + (
            f" (giấy tờ / ID {id_value})" if id_value else "")
        _apply_status(session, ctx.config, dossier, DossierStatus.RETURNED, by=officer_name, at=when,
                      note=_join(f"Người nhận / collected by: {who}", note),
                      extra={"returned_at": when.isoformat(), "returned_to": returned_to,
                             "returned_to_id_number": id_value, "returned_to_applicant": bool(applicant)})
    return dossier


# --------------------------------------------------------------------------- portal progress
def record_progress(
    session: Session,
    dossier: Dossier,
    *,
    status: int | None = None,
    at: datetime,
    handler: str | None = None,
    title: str | None = None,
    department: str | None = None,
    content: str | None = None,
    started_at: datetime | None = None,
    step_due_at: datetime | None = None,
    config: SiteConfig | None = None,
) -> StatusChange:
    """Back-office progress that came from the portal (CapNhatTienDoHoSoMC), in the
    caller's transaction, without an outbox row (it came from there).

    A status it carries goes through the same table and the same clock pauses as a counter
    change; a change the table refuses is kept as a progress row with the status unchanged
    and the refusal in its note (nothing the portal said is lost, nothing illegal applied).
    Status 9 sets finished_at when unset."""
    to_status = int(status) if status is not None else dossier.status
    note = None
    pause_note = None
    if to_status != dossier.status:
        refusal = transition_refusal(dossier.code, dossier.status, to_status)
        if refusal is not None:
            log.warning("portal progress not applied: %s", refusal)
            note = f"Cổng báo trạng thái {to_status}, không áp dụng / portal status {to_status} not applied: {refusal}"
            to_status = dossier.status
        else:
            pause_note = _pause_bookkeeping(session, config, dossier, to_status, at)
    change = StatusChange(
        from_status=dossier.status,
        to_status=to_status,
        at=at,
        by=handler,
        note=note,
        clock_note=pause_note,
        source="portal",
        handler=handler,
        title=title,
        department=department,
        content=content,
        step_started_at=started_at,
        step_due_at=step_due_at,
    )
    dossier.status_changes.append(change)
    if to_status != dossier.status:
        dossier.status = to_status
        if to_status == DossierStatus.FINISHED and dossier.finished_at is None:
            dossier.finished_at = at
    dossier.updated_at = utcnow()
    session.flush()
    return change


def adopt_portal_status(
    session: Session,
    dossier: Dossier,
    status: int,
    *,
    by: str | None,
    at: datetime,
    note: str | None,
    config: SiteConfig | None = None,
) -> StatusChange:
    """A supervisor settled a sync conflict by keeping the portal's version: the counter
    mirrors the portal's status as it is (the one change not held to the table: the
    portal's record is the truth being restored), with the clock pauses kept. In the
    caller's transaction, no outbox row."""
    pause_note = _pause_bookkeeping(session, config, dossier, int(status), at)
    change = StatusChange(from_status=dossier.status, to_status=int(status), at=at, by=by,
                          note=note, clock_note=pause_note, source="portal")
    dossier.status_changes.append(change)
    dossier.status = int(status)
    dossier.updated_at = utcnow()
    session.flush()
    return change


__all__ = [
    "adopt_portal_status",
    "RESOLVED_NOW_NOTE",
    "check_transition",
    "mark_returned",
    "normalize_id_number",
    "record_progress",
    "refuse_dossier",
    "request_completion",
    "resolve_now",
    "set_status",
]
