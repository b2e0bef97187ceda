"""Per-copy fees: the demo catalog's wording decides which fees take a count; the dossier
records unit price x count and keeps both; a bad count is refused with a clear message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from counterapp.catalog.models import Procedure
from counterapp.dossiers.fee_units import fee_amount_text, is_per_copy
from counterapp.dossiers.intake import IntakeError, create_dossier, validate_intake
from counterapp.dossiers.queries import dossier_to_dict, get_by_code
from counterapp.dossiers.ui_support import procedure_fees

COPIES = "2.000635"  # Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh (PHIBS 8.000 Đồng/bản)
DEMO = Path(__file__).resolve().parents[2] / "resources" / "catalog" / "demo_catalog.json"


def _demo_fees() -> dict[str, tuple[str, str]]:
    """Every distinct (DONVI, MOTA) of the demo catalog, keyed by MOTA."""
    found: dict[str, tuple[str, str]] = {}

    def walk(node) -> None:  # noqa: ANN001
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "PHILEPHI":
                    for fee in value:
                        found[fee["MOTA"]] = (fee.get("DONVI"), fee["MOTA"])
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(DEMO.read_text(encoding="utf-8")))
    return found


def test_per_copy_detection_on_the_demo_catalog_wording() -> None:
    fees = _demo_fees()
    per_copy = {mota for mota, (unit, _) in fees.items() if is_per_copy(unit, mota)}
    assert per_copy == {"Phí cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh (Thông tư số 281/2016/TT-BTC)"}
    # a free registration whose description mentions the copy fee is charged per case, not per copy
    mixed = next(m for m in fees if "8.000 đồng/bản" in m)
    assert fees[mixed][0] == "Đồng/việc" and not is_per_copy(*fees[mixed])
    # per page is not per copy
    assert not is_per_copy("Đồng/trang", "Phí chứng thực bản sao từ bản chính: 2.000 đồng/trang")
    # a unit that names nothing lets the description decide
    assert is_per_copy("Đồng", "Phí cấp bản sao 8.000 đồng/bản")
    assert is_per_copy(None, "mỗi bản 5.000 đồng")
    assert not is_per_copy("Đồng", "Không thu lệ phí")


def test_counted_line_text() -> None:
    assert fee_amount_text(16000, 2, 8000, "Đồng/bản") == "8.000 đồng/bản × 2 = 16.000 đồng"
    assert fee_amount_text(8000, 1, 8000, "Đồng/bản") == "8.000 đồng"


def _request(fees) -> dict:  # noqa: ANN001
    return {
        "procedure_code": COPIES,
        "applicant": {"name": "Nguyễn Văn An", "phone": "0912345678"},
        "channel": 1,
        "documents": None,
        "fees": fees,
    }


def test_procedure_fees_pass_unit_and_per_copy(demo_ctx) -> None:
    with demo_ctx.sessions() as s:
        procedure = s.scalar(select(Procedure).where(Procedure.code == COPIES))
        fees = procedure_fees(procedure, 1)
    assert [(f["code"], f["unit"], f["per_copy"], f["quantity"]) for f in fees] == [("PHIBS", "Đồng/bản", True, 1)]
    assert fees[0]["amount_vnd"] == 8000


def test_quantity_times_unit_price_is_recorded(demo_ctx) -> None:
    with demo_ctx.sessions() as s:
        fee = procedure_fees(s.scalar(select(Procedure).where(Procedure.code == COPIES)), 1)[0]
    dossier = create_dossier(demo_ctx, _request([dict(fee, quantity=3)]), "Cán bộ A")
    with demo_ctx.sessions() as s:
        saved = get_by_code(s, dossier.code)
        line = saved.fees[0]
        assert (line.amount_vnd, line.quantity, line.unit_amount_vnd, line.unit) == (24000, 3, 8000, "Đồng/bản")
        assert saved.fees_total_vnd == 24000
        data = dossier_to_dict(saved)
    assert data["fees"][0]["quantity"] == 3 and data["fees"][0]["unit_amount_vnd"] == 8000
    assert data["fees_total_vnd"] == 24000


@pytest.mark.parametrize("quantity", [0, -1, 1000])
def test_bad_quantity_refused_with_a_clear_message(demo_ctx, quantity: int) -> None:
    fee = {"code": "PHIBS", "name": "Phí cấp bản sao", "amount_vnd": 8000, "quantity": quantity}
    with demo_ctx.sessions() as s:
        errors = {e.field: e.message for e in validate_intake(s, _request([fee]))}
    assert errors == {"fees.0.quantity": f"Số bản phải từ 1 đến 999 (nhận được {quantity}) / "
                                         f"the number of copies must be 1 to 999 (got {quantity})"}
    with pytest.raises(IntakeError) as raised:
        create_dossier(demo_ctx, _request([fee]), "Cán bộ A")
    assert "Số bản phải từ 1 đến 999" in str(raised.value)


def test_cli_create_with_a_count_and_show(demo_ctx, tmp_path, capsys) -> None:
    from counterapp.cli import main

    fee = {"code": "PHIBS", "name": "Phí cấp bản sao", "amount_vnd": 8000, "unit": "Đồng/bản", "quantity": 2}
    request = tmp_path / "intake.json"
    request.write_text(json.dumps(_request([fee]), ensure_ascii=False), encoding="utf-8")
    data_dir = str(demo_ctx.data_dir)
    assert main(["dossier", "create", "--json", str(request), "--officer", "Cán bộ A", "--data-dir", data_dir]) == 0
    code = capsys.readouterr().out.strip()
    assert main(["dossier", "show", code, "--data-dir", data_dir]) == 0
    out = capsys.readouterr().out
    assert "Phí, lệ phí / fees: 16.000 đồng" in out
    assert "Phí cấp bản sao: 8.000 đồng/bản × 2 = 16.000 đồng" in out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_request([dict(fee, quantity=0)]), ensure_ascii=False), encoding="utf-8")
    assert main(["dossier", "create", "--json", str(bad), "--officer", "Cán bộ A", "--data-dir", data_dir]) != 0
    assert "Số bản phải từ 1 đến 999" in capsys.readouterr().err
