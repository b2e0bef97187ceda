"""The fees of an intake: what the core charges for the procedure and channel, and a
"collected" tick per fee.

Why its own widget: listing the fees and recording which were collected is one job; the
amounts come from the core (`ui_support.procedure_fees`), never from here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QWidget

# the page's translation context, so the texts keep their translations (scripts/i18n.sh)
translate = QCoreApplication.translate


class FeesBox(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(6, 4, 6, 4)
        self.grid.setVerticalSpacing(2)
        self.empty = QLabel()
        self.grid.addWidget(self.empty, 0, 0, 1, 3)
        self.rows: list[tuple[dict[str, Any], QCheckBox]] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(translate("IntakePage", "Phí, lệ phí"))
        self.empty.setText(translate("IntakePage", "Không có khoản phí, lệ phí."))
        for _fee, box in self.rows:
            box.setText(translate("IntakePage", "Đã thu"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def rebuild(self, procedure: Any, channel: int, paid: dict[str, bool] | None = None) -> list[QCheckBox]:
        """Show the fees of `procedure` for `channel`; returns the ticks (for the Tab order)."""
        from counterapp.dossiers.ui_support import procedure_fees
        from counterapp.forms.formatting import format_vnd

        while self.grid.count() > 1:
            item = self.grid.takeAt(1)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.rows = []
        fees = procedure_fees(procedure, channel) if procedure is not None else []
        self.empty.setVisible(not fees)
        for i, fee in enumerate(fees):
            name = QLabel(fee["name"])
            name.setWordWrap(True)
            amount = QLabel(format_vnd(fee["amount_vnd"]))
            box = QCheckBox(translate("IntakePage", "Đã thu"))
            box.setObjectName(f"feePaid{i}")
            box.setChecked(bool((paid or {}).get(str(fee.get("code") or fee["name"]))))
            box.toggled.connect(lambda _c: self.changed.emit())
            self.grid.addWidget(name, i + 1, 0)
            self.grid.addWidget(amount, i + 1, 1)
            self.grid.addWidget(box, i + 1, 2)
            for w in (name, amount, box):
                w.show()
            self.rows.append((fee, box))
        self.grid.setColumnStretch(0, 1)
        return [box for _fee, box in self.rows]

    def fees(self) -> list[dict[str, Any]]:
        return [dict(fee, paid=box.isChecked()) for fee, box in self.rows]

    def paid(self) -> dict[str, bool]:
        return {str(fee.get("code") or fee["name"]): box.isChecked() for fee, box in self.rows}
