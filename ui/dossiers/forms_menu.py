"""The dossier list's "In mẫu" menu: every per-dossier form of TT 03/2025/TT-VPCP that fits
the selected dossier's status (02 for status 5, 03 for a refusal, 05 for a stop, 06 the
routing slip, the fee receipt), previewed like a reprinted receipt.

Why a menu: a button per form crowded the list's action row past 1366 px. Which forms fit
which status is the core's (counterapp/forms/offered.py); this file only shows them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QBoxLayout, QMenu, QToolButton

from counterapp.forms.offered import OFFERED_FORMS, forms_for_status
from ui.ops import BackgroundOp


class FormsMenuButton(QToolButton):
    """Prints the chosen form for the dossier selected in the list."""

    def __init__(self, page: Any) -> None:
        super().__init__(parent=page)
        self.page = page
        self.setObjectName("formsMenuButton")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.actions_by_form = {}
        self.extra_enabled: list = []  # other sections' "I have something to offer" (ui/printing/batch.py)
        for offered in OFFERED_FORMS:
            action = self.menu_.addAction("")
            action.setObjectName(f"printForm_{offered.form}")
            action.triggered.connect(lambda _checked=False, form=offered.form: self.print_form(form))
            self.actions_by_form[offered.form] = action
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("&In mẫu"))
        self.setToolTip(self.tr("In các mẫu của Thông tư 03/2025/TT-VPCP phù hợp với trạng thái hồ sơ"))
        english = QLocale().language() == QLocale.Language.English  # the core keeps both titles (ui/i18n.py)
        for offered in OFFERED_FORMS:
            title = offered.title_en if english else offered.title_vi
            prefix = (f"Form {offered.number}: " if english else f"Mẫu {offered.number}: ") if offered.number else ""
            self.actions_by_form[offered.form].setText(prefix + title)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def update_enabled(self, *_args: Any) -> None:
        row = self.page.current_row()
        offered = {f.form for f in forms_for_status(int(row.status))} if row is not None else set()
        for form, action in self.actions_by_form.items():
            action.setEnabled(form in offered)
            action.setVisible(form in offered)
        self.setEnabled(bool(offered) or any(check() for check in self.extra_enabled))

    def print_form(self, form: str) -> None:
        row = self.page.current_row()
        if row is None or self.page.ctx is None:
            return
        if form not in {f.form for f in forms_for_status(int(row.status))}:
            return
        from ui.intake import jobs
        from ui.session import current_officer_name

        (BackgroundOp(self.page, jobs.form_for_dossier, self.page.ctx, row.code, form,
                      current_officer_name(self.page.ctx))
         .with_busy(self).after(self.update_enabled)
         .success(self.page._open_preview).failure(self.page._action_failed).run())


def add_forms_menu(page: Any, actions: QBoxLayout) -> FormsMenuButton:
    """Put the menu before the ledger button and keep it to what fits the selected dossier."""
    button = FormsMenuButton(page)
    index = actions.indexOf(page.ledger_button)
    actions.insertWidget(index if index >= 0 else actions.count(), button)
    page.table.selectionModel().currentRowChanged.connect(button.update_enabled)
    page.model.modelReset.connect(button.update_enabled)
    page.model.rowsInserted.connect(button.update_enabled)
    page.model.dataChanged.connect(button.update_enabled)
    button.update_enabled()
    return button
