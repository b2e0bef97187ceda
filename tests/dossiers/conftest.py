"""Fixtures for the dossier tests: a small procedure inserted straight into the catalog."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from counterapp.app import AppContext
from counterapp.catalog.models import (
    Channel,
    ExecutingAgency,
    Fee,
    Procedure,
    ProcedureField,
    RequiredDocument,
    TimeLimit,
)
from counterapp.db.engine import session_scope

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PROCEDURE_CODE = "1.001193"


def add_procedure(
    ctx: AppContext,
    code: str = PROCEDURE_CODE,
    *,
    amount: float = 3,
    unit: str = "Ngày làm việc",
    cutoff: str | None = None,
    post: bool = False,
) -> None:
    with session_scope(ctx.sessions) as s:
        channels = [
            Channel(
                kind=1,
                position=1,
                time_limits=[
                    TimeLimit(
                        amount=amount,
                        unit=unit,
                        position=1,
                        fees=[Fee(code="LP01", amount_vnd=50000, description="Lệ phí đăng ký", position=1)],
                    )
                ],
            )
        ]
        if post:
            channels.append(
                Channel(kind=3, position=2, time_limits=[TimeLimit(amount=5, unit="Ngày làm việc", position=1)])
            )
        s.add(
            Procedure(
                code=code,
                name="Đăng ký khai sinh",
                level="Cấp xã",
                cutoff_time=cutoff,
                fields=[ProcedureField(code="HT", name="Hộ tịch", position=1)],
                agencies=[ExecutingAgency(code="H49.22", name="UBND phường Hạ Long", position=1)],
                channels=channels,
                documents=[
                    RequiredDocument(code="TP1", name="Tờ khai đăng ký khai sinh", originals=1, copies=0, position=1),
                    RequiredDocument(code="TP2", name="Giấy chứng sinh", originals=1, copies=0, position=2),
                    RequiredDocument(code="TP3", name="Bản sao giấy tờ tùy thân", originals=0, copies=1, position=3),
                ],
            )
        )


@pytest.fixture
def proc_ctx(app_ctx: AppContext) -> AppContext:
    add_procedure(app_ctx)
    return app_ctx


def request_dict(**overrides):
    """A valid intake request (citizen, born 1990, male, CCCD 001090012345)."""
    data = {
        "procedure_code": PROCEDURE_CODE,
        "applicant": {
            "kind": "citizen",
            "name": "Nguyễn Văn An",
            "id_number": "001090012345",
            "date_of_birth": "15/03/1990",
            "sex": "Nam",
            "phone": "0912 345 678",
            "email": "an@example.vn",
            "province_code": "22",
            "commune_code": "06688",
            "street": "Số 5 đường Trần Hưng Đạo",
        },
        "channel": 1,
        "documents": [
            {"document_code": "TP1", "name": "Tờ khai đăng ký khai sinh", "form": "original", "originals": 1},
            {"document_code": "TP2", "name": "Giấy chứng sinh", "form": "original", "originals": 1},
            {"document_code": "TP3", "name": "Bản sao giấy tờ tùy thân", "form": "photocopy", "copies": 1},
        ],
        "summary": "Đăng ký khai sinh cho con",
        "sets_count": 1,
        # Monday 2 March 2026, 09:00 in Hạ Long
        "received_at": datetime(2026, 3, 2, 9, 0, tzinfo=HCM).isoformat(),
    }
    for key, value in overrides.items():
        if key == "applicant":
            data["applicant"] = {**data["applicant"], **value}
        else:
            data[key] = value
    return data
