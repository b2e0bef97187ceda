"""Conditional documents, classified from the shipped demo catalog's own wording."""

from __future__ import annotations

import json

import pytest

from counterapp.dossiers.conditions import applies, case_keys, classify, is_case_group
from counterapp.paths import resource


def _catalog() -> dict[str, list[tuple[str | None, str, str]]]:
    records = json.loads(resource("catalog", "demo_catalog.json").read_text(encoding="utf-8"))
    out = {}
    for record in records:
        out[record["MATTHC"]] = [
            (group.get("TRUONGHOP"), doc.get("MAGIAYTO"), doc["TENGIAYTO"])
            for group in record.get("THANHPHANHOSO", [])
            for doc in group.get("GIAYTO", [])
        ]
    return out


CATALOG = _catalog()


def _conditional(code: str) -> dict[str, bool]:
    docs = CATALOG[code]
    main = next((case for case, _c, _n in docs if case), None)
    return {name: classify(name, case, main).conditional for case, _c, name in docs}


def _find(code: str, start: str) -> bool:
    matches = [value for name, value in _conditional(code).items() if name.startswith(start)]
    assert len(matches) == 1, (code, start)
    return matches[0]


@pytest.mark.parametrize(
    ("code", "start", "conditional"),
    [
        # birth registration: the form and the birth certificate (with its own alternatives) are required
        ("1.001193", "Tờ khai đăng ký khai sinh theo mẫu", False),
        ("1.001193", "Giấy chứng sinh; trường hợp không có", False),
        ("1.001193", "Biên bản xác nhận việc trẻ bị bỏ rơi", True),  # (trường hợp trẻ em bị bỏ rơi)
        ("1.001193", "Văn bản xác nhận của cơ sở y tế", True),  # (trường hợp ... mang thai hộ)
        ("1.001193", "Văn bản ủy quyền được chứng thực", True),  # a representative's authorisation
        ("1.001193", "Giấy tờ tùy thân của người yêu cầu", False),  # "Giấy tờ phải xuất trình": not a case
        ("1.000894", "Bản án, quyết định ly hôn", True),  # (nếu đã từng kết hôn và ly hôn)
        ("2.002409", "Tài liệu, chứng cứ liên quan (nếu có)", True),
        ("2.002043", "Danh sách cổ đông sáng lập;", False),  # "(nếu có)" qualifies the second part only
        ("2.002043", "Văn bản ủy quyền cho người nộp hồ sơ", True),
        ("3.000347", "Giấy khám sức khỏe", False),  # "trừ trường hợp ...": an exception, still required
        ("2.000815", "Bản chính giấy tờ", False),  # "..., trừ trường hợp được miễn"
        ("1.004837", "Văn bản cử người giám hộ", False),  # "(trường hợp X) hoặc Y": an alternative
        ("2.000286", "Bản sao giấy khai sinh (đối với trẻ em)", True),
        ("2.001610", "Bản sao giấy tờ pháp lý", False),  # "(không phải nộp nếu ...)": an exemption
        # two groups that are parts of every adoption dossier, not cases
        ("2.001263", "Giấy khai sinh của người được nhận làm con nuôi", False),
        # a second group that is a case: adjusting or stopping the allowance
        ("1.001776", "Văn bản đề nghị điều chỉnh, thôi hưởng", True),
        ("1.001776", "Tờ khai đề nghị trợ cấp xã hội", False),
    ],
)
def test_demo_catalog_wording(code, start, conditional):
    assert _find(code, start) is conditional


def test_groups_that_are_cases():
    assert is_case_group("Trường hợp đăng ký khai sinh cho trẻ bị bỏ rơi")
    assert is_case_group("Đối với nhà ở riêng lẻ")
    assert is_case_group("Điều chỉnh, thôi hưởng trợ cấp")
    assert not is_case_group("Giấy tờ phải xuất trình")
    assert not is_case_group("Giấy tờ của người được giới thiệu làm con nuôi")
    # the main group applies even when worded as a case
    assert not classify("Tờ khai", "Đối với nhà ở riêng lẻ", "Đối với nhà ở riêng lẻ").conditional


def test_ticking_a_case_makes_its_documents_required():
    doc = "Văn bản ủy quyền được chứng thực trong trường hợp ủy quyền thực hiện"
    condition = classify(doc, "Giấy tờ phải nộp", "Giấy tờ phải nộp")
    assert not applies(condition, case_keys([]), code="KQ003159", name=doc)
    assert applies(condition, case_keys(["KQ003159"]), code="KQ003159", name=doc)
    assert applies(condition, case_keys([doc.upper()]), code=None, name=doc)  # by name, case-insensitive
    group = classify("Đơn đề nghị điều chỉnh", "Điều chỉnh, thôi hưởng trợ cấp", "Thực hiện trợ cấp xã hội hàng tháng")
    assert applies(group, case_keys("Dieu chinh, thoi huong tro cap"), code="X", name="Đơn",
                   case_name="Điều chỉnh, thôi hưởng trợ cấp")
