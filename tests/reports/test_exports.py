"""The exported files read back as a supervisor's tools would: the XLSX with openpyxl (types
and values), the PDF with pdftotext (the figures, the header, the chart's labels)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from counterapp.forms.render import ensure_gui_application
from counterapp.reports.charts import nice_ceiling, top_items
from counterapp.reports.dossier_list import period_dossiers
from counterapp.reports.export_pdf import paginate, report_blocks, write_pdf
from counterapp.reports.export_xlsx import FIGURE_COLUMNS, write_xlsx
from counterapp.reports.period import Period, period_report

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture(scope="module")
def march(month):
    ctx, items = month
    with ctx.sessions() as s:
        report = period_report(s, ctx.config, MARCH, "procedure")
        lines = period_dossiers(s, ctx.config, MARCH)
    return ctx, items, report, lines


def test_xlsx_figures_sheet_has_real_numbers_and_dates(march, tmp_path):
    ctx, _, report, lines = march
    path = write_xlsx(report, tmp_path / "march.xlsx", zone=ctx.config.zone, dossiers=lines)
    book = load_workbook(path)
    assert book.sheetnames == ["Số liệu", "Theo tuần", "Danh sách"]
    ws = book["Số liệu"]
    assert ws.freeze_panes == "A2"
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["Từ ngày", "Đến ngày", "Thủ tục", "Mã"]
    assert "Tiếp nhận" in headers and "Tỷ lệ đúng hạn" in headers and "Phí, lệ phí đã thu (VND)" in headers
    assert ws.column_dimensions["C"].width == 42
    rows = {r[3].value or "total": {h: c for h, c in zip(headers, r, strict=True)} for r in ws.iter_rows(min_row=2)}
    assert set(rows) == {"1.001193", "2.000908", "total"}
    total = rows["total"]
    assert total["Thủ tục"].value == "Tổng cộng"
    assert total["Từ ngày"].value == datetime(2026, 3, 1) and total["Đến ngày"].value == datetime(2026, 3, 31)
    assert total["Từ ngày"].is_date and total["Từ ngày"].number_format == "dd/mm/yyyy"
    for name, header, _fmt, _width in FIGURE_COLUMNS:
        cell = total[header]
        expected = getattr(report.totals, name)
        if name in ("on_time_rate", "digitized_share", "avg_working_days"):
            assert isinstance(cell.value, float) and cell.value == pytest.approx(expected, abs=0.005)
        else:
            assert type(cell.value) is int and cell.value == expected, name
    assert total["Tiếp nhận"].value == 10 and total["Phí, lệ phí đã thu (VND)"].value == 120000
    assert total["Phí, lệ phí đã thu (VND)"].number_format == "#,##0"
    assert total["Tỷ lệ đúng hạn"].number_format == "0.0%" and total["Tỷ lệ đúng hạn"].value == 0.5714
    birth = rows["1.001193"]
    assert birth["Thủ tục"].value == "1.001193 Đăng ký khai sinh" and birth["Tiếp nhận"].value == 6


def test_xlsx_weeks_and_list(march, tmp_path):
    ctx, items, report, lines = march
    book = load_workbook(write_xlsx(report, tmp_path / "m.xlsx", zone=ctx.config.zone, dossiers=lines))
    weeks = list(book["Theo tuần"].iter_rows(min_row=2, values_only=True))
    assert weeks[0] == (datetime(2026, 2, 23), 1, 0, 0)
    assert (datetime(2026, 3, 9), 1, 0, 3) in weeks
    ws = book["Danh sách"]
    assert ws.freeze_panes == "A2"
    listed = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert len(listed) == len(lines) == 11
    first = next(i for i in items if i.received and i.resolved and i.fees_collected_vnd == 50000)
    row = listed[first.code]
    assert row[7] == datetime(2026, 3, 2, 9, 0)  # received, local time, an Excel date
    assert row[10] == datetime(2026, 3, 3, 9, 0) and row[12] == "Có" and row[13] == 1.0
    assert type(row[14]) is int and row[14] == 50000 and row[15] == "Có"


def test_xlsx_without_groups_or_list(month, tmp_path):
    ctx, _ = month
    with ctx.sessions() as s:
        report = period_report(s, ctx.config, MARCH)
    book = load_workbook(write_xlsx(report, tmp_path / "t.xlsx", zone=ctx.config.zone))
    assert book.sheetnames == ["Số liệu", "Theo tuần"]
    rows = list(book["Số liệu"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][2] == "Tổng cộng" and rows[0][4] == 10


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_pdf_reads_back_with_the_figures_header_and_charts(march, tmp_path):
    ctx, _, report, _ = march
    ensure_gui_application()
    path = write_pdf(report, tmp_path / "march.pdf", ctx.config, today=date(2026, 4, 2))
    assert path.read_bytes().startswith(b"%PDF")
    text = _pdf_text(path)
    assert "UBND TỈNH QUẢNG NINH" in text and "UBND PHƯỜNG HẠ LONG" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Hạ Long, ngày 02 tháng 4 năm 2026" in text
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in text and "counter" in text
    lines = {" ".join(line.split()) for line in text.splitlines()}
    for expected in ("Tiếp nhận 10", "Đã giải quyết 7", "Đúng hạn 4", "Trễ hạn 3", "Tỷ lệ đúng hạn 57,1%",
                     "Đã trả kết quả 4", "Từ chối 2", "Yêu cầu bổ sung (mẫu 02) 2", "Yêu cầu bổ sung khi xử lý 2",
                     "Thời gian giải quyết TB (ngày làm việc) 2,46 ngày", "Tỷ lệ số hoá 20,0%",
                     "Phí, lệ phí đã thu (VND) 120.000 đồng"):
        assert expected in lines, expected
    # the weekly chart's legend and week labels, the top procedures, the table per procedure
    assert "Giải quyết đúng hạn" in text and "02/03" in text and "30/03" in text
    assert "Thủ tục tiếp nhận nhiều nhất" in text
    assert any(line.startswith("1.001193 Đăng ký khai sinh 6 4 2 2 50,0% 2 33,3% 100.000") for line in lines)
    assert any(line.startswith("Tổng cộng 10 7 4 3 57,1% 2 20,0% 120.000") for line in lines)
    assert "Trang 1/" in text


def test_a_long_table_continues_on_the_next_page_with_its_header(march):
    ctx, _, report, _ = march
    ensure_gui_application()
    many = [report.groups[0]] * 80
    report.groups, saved = many, report.groups
    try:
        pages = paginate(report_blocks(report, ctx.config, today=date(2026, 4, 2)))
    finally:
        report.groups = saved
    assert len(pages) >= 3
    header = pages[-1][0][0]
    assert pages[-1][1][0].repeat_header is header  # the page opens with the table's header


def test_chart_helpers(march):
    _, _, report, _ = march
    assert [nice_ceiling(v) for v in (0, 1, 3, 5, 7, 11, 180)] == [1, 1, 5, 5, 10, 20, 200]
    assert top_items(report) == [("1.001193 Đăng ký khai sinh", 6), ("2.000908 Chứng thực bản sao từ bản chính", 4)]
