"""Mapping of the portal's dossiers to the national payloads (domain.md).

`DongBoHoSoMC` (one dossier) and `CapNhatTienDoHoSoMC` (progress). Dates are
`yyyyMMddHHmmss` in Asia/Ho_Chi_Minh; status codes are the national TrangThaiHoSo
codes 1..10 (the counter already stores those), written as strings.

Input is the dossier dict the counter pushes (`dossier_to_dict` shape: the Dossier
column names, `fees`, `documents`) plus the attachments the portal holds. Values the
national texts leave open (LoaiDoiTuong codes, HinhThuc) come from tables a provincial
integrator can replace: `APPLICANT_KIND_CODES`, `CHANNEL_CODES` (verify).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

NATIONAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DATE_FORMAT = "%Y%m%d%H%M%S"

STATUS_NAMES = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}

# (verify) the code values differ between sources; keep them data.
APPLICANT_KIND_CODES = {"citizen": "1", "organization": "2"}
CHANNEL_CODES = {1: "1", 2: "2", 3: "3"}
FEE_METHOD_CODES = {"cash": "1", "transfer": "2", "online": "3"}
FEE_KIND_CODES = {"fee": "1", "charge": "2"}


def parse_instant(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def national_date(value: Any) -> str:
    """An instant as yyyyMMddHHmmss in Asia/Ho_Chi_Minh; "" when absent."""
    moment = parse_instant(value)
    return moment.astimezone(NATIONAL_ZONE).strftime(DATE_FORMAT) if moment else ""


def status_code(value: Any) -> str:
    code = int(value)
    if code not in STATUS_NAMES:
        raise ValueError(f"trạng thái không hợp lệ / unknown status {value!r}")
    return str(code)


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def dong_bo_ho_so(dossier: dict[str, Any], attachments: list[dict[str, Any]] | None = None,
                  *, file_url_base: str = "") -> dict[str, Any]:
    """One dossier as the national DongBoHoSoMC record."""
    # The counter nests the applicant (dossier_to_dict); flat keys are accepted too.
    applicant = dossier.get("applicant") if isinstance(dossier.get("applicant"), dict) else {}
    dossier = {**dossier, **{
        key: applicant.get(key.removeprefix("applicant_")) for key in (
            "applicant_kind", "applicant_name", "id_number", "tax_code", "org_name", "phone", "email", "address")
        if applicant.get(key.removeprefix("applicant_")) not in (None, "")}}
    kind = dossier.get("applicant_kind") or "citizen"
    owner = dossier.get("applicant_name") or ""
    if kind == "organization" and dossier.get("org_name"):
        owner = dossier["org_name"]
    subject_id = dossier.get("id_number") if kind != "organization" else (dossier.get("tax_code") or dossier.get("id_number"))
    fees = []
    for fee in dossier.get("fees") or []:
        fees.append({
            "TenPhiLePhi": _s(fee.get("name")),
            "MaPhiLePhi": _s(fee.get("code")),
            "HinhThucThu": FEE_METHOD_CODES.get(fee.get("method") or "cash", _s(fee.get("method"))),
            "Gia": int(fee.get("amount_vnd") or 0),
            "LoaiPhiLePhi": FEE_KIND_CODES.get(fee.get("kind") or "", _s(fee.get("kind"))),
        })
    files = []
    for att in attachments or []:
        files.append({
            "TepDinhKemId": _s(att.get("attachment_id") or att.get("id")),
            "TenTepDinhKem": _s(att.get("filename")),
            "IsDeleted": bool(att.get("deleted", False)),
            "MaThanhPhanHoSo": _s(att.get("document_code")),
            "DuongDanTaiTepTin": f"{file_url_base}{att.get('attachment_id') or att.get('id')}" if file_url_base else "",
        })
    return {
        "MaHoSo": _s(dossier.get("code")),
        "MaTTHC": _s(dossier.get("procedure_code")),
        "TenTTHC": _s(dossier.get("procedure_name")),
        "MaLinhVuc": _s(dossier.get("field_code")),
        "TenLinhVuc": _s(dossier.get("field_name")),
        "SoBienNhan": _s(dossier.get("code")),
        "ChuHoSo": _s(owner),
        "LoaiDoiTuong": APPLICANT_KIND_CODES.get(kind, ""),
        "MaDoiTuong": _s(subject_id),
        "ThongTinKhac": _s(dossier.get("address")),
        "Email": _s(dossier.get("email")),
        "Fax": "",
        "SoDienThoai": _s(dossier.get("phone")),
        "TrichYeuHoSo": _s(dossier.get("summary") or dossier.get("procedure_name")),
        "NgayTiepNhan": national_date(dossier.get("received_at")),
        "NgayHenTra": national_date(dossier.get("due_at")),
        "TrangThaiHoSo": status_code(dossier.get("status") or 2),
        "NgayTra": national_date(dossier.get("returned_at")),
        "ThongTinTra": _s(dossier.get("return_note")),
        "HinhThuc": CHANNEL_CODES.get(int(dossier.get("channel") or 1), ""),
        "NgayKetThucXuLy": national_date(dossier.get("finished_at")),
        "DonViXuLy": _s(dossier.get("lead_agency_name") or dossier.get("agency_code")),
        "GhiChu": _s(dossier.get("notes")),
        "TaiLieuNop": files,
        "DanhSachLePhi": fees,
        "DanhSachTepDinhKemKhac": [],
        "DanhSachHoSoBoSung": [],
        "DanhSachGiayToKetQua": [],
    }


def cap_nhat_tien_do(event: dict[str, Any]) -> dict[str, Any]:
    """One progress event (protocol.ProgressEvent fields) as CapNhatTienDoHoSoMC."""
    return {
        "MaHoSo": _s(event.get("code")),
        "NguoiXuLy": _s(event.get("handler")),
        "ChucDanh": _s(event.get("title")),
        "ThoiDiemXuLy": national_date(event.get("at")),
        "PhongBanXuLy": _s(event.get("department")),
        "NoiDungXuLy": _s(event.get("content")),
        "TrangThai": status_code(event.get("status")),
        "NgayBatDau": national_date(event.get("step_started_at")),
        "NgayKetThucTheoQuyDinh": national_date(event.get("step_due_at")),
    }


def envelope(service: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    return {"service": service, "data": records}
