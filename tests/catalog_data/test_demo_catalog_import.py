"""The demo catalog goes through the lead's importer (counterapp.catalog.importer) into a real
SQLite database without a single refused record, and what an officer reads back at the counter
(cut-off hour, fractional time limits, per-page fees, original/copy counts) survives the trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counterapp.catalog.importer import import_catalog_file
from counterapp.catalog.models import Procedure
from counterapp.catalog.search import search_procedures

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog" / "demo_catalog.json"


@pytest.fixture
def imported(app_ctx):
    report = import_catalog_file(app_ctx.sessions, CATALOG)
    return app_ctx, report


def test_every_record_is_accepted(imported):
    ctx, report = imported
    expected = len(json.loads(CATALOG.read_text(encoding="utf-8")))
    assert [str(r) for r in report.refused] == []
    assert report.added == expected and report.updated == 0
    with ctx.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Procedure)) == expected


def test_reimport_updates_instead_of_duplicating(imported):
    ctx, first = imported
    second = import_catalog_file(ctx.sessions, CATALOG)
    assert second.refused == []
    assert second.added == 0 and second.updated == first.added


def test_counter_facts_survive_the_import(imported):
    ctx, _report = imported
    with ctx.sessions() as session:
        by_code = {p.code: p for p in session.scalars(select(Procedure))}
        birth = by_code["1.001193"]
        assert birth.level == "Cấp xã" and birth.cutoff_time == "15:00"
        assert [f.code for f in birth.fields] == ["G15-TP07"]
        assert any(d.code == "000.00.00.G15-KQ004389" and d.originals == 1 for d in birth.documents)

        extract = by_code["2.000635"]  # bản sao trích lục: half a working day
        limit = extract.channel(1).time_limits[0]
        assert limit.amount == 0.5 and limit.unit == "Ngày làm việc"
        assert limit.fees[0].amount_vnd == 8000

        copy = by_code["2.000815"]  # chứng thực bản sao: hours, 2.000 đ/trang
        limit = copy.channel(1).time_limits[0]
        assert limit.unit == "Giờ làm việc" and limit.fees[0].amount_vnd == 2000

        record = by_code["2.000488"]
        assert record.level == "Cấp tỉnh"
        assert record.channel(1).time_limits[0].fees[0].amount_vnd == 200000

        permit = by_code["1.013225"]  # two time limits on one channel (nhà ở riêng lẻ / công trình)
        assert [t.amount for t in permit.channel(1).time_limits] == [7, 10]


def test_officer_can_find_procedures_by_everyday_words(imported):
    ctx, _report = imported
    with ctx.sessions() as session:
        codes = [hit.code for hit in search_procedures(session, "khai sinh")]
        assert "1.001193" in codes
        codes = [hit.code for hit in search_procedures(session, "chung thuc ban sao")]
        assert "2.000815" in codes
