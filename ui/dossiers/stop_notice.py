"""The dossier list's "Thông báo dừng giải quyết" action: form 05 of TT 03/2025/TT-VPCP.

Why a module of its own: the dossier list (page.py) is shared by several changes; this
action adds one button, enabled only for a dossier in status 8 (Dừng xử lý), that
builds the notice in the background (the reason comes from the dossier's status
history, see counterapp.forms.contexts.stop_notice_context) and opens the same
preview as a reprinted receipt. No business rule here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget

from ui.workers import run_in_background

STOPPED = 8  # DossierStatus.STOPPED (Dừng xử lý)


class StopNoticeButton(QPushButton):
    """Prints form 05 for the dossier selected in the list."""

    def __init__(self, page: Any) -> None:
        super().__init__(parent=page)
        self.page = page
        self.setObjectName("stopNoticeButton")
        self.clicked.connect(self.print_notice)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("Thông báo &dừng giải quyết"))
        self.setToolTip(self.tr("Mẫu số 05: thông báo dừng giải quyết hồ sơ (hồ sơ ở trạng thái 8 - Dừng xử lý)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def update_enabled(self, *_args: Any) -> None:
        row = self.page.current_row()
        self.setEnabled(row is not None and int(row.status) == STOPPED)

    def print_notice(self) -> None:
        row = self.page.current_row()
        if row is None or self.page.ctx is None or int(row.status) != STOPPED:
            return
        from ui.intake import jobs

        run_in_background(jobs.form_for_dossier, self.page.ctx, row.code, "stop_notice", self.page.officer,
                          on_done=self.page._open_preview, on_error=self.page._action_failed)


def add_stop_notice_button(page: Any, actions: QBoxLayout) -> QWidget:
    """Put the button before the ledger button and keep it enabled for status 8 only."""
    button = StopNoticeButton(page)
    index = actions.indexOf(page.ledger_button)
    actions.insertWidget(index if index >= 0 else actions.count(), button)
    page.table.selectionModel().currentRowChanged.connect(button.update_enabled)
    page.model.modelReset.connect(button.update_enabled)
    page.model.rowsInserted.connect(button.update_enabled)
    page.model.dataChanged.connect(button.update_enabled)
    button.update_enabled()
    return button
