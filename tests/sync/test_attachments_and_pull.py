"""Files in resumable chunks checked by SHA-256; what the back office decides comes back."""

from __future__ import annotations

import hashlib
import io
import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import img2pdf
from PIL import Image
from sqlalchemy import select

from counterapp.dossiers.models import Dossier, NumberBlock, StatusChange
from counterapp.outbox import dossier_sync_states
from sync import protocol as p

from .conftest import receive


def scanned_pdf(folder: Path, seed: int) -> Path:
    """A real PDF of a noisy 200 dpi 'scan' (about 200-300 KB: several chunks)."""
    rng = random.Random(seed)
    image = Image.frombytes("L", (500, 500), bytes(rng.getrandbits(8) for _ in range(250_000)))
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=90, dpi=(200, 200))
    path = folder / f"scan{seed}.pdf"
    path.write_bytes(img2pdf.convert(buf.getvalue()))
    return path


def attach(ctx, dossier, tmp_path: Path, seed: int):
    from counterapp.digitize.models import attach_pdf

    return attach_pdf(ctx, dossier.code, "GT01", scanned_pdf(tmp_path, seed), "Trần Thị Bình", ocr=False)


def portal_bytes_sha(portal, attachment_id: str) -> str:
    return hashlib.sha256(portal.store.attachment_bytes(attachment_id)).hexdigest()


def test_upload_resumes_from_the_acknowledged_offset(engine, sync_ctx, portal, admin, tmp_path):
    d = receive(sync_ctx)
    att = attach(sync_ctx, d, tmp_path, 1)
    assert att.size > 3 * 32 * 1024
    engine.chunk_size = 32 * 1024
    with sync_ctx.sessions() as s:
        assert dossier_sync_states(s, [d.uuid]) == {d.uuid: "waiting"}
    # After the start and two chunks, the third chunk's answer is lost on the way back
    # (the portal stored it): the run stops, offline.
    admin.admin_set_faults(p.Faults(skip=3, lost_response_next=1, path_prefix="/attachments/"))
    first = engine.run_once()
    assert not first.online
    held = portal.store.attachment_status(att.uuid)
    assert held.offset == 3 * 32 * 1024 and not held.complete
    with sync_ctx.sessions() as s:
        assert dossier_sync_states(s, [d.uuid]) == {d.uuid: "waiting"}  # the dossier is not synced yet
    second = engine.run_until_idle(timeout=10)
    assert second.remaining == 0 and second.files == 1
    assert second.bytes_sent == att.size - held.offset  # resumed, not restarted
    assert portal_bytes_sha(portal, att.uuid) == att.sha256 == portal.store.attachment_status(att.uuid).sha256
    with sync_ctx.sessions() as s:
        assert dossier_sync_states(s, [d.uuid]) == {d.uuid: "synced"}


def test_uploads_survive_dropped_connections(engine, sync_ctx, portal, admin, tmp_path):
    dossiers = [receive(sync_ctx, f"Người {i}") for i in range(3)]
    atts = [attach(sync_ctx, d, tmp_path, i) for i, d in enumerate(dossiers)]
    engine.chunk_size = 64 * 1024
    admin.admin_set_faults(p.Faults(drop_rate=0.3, error_rate=0.1, retry_after=0, seed=3,
                                    path_prefix="/attachments/"))
    report = engine.run_until_idle(timeout=30)
    admin.admin_set_faults(p.Faults())
    assert report.remaining == 0, report.errors
    for att in atts:
        assert portal_bytes_sha(portal, att.uuid) == att.sha256
    listed = {d.id: d for d in portal.store.dossiers()}
    for d, att in zip(dossiers, atts, strict=True):
        assert [a.sha256 for a in listed[d.uuid].attachments] == [att.sha256]


def test_missing_file_needs_attention(engine, sync_ctx, portal, tmp_path):
    d = receive(sync_ctx)
    att = attach(sync_ctx, d, tmp_path, 9)
    (sync_ctx.files_dir / att.file_name).unlink()
    report = engine.run_until_idle(timeout=10)
    assert report.parked == 1
    with sync_ctx.sessions() as s:
        assert dossier_sync_states(s, [d.uuid]) == {d.uuid: "needs_attention"}


def test_back_office_status_reaches_the_dossier_list(engine, sync_ctx, portal, admin):
    from counterapp.dossiers.queries import list_dossiers

    d = receive(sync_ctx)
    engine.run_until_idle(timeout=10)
    due = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    admin.admin_set_status(d.code, p.AdminStatusChange(status=4, handler="Lê Văn Cường", title="Chuyên viên",
                                                       department="Phòng Tư pháp", content="Đang thẩm định",
                                                       step_due_at=due))
    admin.admin_set_status(d.uuid, p.AdminStatusChange(status=9, handler="Phạm Thu Dung", title="Trưởng phòng",
                                                       department="Phòng Tư pháp", content="Đã ký kết quả"))
    events = []
    engine.add_listener(events.append)
    report = engine.run_once()
    assert report.pulled["progress"] == 2
    with sync_ctx.sessions() as s:
        shown = {x.uuid: x for x in list_dossiers(s, status=9)}
        assert d.uuid in shown and shown[d.uuid].finished_at is not None
        steps = s.scalars(select(StatusChange).where(StatusChange.dossier_id == shown[d.uuid].id,
                                                     StatusChange.source == "portal")
                          .order_by(StatusChange.id)).all()
        assert [(x.to_status, x.department, x.handler) for x in steps] == [
            (4, "Phòng Tư pháp", "Lê Văn Cường"), (9, "Phòng Tư pháp", "Phạm Thu Dung")]
        assert steps[0].step_due_at == due and steps[0].content == "Đang thẩm định"
    assert any(e.kind == "pulled" and d.uuid in e.entity_ids for e in events)
    # Pulled once only, even if asked again.
    assert engine.run_once().pulled["progress"] == 0


def test_counter_change_after_back_office_change_is_a_conflict(engine, sync_ctx, portal, admin):
    from counterapp.dossiers.lifecycle import set_status
    from sync.engine import problems, resolve_conflict

    d = receive(sync_ctx)
    engine.run_until_idle(timeout=10)
    admin.admin_set_status(d.code, p.AdminStatusChange(status=5, department="Phòng Tư pháp",
                                                       content="Thiếu giấy chứng sinh"))
    # Offline meanwhile, the counter records the dossier as processing (from status 2).
    set_status(sync_ctx, d.code, 4, "Trần Thị Bình")
    engine.pull_enabled = False
    report = engine.run_until_idle(timeout=10)
    assert report.conflicts == 1
    assert engine.state().conflicts == 1
    [item] = problems(sync_ctx)
    assert item.state == "conflict" and item.theirs["status"] == 5 and item.mine["to_status"] == 4
    assert portal.store.dossiers()[0].status == 5  # nothing overwritten silently
    import pytest

    with pytest.raises(PermissionError):
        resolve_conflict(sync_ctx, item.seq, "mine", supervisor="x", role="officer")
    resolve_conflict(sync_ctx, item.seq, "theirs", supervisor="Tổ trưởng", role="supervisor")
    with sync_ctx.sessions() as s:
        assert s.scalar(select(Dossier.status).where(Dossier.uuid == d.uuid)) == 5
    assert engine.run_until_idle(timeout=5).remaining == 0
    assert engine.state().conflicts == 0


def test_pull_brings_number_blocks_calendar_and_catalog(engine, sync_ctx, portal, admin):
    with sync_ctx.sessions() as s:
        days = sorted(s.scalars(select(NumberBlock.valid_on).where(NumberBlock.source == "portal")).all())
    assert len(days) == 3  # block_days = 3 in the site file: enough for the coming days
    target = days[-1] + timedelta(days=10)
    admin.admin_publish_block(p.AdminBlockPublish(agency_code="H49.22", counter_id="Q01", valid_on=target,
                                                  first=500, last=599))
    admin.admin_publish_calendar([{"date": "2027-01-04", "kind": "off", "name": "Nghỉ bù"}])
    record = {"MATTHC": "9.999999", "TENTTHC": "Thủ tục mới công bố", "CAPTHUCHIEN": "Cấp xã", "TRANGTHAI": 1}
    admin.admin_publish_catalog([record])
    report = engine.run_once()
    assert report.pulled["blocks"] == 1 and report.pulled["calendar"] == 1 and report.pulled["catalog"] == 1
    from counterapp.calendar.models import CalendarDay
    from counterapp.catalog.models import Procedure

    with sync_ctx.sessions() as s:
        block = s.scalar(select(NumberBlock).where(NumberBlock.valid_on == target))
        assert (block.first, block.last, block.source) == (500, 599, "portal")
        day = s.scalar(select(CalendarDay).where(CalendarDay.day == date(2027, 1, 4)))
        assert (day.kind, day.source) == ("off", "portal")
        assert s.scalar(select(Procedure.name).where(Procedure.code == "9.999999")) == "Thủ tục mới công bố"
    # The agency data and form headers are kept for the forms.
    from counterapp.outbox import get_state

    with sync_ctx.sessions() as s:
        assert get_state(s, "portal_agency")["agency_code"] == "H49.22"


def test_national_payload(engine, sync_ctx, portal, admin, tmp_path):
    from counterapp.dossiers.lifecycle import mark_returned

    d = receive(sync_ctx, "Hoàng Thị Em", summary="Đăng ký khai sinh cho con")
    att = attach(sync_ctx, d, tmp_path, 5)
    engine.run_until_idle(timeout=10)
    admin.admin_set_status(d.code, p.AdminStatusChange(status=9, department="Phòng Tư pháp"))
    engine.run_once()
    mark_returned(sync_ctx, d.code, "Hoàng Thị Em", officer="Trần Thị Bình")
    engine.run_until_idle(timeout=10)
    payload = engine.client.national(d.code)
    assert payload.service == "DongBoHoSoMC"
    [rec] = payload.data
    with sync_ctx.sessions() as s:
        local = s.scalar(select(Dossier).where(Dossier.uuid == d.uuid))
    zone = sync_ctx.config.zone
    assert rec["MaHoSo"] == rec["SoBienNhan"] == local.code
    assert rec["MaTTHC"] == "1.001193" and rec["ChuHoSo"] == "Hoàng Thị Em"
    assert rec["TrangThaiHoSo"] == "10"
    assert rec["NgayTiepNhan"] == local.received_at.astimezone(zone).strftime("%Y%m%d%H%M%S")
    assert rec["NgayHenTra"] == local.due_at.astimezone(zone).strftime("%Y%m%d%H%M%S")
    assert rec["NgayTra"] == local.returned_at.astimezone(zone).strftime("%Y%m%d%H%M%S")
    assert len(rec["NgayKetThucXuLy"]) == 14
    assert rec["TrichYeuHoSo"] == "Đăng ký khai sinh cho con"
    [filed] = [f for f in rec["TaiLieuNop"] if f["TepDinhKemId"]]  # the others: handed in on paper only
    assert (filed["TepDinhKemId"], filed["MaThanhPhanHoSo"], filed["DuocSoHoa"]) == (att.uuid, "GT01", "1")
    assert filed["DuongDanTaiTepTin"].endswith(f"/attachments/{att.uuid}")
    assert rec["HoSoCoThanhPhanSoHoa"] == "1" and rec["KenhThucHien"] == "1"
    assert rec["DanhSachLePhi"] and all(isinstance(f["Gia"], int) for f in rec["DanhSachLePhi"])
    json.dumps(payload.model_dump())  # plain JSON all through


def test_openapi_document_is_current():
    from sync.portal.openapi import OPENAPI_PATH, render

    assert OPENAPI_PATH.read_text(encoding="utf-8") == render(), "run: python -m sync.portal.openapi"


def test_supervisor_keeps_the_counter_version_of_a_conflict(engine, sync_ctx, portal, admin):
    from counterapp.dossiers.lifecycle import set_status
    from sync.engine import problems, resolve_conflict

    d = receive(sync_ctx)
    engine.run_until_idle(timeout=10)
    admin.admin_set_status(d.code, p.AdminStatusChange(status=5, content="Thiếu giấy tờ"))
    set_status(sync_ctx, d.code, 4, "Trần Thị Bình")
    engine.pull_enabled = False
    engine.run_until_idle(timeout=10)
    [item] = problems(sync_ctx)
    new = resolve_conflict(sync_ctx, item.seq, "mine", supervisor="Tổ trưởng", role="supervisor")
    assert new is not None and new.operation == "dossier.status"
    report = engine.run_until_idle(timeout=10)
    assert report.remaining == 0 and report.conflicts == 0
    assert portal.store.dossiers()[0].status == 4
    assert problems(sync_ctx) == []
