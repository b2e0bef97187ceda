"""Provinces and communes after 1 July 2025, and the national status labels."""

from __future__ import annotations

from counterapp.dossiers.admin_units import communes, find_commune, find_province, provinces
from counterapp.dossiers.status import DossierStatus, status_label


def test_two_level_units():
    names = [p.name for p in provinces()]
    assert len(names) == 34 and "Quảng Ninh" in names
    quang_ninh = find_province("tỉnh quang ninh")
    assert quang_ninh is not None and quang_ninh.code == "22"
    units = communes(quang_ninh.code)
    assert len(units) == 54  # domain.md: Quảng Ninh has 54 commune-level units
    assert find_commune("22", "phuong ha long").name == "Phường Hạ Long"
    assert communes("99") == [] and communes("x") == []


def test_status_labels():
    assert DossierStatus(10).label_vi == "Đã trả kết quả"
    assert DossierStatus.REFUSED.label_en == "Refused"
    assert [int(s) for s in DossierStatus] == list(range(1, 11))
    assert status_label(5) == "Yêu cầu bổ sung giấy tờ / Documents requested"
    assert "42" in status_label(42)
