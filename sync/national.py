"""Mapping of a dossier to the national payloads (domain.md, "The national sync payloads").

`DongBoHoSoMC` (one dossier) and `CapNhatTienDoHoSoMC` (progress). The national portal
ranks provinces on what these records say (QĐ 766/QĐ-TTg: on time, digitized, reused), so
each field says only what the dossier holds: nothing is guessed to look better, a value
the counter does not know is left empty.

Dates are `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh; status codes are the national
TrangThaiHoSo codes 1..10 (the counter already stores those), written as strings.

Input is the dossier dict the counter pushes (`dossier_to_dict` shape: the Dossier
columns, the nested `applicant`, `documents`, `fees`, `history`, `completion_request`)
plus the attachments known for it (`attachment_id`, `filename`, `document_code`,
`deleted`, `reused`, `created_at`, and `kind` / `result_code` for a result document). Code values are data (`national_codes.py`, overridable
from site.toml `[national]`); every field's source is listed in sync/README.md.

The person a procedure is about when not the applicant (the dossier's `subject`: the child in
khai sinh, the deceased in khai tử; dossiers_0010) is not sent: the DongBoHoSoMC fields known
(domain.md, the sources in sync/README.md) have none for them, so ChuHoSo, SoGiayToChuHoSo and
DinhDanhCHS stay the applicant's and nothing is invented. The portal's own push
(dossier_to_dict) carries the subject.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sync.national_codes import NationalCodes, applicant_type, national_codes
from sync.protocol import safe_filename

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
SUPPLEMENT = 5
REFUSED = 3
# A supplement cycle that ends in one of these was closed without the documents arriving.
ENDED_WITHOUT_SUPPLEMENT = {3, 7, 8}

_APPLICANT_KEYS = ("applicant_kind", "applicant_name", "id_number", "tax_code", "org_name", "phone", "email",
                   "address", "representative")


def parse_instant(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None
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


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def flatten_applicant(dossier: dict[str, Any]) -> dict[str, Any]:
    """The counter nests the applicant (dossier_to_dict); flat `applicant_*` keys are accepted too."""
    applicant = dossier.get("applicant") if isinstance(dossier.get("applicant"), dict) else {}
    return {**dossier, **{
        key: applicant.get(key.removeprefix("applicant_")) for key in _APPLICANT_KEYS
        if applicant.get(key.removeprefix("applicant_")) not in (None, "")}}


# --------------------------------------------------------------------------- documents
def _attachment_id(att: dict[str, Any]) -> str:
    return _s(att.get("attachment_id") or att.get("uuid") or att.get("id"))


def tai_lieu_nop(dossier: dict[str, Any], attachments: list[dict[str, Any]], codes: NationalCodes,
                 file_url_base: str = "") -> list[dict[str, Any]]:
    """TaiLieuNop: one entry per attachment (digitized file), then, if `list_paper_documents`,
    one per checklist document handed in on paper with no file for its component.

    DuocSoHoa "1": a (not deleted) digitized file of this component exists. DuocTaiSuDung
    "1": the file is the digitized copy of an earlier dossier, reused. DuocLayTuKhoDMQG "0":
    the counter never takes files from the national citizen repository.
    """
    names = {d.get("document_code"): d.get("name") for d in dossier.get("documents") or [] if d.get("document_code")}
    entries = []
    for att in attachments:
        if att.get("kind") == "result":  # the dossier's result: DanhSachGiayToKetQua, not a component
            continue
        deleted = bool(att.get("deleted", False))
        att_id = _attachment_id(att)
        code = att.get("document_code")
        entries.append({
            "TepDinhKemId": att_id,
            "TenTepDinhKem": _s(att.get("title") or names.get(code) or safe_filename(att.get("filename"))),
            "IsDeleted": deleted,
            "MaThanhPhanHoSo": _s(code),
            "DuongDanTaiTepTin": f"{file_url_base}{att_id}" if file_url_base and att_id else "",
            "DuocSoHoa": "0" if deleted else "1",
            "DuocTaiSuDung": "1" if att.get("reused") and not deleted else "0",
            "DuocLayTuKhoDMQG": "0",
            "MaKetQuaThayThe": "",
        })
    if codes["list_paper_documents"]:
        filed = {a.get("document_code") for a in attachments
                 if not a.get("deleted") and a.get("document_code") and a.get("kind") != "result"}
        for doc in dossier.get("documents") or []:
            received = int(doc.get("originals_received") or 0) + int(doc.get("copies_received") or 0)
            if doc.get("missing") or received <= 0 or (doc.get("document_code") and doc["document_code"] in filed):
                continue
            entries.append({
                "TepDinhKemId": "", "TenTepDinhKem": _s(doc.get("name")), "IsDeleted": False,
                "MaThanhPhanHoSo": _s(doc.get("document_code")), "DuongDanTaiTepTin": "",
                "DuocSoHoa": "0", "DuocTaiSuDung": "0", "DuocLayTuKhoDMQG": "0", "MaKetQuaThayThe": "",
            })
    return entries


def giay_to_ket_qua(dossier: dict[str, Any], attachments: list[dict[str, Any]],
                    file_url_base: str = "", codes: NationalCodes | None = None) -> list[dict[str, Any]]:
    """DanhSachGiayToKetQua: the result documents the dossier records (its `results` /
    `result_documents` list, counterapp/digitize/results.py) and the attachments of
    `kind = "result"`, each once (by id), deleted ones left out; none recorded: [].

    Fields TenGiayTo, MaThanhPhanHoSo, GiayToId, DuongDanTepTinKetQua, MaGiayToKetQua (TD-REC
    `GiayToKetQua`). DuocSoHoa "1" when the result was digitized (a file is attached), "0"
    when only recorded: NĐ 45/2020/NĐ-CP and TT 01/2023/TT-VPCP count digitized results
    (the provincial figure "hồ sơ có thành phần hoặc kết quả số hóa"), but no known source
    gives a field name for it in this record (verify): `[national] result_digitized_flag =
    false` leaves it out.
    """
    flag = codes["result_digitized_flag"] if codes is not None else True
    out: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(item_id: str, name: str, component: str, url: str, code: str, digitized: bool) -> None:
        if item_id and item_id in seen:
            return
        seen.add(item_id)
        entry = {"TenGiayTo": name, "MaThanhPhanHoSo": component, "GiayToId": item_id,
                 "DuongDanTepTinKetQua": url, "MaGiayToKetQua": code}
        if flag:
            entry["DuocSoHoa"] = "1" if digitized else "0"
        out.append(entry)

    files = {_attachment_id(a): a for a in attachments if a.get("kind") == "result"}
    recorded = dossier.get("results") or dossier.get("result_documents") or []
    for item in recorded if isinstance(recorded, list) else []:
        if not isinstance(item, dict):
            continue
        item_id = _s(item.get("attachment_id") or item.get("id") or item.get("uuid"))
        att = files.get(item_id) if item_id else None
        if item.get("deleted") or (att is not None and att.get("deleted")):
            seen.add(item_id)  # taken back: its file is listed nowhere
            continue
        has_file = att is not None or bool(item.get("digitized"))
        url = _s(item.get("url")) or (f"{file_url_base}{item_id}" if file_url_base and item_id else "")
        add(item_id, _s(item.get("name") or item.get("title") or safe_filename(item.get("filename"))),
            _s(item.get("document_code")), url, _s(item.get("result_code") or item.get("code")), has_file)
    for att_id, att in files.items():
        if not att.get("deleted"):
            add(att_id, _s(att.get("title") or safe_filename(att.get("filename"))), _s(att.get("document_code")),
                f"{file_url_base}{att_id}" if file_url_base and att_id else "", _s(att.get("result_code")), True)
    return out


# --------------------------------------------------------------------------- supplements
def _completion_requests(value: Any) -> list[dict[str, Any]]:
    """The completion requests the dossier carries: one dict (today's `completion_request`),
    a list, or a register `{"requests": [...]}`; anything else is ignored."""
    if isinstance(value, dict):
        inner = value.get("requests")
        if isinstance(inner, list):
            return [r for r in inner if isinstance(r, dict)]
        return [value]
    if isinstance(value, list):
        return [r for r in value if isinstance(r, dict)]
    return []


def completion_register(current: Any, sent: list[Any]) -> Any:
    """The completion requests as a register `{"requests": [...]}` when more than one was
    sent (the reference portal keeps every status change the counter sent, the dossier's own
    copy only the latest request); `current` unchanged when it is already a register or
    nothing more is known."""
    if isinstance(current, list) or (isinstance(current, dict) and "requests" in current):
        return current
    requests: list[dict[str, Any]] = []
    for request in [*sent, current]:
        if isinstance(request, dict) and not any(_same_request(request, r) for r in requests):
            requests.append(request)
    return {"requests": requests} if len(requests) > 1 else current


def _same_request(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return _same_instant(parse_instant(a.get("at")), parse_instant(b.get("at"))) and a.get("reason") == b.get("reason")


def _first(mapping: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if mapping.get(key) not in (None, ""):
            return mapping[key]
    return None


def _same_instant(a: datetime | None, b: datetime | None) -> bool:
    return a is not None and b is not None and abs((a - b).total_seconds()) < 1


def _closest(cycles: list[dict[str, Any]], asked: datetime | None) -> dict[str, Any] | None:
    """The cycle asked at this instant (within a second: stored times may lose precision)."""
    near = [(abs((moment - asked).total_seconds()), i) for i, c in enumerate(cycles)
            if asked and (moment := parse_instant(c.get("requested_at"))) and _same_instant(moment, asked)]
    return cycles[min(near)[1]] if near else None


def supplement_cycles(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """Each request to complete the dossier: asked when (a change into status 5), answered
    when (the next change out of 5, unless to 3/7/8), with the request's missing documents.

    Read from the status history and the completion request(s) the dossier carries; a
    request the history does not show (history not sent) still makes a cycle.
    """
    cycles: list[dict[str, Any]] = []
    open_cycle: dict[str, Any] | None = None
    for change in dossier.get("history") or []:
        if not isinstance(change, dict):
            continue
        to, frm = _int(change.get("to_status")), _int(change.get("from_status"))
        if to == SUPPLEMENT and frm != SUPPLEMENT:
            open_cycle = {"requested_at": change.get("at"), "requested_by": change.get("by") or change.get("handler"),
                          "reason": change.get("note") or change.get("content"), "missing": []}
            cycles.append(open_cycle)
        elif frm == SUPPLEMENT and to not in (None, SUPPLEMENT) and open_cycle is not None:
            if to not in ENDED_WITHOUT_SUPPLEMENT:
                open_cycle.update(received_at=change.get("at"), received_by=change.get("by") or change.get("handler"),
                                  received_note=change.get("note") or change.get("content"))
            open_cycle["closed"] = True
            open_cycle = None
    unmatched = list(cycles)
    for req in _completion_requests(dossier.get("completion_requests") or dossier.get("completion_request")):
        asked = parse_instant(req.get("at") or req.get("requested_at"))
        cycle = _closest(unmatched, asked)
        if cycle is None and asked is None and unmatched:
            cycle = unmatched[-1]
        if cycle is None:
            cycle = {"requested_at": req.get("at") or req.get("requested_at"), "missing": []}
            cycles.append(cycle)
        else:
            unmatched.remove(cycle)
        cycle["missing"] = [m for m in req.get("missing") or [] if isinstance(m, dict)]
        cycle["reason"] = req.get("reason") or cycle.get("reason")
        cycle["requested_by"] = req.get("officer") or cycle.get("requested_by")
        received = _first(req, "received_at", "completed_at", "fulfilled_at", "supplemented_at", "answered_at")
        if received:
            cycle["received_at"] = received
            cycle["received_by"] = _first(req, "received_by", "completed_by") or cycle.get("received_by")
        cycle["new_due_at"] = _first(req, "new_due_at", "due_at_after")
    cycles.sort(key=lambda c: parse_instant(c.get("requested_at")) or datetime.min.replace(tzinfo=UTC))
    return cycles


def merge_history(history: list[Any], extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The dossier's status history with status changes known elsewhere (the back office's
    progress on the portal) that it does not show yet, in time order; an added change's
    `from_status` is the status before it."""
    known = [dict(h) for h in history if isinstance(h, dict)]
    added = []
    for change in extra:
        at = parse_instant(change.get("at"))
        if at is None or any(_int(h.get("to_status")) == _int(change.get("to_status"))
                             and _same_instant(parse_instant(h.get("at")), at) for h in known):
            continue
        entry = {**change, "from_status": None}
        known.append(entry)
        added.append(entry)
    if not added:
        return known
    known.sort(key=lambda h: parse_instant(h.get("at")) or datetime.min.replace(tzinfo=UTC))
    for before, change in zip([None, *known], known, strict=False):
        if any(change is a for a in added) and before is not None:
            change["from_status"] = before.get("to_status")
    return known


def _missing_text(item: dict[str, Any]) -> str:
    counts = []
    if _int(item.get("originals")):
        counts.append(f"{_int(item['originals'])} bản chính")
    if _int(item.get("copies")):
        counts.append(f"{_int(item['copies'])} bản sao")
    name = _s(item.get("name") or item.get("document_code"))
    return f"{name} ({', '.join(counts)})" if counts else name


def ho_so_bo_sung(dossier: dict[str, Any], cycles: list[dict[str, Any]], attachments: list[dict[str, Any]],
                  file_url_base: str = "") -> list[dict[str, Any]]:
    """DanhSachHoSoBoSung, one record per supplement cycle (field names: sync/README.md)."""
    out = []
    for number, cycle in enumerate(cycles, start=1):
        asked = parse_instant(cycle.get("requested_at"))
        documents = []
        for item in cycle.get("missing") or []:
            code = item.get("document_code")
            brought = next((a for a in attachments if code and a.get("document_code") == code and not a.get("deleted")
                            and asked and (parse_instant(a.get("created_at")) or asked) > asked), None)
            att_id = _attachment_id(brought) if brought else ""
            documents.append({
                "TepDinhKemId": att_id, "TenTepDinhKem": _s(item.get("name")), "IsDeleted": False,
                "MaThanhPhanHoSo": _s(code),
                "DuongDanTaiTepTin": f"{file_url_base}{att_id}" if file_url_base and att_id else "",
            })
        missing = "; ".join(_missing_text(m) for m in cycle.get("missing") or [])
        content = _s(cycle.get("reason"))
        if missing:
            content = f"{content}. Giấy tờ cần bổ sung: {missing}" if content else f"Giấy tờ cần bổ sung: {missing}"
        out.append({
            "HoSoBoSungId": number,
            "NguoiYeuCauBoSung": _s(cycle.get("requested_by")),
            "NoiDungBoSung": content,
            "NgayBoSung": national_date(cycle.get("requested_at")),
            "NguoiTiepNhanBoSung": _s(cycle.get("received_by")),
            "ThongTinTiepNhan": _s(cycle.get("received_note")),
            "NgayTiepNhanBoSung": national_date(cycle.get("received_at")),
            "TrangThaiBoSung": bool(cycle.get("received_at")),
            "DanhSachGiayToBoSung": documents,
            "DanhSachLePhiBoSung": [],
            "NgayHenTraTruoc": national_date(dossier.get("due_at")),
            "NgayHenTraMoi": national_date(cycle.get("new_due_at")),
        })
    return out


def refusal_date(dossier: dict[str, Any]) -> str:
    """NgayTuChoi: when the dossier went to status 3 (history), or the recorded `refused_at`."""
    for change in dossier.get("history") or []:
        if isinstance(change, dict) and _int(change.get("to_status")) == REFUSED:
            return national_date(change.get("at"))
    return national_date(dossier.get("refused_at"))


# --------------------------------------------------------------------------- the record
def _fees(dossier: dict[str, Any], codes: NationalCodes) -> list[dict[str, Any]]:
    return [{
        "TenPhiLePhi": _s(fee.get("name")),
        "MaPhiLePhi": _s(fee.get("code")),
        "HinhThucThu": codes.code("hinh_thuc_thu", fee.get("method") or "cash", _s(fee.get("method"))),
        "Gia": int(fee.get("amount_vnd") or 0),
        "LoaiPhiLePhi": codes.code("loai_phi_le_phi", fee.get("kind") or "", _s(fee.get("kind"))),
    } for fee in dossier.get("fees") or []]


def _identity(dossier: dict[str, Any], kind: str, codes: NationalCodes) -> tuple[str, list[dict[str, str]]]:
    """SoGiayToChuHoSo (a person's ID number, an enterprise's tax code) and DinhDanhCHS."""
    id_number = _s(dossier.get("id_number")).strip()
    number = id_number if kind == "citizen" else (_s(dossier.get("tax_code")).strip() or id_number)
    identities = []
    if kind == "citizen" and id_number.isdigit() and len(id_number) in (9, 12):
        loai = codes.code("loai_dinh_danh", "cccd12" if len(id_number) == 12 else "cmnd9")
        identities.append({"LoaiDinhDanh": loai, "SoDinhDanh": id_number})
    return number, identities


def dong_bo_ho_so(dossier: dict[str, Any], attachments: list[dict[str, Any]] | None = None,
                  *, file_url_base: str = "", codes: NationalCodes | None = None) -> dict[str, Any]:
    """One dossier as the national DongBoHoSoMC record."""
    codes = codes or national_codes()
    attachments = [a for a in attachments or [] if isinstance(a, dict)]
    dossier = flatten_applicant(dossier)
    kind = applicant_type(dossier, codes)
    owner = dossier.get("applicant_name") or ""
    if kind != "citizen" and dossier.get("org_name"):
        owner = dossier["org_name"]
    number, identities = _identity(dossier, kind, codes)
    documents = tai_lieu_nop(dossier, attachments, codes, file_url_base)
    cycles = supplement_cycles(dossier)
    channel = _int(dossier.get("channel")) or 1
    returned_by = "post" if str(dossier.get("return_method") or "").lower() in ("post", "3") else "counter"
    record = {
        "MaHoSo": _s(dossier.get("code")),
        "MaTTHC": _s(dossier.get("procedure_code")),
        "TenTTHC": _s(dossier.get("procedure_name")),
        "MaLinhVuc": _s(dossier.get("field_code")),
        "TenLinhVuc": _s(dossier.get("field_name")),
        "KenhThucHien": codes.code("kenh_thuc_hien", channel),
        "SoBienNhan": _s(dossier.get("code")),
        "ChuHoSo": _s(owner),
        "SoGiayToChuHoSo": number,
        "DinhDanhCHS": identities,
        "LoaiDoiTuong": codes.code("loai_doi_tuong", kind),
        # The applicant's national DVC account id (OpenCPS, TD): a counter never knows it.
        "MaDoiTuong": _s(dossier.get("national_account_id")),
        "ThongTinKhac": _s(dossier.get("address")),
        "Email": _s(dossier.get("email")),
        "Fax": "",
        "SoDienThoai": _s(dossier.get("phone")),
        "TrichYeuHoSo": _s(dossier.get("summary") or dossier.get("procedure_name")),
        "NgayNopHoSo": national_date(dossier.get("submitted_at") or dossier.get("received_at")),
        "NgayTiepNhan": national_date(dossier.get("received_at")),
        # The original appointment: on time is judged against it (domain.md).
        "NgayHenTra": national_date(dossier.get("due_at")),
        "TrangThaiHoSo": status_code(dossier.get("status") or 2),
        "NgayTuChoi": refusal_date(dossier),
        "NgayYeuCauBoSung": national_date(cycles[-1].get("requested_at")) if cycles else "",
        "NgayCongDanBoSung": national_date(cycles[-1].get("received_at")) if cycles else "",
        "NgayTra": national_date(dossier.get("returned_at")),
        "ThongTinTra": _s(dossier.get("return_note")),
        "HinhThuc": codes.code("hinh_thuc", returned_by),
        "NgayKetThucXuLy": national_date(dossier.get("finished_at")),
        "DonViXuLy": _s(dossier.get("lead_agency_name") or dossier.get("agency_code")),
        "GhiChu": _s(dossier.get("notes")),
        "NoiNopHoSo": _s(codes["noi_nop_ho_so"]),
        "HoSoCoThanhPhanSoHoa": "1" if any(d["DuocSoHoa"] == "1" for d in documents) else "0",
        "TaiLieuNop": documents,
        "DanhSachLePhi": _fees(dossier, codes),
        "DanhSachTepDinhKemKhac": [],
        "DanhSachHoSoBoSung": ho_so_bo_sung(dossier, cycles, attachments, file_url_base),
        "DanhSachGiayToKetQua": giay_to_ket_qua(dossier, attachments, file_url_base, codes),
    }
    for field in codes["omit_fields"]:
        record.pop(field, None)
    return record


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
