"""What the national DongBoHoSoMC record says about real dossiers: the fields a national
reviewer checks for the QĐ 766 figures (on time, digitized, reused) and the applicant type."""

from __future__ import annotations

import json
import tomllib
from datetime import datetime

import pytest

from counterapp.config import parse_site_config
from counterapp.digitize.models import attach_pdf, reuse_attachment
from counterapp.dossiers.intake import create_dossier, refuse_intake
from counterapp.dossiers.lifecycle import refuse_dossier, request_completion, set_status
from sync import protocol as p
from sync.national import dong_bo_ho_so
from sync.national_codes import NationalCodesError, national_codes
from sync.national_local import NationalRecordError, national_record
from tests.dossiers.conftest import HCM, add_procedure, request_dict

from .test_attachments_and_pull import scanned_pdf

OFFICER = "Trần Thị Bình"


def local(*args: int) -> str:
    return datetime(*args, tzinfo=HCM).isoformat()


@pytest.fixture
def ctx(app_ctx):
    add_procedure(app_ctx)
    return app_ctx


BIRTH_CERTIFICATE = {"document_code": "TP2", "name": "Giấy chứng sinh", "originals": 1}


def receive(ctx, *, day: int = 2, **overrides):
    return create_dossier(ctx, request_dict(received_at=local(2026, 3, day, 9, 0), **overrides), OFFICER)


def scan(ctx, dossier, code: str, folder, seed: int):
    return attach_pdf(ctx, dossier.code, code, scanned_pdf(folder, seed), OFFICER, ocr=False)


def documents(record: dict) -> dict[str, dict]:
    return {d["MaThanhPhanHoSo"]: d for d in record["TaiLieuNop"]}


def test_digitized_and_reused_documents_are_marked_per_document(ctx, tmp_path):
    first = receive(ctx, day=2)
    original = scan(ctx, first, "TP1", tmp_path, 1)
    second = receive(ctx, day=3)
    reused = reuse_attachment(ctx, original.uuid, second.code, "TP1", OFFICER)
    fresh = scan(ctx, second, "TP3", tmp_path, 2)
    paper_only = receive(ctx, day=4)

    one = national_record(ctx, first.code)
    assert one["HoSoCoThanhPhanSoHoa"] == "1"
    assert (documents(one)["TP1"]["TepDinhKemId"], documents(one)["TP1"]["DuocSoHoa"],
            documents(one)["TP1"]["DuocTaiSuDung"]) == (original.uuid, "1", "0")
    # The components handed in on paper only are listed, not digitized.
    assert (documents(one)["TP2"]["DuocSoHoa"], documents(one)["TP2"]["TepDinhKemId"]) == ("0", "")

    two = national_record(ctx, second.code)
    by_id = {d["TepDinhKemId"]: d for d in two["TaiLieuNop"] if d["TepDinhKemId"]}
    assert set(by_id) == {reused.uuid, fresh.uuid}
    assert (by_id[reused.uuid]["DuocSoHoa"], by_id[reused.uuid]["DuocTaiSuDung"]) == ("1", "1")
    assert (by_id[fresh.uuid]["DuocSoHoa"], by_id[fresh.uuid]["DuocTaiSuDung"]) == ("1", "0")
    assert by_id[reused.uuid]["TenTepDinhKem"] == "Tờ khai đăng ký khai sinh"
    assert all(d["DuocLayTuKhoDMQG"] == "0" for d in two["TaiLieuNop"])
    # The first dossier's copy stays "not reused": it is the original.
    assert national_record(ctx, first.code)["TaiLieuNop"][0]["DuocTaiSuDung"] == "0"

    none = national_record(ctx, paper_only.code)
    assert none["HoSoCoThanhPhanSoHoa"] == "0"
    assert {d["DuocSoHoa"] for d in none["TaiLieuNop"]} == {"0"}
    json.dumps(two, ensure_ascii=False)  # plain JSON all through


def test_supplement_cycles_come_from_the_history_and_the_completion_request(ctx, tmp_path):
    dossier = receive(ctx, day=2, documents=[
        {"document_code": "TP1", "name": "Tờ khai đăng ký khai sinh", "form": "original", "originals": 1},
        {"document_code": "TP2", "name": "Giấy chứng sinh", "form": "original", "originals": 1},
    ])
    # Received complete (an incomplete dossier is not received); the back office then asks again.
    request_completion(ctx, dossier.code, [BIRTH_CERTIFICATE], "Thiếu giấy chứng sinh", OFFICER, at=datetime(2026, 3, 2, 10, 30, tzinfo=HCM))
    set_status(ctx, dossier.code, 4, "Lê Văn Cường", "Đã nhận giấy chứng sinh bản chính",
               at=datetime(2026, 3, 4, 8, 15, tzinfo=HCM))
    request_completion(ctx, dossier.code, [{"name": "Sổ hộ khẩu", "copies": 1}], "Cần xác minh cư trú", OFFICER,
                       at=datetime(2026, 3, 5, 14, 0, tzinfo=HCM))

    record = national_record(ctx, dossier.code)
    first, second = record["DanhSachHoSoBoSung"]
    assert first["NgayBoSung"] == "20260302103000"
    assert (first["NguoiTiepNhanBoSung"], first["NgayTiepNhanBoSung"], first["TrangThaiBoSung"]) == (
        "Lê Văn Cường", "20260304081500", True)
    assert first["ThongTinTiepNhan"] == "Đã nhận giấy chứng sinh bản chính"
    assert first["NguoiYeuCauBoSung"] == OFFICER
    # The dossier row keeps its latest request only; the earlier one is read from the outbox.
    assert first["NoiDungBoSung"] == "Thiếu giấy chứng sinh. Giấy tờ cần bổ sung: Giấy chứng sinh (1 bản chính)"
    assert [d["MaThanhPhanHoSo"] for d in first["DanhSachGiayToBoSung"]] == ["TP2"]
    # The second request is still open; its missing list is the one the dossier now carries.
    assert (second["NgayBoSung"], second["NgayTiepNhanBoSung"], second["TrangThaiBoSung"]) == ("20260305140000", "", False)
    assert [d["TenTepDinhKem"] for d in second["DanhSachGiayToBoSung"]] == ["Sổ hộ khẩu"]
    assert "Sổ hộ khẩu (1 bản sao)" in second["NoiDungBoSung"]
    assert (record["NgayYeuCauBoSung"], record["NgayCongDanBoSung"]) == ("20260305140000", "")
    assert record["TrangThaiHoSo"] == "5"
    # The appointment stays the original one (on time is judged against it).
    assert record["NgayHenTra"] == first["NgayHenTraTruoc"] == second["NgayHenTraTruoc"] == "20260305090000"
    assert record["NgayNopHoSo"] == record["NgayTiepNhan"] == "20260302090000"


def test_a_file_brought_for_an_open_request_is_listed_with_it(ctx, tmp_path):
    dossier = receive(ctx, day=2, documents=[
        {"document_code": "TP1", "name": "Tờ khai đăng ký khai sinh", "form": "original", "originals": 1},
        {"document_code": "TP2", "name": "Giấy chứng sinh", "form": "original", "originals": 1},
    ])
    # Received complete (an incomplete dossier is not received); the back office then asks again.
    request_completion(ctx, dossier.code, [BIRTH_CERTIFICATE], "Thiếu giấy chứng sinh", OFFICER)
    brought = scan(ctx, dossier, "TP2", tmp_path, 3)
    [cycle] = national_record(ctx, dossier.code)["DanhSachHoSoBoSung"]
    assert "Giấy chứng sinh (1 bản chính)" in cycle["NoiDungBoSung"]
    assert [(d["MaThanhPhanHoSo"], d["TepDinhKemId"]) for d in cycle["DanhSachGiayToBoSung"]] == [("TP2", brought.uuid)]
    assert cycle["TrangThaiBoSung"] is False


def test_a_register_of_requests_gives_each_cycle_its_own_documents():
    """The shape a completion-request register may take (a list, or {"requests": [...]}) is
    read as well as today's single request."""
    history = [
        {"from_status": None, "to_status": 2, "at": "2026-03-02T02:00:00+00:00", "by": OFFICER},
        {"from_status": 2, "to_status": 5, "at": "2026-03-02T03:30:00+00:00", "by": OFFICER, "note": "Thiếu"},
        {"from_status": 5, "to_status": 4, "at": "2026-03-04T01:15:00+00:00", "by": "Lê Văn Cường"},
        {"from_status": 4, "to_status": 5, "at": "2026-03-05T07:00:00+00:00", "by": OFFICER, "note": "Còn thiếu"},
        {"from_status": 5, "to_status": 7, "at": "2026-03-09T07:00:00+00:00", "by": OFFICER, "note": "Rút hồ sơ"},
    ]
    register = {"requests": [
        {"at": "2026-03-02T10:30:00+07:00", "reason": "Thiếu", "missing": [{"name": "Giấy chứng sinh",
                                                                            "document_code": "TP2", "originals": 1}]},
        {"at": "2026-03-05T14:00:00+07:00", "reason": "Còn thiếu", "missing": [{"name": "Sổ hộ khẩu", "copies": 1}]},
    ]}
    for carried in (register, register["requests"]):
        record = dong_bo_ho_so({"code": "X", "status": 7, "due_at": "2026-03-05T02:00:00+00:00",
                                "history": history, "completion_request": carried})
        first, second = record["DanhSachHoSoBoSung"]
        assert [d["MaThanhPhanHoSo"] for d in first["DanhSachGiayToBoSung"]] == ["TP2"]
        assert first["NgayTiepNhanBoSung"] == "20260304081500" and first["TrangThaiBoSung"] is True
        assert [d["TenTepDinhKem"] for d in second["DanhSachGiayToBoSung"]] == ["Sổ hộ khẩu"]
        # Withdrawn while waiting: closed, but nothing was brought.
        assert (second["NgayTiepNhanBoSung"], second["TrangThaiBoSung"]) == ("", False)


def test_refused_dossiers_carry_their_refusal_date(ctx):
    at_counter = refuse_intake(ctx, request_dict(received_at=local(2026, 3, 2, 15, 45)), "Không thuộc thẩm quyền",
                               OFFICER)
    record = national_record(ctx, at_counter.code)
    assert (record["TrangThaiHoSo"], record["NgayTuChoi"], record["DanhSachLePhi"]) == ("3", "20260302154500", [])

    later = receive(ctx, day=3)
    refuse_dossier(ctx, later.code, "Giấy chứng sinh giả mạo", OFFICER, at=datetime(2026, 3, 4, 9, 5, tzinfo=HCM))
    record = national_record(ctx, later.code)
    assert (record["TrangThaiHoSo"], record["NgayTiepNhan"], record["NgayTuChoi"]) == ("3", "20260303090000",
                                                                                       "20260304090500")
    assert national_record(ctx, receive(ctx, day=5).code)["NgayTuChoi"] == ""


@pytest.mark.parametrize(("org_name", "expected"), [
    ("Công ty TNHH Thương mại Hạ Long", "2"),
    ("Hội Nông dân phường Hạ Long", "4"),
    ("Ủy ban nhân dân phường Hồng Gai", "3"),
])
def test_organisation_applicants_are_typed_from_the_applicant(ctx, org_name, expected):
    dossier = receive(ctx, applicant={"kind": "organization", "org_name": org_name, "tax_code": "5700100256",
                                      "representative": "Phạm Văn Dũng", "name": "Phạm Văn Dũng"})
    record = national_record(ctx, dossier.code)
    assert record["LoaiDoiTuong"] == expected
    assert (record["ChuHoSo"], record["SoGiayToChuHoSo"], record["DinhDanhCHS"]) == (org_name, "5700100256", [])
    assert record["MaDoiTuong"] == ""  # a national account id the counter never has


def test_a_citizen_is_type_1_with_the_id_number(ctx):
    record = national_record(ctx, receive(ctx).code)
    assert (record["LoaiDoiTuong"], record["SoGiayToChuHoSo"]) == ("1", "001090012345")
    assert record["DinhDanhCHS"] == [{"LoaiDinhDanh": "1", "SoDinhDanh": "001090012345"}]
    assert (record["KenhThucHien"], record["NoiNopHoSo"], record["HinhThuc"]) == ("1", "2", "0")
    assert record["DanhSachGiayToKetQua"] == []  # no result recorded: nothing invented


def test_site_toml_overrides_the_code_values(ctx):
    config = parse_site_config(tomllib.loads("""
[national]
loai_doi_tuong = { enterprise = "DN", citizen = "CD" }
noi_nop_ho_so = "1"
list_paper_documents = false
omit_fields = ["NgayCongDanBoSung"]
"""))
    codes = national_codes(config)
    org = receive(ctx, applicant={"kind": "organization", "org_name": "Công ty CP Than Hà Tu",
                                  "tax_code": "5700100256", "name": "Phạm Văn Dũng"})
    record = national_record(ctx, org.code, codes=codes)
    assert (record["LoaiDoiTuong"], record["NoiNopHoSo"]) == ("DN", "1")
    assert record["TaiLieuNop"] == [] and "NgayCongDanBoSung" not in record
    assert codes.code("loai_doi_tuong", "state_agency") == "3"  # tables merge key by key
    board = receive(ctx, applicant={"kind": "organization", "org_name": "Ban Quản lý dự án đầu tư xây dựng",
                                    "tax_code": "5700100257", "name": "Phạm Văn Dũng"})
    assert national_record(ctx, board.code)["LoaiDoiTuong"] == "2"  # a tax code, no known prefix: enterprise
    agencies = national_codes(parse_site_config({"national": {"state_agency_prefixes": ["Ban Quản lý "]}}))
    assert national_record(ctx, board.code, codes=agencies)["LoaiDoiTuong"] == "3"
    with pytest.raises(NationalCodesError, match="national.loai_doi_tuong"):
        national_codes(parse_site_config({"national": {"loai_doi_tuong": ["2"]}}))
    with pytest.raises(NationalCodesError, match="national.kenh"):
        national_codes(parse_site_config({"national": {"kenh": {"1": "1"}}}))
    with pytest.raises(NationalRecordError, match="KHONG-CO"):
        national_record(ctx, "KHONG-CO")


def test_recorded_results_become_the_result_documents():
    record = dong_bo_ho_so({
        "code": "H49.22-260302-0001", "status": 10, "received_at": "2026-03-02T02:00:00+00:00",
        "results": [{"id": "kq-1", "name": "Giấy khai sinh (bản chính)", "result_code": "KQ001"}],
    }, file_url_base="https://portal.example/files/")
    assert record["DanhSachGiayToKetQua"] == [{
        "TenGiayTo": "Giấy khai sinh (bản chính)", "MaThanhPhanHoSo": "", "GiayToId": "kq-1",
        "DuongDanTepTinKetQua": "https://portal.example/files/kq-1", "MaGiayToKetQua": "KQ001",
        "DuocSoHoa": "0"}]  # recorded, no digitized file known
    assert record["NgayTiepNhan"] == "20260302090000"


def test_the_reference_portal_serves_the_same_record(engine, sync_ctx, portal, admin, tmp_path):
    """Through the real sync: the portal's record marks the reused copy and the supplement cycle."""
    ask = request_completion

    from .conftest import receive as receive_synced
    from .test_attachments_and_pull import attach

    first = receive_synced(sync_ctx, "Hoàng Thị Em")
    original = attach(sync_ctx, first, tmp_path, 7)
    second = receive_synced(sync_ctx, "Hoàng Thị Em")
    engine.run_until_idle(timeout=10)
    reused = reuse_attachment(sync_ctx, original.uuid, second.code, "GT01", OFFICER)
    ask(sync_ctx, second.code, [{"name": "Giấy chứng sinh", "document_code": "GT02", "originals": 1}],
        "Thiếu giấy chứng sinh", OFFICER)
    engine.run_until_idle(timeout=10)
    set_status(sync_ctx, second.code, 4, "Lê Văn Cường", "Đã nhận giấy chứng sinh")
    ask(sync_ctx, second.code, [{"name": "Sổ hộ khẩu", "copies": 1}], "Cần xác minh cư trú", OFFICER)
    engine.run_until_idle(timeout=10)

    [rec] = engine.client.national(second.code).data
    [filed] = [f for f in rec["TaiLieuNop"] if f["TepDinhKemId"]]
    assert (filed["TepDinhKemId"], filed["DuocSoHoa"], filed["DuocTaiSuDung"]) == (reused.uuid, "1", "1")
    # The portal kept every request the counter sent: each cycle lists its own documents.
    first_cycle, open_cycle = rec["DanhSachHoSoBoSung"]
    assert first_cycle["TrangThaiBoSung"] is True and first_cycle["NguoiTiepNhanBoSung"] == "Lê Văn Cường"
    assert "Giấy chứng sinh (1 bản chính)" in first_cycle["NoiDungBoSung"]
    assert [d["MaThanhPhanHoSo"] for d in first_cycle["DanhSachGiayToBoSung"]] == ["GT02"]
    assert open_cycle["TrangThaiBoSung"] is False and "Sổ hộ khẩu (1 bản sao)" in open_cycle["NoiDungBoSung"]
    assert rec["TrangThaiHoSo"] == "5" and rec["NgayYeuCauBoSung"] == open_cycle["NgayBoSung"] != ""
    [own] = [f for f in engine.client.national(first.code).data[0]["TaiLieuNop"] if f["TepDinhKemId"]]
    assert own["DuocTaiSuDung"] == "0"
    # A supplement the back office asked for is a cycle too, before the counter hears of it.
    admin.admin_set_status(first.code, p.AdminStatusChange(status=5, handler="Nguyễn Thị Hoa",
                                                           content="Thiếu bản sao giấy đăng ký kết hôn"))
    [back_office] = engine.client.national(first.code).data[0]["DanhSachHoSoBoSung"]
    assert (back_office["NguoiYeuCauBoSung"], back_office["NoiDungBoSung"], back_office["TrangThaiBoSung"]) == (
        "Nguyễn Thị Hoa", "Thiếu bản sao giấy đăng ký kết hôn", False)
    assert len(back_office["NgayBoSung"]) == 14
    # The counter builds the same flags headless.
    assert national_record(sync_ctx, second.code)["TaiLieuNop"][0]["DuocTaiSuDung"] == "1"
