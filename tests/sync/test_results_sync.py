"""A digitized result reaches the real reference portal (127.0.0.1): the file arrives whole
(SHA-256), and the portal's national record lists it in DanhSachGiayToKetQua with its code,
link and DuocSoHoa "1", not among the components handed in (TaiLieuNop). The counter's own
record (national_local) says the same."""

from __future__ import annotations

import hashlib

from counterapp.digitize.results import attach_result, remove_result, result_digitized
from counterapp.dossiers.lifecycle import mark_returned, resolve_now
from sync.national_codes import national_codes
from sync.national_local import national_record

from .conftest import receive
from .test_attachments_and_pull import attach, scanned_pdf

OFFICER = "Trần Thị Bình"


def test_a_result_document_is_synced_with_its_flags(engine, sync_ctx, portal, tmp_path):
    dossier = receive(sync_ctx, "Hoàng Thị Em")
    component = attach(sync_ctx, dossier, tmp_path, 3)
    resolve_now(sync_ctx, dossier.code, OFFICER)
    mark_returned(sync_ctx, dossier.code, applicant=True, officer=OFFICER)
    result_pdf = scanned_pdf(tmp_path, 11)
    result = attach_result(sync_ctx, dossier.code, result_pdf, OFFICER, result_code="1.001193.KQ01")
    assert result_digitized(sync_ctx, dossier.code)
    engine.run_until_idle(timeout=20)

    # the file arrived whole on the portal
    stored = portal.store.attachment_bytes(result.uuid)
    assert hashlib.sha256(stored).hexdigest() == result.sha256 == hashlib.sha256(result_pdf.read_bytes()).hexdigest()

    [record] = engine.client.national(dossier.code).data
    [entry] = record["DanhSachGiayToKetQua"]
    assert entry["GiayToId"] == result.uuid
    assert (entry["MaGiayToKetQua"], entry["TenGiayTo"]) == ("1.001193.KQ01", "Giấy khai sinh (bản chính)")
    assert entry["DuocSoHoa"] == "1"
    assert entry["DuongDanTepTinKetQua"].endswith(f"/attachments/{result.uuid}")
    # the result is not one of the components the applicant handed in
    filed = [d["TepDinhKemId"] for d in record["TaiLieuNop"] if d["TepDinhKemId"]]
    assert filed == [component.uuid]
    assert record["TrangThaiHoSo"] == "10"

    # the counter's own record agrees (without links: none given)
    local = national_record(sync_ctx, dossier.code)
    assert [(e["GiayToId"], e["DuocSoHoa"], e["MaGiayToKetQua"]) for e in local["DanhSachGiayToKetQua"]] == [
        (result.uuid, "1", "1.001193.KQ01")]
    assert [d["TepDinhKemId"] for d in local["TaiLieuNop"] if d["TepDinhKemId"]] == [component.uuid]
    # a national portal that refuses the flag: the site turns it off
    quiet = national_record(sync_ctx, dossier.code, codes=national_codes(overrides={"result_digitized_flag": False}))
    assert "DuocSoHoa" not in quiet["DanhSachGiayToKetQua"][0]

    # taken back (the wrong paper): the portal's record no longer lists it, nor as a component
    remove_result(sync_ctx, result.uuid, OFFICER)
    engine.run_until_idle(timeout=20)
    [record] = engine.client.national(dossier.code).data
    assert record["DanhSachGiayToKetQua"] == []
    assert [d["TepDinhKemId"] for d in record["TaiLieuNop"] if d["TepDinhKemId"]] == [component.uuid]
