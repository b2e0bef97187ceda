"""The citizen's rating in the window (issue 11): a rating offered after an intake's receipt and
after a result is handed over, on a screen facing the citizen when there is one; that screen also
shows the citizen what is typed about them during the intake. See controller.py for the rules
(never required, never blocking), panel.py for the buttons, citizen_view.py for the citizen's
screen. The pages call only the three small functions here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.rating.controller import RatingController


def rating_controller(widget: QWidget) -> RatingController:
    """The controller of the widget's main window (made on first use)."""
    from ui.rating.controller import RatingController

    host = widget.window()
    controller = host.findChild(RatingController, "ratingController")
    if controller is None:
        controller = RatingController(host)
    return controller


def offer_rating(widget: QWidget, code: str, occasion: str, details: dict[str, str] | None = None) -> None:
    """Offer the citizen a rating of this visit (after the officer's work is saved)."""
    rating_controller(widget).offer(getattr(widget, "ctx", None), code, occasion, details=details)


def watch_intake(page: Any) -> None:
    """Follow the intake form: the next citizen's first keystroke closes an unanswered rating;
    a second screen shows what is typed."""
    from PySide6.QtCore import QTimer

    timer = QTimer(page)
    timer.setSingleShot(True)
    timer.setInterval(0)  # once per burst of changes, after the page has updated itself
    timer.timeout.connect(lambda: rating_controller(page).intake_changed(page))
    for signal in (page.applicant.changed, page.subject.changed, page.checklist.changed, page.picker.picked,
                   page.channel_combo.currentIndexChanged):
        # Changes made while the page resets itself (after a save) are not the next citizen's.
        signal.connect(lambda *_a: None if getattr(page, "_loading", False) else timer.start())


def offer_after_intake(page: Any, result: Any) -> None:
    """The intake page saved a dossier and opened its receipt: offer the rating (receipts only:
    a request to complete or a refusal is not the end of an intake)."""
    if getattr(result, "form", "") != "receipt" or getattr(result, "register_number", None):
        rating_controller(page).clear_citizen()
        return
    from counterapp.forms.formatting import format_datetime

    zone = page.ctx.config.zone
    details = {"name": result.applicant_name, "id_number": "", "procedure": "",
               "appointment": format_datetime(result.due_at, zone) if result.due_at else ""}
    offer_rating(page, result.code, "intake", details)
