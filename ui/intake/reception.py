"""How the dossier is received: the channel, the number of sets, the summary line, and
the time limit that follows from the procedure and channel.

Why its own widget: these fields have defaults that fit most intakes, so they sit out of
the Enter path (Tab reaches them); the page reads them and the core checks them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from ui.intake.field_errors import field_row

if TYPE_CHECKING:
    from ui.intake.field_errors import FieldErrors

# the page's translation context, so the texts keep their translations (scripts/i18n.sh)
translate = QCoreApplication.translate


class ReceptionBox(QGroupBox):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rec_form = QFormLayout(self)
        rec_form.setContentsMargins(6, 4, 6, 4)
        rec_form.setVerticalSpacing(3)
        self.channel_combo = QComboBox(objectName="channel")
        self.channel_combo.addItem("", 1)
        self.channel_combo.addItem("", 3)
        self.sets_spin = QSpinBox(objectName="setsCount")
        self.sets_spin.setRange(1, 99)
        self.summary_edit = QLineEdit(objectName="summary")
        channel_row = QWidget()
        channel_lay = QHBoxLayout(channel_row)
        channel_lay.setContentsMargins(0, 0, 0, 0)
        channel_lay.addWidget(self.channel_combo, 1)
        self.sets_label = QLabel()
        self.sets_label.setBuddy(self.sets_spin)
        channel_lay.addWidget(self.sets_label)
        channel_lay.addWidget(self.sets_spin)
        self.channel_label = QLabel()
        self.channel_label.setBuddy(self.channel_combo)
        rec_form.addRow(self.channel_label, channel_row)
        for key, target in (("channel", self.channel_combo), ("sets_count", self.sets_spin)):
            rec_form.addRow("", errors.label(key, target))
        self.summary_label = field_row(rec_form, errors, "summary", self.summary_edit)
        self.time_limit_label = QLabel()
        self.time_limit_caption = QLabel()
        rec_form.addRow(self.time_limit_caption, self.time_limit_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(translate("IntakePage", "Tiếp nhận"))
        self.channel_label.setText(translate("IntakePage", "&Kênh tiếp nhận:"))
        self.channel_combo.setItemText(0, translate("IntakePage", "Trực tiếp tại quầy"))
        self.channel_combo.setItemText(1, translate("IntakePage", "Qua dịch vụ bưu chính"))
        self.sets_label.setText(translate("IntakePage", "Số &bộ:"))
        self.summary_label.setText(translate("IntakePage", "T&rích yếu:"))
        self.time_limit_caption.setText(translate("IntakePage", "Thời hạn giải quyết:"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def channel(self) -> int:
        return int(self.channel_combo.currentData() or 1)
