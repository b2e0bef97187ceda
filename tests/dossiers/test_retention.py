"""Personal data kept on the counter only as long as needed (NĐ 13/2023, counterapp/retention.py)."""

from __future__ import annotations

import json
from datetime import timedelta

import pikepdf
import pytest
from sqlalchemy import select, update

from counterapp.db import session_scope
from counterapp.db.base import utcnow
from counterapp.digitize.models import Attachment, attach_pdf
from counterapp.dossiers.intake import create_dossier, save_draft
from counterapp.dossiers.lifecycle import mark_returned, resolve_now, set_status
from counterapp.dossiers.models import Dossier, IntakeDraft
from counterapp.dossiers.queries import get_by_code, list_dossiers
from counterapp.outbox import OutboxItem, OutboxState
from counterapp.retention import purge_personal_data
from tests.dossiers.conftest import request_dict


def _pdf(path, pages=1):
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    pdf.save(path)
    return path


def _receive(ctx, name, id_number):
    return create_dossier(ctx, request_dict(applicant={"name": name, "id_number": id_number,
                                                       "phone": "0912345678", "sex": "Nam"}), "Cán bộ A").code


def _synced(ctx):
    with session_scope(ctx.sessions) as s:
        s.execute(update(OutboxItem).values(state=OutboxState.SYNCED.value, settled_at=utcnow()))


def _age(ctx, code, days):
    with session_scope(ctx.sessions) as s:
        s.execute(update(Dossier).where(Dossier.code == code)
                  .values(updated_at=utcnow() - timedelta(days=days), version=Dossier.version))


@pytest.fixture
def counter(proc_ctx, tmp_path):
    """Four dossiers and their scans, as a counter has them a year and more later."""
    ctx = proc_ctx
    codes = {
        "old_done": _receive(ctx, "Nguyễn Văn An", "001090012345"),
        "old_unsent": _receive(ctx, "Trần Văn Bình", "001090055555"),
        "old_open": _receive(ctx, "Lê Văn Cường", "001090066666"),
        "recent_done": _receive(ctx, "Phạm Văn Dũng", "001090077777"),
    }
    for key in ("old_done", "recent_done"):
        resolve_now(ctx, codes[key], "Cán bộ A")  # a result is returned only once processed (9)
    mark_returned(ctx, codes["old_done"], "Nguyễn Văn An", officer="Cán bộ A")
    mark_returned(ctx, codes["recent_done"], "Phạm Văn Dũng", officer="Cán bộ A")
    shared = _pdf(tmp_path / "shared.pdf")  # the same paper scanned for two dossiers: one stored file
    attach_pdf(ctx, codes["old_done"], "GT01", shared, "Cán bộ A", ocr=False)
    attach_pdf(ctx, codes["recent_done"], "GT01", shared, "Cán bộ A", ocr=False)
    own = attach_pdf(ctx, codes["old_done"], "GT02", _pdf(tmp_path / "own.pdf", pages=2), "Cán bộ A", ocr=False)
    set_status(ctx, codes["old_open"], 4, "Cán bộ A")
    _synced(ctx)
    resolve_now(ctx, codes["old_unsent"], "Cán bộ A")
    mark_returned(ctx, codes["old_unsent"], "Trần Văn Bình", officer="Cán bộ A")  # not yet at the portal
    for key in ("old_done", "old_unsent", "old_open"):
        _age(ctx, codes[key], 400)
    with session_scope(ctx.sessions) as s:
        save_draft(s, {"name": "Võ Thị Hoa"}, "Cán bộ A")
        s.execute(update(IntakeDraft).values(updated_at=utcnow() - timedelta(days=400)))
    return ctx, codes, own


def test_closed_synced_old_dossiers_lose_personal_data_and_scans(counter):
    ctx, codes, own = counter
    own_file = ctx.files_dir / own.file_name
    assert own_file.exists()
    report = purge_personal_data(ctx, 365)
    assert (report.dossiers, report.waiting_for_sync, report.documents, report.drafts) == (1, 1, 2, 1)
    assert report.files_removed == 1 and report.bytes_freed > 0
    assert not own_file.exists()  # its own scan is gone ...
    with ctx.sessions() as s:
        shared = s.scalars(select(Attachment).where(Attachment.dossier_code == codes["recent_done"])).one()
        assert (ctx.files_dir / shared.file_name).exists()  # ... the file another dossier still uses is not
        old = get_by_code(s, codes["old_done"])
        assert old.applicant_name == "" and old.id_number is None and old.phone is None
        assert old.returned_to is None and old.personal_data_removed_at is not None
        assert old.status == 10 and old.procedure_code and old.received_at  # the record itself stays
        assert all(a.deleted and a.id_number is None
                   for a in s.scalars(select(Attachment).where(Attachment.dossier_code == codes["old_done"])))
        # not found by name or ID number any more; still by its code
        assert [d.code for d in list_dossiers(s, text="nguyen van an")] == []
        assert [d.code for d in list_dossiers(s, text="001090012345")] == []
        assert [d.code for d in list_dossiers(s, text=codes["old_done"])] == [codes["old_done"]]
        # kept: waiting for the portal, still open, or recent
        for key, name in (("old_unsent", "Trần Văn Bình"), ("old_open", "Lê Văn Cường"),
                          ("recent_done", "Phạm Văn Dũng")):
            assert get_by_code(s, codes[key]).applicant_name == name
        assert s.scalars(select(IntakeDraft)).all() == []
        # nothing goes to the portal for this: it keeps its copy
        assert s.scalars(select(OutboxItem).where(OutboxItem.state != OutboxState.SYNCED.value)).all() != []
        assert all(i.entity_id != get_by_code(s, codes["old_done"]).uuid
                   for i in s.scalars(select(OutboxItem).where(OutboxItem.state == OutboxState.WAITING.value)))
    assert purge_personal_data(ctx, 365).dossiers == 0  # done once


def test_cli_dry_run_counts_and_changes_nothing_then_purges(counter, capsys):
    from counterapp.cli import main

    ctx, codes, _own = counter
    assert main(["privacy", "purge", "--older-than-days", "365", "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["dossiers"], report["waiting_for_sync"], report["documents"], report["drafts"]) == (1, 1, 2, 1)
    with ctx.sessions() as s:
        assert get_by_code(s, codes["old_done"]).applicant_name == "Nguyễn Văn An"
    assert main(["privacy", "purge", "--older-than-days", "365"]) == 0
    out = capsys.readouterr().out
    assert "thông tin cá nhân của 1 hồ sơ" in out and "còn chờ gửi" in out
    with ctx.sessions() as s:
        assert get_by_code(s, codes["old_done"]).applicant_name == ""


def test_cli_needs_a_period(proc_ctx, data_dir, capsys):
    from counterapp.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["privacy", "purge"])
    assert exited.value.code == 2 and "keep_days" in capsys.readouterr().err
    (data_dir / "site.toml").write_text('[privacy]\nkeep_days = "một năm"\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["privacy", "purge"])
    assert exited.value.code == 2 and "số ngày" in capsys.readouterr().err
    (data_dir / "site.toml").write_text("[privacy]\nkeep_days = 30\n", encoding="utf-8")
    assert main(["privacy", "purge", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["keep_days"] == 30


def test_a_stopped_dossier_keeps_its_data_it_may_resume(proc_ctx):
    code = _receive(proc_ctx, "Hồ Văn Dừng", "001090088888")
    set_status(proc_ctx, code, 8, "Cán bộ A")
    _synced(proc_ctx)
    _age(proc_ctx, code, 400)
    assert purge_personal_data(proc_ctx, 365).dossiers == 0
    with proc_ctx.sessions() as s:
        assert get_by_code(s, code).applicant_name == "Hồ Văn Dừng"
