"""The report's charts, drawn with QPainter: received and resolved on time / late by week, and
the top procedures. QtGui only (no QtWidgets), so the same functions paint on a PDF page
(QPdfWriter, the CLI with no display) and in a widget's paintEvent (the dashboard): one look
in the window and on paper.

Why QPainter and not a chart library (bundle budget; measured 2026-12-01 on the 6.11.3 wheels):
- QtCharts lives in PySide6-Addons, which the app does not ship (it ships PySide6-Essentials).
  `pip download --no-deps PySide6-Addons==6.11.3`: a 168 MB wheel (manylinux x86_64), 439 MB
  unpacked, that every developer and CI venv would install and whose pin must move with
  Essentials'. QtCharts' own part is 4.5 MB (libQt6Charts.so.6 2.3 MB, QtCharts.abi3.so 1.0 MB,
  libQt6ChartsQml.so.6 0.8 MB, QML files): about 3.3 MB added to the bundle without the QML.
  But libQt6Charts needs libQt6Widgets and libQt6OpenGLWidgets (`readelf -d`): a QChart is a
  QGraphicsWidget, so the CLI would need a QApplication and the widget stack to put a chart on
  a PDF page, which the core (counterapp/, QtGui only) must not import.
- pyqtgraph 0.14 (1.9 MB, pure Python) draws on QGraphicsView too: QtWidgets again.
- Two bar charts are ~150 lines of QPainter: nothing added to the bundle, and the same code
  paints the window's chart and the PDF's.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil, log10

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from counterapp.reports.period import PeriodReport, WeekFigures

RECEIVED_COLOR = QColor("#4a78b5")
ON_TIME_COLOR = QColor("#3a9a5b")
LATE_COLOR = QColor("#d0493c")
GRID_COLOR = QColor("#c8c8c8")
TEXT_COLOR = QColor("#202020")

WEEKLY_LEGEND = (("Tiếp nhận", RECEIVED_COLOR), ("Giải quyết đúng hạn", ON_TIME_COLOR),
                 ("Giải quyết trễ hạn", LATE_COLOR))
"""The weekly chart's legend (Vietnamese: the printed report and the window's labels)."""


def nice_ceiling(value: float) -> int:
    """The axis top: 1, 2, 5 x 10^n at or above `value` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** int(log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)


def top_items(report: PeriodReport, n: int = 8, figure: str = "received") -> list[tuple[str, int]]:
    """The `n` largest groups of a grouped report by `figure` (label, value), zeros left out."""
    items = [(g.label, int(getattr(g, figure))) for g in report.groups if getattr(g, figure)]
    return sorted(items, key=lambda item: (-item[1], item[0]))[:n]


def _font(font: QFont | None, scale: float = 1.0) -> QFont:
    result = QFont(font) if font is not None else QFont()
    if scale != 1.0:
        size = result.pointSizeF()
        if size > 0:
            result.setPointSizeF(size * scale)
        else:
            result.setPixelSize(max(1, round(result.pixelSize() * scale)))
    return result


def _title(painter: QPainter, rect: QRectF, title: str | None, font: QFont) -> QRectF:
    if not title:
        return rect
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    height = QFontMetricsF(bold).height() * 1.4
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), height),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
    painter.setFont(font)
    return rect.adjusted(0, height, 0, 0)


def paint_weekly_chart(painter: QPainter, rect: QRectF, weeks: Sequence[WeekFigures], *,
                       font: QFont | None = None, title: str | None = None) -> None:
    """Two bars a week: received, and resolved (on time below, late on top); a legend, a value
    axis with grid lines, week starts (dd/mm) under the bars."""
    painter.save()
    try:
        base = _font(font)
        painter.setFont(base)
        painter.setPen(TEXT_COLOR)
        metrics = QFontMetricsF(base)
        line = metrics.height()
        area = _title(painter, rect, title, base)
        # legend
        x = area.left()
        for label, color in WEEKLY_LEGEND:
            painter.fillRect(QRectF(x, area.top() + line * 0.25, line * 0.6, line * 0.6), color)
            painter.setPen(TEXT_COLOR)
            painter.drawText(QPointF(x + line * 0.8, area.top() + line * 0.85), label)
            x += line * 1.4 + metrics.horizontalAdvance(label)
        area = area.adjusted(0, line * 1.4, 0, 0)
        top = nice_ceiling(max([max(w.received, w.on_time + w.late) for w in weeks] + [1]))
        axis_width = metrics.horizontalAdvance(f"{top:,}".replace(",", ".")) + line * 0.5
        plot = QRectF(area.left() + axis_width, area.top() + line * 0.5,
                      area.width() - axis_width, area.height() - line * 2)
        steps = top if top <= 5 else next(n for n in (5, 4, 2) if top % n == 0)
        grid_pen = QPen(GRID_COLOR)
        grid_pen.setWidthF(max(0.5, line / 30))
        for i in range(steps + 1):
            value = top * i / steps
            y = plot.bottom() - plot.height() * i / steps
            painter.setPen(grid_pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(TEXT_COLOR)
            text = f"{value:,.0f}".replace(",", ".")
            painter.drawText(QRectF(area.left(), y - line / 2, axis_width - line * 0.3, line),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
        if not weeks:
            return
        slot = plot.width() / len(weeks)
        bar = slot * 0.36
        label_every = max(1, ceil(metrics.horizontalAdvance("00/00") * 1.4 / slot))
        for i, week in enumerate(weeks):
            x0 = plot.left() + slot * i + slot * 0.12
            height = plot.height() * week.received / top
            painter.fillRect(QRectF(x0, plot.bottom() - height, bar, height), RECEIVED_COLOR)
            on_time = plot.height() * week.on_time / top
            late = plot.height() * week.late / top
            painter.fillRect(QRectF(x0 + bar, plot.bottom() - on_time, bar, on_time), ON_TIME_COLOR)
            painter.fillRect(QRectF(x0 + bar, plot.bottom() - on_time - late, bar, late), LATE_COLOR)
            if i % label_every == 0:
                painter.setPen(TEXT_COLOR)
                painter.drawText(QRectF(plot.left() + slot * i - slot, plot.bottom() + line * 0.2, slot * 3, line),
                                 int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                                 f"{week.start:%d/%m}")
        painter.setPen(TEXT_COLOR)
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    finally:
        painter.restore()


def paint_top_chart(painter: QPainter, rect: QRectF, items: Sequence[tuple[str, int]], *,
                    font: QFont | None = None, title: str | None = None, color: QColor = RECEIVED_COLOR) -> None:
    """Horizontal bars, largest first: the label on the left (elided to fit), the value at the
    bar's end."""
    painter.save()
    try:
        base = _font(font)
        painter.setFont(base)
        painter.setPen(TEXT_COLOR)
        metrics = QFontMetricsF(base)
        line = metrics.height()
        area = _title(painter, rect, title, base)
        if not items:
            painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                             "Không có số liệu / no figures")
            return
        label_width = area.width() * 0.42
        value_width = metrics.horizontalAdvance(f"{max(v for _, v in items):,}") + line
        bar_room = area.width() - label_width - value_width
        row = min(area.height() / len(items), line * 1.8)
        top = max(v for _, v in items) or 1
        for i, (label, value) in enumerate(items):
            y = area.top() + row * i
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - line * 0.5)
            painter.setPen(TEXT_COLOR)
            painter.drawText(QRectF(area.left(), y, label_width - line * 0.5, row),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
            width = bar_room * value / top
            painter.fillRect(QRectF(area.left() + label_width, y + row * 0.18, width, row * 0.64), color)
            painter.drawText(QRectF(area.left() + label_width + width + line * 0.3, y, value_width, row),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             f"{value:,}".replace(",", "."))
    finally:
        painter.restore()


__all__ = ["ON_TIME_COLOR", "LATE_COLOR", "RECEIVED_COLOR", "WEEKLY_LEGEND", "nice_ceiling", "paint_top_chart",
           "paint_weekly_chart", "top_items"]
