"""The documents of the intake: the checklist in its own scroll area and the line that
names what is still missing.

Why its own widget: at 1366×768 the checklist sits in the right column beside the
applicant; it scrolls on its own, and the row that takes the focus (Tab, Enter, Up/Down)
is always scrolled into view. What is missing is the core's rule (via the checklist).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFrame, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.intake.checklist import ChecklistWidget

# the page's translation context, so the texts keep their translations (scripts/i18n.sh)
translate = QCoreApplication.translate


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class DocumentsBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.checklist = ChecklistWidget()
        self.scroll = QScrollArea()
        self.scroll.setObjectName("checklistScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.checklist)
        self.missing_label = QLabel()
        self.missing_label.setObjectName("missingSummary")
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet("color: #b00020; font-weight: bold")
        self.missing_label.hide()
        lay.addWidget(self.scroll, 1)
        lay.addWidget(self.missing_label)
        self.checklist.changed.connect(self.update_missing)
        self.checklist.row_focused.connect(self.show_widget)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(translate("IntakePage", "Thành phần hồ sơ (Space: đã nhận, số: số bản, ↑↓: dòng, Enter: Lưu)"))
        self.update_missing()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_widget(self, widget: QWidget) -> None:
        """A checklist row took the focus: it is always in sight."""
        self.scroll.ensureWidgetVisible(widget, 10, 10)

    def update_missing(self) -> None:
        missing = self.checklist.missing_rows()
        if missing:
            names = "; ".join(_short(r.line.name, 40) for r in missing)
            self.missing_label.setText(
                translate("IntakePage", "Còn thiếu {n} giấy tờ: {names}")
                .replace("{n}", str(len(missing))).replace("{names}", names)
            )
        else:
            self.missing_label.setText("")
        self.missing_label.setVisible(bool(missing))
