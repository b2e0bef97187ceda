from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from counterapp.catalog.importer import CatalogImportError, import_catalog_file
from counterapp.catalog.models import Procedure, RequiredDocument
from counterapp.catalog.records import get_procedure, procedure_to_dict
from counterapp.catalog.search import search_procedures
from tests.catalog.conftest import procedure


def count(ctx, model=Procedure) -> int:
    with ctx.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_good_file_imports_every_record_with_its_details(app_ctx, write_json):
    path = write_json([
        procedure("1.001193", "Đăng ký khai sinh", GIOTIEPNHANTOIDA="15:00",
                  CANCUPHAPLY=[{"SOVANBAN": "60/2014/QH13", "TENVANBAN": "Luật Hộ tịch"}]),
        procedure("2.000908", "Chứng thực bản sao từ bản chính", field="Chứng thực"),
    ])
    report = import_catalog_file(app_ctx.sessions, path)
    assert (report.added, report.updated, report.refused) == (2, 0, [])
    with app_ctx.sessions() as s:
        record = procedure_to_dict(get_procedure(s, "1.001193"))
    assert record["name"] == "Đăng ký khai sinh"
    assert record["cutoff_time"] == "15:00"
    assert record["documents"][0] == {"case": None, "code": "TK", "name": "Tờ khai", "form_name": None,
                                      "form_url": None, "originals": 1, "copies": 0}
    assert record["channels"][0]["time_limits"][0]["fees"][0]["amount_vnd"] == 50000
    assert record["channels"][0]["time_limits"][0]["same_day"] is False  # no time text: not same-day
    assert record["legal_bases"] == [{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}]


def test_time_text_rule_is_recorded(app_ctx, write_json):
    record = procedure("1.001193", "Đăng ký khai sinh")
    record["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0].update(
        THOIGIANGIAIQUYET=1, MOTA="Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả kết "
                                  "quả trong ngày làm việc tiếp theo.")
    import_catalog_file(app_ctx.sessions, write_json([record]))
    with app_ctx.sessions() as s:
        limit = procedure_to_dict(get_procedure(s, "1.001193"))["channels"][0]["time_limits"][0]
    assert (limit["same_day"], limit["text_cutoff"]) == (True, "15:00")


def test_reimport_updates_by_code_and_replaces_children(app_ctx, write_json):
    import_catalog_file(app_ctx.sessions, write_json([procedure("1.001193", "Đăng ký khai sinh")]))
    changed = procedure("1.001193", "Đăng ký khai sinh (sửa đổi)")
    changed["THANHPHANHOSO"] = [{"GIAYTO": [{"TENGIAYTO": "Giấy chứng sinh", "SOBANCHINH": 1, "SOBANSAO": 0}]}]
    report = import_catalog_file(app_ctx.sessions, write_json([changed], "v2.json"))
    assert (report.added, report.updated) == (0, 1)
    assert count(app_ctx) == 1
    assert count(app_ctx, RequiredDocument) == 1  # the old two documents are gone
    with app_ctx.sessions() as s:
        hits = search_procedures(s, "sua doi")
    assert [h.code for h in hits] == ["1.001193"]


def test_partly_bad_file_refuses_named_records_and_keeps_the_good(app_ctx, write_json):
    bad_fee = procedure("3.000001", "Thủ tục có lệ phí sai")
    bad_fee["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["PHILEPHI"][0]["SOTIEN"] = "năm mươi nghìn"
    bad_doc = procedure("3.000002", "Thủ tục giấy tờ sai")
    bad_doc["THANHPHANHOSO"][0]["GIAYTO"][1]["SOBANSAO"] = -1
    path = write_json([
        procedure("1.001193", "Đăng ký khai sinh"),
        {"TENTTHC": "Không có mã"},
        bad_fee,
        bad_doc,
        procedure("3.000003", "Sai cấp", level="Cấp huyện"),
        "not an object",
        procedure("2.000908", "Chứng thực bản sao"),
    ])
    report = import_catalog_file(app_ctx.sessions, path)
    assert report.added == 2
    refused = {(r.index, r.field) for r in report.refused}
    assert refused == {
        (1, "MATTHC"),
        (2, "CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].SOTIEN"),
        (3, "THANHPHANHOSO[0].GIAYTO[1].SOBANSAO"),
        (4, "CAPTHUCHIEN"),
        (5, "(bản ghi)"),
    }
    assert "3.000002" in str(report.refused[2])
    # nothing of a refused record was written, not even its children
    with app_ctx.sessions() as s:
        codes = set(s.scalars(select(Procedure.code)))
        fts_rows = s.execute(text("SELECT count(*) FROM procedure_search")).scalar()
    assert codes == {"1.001193", "2.000908"}
    assert fts_rows == 2
    assert count(app_ctx, RequiredDocument) == 4


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe garbage", b"42", b'"text"'])
def test_unreadable_file_changes_nothing(app_ctx, write_json, tmp_path, content):
    import_catalog_file(app_ctx.sessions, write_json([procedure("1.001193", "Đăng ký khai sinh")]))
    broken = tmp_path / "broken.json"
    broken.write_bytes(content)
    with pytest.raises(CatalogImportError) as info:
        import_catalog_file(app_ctx.sessions, broken)
    assert "broken.json" in str(info.value)
    assert count(app_ctx) == 1
