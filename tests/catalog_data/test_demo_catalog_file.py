"""The shipped demo catalog (resources/catalog/demo_catalog.json) is what officers see first:
these checks catch the mistakes they would notice (missing or duplicate procedures, a level
the counter cannot filter on, a time limit the appointment calculator cannot use, a fee that
is not a whole number of đồng, a procedure with no document checklist)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog" / "demo_catalog.json"
LEVELS = {"Cấp tỉnh", "Cấp xã"}
UNITS = {"Ngày làm việc", "Ngày", "Giờ làm việc"}
ONLINE_LEVELS = {"Toàn trình", "Một phần", ""}
CODE_RE = re.compile(r"^[1-6]\.\d{6}$")
HHMM_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@pytest.fixture(scope="module")
def procedures() -> list[dict]:
    raw = CATALOG.read_bytes()
    data = json.loads(raw.decode("utf-8"))  # must be valid UTF-8 JSON
    assert isinstance(data, list)
    return data


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _time_limits(proc: dict):
    for channel in proc.get("CACHTHUCTHUCHIEN", []):
        for limit in channel.get("THOIGIAN", []):
            yield channel, limit


def test_catalog_is_large_enough_and_codes_are_unique(procedures):
    assert len(procedures) >= 60
    codes = [p.get("MATTHC") for p in procedures]
    duplicates = [c for c, n in Counter(codes).items() if n > 1]
    assert duplicates == []


def test_every_procedure_has_code_and_name(procedures):
    for proc in procedures:
        code = proc.get("MATTHC")
        assert isinstance(code, str) and code.strip(), proc
        assert CODE_RE.match(code), f"{code}: not a national procedure code"
        name = proc.get("TENTTHC")
        assert isinstance(name, str) and name.strip(), code


def test_levels_are_the_two_allowed_values_with_both_well_represented(procedures):
    levels = Counter(p.get("CAPTHUCHIEN") for p in procedures)
    assert set(levels) <= LEVELS, levels
    assert levels["Cấp xã"] >= 25
    assert levels["Cấp tỉnh"] >= 25


def test_online_level_and_field_names(procedures):
    for proc in procedures:
        assert proc.get("MUCDO", "") in ONLINE_LEVELS, proc["MATTHC"]
        fields = proc.get("LINHVUCTHUCHIEN")
        assert fields and all(f.get("TENLINHVUC", "").strip() for f in fields), proc["MATTHC"]


def test_time_limits_use_known_units_and_positive_amounts(procedures):
    for proc in procedures:
        for channel, limit in _time_limits(proc):
            assert channel.get("KENH") in (1, 2, 3), proc["MATTHC"]
            assert limit.get("DONVITINH") in UNITS, (proc["MATTHC"], limit.get("DONVITINH"))
            amount = limit.get("THOIGIANGIAIQUYET")
            assert isinstance(amount, (int, float)) and not isinstance(amount, bool), proc["MATTHC"]
            assert amount > 0, proc["MATTHC"]


def test_fees_are_non_negative_whole_dong(procedures):
    for proc in procedures:
        for _channel, limit in _time_limits(proc):
            for item in limit.get("PHILEPHI", []):
                amount = item.get("SOTIEN")
                assert _is_int(amount) and amount >= 0, (proc["MATTHC"], item)


def test_every_procedure_can_be_received_at_the_counter_with_a_time_limit(procedures):
    for proc in procedures:
        direct = [c for c in proc.get("CACHTHUCTHUCHIEN", []) if c.get("KENH") == 1]
        assert direct and any(c.get("THOIGIAN") for c in direct), proc["MATTHC"]


def test_every_procedure_has_a_document_checklist_with_counts(procedures):
    for proc in procedures:
        documents = [g for group in proc.get("THANHPHANHOSO", []) for g in group.get("GIAYTO", [])]
        assert documents, proc["MATTHC"]
        for document in documents:
            assert document.get("TENGIAYTO", "").strip(), proc["MATTHC"]
            for key in ("SOBANCHINH", "SOBANSAO"):
                assert _is_int(document.get(key)) and document[key] >= 0, (proc["MATTHC"], key)


def test_some_procedures_carry_an_afternoon_cutoff(procedures):
    cutoffs = {p["MATTHC"]: p["GIOTIEPNHANTOIDA"] for p in procedures if "GIOTIEPNHANTOIDA" in p}
    assert len(cutoffs) >= 3
    for code, value in cutoffs.items():
        assert HHMM_RE.match(value), (code, value)


def test_well_known_procedures_are_present_at_the_right_level(procedures):
    by_code = {p["MATTHC"]: p for p in procedures}
    assert by_code["1.001193"]["TENTTHC"] == "Thủ tục đăng ký khai sinh"
    assert by_code["1.001193"]["CAPTHUCHIEN"] == "Cấp xã"
    assert by_code["2.000815"]["CAPTHUCHIEN"] == "Cấp xã"
    assert by_code["2.000488"]["CAPTHUCHIEN"] == "Cấp tỉnh"
    # chứng thực bản sao is charged per page; lý lịch tư pháp has its national fee
    assert any(f["SOTIEN"] == 2000 for _c, t in _time_limits(by_code["2.000815"]) for f in t["PHILEPHI"])
    assert any(f["SOTIEN"] == 200000 for _c, t in _time_limits(by_code["2.000488"]) for f in t["PHILEPHI"])
