"""The person a procedure is about (dossiers_0010) on the way out: the portal push carries
it beside the applicant, and the national DongBoHoSoMC record keeps the applicant as ChuHoSo
without inventing a field for it (domain.md lists none)."""

from __future__ import annotations

import json

from counterapp.dossiers.queries import dossier_to_dict
from sync.national import dong_bo_ho_so

from .conftest import receive

CHILD = {"name": "Nguyễn Minh Khôi", "date_of_birth": "2025-11-20", "sex": "Nam", "id_number": "001225000001",
         "relationship": "cha"}


def test_the_portal_holds_the_subject_beside_the_applicant(engine, sync_ctx, portal):
    dossier = receive(sync_ctx, "Nguyễn Văn An", subject=CHILD)
    report = engine.run_until_idle(timeout=20)
    assert report.remaining == 0 and report.applied == 1
    (held,) = [d for d in portal.store.dossiers() if d.id == dossier.uuid]
    assert held.data["applicant"]["name"] == "Nguyễn Văn An"
    assert held.data["subject"]["name"] == "Nguyễn Minh Khôi" and held.data["subject"]["relationship"] == "cha"


def test_national_record_keeps_the_applicant_as_owner(engine, sync_ctx):  # engine: the catalog pulled
    dossier = receive(sync_ctx, "Nguyễn Văn An", subject=CHILD)
    with sync_ctx.sessions() as s:
        from counterapp.dossiers.queries import get_by_uuid

        data = dossier_to_dict(get_by_uuid(s, dossier.uuid))
    record = dong_bo_ho_so(data)
    assert record["ChuHoSo"] == "Nguyễn Văn An" and record["SoGiayToChuHoSo"] == "001203004567"
    assert record["DinhDanhCHS"] == [{"LoaiDinhDanh": "1", "SoDinhDanh": "001203004567"}]
    text = json.dumps(record, ensure_ascii=False)
    assert "Nguyễn Minh Khôi" not in text and "001225000001" not in text  # nothing invented for the child
