"""A period's figures as an A4 PDF: the agency header (as on the counter's forms: site.toml's
parent agency and agency, the national motto, place and date), the figures, the weekly chart,
the top procedures, then the table per group. QtGui only (QPdfWriter + QPainter, no QtWidgets),
so the CLI renders it with no display (counterapp/forms/render.py's path: the shipped Liberation
Serif covers Vietnamese, the text stays extractable with pdftotext).

The page is laid out in points (1/72 inch) as a list of blocks of known height, paginated
before painting, so "Trang i/n" is known on every page and a table continued on the next page
repeats its header.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from counterapp.forms.files import write_atomic
from counterapp.forms.formatting import place_date_line
from counterapp.reports.charts import paint_top_chart, paint_weekly_chart, top_items
from counterapp.reports.period import FIGURE_LABELS, Figures, PeriodReport

if TYPE_CHECKING:
    from counterapp.config import SiteConfig

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN = 42.0  # ~15 mm
FOOTER = 18.0
BODY_PT = 10.5
TITLE = "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ"
GROUP_HEADERS = {"procedure": "Thủ tục", "field": "Lĩnh vực", "officer": "Cán bộ tiếp nhận", "channel": "Kênh"}
GROUP_COLUMNS = (("received", "Tiếp nhận"), ("resolved", "Giải quyết"), ("on_time", "Đúng hạn"),
                 ("late", "Trễ hạn"), ("on_time_rate", "Tỷ lệ đúng hạn"), ("refused", "Từ chối"),
                 ("digitized_share", "Số hoá"), ("satisfaction_rate", "Hài lòng"),
                 ("fees_collected_vnd", "Phí, lệ phí (đồng)"))


def number(value: int | float) -> str:
    """Vietnamese grouping: 1.234.567."""
    return f"{int(value):,}".replace(",", ".")


def decimal(value: float, digits: int = 2) -> str:
    return f"{value:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def percent(value: float | None) -> str:
    return "-" if value is None else decimal(value * 100, 1) + "%"


def figure_text(figures: Figures, name: str) -> str:
    """A figure as printed: counts grouped, rates in %, days with a decimal comma, VND."""
    value = getattr(figures, name)
    if name in ("on_time_rate", "digitized_share", "satisfaction_rate"):
        return percent(value)
    if name == "avg_working_days":
        return "-" if value is None else f"{decimal(value)} ngày"
    if name == "fees_collected_vnd":
        return f"{number(value)} đồng"
    return number(value)


@dataclass
class _Block:
    height: float
    paint: Callable[[QPainter, float], None]  # (painter, top y)
    repeat_header: _Block | None = None  # a table row: its header, repeated on a new page


class _Fonts:
    def __init__(self) -> None:
        from counterapp.forms.fonts import SHIPPED_FONT_FAMILY, ensure_shipped_fonts

        ensure_shipped_fonts()
        self.body = QFont(SHIPPED_FONT_FAMILY)
        self.body.setPointSizeF(BODY_PT)
        self.bold = QFont(self.body)
        self.bold.setBold(True)
        self.title = QFont(self.bold)
        self.title.setPointSizeF(13)
        self.small = QFont(self.body)
        self.small.setPointSizeF(9)
        self.italic = QFont(self.body)
        self.italic.setItalic(True)


def _text_block(text: str, font: QFont, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
                gap: float = 2.0) -> _Block:
    width = PAGE_W - 2 * MARGIN
    flags = int(align | Qt.TextFlag.TextWordWrap)
    height = QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1000), flags, text).height() + gap

    def paint(painter: QPainter, y: float) -> None:
        painter.setFont(font)
        painter.drawText(QRectF(MARGIN, y, width, height), flags, text)

    return _Block(height, paint)


def _header_block(config: SiteConfig, fonts: _Fonts, today: date) -> _Block:
    half = (PAGE_W - 2 * MARGIN) / 2
    line = QFontMetricsF(fonts.bold).height()

    def paint(painter: QPainter, y: float) -> None:
        center = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        painter.setFont(fonts.body)
        painter.drawText(QRectF(MARGIN, y, half, line), center, config.parent_agency_name.upper())
        painter.setFont(fonts.bold)
        painter.drawText(QRectF(MARGIN, y + line, half, line), center, config.agency_name.upper())
        painter.drawText(QRectF(MARGIN + half, y, half, line), center, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        painter.drawText(QRectF(MARGIN + half, y + line, half, line), center, "Độc lập - Tự do - Hạnh phúc")
        painter.drawLine(QPointF(MARGIN + half * 0.3, y + 2 * line + 2), QPointF(MARGIN + half * 0.7, y + 2 * line + 2))
        painter.drawLine(QPointF(MARGIN + half * 1.25, y + 2 * line + 2), QPointF(MARGIN + half * 1.75, y + 2 * line + 2))
        painter.setFont(fonts.italic)
        painter.drawText(QRectF(MARGIN + half, y + 2 * line + 6, half, line), center,
                         place_date_line(config.place_name, today))

    return _Block(3 * line + 14, paint)


def _table_blocks(headers: Sequence[str], widths: Sequence[float], rows: Sequence[Sequence[str]],
                  fonts: _Fonts, *, bold_last: bool = False, font: QFont | None = None) -> list[_Block]:
    """A ruled table: the first column left-aligned and wrapped, the others right-aligned."""
    body = font or fonts.body
    pad = 3.0
    total = sum(widths)
    scale = (PAGE_W - 2 * MARGIN) / total
    widths = [w * scale for w in widths]
    pen = QPen()
    pen.setWidthF(0.5)

    def row_block(cells: Sequence[str], cell_font: QFont, header: bool) -> _Block:
        metrics = QFontMetricsF(cell_font)
        heights = []
        for i, text in enumerate(cells):
            flags = int(Qt.TextFlag.TextWordWrap | (Qt.AlignmentFlag.AlignHCenter if header or i else Qt.AlignmentFlag.AlignLeft))
            heights.append(metrics.boundingRect(QRectF(0, 0, widths[i] - 2 * pad, 1000), flags, text).height())
        height = max(heights) + 2 * pad

        def paint(painter: QPainter, y: float) -> None:
            painter.setFont(cell_font)
            painter.setPen(pen)
            x = MARGIN
            for i, text in enumerate(cells):
                if header:
                    align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
                elif i == 0:
                    align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                else:
                    align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                painter.drawRect(QRectF(x, y, widths[i], height))
                painter.drawText(QRectF(x + pad, y + pad, widths[i] - 2 * pad, height - 2 * pad),
                                 int(align | Qt.TextFlag.TextWordWrap), text)
                x += widths[i]

        return _Block(height, paint)

    bold = QFont(body)
    bold.setBold(True)
    header = row_block(headers, bold, True)
    blocks = [header]
    for index, cells in enumerate(rows):
        last = bold_last and index == len(rows) - 1
        block = row_block(cells, bold if last else body, False)
        block.repeat_header = header
        blocks.append(block)
    return blocks


def _chart_block(height: float, draw: Callable[[QPainter, QRectF], None]) -> _Block:
    def paint(painter: QPainter, y: float) -> None:
        draw(painter, QRectF(MARGIN, y, PAGE_W - 2 * MARGIN, height - 8))

    return _Block(height, paint)


def _space(height: float) -> _Block:
    return _Block(height, lambda painter, y: None)


def report_blocks(report: PeriodReport, config: SiteConfig, *, today: date,
                  top_procedures: Sequence[tuple[str, int]] | None = None) -> list[_Block]:
    fonts = _Fonts()
    period = report.period
    blocks = [_header_block(config, fonts, today), _space(10),
              _text_block(TITLE, fonts.title, Qt.AlignmentFlag.AlignHCenter),
              _text_block(f"Từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}", fonts.bold,
                          Qt.AlignmentFlag.AlignHCenter),
              _text_block(f"Nguồn số liệu: cơ sở dữ liệu của quầy (counter), mã cơ quan {report.agency_code}; "
                          "đúng hạn tính theo ngày hẹn trả ban đầu; thời gian tính theo ngày làm việc "
                          f"({report.day_minutes // 60} giờ một ngày).", fonts.small, Qt.AlignmentFlag.AlignHCenter, 8)]
    totals = report.totals
    rows = [[f"{FIGURE_LABELS[name][0]}", figure_text(totals, name)] for name in FIGURE_LABELS]
    blocks += _table_blocks(["Chỉ tiêu", "Số liệu"], [3, 1.4], rows, fonts)
    blocks.append(_space(12))
    blocks.append(_chart_block(220, lambda painter, rect: paint_weekly_chart(
        painter, rect, report.weeks, font=fonts.small, title="Hồ sơ tiếp nhận và giải quyết theo tuần")))
    if top_procedures is None and report.by == "procedure":
        top_procedures = top_items(report)
    if top_procedures:
        height = 40 + 20 * len(top_procedures)
        blocks.append(_chart_block(height, lambda painter, rect: paint_top_chart(
            painter, rect, top_procedures, font=fonts.small, title="Thủ tục tiếp nhận nhiều nhất")))
    if report.by and report.groups:
        blocks.append(_space(8))
        blocks.append(_text_block(f"Số liệu theo {GROUP_HEADERS[report.by].lower()}", fonts.bold))
        rows = [[g.label] + [figure_text(g, name).replace(" đồng", "") for name, _ in GROUP_COLUMNS]
                for g in report.groups]
        rows.append(["Tổng cộng"] + [figure_text(totals, name).replace(" đồng", "") for name, _ in GROUP_COLUMNS])
        blocks += _table_blocks([GROUP_HEADERS[report.by]] + [h for _, h in GROUP_COLUMNS],
                                [4.2, 1, 1.1, 1, 1, 1.1, 1, 1, 1, 1.6], rows, fonts, bold_last=True, font=fonts.small)
    return blocks


def paginate(blocks: Sequence[_Block]) -> list[list[tuple[_Block, float]]]:
    """Blocks placed on pages: [(block, top y)] per page; a table row that starts a page has its
    header repeated above it."""
    bottom = PAGE_H - MARGIN - FOOTER
    pages: list[list[tuple[_Block, float]]] = [[]]
    y = MARGIN
    for block in blocks:
        if y + block.height > bottom and pages[-1]:
            pages.append([])
            y = MARGIN
            if block.repeat_header is not None:
                pages[-1].append((block.repeat_header, y))
                y += block.repeat_header.height
        pages[-1].append((block, y))
        y += block.height
    return pages


def render_report_pdf_bytes(report: PeriodReport, config: SiteConfig, *, today: date,
                            top_procedures: Sequence[tuple[str, int]] | None = None) -> bytes:
    """The report as PDF bytes (A4 portrait, fonts embedded). Needs a QGuiApplication
    (`counterapp.forms.render.ensure_gui_application()`)."""
    pages = paginate(report_blocks(report, config, today=today, top_procedures=top_procedures))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(72)  # one device unit = one point
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
    writer.setTitle(f"{TITLE} {report.period.label}")
    writer.setCreator("Counter (counterapp)")
    fonts = _Fonts()
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("Không tạo được PDF / cannot start the PDF")
    try:
        for number_, page in enumerate(pages, start=1):
            if number_ > 1:
                writer.newPage()
            for block, y in page:
                block.paint(painter, y)
            painter.setFont(fonts.small)
            painter.drawText(QRectF(MARGIN, PAGE_H - MARGIN - FOOTER + 4, PAGE_W - 2 * MARGIN, FOOTER),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                             f"Trang {number_}/{len(pages)}")
    finally:
        painter.end()
    del writer
    data = bytes(buffer.data().data())
    buffer.close()
    if not data.startswith(b"%PDF"):
        raise OSError("Tạo PDF thất bại / PDF output is empty")
    return data


def write_pdf(report: PeriodReport, path: str | os.PathLike[str], config: SiteConfig, *, today: date,
              top_procedures: Sequence[tuple[str, int]] | None = None) -> Path:
    """Render and write the PDF atomically; returns the path. `today`: the report's date line
    (`counterapp.clock.site_today(config.zone)`)."""
    return write_atomic(Path(path), render_report_pdf_bytes(report, config, today=today,
                                                            top_procedures=top_procedures))


__all__ = ["figure_text", "paginate", "render_report_pdf_bytes", "report_blocks", "write_pdf"]
