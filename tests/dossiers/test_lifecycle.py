"""A dossier's life after receipt: the one transition table, returning only what is done,
who collected it, new dates that need a supervisor, payments."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from counterapp.db.base import utcnow
from counterapp.dossiers.fees import record_payment
from counterapp.dossiers.intake import IntakeError, StatusError, create_dossier
from counterapp.dossiers.lifecycle import mark_returned, refuse_dossier, resolve_now, set_status
from counterapp.dossiers.new_date import SupervisorRequired, reschedule_dossier
from counterapp.dossiers.queries import get_by_code
from counterapp.dossiers.status import ALLOWED_TRANSITIONS, DossierStatus, transition_refusal
from counterapp.outbox import OutboxItem
from tests.dossiers.conftest import HCM, request_dict

S = DossierStatus


def test_the_table_covers_every_status_by_name_and_returning_needs_a_processed_dossier():
    assert set(ALLOWED_TRANSITIONS) == set(DossierStatus)
    for targets in ALLOWED_TRANSITIONS.values():
        assert all(isinstance(t, DossierStatus) for t in targets)
    assert [s for s, targets in ALLOWED_TRANSITIONS.items() if S.RETURNED in targets] == [S.FINISHED]
    assert S.FINISHED in ALLOWED_TRANSITIONS[S.RECEIVED]  # resolved now at the counter
    assert not ALLOWED_TRANSITIONS[S.RETURNED] and not ALLOWED_TRANSITIONS[S.REFUSED]


def test_a_refusal_names_both_statuses_and_what_is_allowed():
    message = transition_refusal("H49.22-260302-0001", 2, 10)
    vi, en = message.split(" / ", 1)
    assert '"Được tiếp nhận" (2)' in vi and '"Đã trả kết quả" (10)' in vi
    assert "chỉ chuyển được sang" in vi and "Đã xử lý xong (9)" in vi and "Đang xử lý (4)" in vi
    assert '"Received" (2)' in en and '"Result returned" (10)' in en and "Processed (9)" in en
    assert "record it as resolved first" in en
    final = transition_refusal("X", 10, 4)
    assert "trạng thái cuối" in final and "final" in final
    assert transition_refusal("X", 9, 10) is None


def test_resolved_now_then_returned_to_the_applicant(proc_ctx):
    code = create_dossier(proc_ctx, request_dict(), "Cán bộ A").code
    with pytest.raises(StatusError, match="Đã xử lý xong") as refused:
        mark_returned(proc_ctx, code, applicant=True, officer="Cán bộ A")
    assert "Được tiếp nhận" in str(refused.value)
    with pytest.raises(StatusError, match="dossier return"):
        set_status(proc_ctx, code, 10, "Cán bộ A")  # who collected it is needed
    resolve_now(proc_ctx, code, "Cán bộ A", at=datetime(2026, 3, 2, 9, 30, tzinfo=HCM))
    mark_returned(proc_ctx, code, applicant=True, officer="Cán bộ A", at=datetime(2026, 3, 2, 9, 35, tzinfo=HCM))
    with proc_ctx.sessions() as s:
        d = get_by_code(s, code)
        assert [c.to_status for c in d.status_changes] == [2, 9, 10]
        assert "tại quầy" in d.status_changes[1].note
        assert d.returned_to == "Nguyễn Văn An" and d.returned_to_applicant
        assert d.returned_to_id_number == "001090012345"
        assert d.finished_at == datetime(2026, 3, 2, 9, 30, tzinfo=HCM)
        ops = [o.payload.get("to_status") for o in s.scalars(select(OutboxItem).order_by(OutboxItem.seq))]
    assert ops == [None, 9, 10]


def test_returned_to_a_named_person_with_an_id_number(proc_ctx):
    code = create_dossier(proc_ctx, request_dict(), "Cán bộ A").code
    set_status(proc_ctx, code, 4, "Cán bộ A")
    set_status(proc_ctx, code, 9, "Cán bộ A", "Đã ký")
    with pytest.raises(IntakeError, match="Thiếu tên người nhận"):
        mark_returned(proc_ctx, code, "  ", officer="Cán bộ A")
    with pytest.raises(IntakeError, match="không hợp lệ"):
        mark_returned(proc_ctx, code, "Trần Thị Cúc", officer="Cán bộ A", id_number="12AB")
    with pytest.raises(IntakeError, match="Chọn một"):
        mark_returned(proc_ctx, code, "Trần Thị Cúc", officer="Cán bộ A", applicant=True)
    mark_returned(proc_ctx, code, "Trần Thị Cúc", officer="Cán bộ A", id_number="022 190 000 111")
    with proc_ctx.sessions() as s:
        d = get_by_code(s, code)
        assert (d.status, d.returned_to, d.returned_to_id_number, d.returned_to_applicant) == (
            10, "Trần Thị Cúc", "022190000111", False)
        assert "Trần Thị Cúc (giấy tờ / ID 022190000111)" in d.status_changes[-1].note


def test_refused_changes_write_nothing(proc_ctx):
    code = create_dossier(proc_ctx, request_dict(), "Cán bộ A").code
    refuse_dossier(proc_ctx, code, "Giấy tờ giả", "Cán bộ A")
    with proc_ctx.sessions() as s:
        before = (get_by_code(s, code).version, s.query(OutboxItem).count())
    for status in (2, 4, 9):
        with pytest.raises(StatusError, match="trạng thái cuối"):
            set_status(proc_ctx, code, status, "Cán bộ A")
    with pytest.raises(StatusError, match="unknown status 11"):
        set_status(proc_ctx, code, 11, "Cán bộ A")
    with proc_ctx.sessions() as s:
        assert (get_by_code(s, code).version, s.query(OutboxItem).count()) == before


def test_a_new_date_after_the_appointment_or_a_second_one_needs_a_supervisor(proc_ctx):
    code = create_dossier(proc_ctx, request_dict(), "Cán bộ A").code  # due Thursday 5/3/2026 09:00
    first = datetime(2026, 3, 10, 9, 0, tzinfo=HCM)
    reschedule_dossier(proc_ctx, code, first, "Chờ xác minh", "Cán bộ A", at=datetime(2026, 3, 4, 9, 0, tzinfo=HCM))
    second = datetime(2026, 3, 13, 9, 0, tzinfo=HCM)
    with pytest.raises(SupervisorRequired, match="hẹn lại một lần") as refused:
        reschedule_dossier(proc_ctx, code, second, "Chờ cơ quan phối hợp", "Cán bộ A",
                           at=datetime(2026, 3, 9, 9, 0, tzinfo=HCM))
    assert "supervisor" in str(refused.value)
    with proc_ctx.sessions() as s:
        assert get_by_code(s, code).current_due_at == first  # nothing written
    reschedule_dossier(proc_ctx, code, second, "Chờ cơ quan phối hợp", "Cán bộ A",
                       at=datetime(2026, 3, 9, 9, 0, tzinfo=HCM), supervisor="Phạm Văn Tổ")
    with proc_ctx.sessions() as s:
        d = get_by_code(s, code)
        assert d.due_at == datetime(2026, 3, 5, 9, 0, tzinfo=HCM)  # the original stays
        assert d.current_due_at == d.rescheduled_due_at == second
        assert d.reschedule_count == 2 and d.reschedule_supervisor == "Phạm Văn Tổ"
        notes = [(c.supervisor, c.note) for c in d.status_changes if c.note and "Hẹn lại" in c.note]
        assert notes[0][0] is None and notes[1][0] == "Phạm Văn Tổ" and "(lần 2)" in notes[1][1]

    late = create_dossier(proc_ctx, request_dict(), "Cán bộ A").code
    with pytest.raises(SupervisorRequired, match="quá hạn"):  # it is now long after 5/3/2026
        reschedule_dossier(proc_ctx, late, utcnow() + timedelta(days=3), "Chờ xác minh", "Cán bộ A")
    reschedule_dossier(proc_ctx, late, utcnow() + timedelta(days=3), "Chờ xác minh", "Cán bộ A", supervisor="Tổ trưởng")


def test_payment_is_recorded_once_with_its_time(proc_ctx):
    code = create_dossier(proc_ctx, request_dict(), "Cán bộ A").code  # the procedure's 50,000 fee, unpaid
    with pytest.raises(IntakeError, match="payment method"):
        record_payment(proc_ctx, code, "Cán bộ A", method="gold")
    with pytest.raises(IntakeError, match="tương lai"):
        record_payment(proc_ctx, code, "Cán bộ A", at=utcnow() + timedelta(hours=2))
    with pytest.raises(IntakeError, match="LP99"):
        record_payment(proc_ctx, code, "Cán bộ A", fee_codes=["LP99"])
    paid_at = datetime(2026, 3, 2, 9, 10, tzinfo=HCM)
    record_payment(proc_ctx, code, "Cán bộ A", method="cash", at=paid_at)
    with proc_ctx.sessions() as s:
        [fee] = get_by_code(s, code).fees
        assert (fee.paid, fee.paid_at, fee.paid_by, fee.method) == (True, paid_at, "Cán bộ A", "cash")
        last = s.scalars(select(OutboxItem).order_by(OutboxItem.seq.desc())).first()
        assert last.operation == "dossier.update" and last.payload["dossier"]["fees"][0]["paid"] is True
    with pytest.raises(StatusError, match="đã thu rồi"):
        record_payment(proc_ctx, code, "Cán bộ A")
