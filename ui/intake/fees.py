"""The fees of an intake: what the core charges for the procedure and channel, a
"collected" tick per fee, and a count of copies for a per-copy fee ("8.000 đồng/bản").

Why its own widget: listing the fees and recording which were collected is one job; the
amounts, which fee is per copy and what a counted line costs come from the core
(`ui_support.procedure_fees`, `fee_units.counted_fee`), never from here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QSpinBox, QWidget

from counterapp.dossiers.fee_units import QUANTITY_MAX, counted_fee, fee_amount_text
from counterapp.forms.formatting import format_vnd
from ui.wheel_guard import guard_wheel

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
        self.counts: dict[int, QSpinBox] = {}  # row index -> count of copies (per-copy fees only)
        self.amounts: list[QLabel] = []
        self.total_label = QLabel()
        self.total_label.setObjectName("feeTotal")
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(translate("IntakePage", "Phí, lệ phí"))
        self.empty.setText(translate("IntakePage", "Không có khoản phí, lệ phí."))
        for _fee, box in self.rows:
            box.setText(translate("IntakePage", "Đã thu"))
        for spin in self.counts.values():
            spin.setSuffix(translate("IntakePage", " bản"))
            spin.setToolTip(translate("IntakePage", "Số bản sao yêu cầu"))
        self._update_amounts()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def rebuild(self, procedure: Any, channel: int, paid: dict[str, bool] | None = None) -> list[QCheckBox]:
        """Show the fees of `procedure` for `channel`; returns the ticks (for the Tab order)."""
        from counterapp.dossiers.ui_support import procedure_fees

        while self.grid.count() > 1:
            item = self.grid.takeAt(1)
            if item.widget() is not None and item.widget() is not self.total_label:
                item.widget().deleteLater()
        self.rows, self.counts, self.amounts = [], {}, []
        fees = procedure_fees(procedure, channel) if procedure is not None else []
        self.empty.setVisible(not fees)
        for i, fee in enumerate(fees):
            name = QLabel(fee["name"])
            name.setWordWrap(True)
            amount = QLabel(format_vnd(fee["amount_vnd"]))
            amount.setObjectName(f"feeAmount{i}")
            box = QCheckBox(translate("IntakePage", "Đã thu"))
            box.setObjectName(f"feePaid{i}")
            box.setChecked(bool((paid or {}).get(str(fee.get("code") or fee["name"]))))
            box.toggled.connect(lambda _c: self.changed.emit())
            self.grid.addWidget(name, i + 1, 0)
            self.grid.addWidget(amount, i + 1, 2)
            self.grid.addWidget(box, i + 1, 3)
            for w in (name, amount, box):
                w.show()
            if fee.get("per_copy"):
                spin = QSpinBox()
                spin.setObjectName(f"feeCount{i}")
                spin.setRange(1, QUANTITY_MAX)
                spin.setValue(1)
                spin.setSuffix(translate("IntakePage", " bản"))
                spin.setToolTip(translate("IntakePage", "Số bản sao yêu cầu"))
                spin.valueChanged.connect(self._count_changed)
                self.grid.addWidget(spin, i + 1, 1)
                spin.show()
                self.counts[i] = spin
            self.amounts.append(amount)
            self.rows.append((fee, box))
        self.grid.addWidget(self.total_label, len(fees) + 1, 0, 1, 4)
        self.total_label.setVisible(bool(fees))
        self.grid.setColumnStretch(0, 1)
        guard_wheel(self)
        self._update_amounts()
        return [box for _fee, box in self.rows]

    def focus_widgets(self) -> list[QWidget]:
        """Count and tick of each fee, in Tab order."""
        chain: list[QWidget] = []
        for i, (_fee, box) in enumerate(self.rows):
            if i in self.counts:
                chain.append(self.counts[i])
            chain.append(box)
        return chain

    def set_quantities(self, quantities: dict[str, int]) -> None:
        """Put saved counts back (a draft), keyed like `paid()`."""
        for i, (fee, _box) in enumerate(self.rows):
            key = str(fee.get("code") or fee["name"])
            if i in self.counts and key in quantities:
                self.counts[i].setValue(max(1, min(QUANTITY_MAX, int(quantities[key] or 1))))

    def _count_changed(self, _value: int) -> None:
        self._update_amounts()
        self.changed.emit()

    def _lines(self) -> list[dict[str, Any]]:
        return [
            counted_fee(fee, self.counts[i].value()) if i in self.counts else dict(fee)
            for i, (fee, _box) in enumerate(self.rows)
        ]

    def _update_amounts(self) -> None:
        lines = self._lines()
        for line, label in zip(lines, self.amounts, strict=True):
            label.setText(fee_amount_text(line["amount_vnd"], line.get("quantity"), line.get("unit_amount_vnd"),
                                          line.get("unit")))
        total = sum(int(line["amount_vnd"]) for line in lines)
        self.total_label.setText(translate("IntakePage", "Tổng cộng: %1").replace("%1", format_vnd(total)))

    def fees(self) -> list[dict[str, Any]]:
        """FeeIn-shaped dicts for the request: counted lines carry quantity and unit price."""
        return [dict(line, paid=box.isChecked()) for line, (_fee, box) in zip(self._lines(), self.rows, strict=True)]

    def paid(self) -> dict[str, bool]:
        return {str(fee.get("code") or fee["name"]): box.isChecked() for fee, box in self.rows}
