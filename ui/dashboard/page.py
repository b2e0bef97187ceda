"""The dashboard page: a header saying whose figures these are and when they were computed,
the seven tiles of today, and the four queues.

Everything is read off the GUI thread (`jobs.load_snapshot`, one session: the tiles and the
queues describe the same moment). The page reloads when it is shown and after a sync changed
dossiers (install.py wires that); a reload that is overtaken by a newer one is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counterapp.reports.today import FIGURE_KEYS, LABELS
from ui.dashboard.actions import QueueActions
from ui.dashboard.common import core_label
from ui.dashboard.queues_view import QueuesPanel
from ui.dashboard.tiles import TileRow
from ui.messages import for_window
from ui.ops import BackgroundOp

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from ui.dashboard.jobs import Snapshot

WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


class DashboardPage(QWidget):
    loaded = Signal()  # fresh figures and queues are shown
    open_dossier = Signal(str)  # the officer asked to see this dossier in the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.ctx: AppContext | None = None
        self.snapshot: Snapshot | None = None
        self.list_dialog = None
        self._generation = 0
        self.clock: Callable[[], datetime] | None = None
        """The instant the figures are computed at; None = the site's now. Tests set a fixed
        day (their known data set is dated), the way reports pass `now` to the core."""
        self._build()
        self.actions = QueueActions(self)
        self.actions.done.connect(self._action_done)
        self.retranslate()

    def _build(self) -> None:
        # Everything in a scroll area: the tab widget is as large as its largest page's minimum,
        # and the window must still fit a 1024 x 600 screen (tests/gui/test_scan_screen.py).
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self, objectName="dashboardScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = _Content(objectName="dashboardContent")
        content.setMinimumSize(900, 700)  # below that it scrolls rather than squeeze the lists
        self.scroll.setWidget(content)
        page_layout.addWidget(self.scroll)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(10)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title_label = QLabel(objectName="dashboardTitle")
        self.title_label.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.scope_label = QLabel(objectName="dashboardScope")
        self.scope_label.setStyleSheet("color: #444746;")
        self.scope_label.setWordWrap(True)
        titles.addWidget(self.title_label)
        titles.addWidget(self.scope_label)
        self.message_label = QLabel(objectName="dashboardMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.refresh_button = QPushButton(objectName="dashboardRefresh")
        self.refresh_button.clicked.connect(self.reload)
        header.addLayout(titles, 3)
        header.addWidget(self.message_label, 2)
        header.addWidget(self.refresh_button)
        outer.addLayout(header)
        self.tiles = TileRow(FIGURE_KEYS, self)
        self.tiles.activated_key.connect(self.open_figure)
        outer.addWidget(self.tiles)
        from ui.dashboard.period_view import PeriodPanel

        self.queues_panel = QueuesPanel(self)
        self.period_panel = PeriodPanel(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="dashboardSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.queues_panel)
        self.splitter.addWidget(self.period_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([440, 215])
        from ui.dashboard.period_export import PeriodExport

        self.period_export = PeriodExport(self.period_panel)
        self.period_export.exported.connect(
            lambda path: self.show_message(self.tr("Đã xuất báo cáo: {path}").replace("{path}", path)))
        self.period_export.failed.connect(self.show_message)  # the queues' rows and a period's table by procedure, both readable
        outer.addWidget(self.splitter, 1)
        QShortcut(QKeySequence("Ctrl+R"), self, activated=self.reload,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Làm mới (Ctrl+R)"))
        if hasattr(self, "period_export"):
            self.period_export.retranslate()
        for key, tile in self.tiles.tiles.items():
            vi, en = LABELS[key]
            tile.set_name(core_label(vi, en), self.tr("Mở danh sách hồ sơ của số liệu này (Enter)"))
        self._show_header()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ loading
    def set_context(self, ctx: AppContext) -> None:
        from counterapp.clock import site_today

        self.ctx = ctx
        self.reload()
        today = self.clock().astimezone(ctx.config.zone).date() if self.clock else site_today(ctx.config.zone)
        self.period_panel.set_context(ctx, today)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.ctx is not None:
            self.reload()

    def reload(self) -> None:
        if self.ctx is None:
            return
        from ui.dashboard.jobs import load_snapshot

        self._generation += 1
        generation = self._generation
        now = self.clock() if self.clock is not None else None
        (BackgroundOp(self, load_snapshot, self.ctx, now)
         .success(lambda snapshot: self._loaded(generation, snapshot)).failure(self._failed).run())

    def _loaded(self, generation: int, snapshot: Snapshot) -> None:
        if generation != self._generation:
            return  # a newer reload is on its way
        self.snapshot = snapshot
        for figure in snapshot.today.figures:
            self.tiles.tiles[figure.key].set_count(figure.count)
        self.queues_panel.show_queues(snapshot.queues, self.ctx.config.zone)
        self._show_header()
        self.loaded.emit()

    def _show_header(self) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            self.title_label.setText(self.tr("Tổng quan hôm nay"))
            self.scope_label.setText(self.tr("Đang tính số liệu…"))
            return
        today = snapshot.today
        weekday = today.day.strftime("%A") if _english() else WEEKDAYS_VI[today.day.weekday()]
        self.title_label.setText(self.tr("Tổng quan hôm nay — {weekday} {date}")
                                 .replace("{weekday}", weekday).replace("{date}", today.day.strftime("%d/%m/%Y")))
        self.scope_label.setText(
            self.tr("Số liệu của quầy {counter} ({agency}), tính từ dữ liệu trên máy này lúc {time}; "
                    "không gồm hồ sơ của quầy khác.")
            .replace("{counter}", today.counter_id).replace("{agency}", today.agency_code)
            .replace("{time}", today.at.strftime("%H:%M")))

    def _failed(self, exc: BaseException) -> None:
        self.show_message(for_window(str(exc)))

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)

    def _action_done(self, text: str) -> None:
        self.show_message(text)
        self.reload()

    # ------------------------------------------------------------------ the list behind a number
    def open_figure(self, key: str) -> None:
        if self.ctx is None or self.snapshot is None:
            return
        from ui.dashboard.jobs import dossiers_behind

        at = self.snapshot.today.at
        (BackgroundOp(self, dossiers_behind, self.ctx, key, at).with_busy(self.tiles.tiles[key])
         .success(lambda items: self._show_list(key, items)).failure(self._failed).run())

    def _show_list(self, key: str, items: list[Any]) -> None:
        from ui.dashboard.list_dialog import FigureListDialog

        vi, en = LABELS[key]
        title = core_label(vi, en)
        scope = self.tr("quầy {counter}, tính trên máy này").replace("{counter}", self.snapshot.today.counter_id)
        dialog = FigureListDialog(self, title, scope, items, self.ctx.config.zone)
        dialog.open_code.connect(self.open_dossier)
        self.list_dialog = dialog
        dialog.open()


class _Content(QWidget):
    """The scrolled content. Its height for a width is its minimum: with wrapped labels inside,
    the scroll area would otherwise size it to its preferred height (taller than a 900-pixel
    screen, so the period's table was cut) instead of the window's."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802, ARG002
        return self.minimumSizeHint().height()


def _english() -> bool:
    from ui.dashboard.common import english

    return english()


__all__ = ["DashboardPage"]
