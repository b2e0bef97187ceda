"""Dialogs for a dossier's life after receipt: handing the result over (who collected it),
a new date with the apology (form 04, with the approving supervisor), recording a payment.

The dialogs only collect what the officer types; the core decides (counterapp/dossiers/
lifecycle.py, new_date.py, fees.py) and its refusals are shown as they come. They open
window-modal with `open()`, so the rest of the window's event loop keeps running.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)


def _edit_for(when: datetime, zone: Any) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("HH:mm dd/MM/yyyy")
    local = when.astimezone(zone)
    edit.setDateTime(QDateTime(QDate(local.year, local.month, local.day), local.time().replace(second=0, microsecond=0)))
    return edit


def _value_of(edit: QDateTimeEdit, zone: Any) -> datetime:
    qdt = edit.dateTime()
    d, t = qdt.date(), qdt.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=zone)


def _buttons(dialog: QDialog, form: QFormLayout) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return buttons


def _row(form: QFormLayout, text: str, widget: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(widget)
    form.addRow(label, widget)


class ReturnDialog(QDialog):
    """Who collected the result: the applicant in person, or a named person and their ID."""

    def __init__(self, parent: QWidget, code: str, applicant_name: str) -> None:
        super().__init__(parent)
        self.setObjectName("returnDialog")
        self.setWindowTitle(self.tr("Trả kết quả hồ sơ {code}").replace("{code}", code))
        form = QFormLayout(self)
        self.applicant = QCheckBox(self.tr("Chính người nộp hồ sơ nhận ({name})").replace("{name}", applicant_name))
        self.applicant.setChecked(True)
        self.name = QLineEdit(objectName="returnedTo")
        self.id_number = QLineEdit(objectName="returnedToId")
        self.note = QLineEdit()
        form.addRow(self.applicant)
        _row(form, self.tr("&Người nhận (họ tên):"), self.name)
        _row(form, self.tr("Số &CCCD/CMND/hộ chiếu:"), self.id_number)
        _row(form, self.tr("Ghi chú:"), self.note)
        self.buttons = _buttons(self, form)
        self.applicant.toggled.connect(self._sync)
        self._sync(True)

    def _sync(self, applicant: bool) -> None:
        self.name.setEnabled(not applicant)
        self.id_number.setEnabled(not applicant)

    def value(self) -> dict[str, Any]:
        """Keyword arguments for `mark_returned`."""
        if self.applicant.isChecked():
            return {"returned_to": None, "applicant": True, "id_number": None, "note": self.note.text().strip() or None}
        return {"returned_to": self.name.text().strip(), "applicant": False,
                "id_number": self.id_number.text().strip() or None, "note": self.note.text().strip() or None}


class ApologyDialog(QDialog):
    """Form 04: the new date, why, and the supervisor approving it (needed once the
    appointment has passed or for a second new date: the core says so if it is missing)."""

    def __init__(self, parent: QWidget, code: str, due_at: datetime | None, zone: Any) -> None:
        super().__init__(parent)
        self.setObjectName("apologyDialog")
        self.setWindowTitle(self.tr("Văn bản xin lỗi và đề nghị gia hạn (mẫu 04) — {code}").replace("{code}", code))
        form = QFormLayout(self)
        start = max(due_at or datetime.now(zone), datetime.now(zone)) + timedelta(days=3)
        self.when = _edit_for(start, zone)
        self.reason = QLineEdit(objectName="apologyReason")
        self.supervisor = QLineEdit(objectName="apologySupervisor")
        self.supervisor.setPlaceholderText(self.tr("cần khi đã quá hạn hoặc hẹn lại lần hai"))
        _row(form, self.tr("&Ngày hẹn mới:"), self.when)
        _row(form, self.tr("&Lý do chậm:"), self.reason)
        _row(form, self.tr("Lãnh đạo &duyệt:"), self.supervisor)
        self.buttons = _buttons(self, form)
        self.zone = zone

    def value(self) -> tuple[datetime, str, str | None]:
        return _value_of(self.when, self.zone), self.reason.text().strip(), self.supervisor.text().strip() or None


PAYMENT_METHODS = (("cash", "Tiền mặt"), ("transfer", "Chuyển khoản"), ("pos", "Thẻ (POS)"), ("online", "Trực tuyến"))


class PaymentDialog(QDialog):
    """The fees were paid: how, and when (the time of payment, printed on the fee receipt)."""

    def __init__(self, parent: QWidget, code: str, zone: Any) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("Thu phí, lệ phí — {code}").replace("{code}", code))
        form = QFormLayout(self)
        self.method = QComboBox(objectName="paymentMethod")
        for value, label in PAYMENT_METHODS:
            self.method.addItem(self.tr(label), value)
        self.when = _edit_for(datetime.now(zone), zone)
        _row(form, self.tr("&Hình thức thu:"), self.method)
        _row(form, self.tr("&Thời điểm thu:"), self.when)
        self.buttons = _buttons(self, form)
        self.zone = zone

    def value(self) -> tuple[str, datetime]:
        return str(self.method.currentData()), _value_of(self.when, self.zone)


__all__ = ["ApologyDialog", "PaymentDialog", "ReturnDialog"]
