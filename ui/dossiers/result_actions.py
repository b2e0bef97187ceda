"""The dossier list's "Số hóa kết quả…": the result that came back (or is handed over) digitized
as the dossier's result document, and the details pane showing it with its digitized flag.

A mixin of `DossierListPage` beside the return action (lifecycle_actions.py). The dialog only
collects which result (the procedure's catalog list, or free text) and the files (images or
PDFs, from a file picker: scanners that save to a folder, phones); the core digitizes, signs
when the site signs and files it (counterapp/digitize/results.py), off the GUI thread. The
signing password / PIN is asked each time, as the scan page does, never stored.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.ops import BackgroundOp
from ui.session import current_officer_name

if TYPE_CHECKING:
    from counterapp.digitize.results import ResultChoice
    from counterapp.dossiers.ui_support import ListRow


def result_job(ctx, code: str, files: list[str], officer: str, result_code: str | None,  # noqa: ANN001, ANN201
               result_name: str | None, secret: str | None):
    """Background work: open the site's signer (when asked), digitize, sign and attach the result."""
    from counterapp.digitize.ocr import ocr_settings
    from counterapp.digitize.results import digitize_result
    from counterapp.digitize.ui_support import check_officer, make_site_signer

    signer = make_site_signer(ctx.config, secret) if secret is not None else None
    wanted, lang = ocr_settings(ctx.config)
    return digitize_result(ctx, code, files, check_officer(officer), result_code=result_code,
                           result_name=result_name, signer=signer, ocr_lang=lang if wanted else None)


class ResultDialog(QDialog):
    """Which result, and its files. `value()` -> (result code or None, name, file paths)."""

    def __init__(self, parent: QWidget, code: str, choices: list[ResultChoice]) -> None:
        super().__init__(parent)
        self.setObjectName("resultDialog")
        self.setWindowTitle(self.tr("Số hóa kết quả — {code}").replace("{code}", code))
        self.files: list[str] = []
        form = QFormLayout(self)
        self.result_combo = QComboBox(objectName="resultChoice")
        self.result_combo.setEditable(True)  # a result the catalog does not list: typed as free text
        for choice in choices:
            self.result_combo.addItem(choice.name, choice.code)
        self.result_combo.setMinimumWidth(420)
        label = QLabel(self.tr("&Giấy tờ kết quả:"))
        label.setBuddy(self.result_combo)
        form.addRow(label, self.result_combo)
        row = QHBoxLayout()
        self.files_label = QLabel(self.tr("Chưa chọn tệp"), objectName="resultFiles")
        self.files_label.setWordWrap(True)
        self.pick_button = QPushButton(self.tr("&Chọn ảnh hoặc PDF…"), clicked=self.pick_files, objectName="resultPick")
        row.addWidget(self.files_label, 1)
        row.addWidget(self.pick_button)
        form.addRow(self.tr("Tệp:"), row)
        note = QLabel(self.tr("Bản số hóa là PDF/A, ký số nếu trạm có ký số (NĐ 45/2020, TT 01/2023/TT-VPCP)."))
        note.setWordWrap(True)
        form.addRow(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._update_ok()

    def pick_files(self) -> None:
        from ui.file_dialogs import open_file_names

        files = open_file_names(self, self.tr("Ảnh hoặc PDF của kết quả"), self.tr("Tài liệu (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"))
        if files:
            self.set_files(files)

    def set_files(self, files: list[str]) -> None:
        self.files = [str(f) for f in files]
        self.files_label.setText(", ".join(Path(f).name for f in self.files) or self.tr("Chưa chọn tệp"))
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.files))

    def value(self) -> tuple[str | None, str, list[str]]:
        name = self.result_combo.currentText().strip()
        index = self.result_combo.findText(name)
        code = self.result_combo.itemData(index) if index >= 0 else None
        return code or None, name, list(self.files)


class ResultActions:
    """Mixed into DossierListPage: needs `ctx`, `current_row()`, `_status_changed`, `_action_failed`."""

    ctx: Any

    def _build_result_button(self) -> Any:
        self.result_button = QPushButton(clicked=self.digitize_result, objectName="digitizeResultButton")
        self.result_dialog = None
        return self.result_button

    def _retranslate_result(self) -> None:
        self.result_button.setText(self.tr("Số hóa &kết quả…"))
        self.result_button.setToolTip(self.tr("Quét hoặc chọn ảnh/PDF của giấy tờ kết quả, ký số và đính kèm hồ sơ"))

    def _update_result_action(self, row: ListRow | None) -> None:
        from counterapp.dossiers.status import DossierStatus

        # the result came back (9) or was handed over (10)
        self.result_button.setEnabled(row is not None and row.status in (DossierStatus.FINISHED, DossierStatus.RETURNED))

    def digitize_result(self) -> None:
        row = self.current_row()
        if row is None or self.ctx is None:
            return
        from counterapp.digitize.results import result_choices

        try:
            choices = result_choices(self.ctx, row.code)
        except Exception as exc:  # the dossier vanished meanwhile (retention): said, not raised
            self._action_failed(exc)
            return
        dialog = ResultDialog(self, row.code, choices)
        code = row.code
        dialog.accepted.connect(lambda: self._result_accepted(code, *dialog.value()))
        self.result_dialog = dialog
        dialog.open()

    def _result_accepted(self, code: str, result_code: str | None, name: str, files: list[str]) -> None:
        from counterapp.digitize.ui_support import signing_method

        secret = None
        if signing_method(self.ctx.config) in ("p12", "pkcs11"):
            secret, ok = QInputDialog.getText(self, self.tr("Ký số"), self.tr("Mật khẩu / mã PIN chữ ký số của cơ quan:"),
                                              QLineEdit.EchoMode.Password)
            if not ok:
                return
        (BackgroundOp(self, result_job, self.ctx, code, files, current_officer_name(self.ctx), result_code,
                      name or None, secret)
         .with_busy(self.result_button).after(self._update_actions)
         .success(lambda _att: self._status_changed(
             code, self.tr("Đã số hóa kết quả hồ sơ {code}; sẽ tải lên khi đồng bộ.")))
         .failure(self._action_failed).run())

    def _results_html(self, d: dict[str, Any]) -> str:
        """The details pane's "Kết quả" part: each digitized result and its flags."""
        results = d.get("results") or []
        if not results:
            return ""
        e = html.escape
        items = []
        for r in results:
            flags = [self.tr("đã số hóa")] + ([self.tr("đã ký số")] if r.get("signed") else [])
            code = f" ({e(r['result_code'])})" if r.get("result_code") else ""
            items.append(f"<li>{e(r['name'])}{code} — {e(', '.join(flags))}</li>")
        return f"<p><b>{e(self.tr('Kết quả'))}</b></p><ul>{''.join(items)}</ul>"


__all__ = ["ResultActions", "ResultDialog", "result_job"]
