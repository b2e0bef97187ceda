"""The access log (NĐ 13/2023): who saw or printed which dossier, for the supervisor."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from counterapp.db import session_scope
from counterapp.db.base import utcnow
from counterapp.dossiers.access_log import (
    access_entries,
    record_view,
    record_view_by_code,
)
from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.models import AccessRecord, Dossier
from counterapp.dossiers.print_log import record_print
from tests.dossiers.conftest import HCM, request_dict


def _dossier(ctx, name="Nguyễn Văn An"):
    return create_dossier(ctx, request_dict(applicant={"name": name, "id_number": "001090012345",
                                                       "phone": "0912345678", "sex": "Nam"}), "Cán bộ A")


def test_a_view_is_logged_once_per_officer_and_quarter_hour(proc_ctx):
    code = _dossier(proc_ctx).code
    assert record_view_by_code(proc_ctx, code, "Cán bộ A")
    assert not record_view_by_code(proc_ctx, code, "Cán bộ A")  # arrowing back over it: once
    assert record_view_by_code(proc_ctx, code, "Cán bộ B")  # someone else saw it
    assert not record_view_by_code(proc_ctx, "H99-000000-0000", "Cán bộ A")  # no such dossier
    later = utcnow() + timedelta(minutes=16)
    with session_scope(proc_ctx.sessions) as s:
        dossier = s.scalar(select(Dossier).where(Dossier.code == code))
        assert record_view(s, dossier, "Cán bộ A", "window", now=later)
    with proc_ctx.sessions() as s:
        rows = s.scalars(select(AccessRecord).order_by(AccessRecord.id)).all()
        assert [(r.officer, r.channel) for r in rows] == [("Cán bộ A", "window"), ("Cán bộ B", "window"),
                                                         ("Cán bộ A", "window")]


def test_entries_join_views_and_prints_newest_first_with_filters(proc_ctx):
    first = _dossier(proc_ctx).code
    second = _dossier(proc_ctx, "Trần Thị Bình").code
    record_view_by_code(proc_ctx, first, "Cán bộ A")
    with session_scope(proc_ctx.sessions) as s:
        dossier = s.scalar(select(Dossier).where(Dossier.code == second))
        record_print(s, dossier, "receipt", "Cán bộ B", "printer")
        record_print(s, dossier, "receipt", "Cán bộ B", "pdf")
    with proc_ctx.sessions() as s:
        entries = access_entries(s)
        assert [(e.dossier_code, e.officer, e.action) for e in entries] == [
            (second, "Cán bộ B", "reprint"), (second, "Cán bộ B", "print"), (first, "Cán bộ A", "view"),
        ]
        assert entries[0].form == "receipt" and entries[0].channel == "pdf"
        assert [e.action for e in access_entries(s, code=first)] == ["view"]
        assert [e.dossier_code for e in access_entries(s, officer="Cán bộ B")] == [second, second]
        today = datetime.now(HCM).date()
        assert len(access_entries(s, date_from=today, date_to=today, zone=HCM)) == 3
        assert access_entries(s, date_to=today - timedelta(days=1), zone=HCM) == []
        assert access_entries(s, date_from=date(2100, 1, 1), zone=HCM) == []


def test_cli_show_is_logged_and_access_log_lists_it(proc_ctx, capsys):
    from counterapp.cli import main

    code = _dossier(proc_ctx).code
    assert main(["dossier", "show", code, "--officer", "Giám sát C"]) == 0
    assert "Nguyễn Văn An" in capsys.readouterr().out
    assert main(["dossier", "access-log", "--code", code, "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["officer"] == "Giám sát C" and entry["action"] == "view" and entry["channel"] == "cli"
    assert main(["dossier", "access-log", "--officer", "Nobody"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "Chưa có ai xem" in captured.err
    with pytest.raises(SystemExit) as exited:
        main(["dossier", "access-log", "--from", "31/02/2026"])
    assert exited.value.code != 0
    assert "ngày không hợp lệ" in capsys.readouterr().err
