"""A new date for a late dossier: form 04, "Văn bản xin lỗi và đề nghị gia hạn thời gian
giải quyết" (Thông tư 03/2025/TT-VPCP, Phụ lục I; was "Phiếu xin lỗi và hẹn lại ngày trả
kết quả" under Nghị định 61/2018/NĐ-CP and Thông tư 01/2018/TT-VPCP).

What the law says, and what could be confirmed: Nghị định 118/2025/NĐ-CP (in force from
1 July 2025, replacing NĐ 61/2018 and NĐ 107/2021) keeps the duty to apologise in writing
for a dossier that will be late, stating the reason and the extra time asked, and Thông tư
03/2025/TT-VPCP gives the form (Mẫu số 04). The article numbers and the exact wording of the
2025 texts could NOT be confirmed from the sources searched for this change (searches for
"Nghị định 118/2025 xin lỗi gia hạn giải quyết hồ sơ quá hạn" found only the list of
TT 03/2025's forms, e.g. thuviennhadat.vn "Tải file word biểu mẫu Thông tư 03/2025/TT-VPCP";
verify). The 2018 text (NĐ 61/2018, art. 19, as commonly quoted) had the agency send the
apology before the appointment passed and allowed a new date once ("việc hẹn lại ngày trả
kết quả được thực hiện không quá một lần"; verify whether NĐ 118/2025 keeps it).

So the counter applies, as site policy pending that check:
- a first new date given before the appointment in force has passed: the officer alone;
- a new date given after it has passed, or any second new date: only with a named
  supervisor (lãnh đạo bộ phận / tổ trưởng), recorded on the dossier and in its history.
The check is `supervisor_needed` here in the core. Once the site has users (counterapp/users),
it is a role check: the acting user is a supervisor or admin (they approve it themselves), or
the named supervisor is an active user with that role (their full name is recorded); anyone
else gets PermissionDenied saying who may. With no users, a supervisor's name is enough. The original appointment (`due_at`) is never changed: on time
is judged against it; the new date becomes the appointment in force (`current_due_at`).
"""

from __future__ import annotations

from datetime import datetime

from counterapp.app import AppContext
from counterapp.db.base import utcnow
from counterapp.db.engine import session_scope
from counterapp.dossiers.intake import OP_UPDATE, FieldError, IntakeError, StatusError, _aware, _officer
from counterapp.dossiers.lifecycle import _at, _load_for_update, _require_text
from counterapp.dossiers.models import Dossier, StatusChange
from counterapp.dossiers.queries import dossier_to_dict
from counterapp.dossiers.status import OPEN_STATUSES, DossierStatus
from counterapp.outbox import enqueue
from counterapp.users.accounts import acting_user, find_user, has_users
from counterapp.users.roles import PermissionDenied, can


class SupervisorRequired(StatusError):
    """The new date needs a supervisor's name (late, or not the first one)."""


def in_force(dossier: Dossier) -> datetime | None:
    """The appointment in force: moved by pauses or a new date, else the original."""
    return dossier.current_due_at or dossier.rescheduled_due_at or dossier.due_at


def supervisor_needed(dossier: Dossier, at: datetime) -> str | None:
    """Why a supervisor must approve a new date given at `at` (vi / en), or None."""
    current = in_force(dossier)
    if current is not None and at > current:
        return ("Hồ sơ đã quá hạn trả kết quả: hẹn lại ngày phải có lãnh đạo/tổ trưởng duyệt / "
                "the appointment has passed: a new date needs a supervisor's approval")
    if int(dossier.reschedule_count or 0) >= 1 or dossier.rescheduled_due_at is not None:
        return ("Hồ sơ đã được hẹn lại một lần: hẹn lại lần nữa phải có lãnh đạo/tổ trưởng duyệt / "
                "a new date was already given once: another needs a supervisor's approval")
    return None


def _approver(session, officer_name: str, supervisor_name: str | None, why: str | None,  # noqa: ANN001
              code: str) -> str | None:
    """On a site with users: who approves a new date that needs it (their full name), or
    PermissionDenied. The acting officer must be an active user in any case."""
    actor = acting_user(session, officer_name)
    if actor is None:
        raise PermissionDenied("new_date", officer_name, None, "không phải người dùng đang hoạt động / not an active user")
    if why is None:
        return supervisor_name
    if supervisor_name is not None:
        named = find_user(session, supervisor_name)
        if named is not None and not named.disabled and can(named.role, "late_new_date"):
            return named.full_name
        role = None if named is None or named.disabled else named.role
        raise PermissionDenied("late_new_date", supervisor_name, role, f"{code}: {why}")
    if can(actor.role, "late_new_date"):
        return actor.full_name
    raise PermissionDenied("late_new_date", actor.full_name, actor.role, f"{code}: {why}")


def reschedule_dossier(
    ctx: AppContext, code: str, new_due_at: datetime, reason: str, officer: str | None = None,
    *, at: datetime | None = None, supervisor: str | None = None,
) -> Dossier:
    """Promise a new date with the apology (form 04).

    `due_at` keeps the original appointment; the new date becomes the appointment in force,
    the reason (and the supervisor who approved, when needed: `supervisor_needed`) are
    recorded, shown in the history and sent to the portal ("dossier.update"). Printing the
    same apology again is harmless: the same date and reason change nothing.
    """
    reason = _require_text(reason, "reason", "Thiếu lý do hẹn lại", "the reason is missing")
    officer_name = _officer(officer, config=ctx.config)
    supervisor_name = (supervisor or "").strip() or None
    when = _at(at, ctx)
    new_due = _aware(new_due_at, ctx)
    with session_scope(ctx.writer_sessions) as session:
        dossier = _load_for_update(session, code)
        if dossier.status not in OPEN_STATUSES:
            raise StatusError(
                f"Hồ sơ {dossier.code} đang ở trạng thái \"{DossierStatus(dossier.status).label_vi}\", "
                f"không hẹn lại được / a dossier that is \"{DossierStatus(dossier.status).label_en}\" "
                "cannot get a new date (only received, processing or waiting ones)"
            )
        if dossier.rescheduled_due_at == new_due and dossier.reschedule_reason == reason:
            return dossier
        why = supervisor_needed(dossier, when)
        if has_users(session):
            supervisor_name = _approver(session, officer_name, supervisor_name, why, dossier.code)
        elif why is not None and supervisor_name is None:
            raise SupervisorRequired(f"{dossier.code}: {why}")
        current = in_force(dossier)
        if new_due <= max(filter(None, (current, dossier.received_at))):
            raise IntakeError([FieldError(
                "new_due_at",
                "Ngày hẹn mới phải sau ngày hẹn hiện tại / the new date must be after the current appointment",
            )])
        dossier.rescheduled_due_at = new_due
        dossier.current_due_at = new_due
        dossier.reschedule_reason = reason
        dossier.reschedule_count = int(dossier.reschedule_count or 0) + 1
        if why is not None:
            dossier.reschedule_supervisor = supervisor_name
        dossier.updated_at = utcnow()
        local = new_due.astimezone(ctx.config.zone).strftime("%H:%M %d/%m/%Y")
        approved = f" Lãnh đạo duyệt / approved by: {supervisor_name}." if why is not None else ""
        dossier.status_changes.append(StatusChange(
            from_status=dossier.status, to_status=dossier.status, at=when, by=officer_name, source="counter",
            supervisor=supervisor_name if why is not None else None,
            note=f"Hẹn lại ngày trả kết quả (lần {dossier.reschedule_count}): {local}. Lý do: {reason}.{approved}",
        ))
        session.flush()
        enqueue(session, OP_UPDATE, dossier.uuid, {
            "uuid": dossier.uuid,
            "code": dossier.code,
            "at": when.isoformat(),
            "by": officer_name,
            "supervisor": supervisor_name if why is not None else None,
            "dossier": dossier_to_dict(dossier),
        })
    return dossier


__all__ = ["SupervisorRequired", "in_force", "reschedule_dossier", "supervisor_needed"]
