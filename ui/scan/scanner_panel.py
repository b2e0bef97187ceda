"""The scanning page's left column: which scanner and how to scan, the buttons that feed
the batch, and checking a signed PDF.

The settings shown are the core's `ScanSettings` (`counterapp.digitize.sources`); finding
devices and verifying a signature run off the GUI thread. The page connects the buttons
(`scan_button`, `files_button`, `new_batch_button`) to its own actions.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counterapp.digitize.common import MIN_DPI
from ui.file_dialogs import open_file_name
from ui.ops import BackgroundOp
from ui.scan.common import local_time, message

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.digitize.signing import SignatureReport

DPI_CHOICES = (200, 300, 400, 600)


def select_data(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


class ScannerPanel(QWidget):
    verified = Signal(object)  # SignatureReport

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self._base_settings = None
        self.last_report: SignatureReport | None = None
        self._verify_box: QMessageBox | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.scanner_group = QGroupBox()
        form = QFormLayout(self.scanner_group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form = form
        self.backend_combo = QComboBox()
        self.backend_combo.addItem("", "sane")
        self.backend_combo.addItem("", "escl")
        if sys.platform == "win32":
            self.backend_combo.addItem("", "twain")
            self.backend_combo.addItem("", "wia")
        self.backend_combo.currentIndexChanged.connect(self._backend_changed)
        self.device_combo = QComboBox(editable=True)
        self.find_button = QPushButton(clicked=self.find_devices)
        device_row = QHBoxLayout()
        device_row.addWidget(self.device_combo, 1)
        device_row.addWidget(self.find_button)
        self.escl_edit = QLineEdit(placeholderText="http://192.168.1.20/eSCL")
        self.dpi_combo = QComboBox()
        for dpi in DPI_CHOICES:
            self.dpi_combo.addItem(f"{dpi} dpi", dpi)
        self.mode_combo = QComboBox()
        self.mode_combo.addItem("", "color")
        self.mode_combo.addItem("", "gray")
        self.mode_combo.currentIndexChanged.connect(self._update_rules_label)
        self.source_combo = QComboBox()
        for key in ("flatbed", "adf", "duplex"):
            self.source_combo.addItem("", key)
        for combo in (self.backend_combo, self.device_combo, self.mode_combo, self.source_combo):
            # long names elide inside a narrow column instead of widening the page
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.rules_label = QLabel(wordWrap=True)
        self.backend_label = QLabel()
        self.device_label = QLabel()
        self.escl_label = QLabel()
        self.dpi_label = QLabel()
        self.mode_label = QLabel()
        self.source_label = QLabel()
        form.addRow(self.backend_label, self.backend_combo)
        form.addRow(self.device_label, device_row)
        form.addRow(self.escl_label, self.escl_edit)
        form.addRow(self.dpi_label, self.dpi_combo)
        form.addRow(self.mode_label, self.mode_combo)
        form.addRow(self.source_label, self.source_combo)
        form.addRow(self.rules_label)
        box.addWidget(self.scanner_group)
        self.scan_button = QPushButton(objectName="scanButton")
        self.scan_button.setMinimumHeight(36)
        self.files_button = QPushButton()
        self.new_batch_button = QPushButton()
        self.feed_label = QLabel(wordWrap=True)
        box.addWidget(self.scan_button)
        box.addWidget(self.files_button)
        box.addWidget(self.new_batch_button)
        box.addWidget(self.feed_label)
        box.addStretch(1)
        self.verify_button = QPushButton(clicked=self.choose_pdf_to_verify)
        self.verify_label = QLabel(wordWrap=True, objectName="verifyResult")
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.verify_button)
        box.addWidget(self.verify_label)

    def retranslate(self) -> None:
        self.scanner_group.setTitle(self.tr("Máy quét"))
        self.backend_label.setText(self.tr("Loại"))
        self.backend_combo.setItemText(0, self.tr("Máy quét USB (SANE)"))
        self.backend_combo.setItemText(1, self.tr("Máy quét mạng (eSCL)"))
        if self.backend_combo.count() > 2:
            self.backend_combo.setItemText(2, "TWAIN")
            self.backend_combo.setItemText(3, "WIA")
        self.device_label.setText(self.tr("Thiết bị"))
        self.find_button.setText(self.tr("Tìm"))
        self.escl_label.setText(self.tr("Địa chỉ eSCL"))
        self.dpi_label.setText(self.tr("Độ phân giải"))
        self.mode_label.setText(self.tr("Màu"))
        self.mode_combo.setItemText(0, self.tr("Màu (đúng quy định)"))
        self.mode_combo.setItemText(1, self.tr("Xám"))
        self.source_label.setText(self.tr("Nguồn giấy"))
        self.source_combo.setItemText(0, self.tr("Mặt kính"))
        self.source_combo.setItemText(1, self.tr("Khay nạp giấy"))
        self.source_combo.setItemText(2, self.tr("Khay nạp hai mặt"))
        self.scan_button.setText(self.tr("&Quét"))
        self.files_button.setText(self.tr("Thêm &tệp…"))
        self.files_button.setToolTip(self.tr("PDF, JPEG, PNG, TIFF; hoặc kéo thả tệp vào trang này"))
        self.new_batch_button.setText(self.tr("Lô &mới"))
        self.verify_button.setText(self.tr("&Xác minh chữ ký PDF…"))
        self._update_rules_label()

    def set_state(self, ready: bool, idle: bool, has_batch: bool) -> None:
        self.scan_button.setEnabled(idle)
        self.files_button.setEnabled(idle)
        self.new_batch_button.setEnabled(idle and has_batch)
        self.verify_button.setEnabled(ready)

    # ---- settings
    def apply_settings(self, settings) -> None:
        self._base_settings = settings
        select_data(self.backend_combo, settings.backend)
        if settings.backend == "escl":
            self.escl_edit.setText(settings.escl_url or settings.device)
        else:
            self.escl_edit.setText(settings.escl_url)
            if settings.device:
                self.device_combo.setEditText(settings.device)
        dpi = max(int(settings.dpi), MIN_DPI)
        if self.dpi_combo.findData(dpi) < 0:
            self.dpi_combo.addItem(f"{dpi} dpi", dpi)
        select_data(self.dpi_combo, dpi)
        select_data(self.mode_combo, settings.mode)
        select_data(self.source_combo, settings.source)
        self._backend_changed()

    def current_settings(self):
        """The ScanSettings on screen (raises DigitizeError with a clear message when wrong)."""
        from counterapp.digitize.sources import ScanSettings

        base = self._base_settings or ScanSettings()
        backend = self.backend_combo.currentData()
        url = self.escl_edit.text().strip()
        device = url if backend == "escl" else self.device_combo.currentText().strip()
        return replace(
            base, backend=backend, device=device, escl_url=url, dpi=int(self.dpi_combo.currentData()),
            mode=self.mode_combo.currentData(), source=self.source_combo.currentData(),
        )

    def remember(self, settings) -> None:
        """The settings a scan was started with become the base of the next ones."""
        self._base_settings = settings

    def _backend_changed(self, *_args: Any) -> None:
        escl = self.backend_combo.currentData() == "escl"
        self.escl_edit.setEnabled(escl)
        self.device_combo.setEnabled(not escl)
        self.find_button.setEnabled(not escl and self.backend_combo.currentData() == "sane")

    def _update_rules_label(self, *_args: Any) -> None:
        if self.mode_combo.currentData() == "gray":
            self.rules_label.setText(self.tr("Bản quét xám không đạt quy định (cần màu, ≥ 200 dpi)."))
            self.rules_label.setStyleSheet("color:#8a1c13;")
        else:
            self.rules_label.setText(self.tr("Màu, ≥ 200 dpi, tỷ lệ 100%: đúng quy định số hóa."))
            self.rules_label.setStyleSheet("color:#174d22;")

    def find_devices(self) -> None:
        if self.backend_combo.currentData() != "sane":
            return
        from counterapp.digitize.sources import SaneSource

        self.find_button.setEnabled(False)
        self.feed_label.setText(self.tr("Đang tìm máy quét…"))
        (BackgroundOp(self, lambda: SaneSource().list_devices())
         .success(self._devices_found).failure(self._devices_failed).run())

    def _devices_found(self, devices: list) -> None:
        current = self.device_combo.currentText()
        self.device_combo.clear()
        for dev in devices:
            self.device_combo.addItem(f"{dev.name}", dev.name)
            self.device_combo.setItemData(self.device_combo.count() - 1, dev.description, Qt.ItemDataRole.ToolTipRole)
        if current:
            self.device_combo.setEditText(current)
        elif devices:
            self.device_combo.setCurrentIndex(0)
        self._backend_changed()
        self.feed_label.setText(
            self.tr("Tìm thấy {n} máy quét.").replace("{n}", str(len(devices))) if devices
            else self.tr("Không tìm thấy máy quét nào (kiểm tra cáp, nguồn, trình điều khiển).")
        )

    def _devices_failed(self, exc: BaseException) -> None:
        self._backend_changed()
        self.feed_label.setText(message(exc))

    # ---- signature check
    def choose_pdf_to_verify(self) -> None:
        path = open_file_name(self, self.tr("Chọn tệp PDF để xác minh chữ ký"), self.tr("Tệp PDF (*.pdf)"))
        if path:
            self.verify_file(path, show_box=True)

    def verify_file(self, path: str | Path, show_box: bool = False) -> None:
        if self.ctx is None:
            return
        from counterapp.digitize.signing import verify_with_site_roots

        self.verify_label.setText(self.tr("Đang xác minh…"))
        (BackgroundOp(self, verify_with_site_roots, Path(path), self.ctx.config)
         .success(lambda r, p=Path(path), b=show_box: self._verified(p, r, b))
         .failure(lambda exc: self.verify_label.setText(message(exc))).run())

    def verification_text(self, path: Path, report: SignatureReport) -> str:
        if not report.signed:
            state = self.tr("CHƯA KÝ SỐ")
        elif report.valid and report.trusted:
            state = self.tr("HỢP LỆ, tin cậy")
        elif report.valid:
            state = self.tr("HỢP LỆ (chứng thư chưa được tin cậy trên máy này)")
        else:
            state = self.tr("KHÔNG HỢP LỆ")
        lines = [f"{path.name}: {state}"]
        if report.signer:
            lines.append(self.tr("Người ký: {s}").replace("{s}", report.signer))
        if report.signed_at:
            lines.append(self.tr("Thời điểm ký: {t}").replace("{t}", local_time(report.signed_at, self.ctx)))
        if report.level:  # B-B: no timestamp; B-T: time from the TSA; B-LT/B-LTA: checkable for years
            stamp = self.tr("có dấu thời gian") if report.timestamp else self.tr("không có dấu thời gian")
            lines.append(self.tr("Mức chữ ký: PAdES {l}, {s}").replace("{l}", report.level).replace("{s}", stamp))
        if report.message_vi:
            lines.append(report.message_vi)
        return "\n".join(lines)

    def _verified(self, path: Path, report: SignatureReport, show_box: bool) -> None:
        self.last_report = report
        text = self.verification_text(path, report)
        self.verify_label.setText(text)
        self.verify_label.setStyleSheet("color:#174d22;" if report.valid else "color:#8a1c13;")
        self.verified.emit(report)
        if show_box:
            icon = QMessageBox.Icon.Information if report.valid else QMessageBox.Icon.Warning
            self._verify_box = QMessageBox(icon, self.tr("Xác minh chữ ký số"), text, parent=self)
            self._verify_box.open()
