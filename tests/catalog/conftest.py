from __future__ import annotations

import json
from pathlib import Path

import pytest


def procedure(code: str, name: str, *, field: str = "Hộ tịch", level: str = "Cấp xã",
              agency: str = "UBND xã", **extra) -> dict:
    record = {
        "MATTHC": code,
        "TENTTHC": name,
        "CAPTHUCHIEN": level,
        "LINHVUCTHUCHIEN": [{"MALINHVUC": "F-" + code, "TENLINHVUC": field}],
        "COQUANTHUCHIEN": [{"MADONVI": "A-" + code, "TENDONVI": agency}],
        "CACHTHUCTHUCHIEN": [
            {"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 3, "DONVITINH": "Ngày làm việc",
                                       "PHILEPHI": [{"MAPHILEPHI": "LP1", "SOTIEN": 50000, "MOTA": "Lệ phí"}]}]},
        ],
        "THANHPHANHOSO": [{"TRUONGHOP": "", "GIAYTO": [
            {"MAGIAYTO": "TK", "TENGIAYTO": "Tờ khai", "SOBANCHINH": 1, "SOBANSAO": 0},
            {"MAGIAYTO": "CC", "TENGIAYTO": "Căn cước", "SOBANCHINH": 0, "SOBANSAO": 1},
        ]}],
    }
    record.update(extra)
    return record


@pytest.fixture
def write_json(tmp_path: Path):
    def write(data, name: str = "catalog.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write
