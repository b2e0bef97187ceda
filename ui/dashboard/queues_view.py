"""The four queues as lists, each with its one action button under it:
- due today and on the next working day -> form 04 (apology and new date) for the selected;
- overdue, grouped by working days late -> form 04 for the selected;
- results back but not collected -> call: the phone to dial, then the call is marked;
- requests to complete never followed up -> mark followed up.

This file fills the lists from the core's `Queues` and says which row is selected; what an
action does is in actions.py.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counterapp.reports.queues import Queues
from ui.dashboard.common import core_label, day, status_text, when

CODE_ROLE = Qt.ItemDataRole.UserRole


class QueueBox(QGroupBox):
    """A titled list and its action button; `action(code)` with the selected row's key."""

    action = Signal(str)

    def __init__(self, name: str, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"queue_{name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        self.tree = QTreeWidget(objectName=f"queueList_{name}")
        self.tree.setColumnCount(columns)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.itemActivated.connect(lambda *_: self._act())
        self.tree.currentItemChanged.connect(lambda *_: self._update_button())
        self.empty_label = QLabel(objectName=f"queueEmpty_{name}")
        self.empty_label.setStyleSheet("color: #5f6368;")
        row = QHBoxLayout()
        self.count_label = QLabel(objectName=f"queueCount_{name}")
        self.button = QPushButton(objectName=f"queueAction_{name}")
        self.button.clicked.connect(self._act)
        row.addWidget(self.count_label, 1)
        row.addWidget(self.button)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(row)
        self._update_button()

    def set_headers(self, headers: list[str], stretch: int) -> None:
        self.tree.setHeaderLabels(headers)
        header = self.tree.header()
        for col in range(len(headers)):
            mode = QHeaderView.ResizeMode.Stretch if col == stretch else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(col, mode)

    def current_key(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, CODE_ROLE) if item is not None else None

    def keys(self) -> list[str]:
        """Every row's code (or request number), in list order."""
        found: list[str] = []

        def walk(item: QTreeWidgetItem) -> None:
            key = item.data(0, CODE_ROLE)
            if key:
                found.append(key)
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i))
        return found

    def select(self, key: str) -> bool:
        items = self.tree.findItems(key, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
        if items:
            self.tree.setCurrentItem(items[0])
        return bool(items)

    def _update_button(self) -> None:
        self.button.setEnabled(self.current_key() is not None)

    def _act(self) -> None:
        key = self.current_key()
        if key:
            self.action.emit(key)

    def finish(self, count: int, count_text: str, empty_text: str) -> None:
        self.count_label.setText(count_text)
        self.empty_label.setText(empty_text)
        self.empty_label.setVisible(count == 0)
        if self.tree.currentItem() is None:
            first = self._first_row()
            if first is not None:
                self.tree.setCurrentItem(first)
        self._update_button()

    def _first_row(self) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, CODE_ROLE):
                return item
            if item.childCount():
                return item.child(0)
        return None


def _item(values: list[str], key: str | None) -> QTreeWidgetItem:
    item = QTreeWidgetItem(values)
    if key:
        item.setData(0, CODE_ROLE, key)
    return item


class QueuesPanel(QWidget):
    """The four queue boxes in a 2 x 2 grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.due_soon = QueueBox("due_soon", 6)
        self.overdue = QueueBox("overdue", 5)
        self.overdue.tree.setRootIsDecorated(True)
        self.uncollected = QueueBox("uncollected", 6)
        self.follow_up = QueueBox("follow_up", 6)
        grid.addWidget(self.due_soon, 0, 0)
        grid.addWidget(self.overdue, 0, 1)
        grid.addWidget(self.uncollected, 1, 0)
        grid.addWidget(self.follow_up, 1, 1)
        grid.setRowStretch(0, 3)  # the overdue list has a heading row per group of days late
        grid.setRowStretch(1, 2)
        self.queues: Queues | None = None
        self.zone: Any = None
        self.retranslate()

    def boxes(self) -> dict[str, QueueBox]:
        return {"due_soon": self.due_soon, "overdue": self.overdue, "uncollected": self.uncollected,
                "follow_up": self.follow_up}

    def retranslate(self) -> None:
        self.due_soon.button.setText(self.tr("In &mẫu 04 (xin lỗi, gia hạn)…"))
        self.overdue.button.setText(self.tr("In mẫu &04 cho hồ sơ quá hạn…"))
        self.uncollected.button.setText(self.tr("&Gọi điện báo nhận kết quả…"))
        self.follow_up.button.setText(self.tr("Đánh dấu đã &nhắc…"))
        self.due_soon.set_headers([self.tr("Mã hồ sơ"), self.tr("Người nộp"), self.tr("Thủ tục"), self.tr("Hẹn trả"),
                                   self.tr("Ngày"), self.tr("Trạng thái")], 2)
        self.overdue.set_headers([self.tr("Mã hồ sơ"), self.tr("Người nộp"), self.tr("Thủ tục"), self.tr("Hẹn trả"),
                                  self.tr("Trễ (ngày LV)")], 2)
        self.uncollected.set_headers([self.tr("Mã hồ sơ"), self.tr("Người nộp"), self.tr("Điện thoại"),
                                      self.tr("Kết quả về"), self.tr("Chờ (ngày)"), self.tr("Đã gọi")], 1)
        self.follow_up.set_headers([self.tr("Số phiếu"), self.tr("Người nộp"), self.tr("Điện thoại"),
                                    self.tr("Thủ tục"), self.tr("Ngày lập"), self.tr("Chờ (ngày)")], 3)
        if self.queues is not None:
            self.show_queues(self.queues, self.zone)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_queues(self, queues: Queues, zone: Any) -> None:
        """Fill the lists; the selected row of each list stays selected when it is still there."""
        self.queues, self.zone = queues, zone
        selected = {name: box.current_key() for name, box in self.boxes().items()}
        for box in self.boxes().values():
            box.tree.clear()
        next_day = day_name = self.tr("Ngày mai")
        if (queues.next_working_day - queues.day).days > 1:
            day_name = self.tr("Ngày làm việc tiếp theo")
        next_text = queues.next_working_day.strftime("%d/%m")
        self.due_soon.setTitle(self.tr("Hẹn trả hôm nay và {day} ({date})").replace("{day}", day_name.lower())
                               .replace("{date}", next_text))
        for i in queues.due_soon:
            label = self.tr("Hôm nay") if i.extra.get("due_day") == "today" else f"{next_day} {next_text}"
            self.due_soon.tree.addTopLevelItem(_item(
                [i.code, i.applicant_name, i.procedure_name, when(i.due_in_force, zone), label, status_text(i.status)],
                i.code))
        self.overdue.setTitle(self.tr("Quá hạn, theo số ngày làm việc trễ"))
        for bucket in queues.overdue:
            if not bucket.items:
                continue
            parent = _item([f"{core_label(bucket.label_vi, bucket.label_en)} ({len(bucket.items)})"], None)
            parent.setFirstColumnSpanned(True)
            self.overdue.tree.addTopLevelItem(parent)
            for i in bucket.items:
                parent.addChild(_item([i.code, i.applicant_name, i.procedure_name, when(i.due_in_force, zone),
                                       str(i.extra.get("days_late", ""))], i.code))
            parent.setExpanded(True)
            parent.setFirstColumnSpanned(True)
        self.uncollected.setTitle(self.tr("Có kết quả, chưa đến nhận sau {n} ngày làm việc")
                                  .replace("{n}", str(queues.uncollected_after_days)))
        for i in queues.uncollected:
            mark = i.extra.get("last_called")
            called = f"{when(mark.at, zone)} ({mark.by})" if mark is not None else self.tr("chưa gọi")
            self.uncollected.tree.addTopLevelItem(_item(
                [i.code, i.applicant_name, i.phone or self.tr("không có số"), day(i.extra.get("result_back_at"), zone),
                 str(i.extra.get("days_waiting", "")), called], i.code))
        self.follow_up.setTitle(self.tr("Phiếu yêu cầu bổ sung chưa nhắc lại (sau {n} ngày làm việc)")
                                .replace("{n}", str(queues.follow_up_after_days)))
        for r in queues.follow_up:
            self.follow_up.tree.addTopLevelItem(_item(
                [r.number, r.applicant_name, r.phone or self.tr("không có số"), r.procedure_name,
                 day(r.created_at, zone), str(r.working_days_open)], r.number))
        for name, box in self.boxes().items():
            if selected[name]:
                box.select(selected[name])
        shown = {"due_soon": len(queues.due_soon), "overdue": len(queues.overdue_items),
                 "uncollected": len(queues.uncollected), "follow_up": len(queues.follow_up)}
        empty = {"due_soon": self.tr("Không có hồ sơ hẹn trả hôm nay hoặc ngày mai."),
                 "overdue": self.tr("Không có hồ sơ quá hạn."),
                 "uncollected": self.tr("Không có kết quả nào chờ công dân đến nhận quá hạn."),
                 "follow_up": self.tr("Không có phiếu yêu cầu bổ sung cần nhắc lại.")}
        for name, box in self.boxes().items():
            total = queues.counts.get(name, shown[name])
            text = self.tr("{n} phiếu") if name == "follow_up" else self.tr("{n} hồ sơ")
            text = text.replace("{n}", str(total))
            if shown[name] < total:  # the oldest first; the whole list is behind the tiles and the dossier list
                text = self.tr("{n} đầu tiên trong {total}").replace("{n}", str(shown[name])).replace("{total}", text)
            box.finish(total, text, empty[name])


__all__ = ["QueueBox", "QueuesPanel"]
