"""A new date promised with an apology is recorded; the original appointment stays."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from counterapp.dossiers.intake import IntakeError, StatusError, create_dossier
from counterapp.dossiers.lifecycle import mark_returned, resolve_now
from counterapp.dossiers.new_date import reschedule_dossier
from counterapp.dossiers.queries import get_by_code
from counterapp.outbox import OutboxItem
from tests.dossiers.conftest import HCM, request_dict


def test_reschedule_keeps_the_original_appointment_and_tells_the_portal(proc_ctx):
    dossier = create_dossier(proc_ctx, request_dict(), officer="Trần Văn Bình")
    original = dossier.due_at
    new_date = datetime(2026, 3, 12, 15, 0, tzinfo=HCM)
    before = datetime(2026, 3, 4, 16, 0, tzinfo=HCM)  # the day before the appointment (05/03 09:00)
    reschedule_dossier(proc_ctx, dossier.code, new_date, "Chờ ý kiến Sở Tư pháp", "Trần Văn Bình", at=before)
    reschedule_dossier(proc_ctx, dossier.code, new_date, "Chờ ý kiến Sở Tư pháp", "Trần Văn Bình")  # a reprint
    with proc_ctx.sessions() as s:
        d = get_by_code(s, dossier.code)
        assert d.due_at == original and d.rescheduled_due_at == new_date
        assert d.current_due_at == new_date  # the due / overdue lists go by the new date
        assert d.reschedule_count == 1 and d.reschedule_supervisor is None  # first, in time: the officer alone
        notes = [c.note for c in d.status_changes if c.note and "Hẹn lại" in c.note]
        assert notes == ["Hẹn lại ngày trả kết quả (lần 1): 15:00 12/03/2026. Lý do: Chờ ý kiến Sở Tư pháp."]
        ops = s.scalars(select(OutboxItem.operation).where(OutboxItem.entity_id == d.uuid)).all()
    assert ops.count("dossier.update") == 1


def test_reschedule_refuses_an_earlier_date_a_blank_reason_and_a_returned_dossier(proc_ctx):
    dossier = create_dossier(proc_ctx, request_dict(), officer="Trần Văn Bình")
    in_time = datetime(2026, 3, 3, 9, 0, tzinfo=HCM)
    with pytest.raises(IntakeError, match="sau ngày hẹn hiện tại"):
        reschedule_dossier(proc_ctx, dossier.code, dossier.due_at, "Lý do", "Bình", at=in_time)
    with pytest.raises(IntakeError, match="Thiếu lý do"):
        reschedule_dossier(proc_ctx, dossier.code, datetime(2026, 3, 20, 9, 0, tzinfo=HCM), "  ", "Bình")
    resolve_now(proc_ctx, dossier.code, "Bình")
    mark_returned(proc_ctx, dossier.code, "Nguyễn Văn An", officer="Bình")
    with pytest.raises(StatusError, match="không hẹn lại được"):
        reschedule_dossier(proc_ctx, dossier.code, datetime(2026, 3, 20, 9, 0, tzinfo=HCM), "Lý do", "Bình")
    with proc_ctx.sessions() as s:
        assert get_by_code(s, dossier.code).rescheduled_due_at is None
