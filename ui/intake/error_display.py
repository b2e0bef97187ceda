"""Showing what the core refused, next to each field, for IntakePage.

Why its own part: the core answers a save with a list of (path, message); each goes next
to its field (or its checklist row), the first one gets the focus, the banner counts
them. An error goes as soon as its field is edited (FieldErrors), and the banner with the
last one: nothing of a previous attempt stays on the screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from ui.messages import for_window

translate = QCoreApplication.translate  # the page's context, "IntakePage" (lupdate reads it)


class ErrorsMixin:
    """For IntakePage: needs errors (FieldErrors), checklist, applicant, error_banner, scroll, checklist_scroll."""

    pending_missing: list[dict[str, Any]] | None = None

    def _clear_errors(self) -> None:
        self.errors.clear()
        self.checklist.clear_errors()
        self.error_banner.hide()

    def _error_fixed(self) -> None:
        """A field's error went away as the officer fixed it: the banner goes with the last one."""
        if not self.errors.any_shown() and self.pending_missing is None:
            self.error_banner.hide()

    def _show_errors_list(self, errors: list[tuple[str, str]]) -> QWidget | None:
        """Show each (field, message) next to its field; focus the first; returns it."""
        self._clear_errors()
        first: QWidget | None = None
        general: list[str] = []
        for path, message in errors:
            message = for_window(message)
            target = None
            if path.startswith("documents."):
                parts = path.split(".")
                if len(parts) > 1 and parts[1].isdigit():
                    target = self.checklist.show_error(int(parts[1]), message)
            elif path.startswith("fees."):
                general.append(message)
            else:
                key = path if path in self.errors.labels else None
                if key is None and path == "applicant.representative" and not self.kind_org.isChecked():
                    key = "applicant.name"
                if key is not None:
                    if key.startswith("applicant.") and self.applicant.collapsed:
                        self.applicant.set_collapsed(False)  # an error in a folded field: show it
                    target = self.errors.add(key, message)
                else:
                    general.append(message)
            if first is None and target is not None:
                first = target
        if general:
            self.errors.add("general", "\n".join(general))
        self.error_banner.setText(
            translate("IntakePage", "Chưa lưu được hồ sơ: có {n} lỗi, xem ghi chú màu đỏ cạnh từng ô.").replace("{n}", str(len(errors)))
        )
        self.error_banner.show()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            if first is not self:
                area = self.checklist_scroll if self.checklist.isAncestorOf(first) else self.scroll
                area.ensureWidgetVisible(first)
        return first

    def error_text(self, field: str) -> str:
        return self.errors.text(field)
