"""A period's figures as an Excel workbook (openpyxl 3.1.5, 250 KB, pure Python: the lightest
well-kept XLSX writer; no Qt).

What a supervisor opens in Excel or LibreOffice and keeps working on, so: Vietnamese headers,
dates as real Excel dates (filter and sort work; local site time, Excel has no zones), numbers
as numbers (VND with a thousands separator, rates as percentages), the header row frozen,
column widths set. Sheets:
- "Số liệu": one row per group (or the totals alone) and a total row, with the period's dates;
- "Theo tuần": the weekly series of the chart;
- "Danh sách" (optional): the dossiers behind the figures (counterapp/reports/dossier_list.py).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from counterapp.dossiers.status import status_label
from counterapp.reports.dossier_list import DossierLine
from counterapp.reports.period import CHANNEL_LABELS, FIGURE_LABELS, Figures, PeriodReport

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
VND_FORMAT = "#,##0"
RATE_FORMAT = "0.0%"
DAYS_FORMAT = "0.00"
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
BY_HEADERS = {None: "Phạm vi", "procedure": "Thủ tục", "field": "Lĩnh vực", "officer": "Cán bộ tiếp nhận",
              "channel": "Kênh tiếp nhận"}

# (figure, header, number format, width)
FIGURE_COLUMNS: tuple[tuple[str, str, str, int], ...] = (
    ("received", FIGURE_LABELS["received"][0], "0", 11),
    ("resolved", FIGURE_LABELS["resolved"][0], "0", 12),
    ("on_time", FIGURE_LABELS["on_time"][0], "0", 10),
    ("late", FIGURE_LABELS["late"][0], "0", 10),
    ("on_time_rate", FIGURE_LABELS["on_time_rate"][0], RATE_FORMAT, 13),
    ("returned", FIGURE_LABELS["returned"][0], "0", 13),
    ("refused", FIGURE_LABELS["refused"][0], "0", 10),
    ("completion_requests", FIGURE_LABELS["completion_requests"][0], "0", 16),
    ("documents_requested", FIGURE_LABELS["documents_requested"][0], "0", 16),
    ("avg_working_days", FIGURE_LABELS["avg_working_days"][0], DAYS_FORMAT, 18),
    ("digitized", FIGURE_LABELS["digitized"][0], "0", 11),
    ("digitized_share", FIGURE_LABELS["digitized_share"][0], RATE_FORMAT, 12),
    ("fees_collected_vnd", FIGURE_LABELS["fees_collected_vnd"][0], VND_FORMAT, 16),
)

LIST_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Mã hồ sơ", 22), ("Mã thủ tục", 12), ("Tên thủ tục", 40), ("Lĩnh vực", 18), ("Cán bộ tiếp nhận", 20),
    ("Kênh", 11), ("Trạng thái", 24), ("Ngày tiếp nhận", 17), ("Hẹn trả (ban đầu)", 17), ("Hẹn trả hiện hành", 17),
    ("Ngày giải quyết xong", 17), ("Ngày trả kết quả", 17), ("Đúng hạn", 10), ("Số ngày làm việc", 12),
    ("Phí, lệ phí đã thu (VND)", 14), ("Đã số hoá", 10),
)


def _header(ws: Any, headers: Sequence[str], widths: Sequence[int]) -> None:
    ws.append(list(headers))
    for index, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "A2"


def _figure_value(figures: Figures, name: str) -> Any:
    value = getattr(figures, name)
    if value is None:
        return None
    if name in ("on_time_rate", "digitized_share"):
        return round(value, 4)
    if name == "avg_working_days":
        return round(value, 2)
    return int(value)


def _figures_sheet(ws: Any, report: PeriodReport) -> None:
    ws.title = "Số liệu"
    group_header = BY_HEADERS.get(report.by, "Nhóm")
    headers = ["Từ ngày", "Đến ngày", group_header, "Mã"] + [c[1] for c in FIGURE_COLUMNS] + ["Nguồn số liệu"]
    widths = [12, 12, 42, 14] + [c[3] for c in FIGURE_COLUMNS] + [16]
    _header(ws, headers, widths)
    rows = list(report.groups) if report.by else []
    rows.append(report.totals)
    for figures in rows:
        is_total = figures.key is None
        label = "Tổng cộng" if is_total else figures.label
        ws.append([report.period.start, report.period.end, label, None if is_total else figures.key]
                  + [_figure_value(figures, c[0]) for c in FIGURE_COLUMNS]
                  + ["Quầy (counter)" if figures.source == "counter" else figures.source])
        row = ws.max_row
        ws.cell(row=row, column=1).number_format = DATE_FORMAT
        ws.cell(row=row, column=2).number_format = DATE_FORMAT
        for offset, column in enumerate(FIGURE_COLUMNS, start=5):
            ws.cell(row=row, column=offset).number_format = column[2]
        if is_total:
            for cell in ws[row]:
                cell.font = Font(bold=True)


def _weeks_sheet(ws: Any, report: PeriodReport) -> None:
    _header(ws, ["Tuần từ ngày", "Tiếp nhận", "Giải quyết đúng hạn", "Giải quyết trễ hạn"], [14, 12, 14, 14])
    for week in report.weeks:
        ws.append([week.start, week.received, week.on_time, week.late])
        ws.cell(row=ws.max_row, column=1).number_format = DATE_FORMAT


def _local(value: datetime | None, zone: Any) -> datetime | None:
    return value.astimezone(zone).replace(tzinfo=None) if value is not None else None


def _list_sheet(ws: Any, lines: Sequence[DossierLine], zone: Any) -> None:
    _header(ws, [c[0] for c in LIST_COLUMNS], [c[1] for c in LIST_COLUMNS])
    for line in lines:
        channel = CHANNEL_LABELS.get(line.channel, (str(line.channel), ""))[0]
        ws.append([
            line.code, line.procedure_code, line.procedure_name, line.field_name, line.officer, channel,
            status_label(line.status).split(" / ")[0],
            _local(line.received_at, zone), _local(line.due_at, zone), _local(line.current_due_at, zone),
            _local(line.finished_at, zone), _local(line.returned_at, zone),
            None if line.on_time is None else ("Có" if line.on_time else "Không"),
            line.working_days, int(line.fees_paid_vnd), "Có" if line.digitized else "Không",
        ])
        row = ws.max_row
        for column in range(8, 13):
            ws.cell(row=row, column=column).number_format = DATETIME_FORMAT
        ws.cell(row=row, column=14).number_format = DAYS_FORMAT
        ws.cell(row=row, column=15).number_format = VND_FORMAT
    ws.auto_filter.ref = ws.dimensions


def write_xlsx(report: PeriodReport, path: str | os.PathLike[str], *, zone: Any,
               dossiers: Sequence[DossierLine] | None = None) -> Path:
    """Write the workbook atomically (a temporary file renamed over `path`); returns the path.
    `zone`: the site's zone (`config.zone`), for the list's local times."""
    workbook = Workbook()
    _figures_sheet(workbook.active, report)
    _weeks_sheet(workbook.create_sheet("Theo tuần"), report)
    if dossiers is not None:
        _list_sheet(workbook.create_sheet("Danh sách"), dossiers, zone)
    workbook.properties.title = f"Báo cáo số liệu {report.period.label}"
    workbook.properties.creator = "Counter (counterapp)"
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".xlsx", dir=target.parent if str(target.parent) else ".")
    os.close(fd)
    try:
        workbook.save(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


__all__ = ["FIGURE_COLUMNS", "LIST_COLUMNS", "write_xlsx"]
