"""Code values of the national DongBoHoSoMC record, kept as data with where each came from.

The national integration texts are not public; what is known comes from public integration
code of provincial systems (sync/README.md, "National payload: sources"), and the values
differ between them (LoaiDoiTuong: OpenCPS sends 1 citizen / 2 business, a later provincial
system 1 citizen / 2 enterprise / 3 state agency / 4 organisation or other). So every value
here is a default a province replaces in `site.toml`:

    [national]
    loai_doi_tuong = { enterprise = "2", organization = "4" }   # tables merge key by key
    noi_nop_ho_so = "2"                                        # scalars and lists replace
    omit_fields = ["NgayCongDanBoSung"]                       # drop fields a portal refuses

`national_codes(config)` reads that section (via `SiteConfig.section`); a wrong value is
refused with a message naming the key, never guessed around.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from counterapp.catalog.folding import fold

APPLICANT_TYPES = ("citizen", "enterprise", "state_agency", "organization", "other")

# Repositories and files the values were read from (sync/README.md lists them per field).
SRC_TD = "HuanVu201/DichVuCong_KhoaLuan_PASETO"
SRC_TD_SYNC = f"{SRC_TD}: DichVuCongApi/src/Infrastructure/KetNoi/DVC/SyncLocalDataToDVCQG/SyncLocalDataToDVCQGService.cs"
SRC_TD_RECORD = f"{SRC_TD}: DichVuCongApi/src/Core/Application/Common/KetNoi/DVC/SyncLocalDataToDVCQG/ISyncLocalDataToDVCQGService.cs"
SRC_TD_SLD = f"{SRC_TD}: DichVuCongApi/src/Infrastructure/KetNoi/SLD/SyncSLDService.cs"
SRC_TD_FORM = f"{SRC_TD}: quantri_client/src/features/hoso/data/formData.ts"
SRC_OPENCPS = ("VietOpenCPS/opencps-v2: modules/backend-dossiermgt/backend-dossiermgt-service/src/main/java/"
               "org/opencps/dossiermgt/action/impl/DVCQGIntegrationActionImpl.java")

DEFAULTS: dict[str, Any] = {
    # LoaiDoiTuong by applicant type. OpenCPS: 1 citizen, 2 business. TD: 1 default (citizen),
    # 2 "Doanh nghiệp", 3 "Cơ quan nhà nước", 4 "Tổ chức" / "Khác".
    "loai_doi_tuong": {"citizen": "1", "enterprise": "2", "state_agency": "3", "organization": "4", "other": "4"},
    # KenhThucHien by the counter's channel (1 counter, 2 online, 3 post): TD formData.ts
    # KENH_THUC_HIEN {1 Trực tiếp, 2 Trực tuyến, 3 Qua bưu chính công ích}; the catalog's KENH.
    "kenh_thuc_hien": {"1": "1", "2": "2", "3": "3"},
    # HinhThuc (how the result is returned). OpenCPS: 0, or 1 when sent by post.
    "hinh_thuc": {"counter": "0", "post": "1"},
    # NoiNopHoSo: TD sends the constant "2" for dossiers of its own provincial system (verify).
    "noi_nop_ho_so": "2",
    # DinhDanhCHS.LoaiDinhDanh: TD, "1" for a 12-digit personal ID, "2" for a 9-digit one.
    "loai_dinh_danh": {"cccd12": "1", "cmnd9": "2"},
    # HinhThucThu / LoaiPhiLePhi of DanhSachLePhi (the counter's own values; verify).
    "hinh_thuc_thu": {"cash": "1", "transfer": "2", "online": "3"},
    "loai_phi_le_phi": {"fee": "1", "charge": "2"},
    # How an organisation applicant is told apart (folded name prefixes, checked in this order:
    # state agency, organisation, enterprise; else a tax code means an enterprise, Luật Doanh
    # nghiệp 2020 art. 29: the enterprise code is its tax code).
    "state_agency_prefixes": ["uy ban nhan dan", "ubnd", "so ", "phong tu phap", "cuc ", "chi cuc ", "bo ",
                              "cong an ", "toa an ", "vien kiem sat", "kho bac", "van phong hdnd"],
    "organization_prefixes": ["hoi ", "hop tac xa", "htx ", "quy ", "truong ", "benh vien", "trung tam ",
                              "to chuc ", "mat tran", "doan ", "cong doan", "chua ", "nha tho"],
    "enterprise_prefixes": ["cong ty", "doanh nghiep", "chi nhanh cong ty", "tap doan", "ngan hang"],
    # TaiLieuNop also lists checklist documents handed in on paper only (DuocSoHoa "0").
    "list_paper_documents": True,
    # DanhSachGiayToKetQua entries carry DuocSoHoa ("1" the result was digitized), NĐ 45/2020,
    # TT 01/2023/TT-VPCP; no known source names the field in this record (verify).
    "result_digitized_flag": True,
    # Top-level fields to leave out (for a national portal that refuses a field it does not know).
    "omit_fields": [],
}

_TABLES = ("loai_doi_tuong", "kenh_thuc_hien", "hinh_thuc", "loai_dinh_danh", "hinh_thuc_thu", "loai_phi_le_phi")
_LISTS = ("state_agency_prefixes", "organization_prefixes", "enterprise_prefixes", "omit_fields")


class NationalCodesError(ValueError):
    """`[national]` in site.toml is wrong; the message names the key (Vietnamese / English)."""


@dataclass(frozen=True)
class NationalCodes:
    values: dict[str, Any]

    def code(self, table: str, key: Any, default: str = "") -> str:
        return str(self.values[table].get(str(key), default))

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def national_codes(config: Any = None, overrides: dict[str, Any] | None = None) -> NationalCodes:
    """The defaults, updated from `config.section("national")` (a SiteConfig) and `overrides`."""
    values = copy.deepcopy(DEFAULTS)
    for source in (config.section("national") if config is not None else {}, overrides or {}):
        for key, value in source.items():
            _apply(values, key, value)
    return NationalCodes(values)


def _apply(values: dict[str, Any], key: str, value: Any) -> None:
    where = f"national.{key}"
    if key in _TABLES:
        if not isinstance(value, dict) or not all(isinstance(v, (str, int)) for v in value.values()):
            raise NationalCodesError(f"{where}: cần bảng mã dạng {{khóa = \"mã\"}} / expected a table of codes")
        values[key].update({str(k): str(v) for k, v in value.items()})
    elif key in _LISTS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise NationalCodesError(f"{where}: cần danh sách chuỗi / expected a list of strings")
        values[key] = [fold(v) + (" " if v.endswith(" ") else "") for v in value] if key.endswith("prefixes") else value
    elif key == "noi_nop_ho_so":
        if not isinstance(value, (str, int)):
            raise NationalCodesError(f"{where}: cần một mã / expected a code")
        values[key] = str(value)
    elif key in ("list_paper_documents", "result_digitized_flag"):
        if not isinstance(value, bool):
            raise NationalCodesError(f"{where}: cần true hoặc false / expected true or false")
        values[key] = value
    else:
        raise NationalCodesError(f"{where}: khóa không được hỗ trợ / unknown key")


def applicant_type(dossier: dict[str, Any], codes: NationalCodes) -> str:
    """citizen / enterprise / state_agency / organization / other, from the applicant's data.

    An explicit `applicant_type` (a future field, or one a caller adds) wins; a citizen is a
    citizen; an organisation is told apart by its folded name, then by having a tax code.
    """
    explicit = str(dossier.get("applicant_type") or "").strip()
    if explicit in APPLICANT_TYPES:
        return explicit
    kind = str(dossier.get("applicant_kind") or "citizen")
    if kind == "citizen":
        return "citizen"
    if kind not in ("organization", "organisation", "enterprise", "business"):
        return "other"
    name = fold(dossier.get("org_name") or dossier.get("applicant_name")) + " "
    for table, kind_name in (("state_agency_prefixes", "state_agency"), ("organization_prefixes", "organization"),
                             ("enterprise_prefixes", "enterprise")):
        if any(name.startswith(prefix) for prefix in codes[table]):
            return kind_name
    if kind in ("enterprise", "business") or str(dossier.get("tax_code") or "").strip():
        return "enterprise"
    return "organization"
