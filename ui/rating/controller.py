"""Where and when the rating is offered; one controller per main window.

- After the officer's work is saved (the receipt of an intake, a result handed over), `offer`
  opens a rating for that dossier: on the screen facing the citizen when there is one (a
  frameless full-screen window on the screen the main window is not on), else a window on the
  officer's screen with three big buttons and keys 1 / 2 / 3.
- Never required, never blocking: the window is not modal and the intake page stays usable;
  Esc (or "Bỏ qua") records nothing; the next offer, or the first thing typed for the next
  citizen, closes an unanswered one.
- Who served is read when the rating is offered (ui/session.py), so a sign-out while the
  citizen thinks does not move the rating to someone else.
- With a second screen, the citizen also sees what is typed about them during the intake
  (`watch_intake`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.ops import BackgroundOp
from ui.rating.citizen_view import CitizenScreen
from ui.rating.panel import RatingPanel

if TYPE_CHECKING:
    from counterapp.app import AppContext

log = logging.getLogger(__name__)
THANKS_MS = 1500


class RatingWindow(QWidget):
    """The rating on the officer's screen: an ordinary, non-modal top-level window (no parent,
    so the receipt's preview, modal to the main window, does not block it)."""

    def __init__(self, panel: RatingPanel) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("ratingWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.panel = panel
        QVBoxLayout(self).addWidget(panel)
        self.setWindowTitle(self.tr("Đánh giá mức độ hài lòng"))
        self.resize(760, 420)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self.panel.keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        self.panel.dismiss()  # closing the window is letting it go (nothing recorded)
        super().closeEvent(event)


class RatingController(QObject):
    """Offers ratings and drives the citizen's screen for one main window."""

    recorded = Signal(str, str)  # dossier code, score
    closed = Signal()

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("ratingController")
        self.host = host
        self.window: RatingWindow | None = None  # the officer-screen window, when open
        self.panel: RatingPanel | None = None  # the rating being offered, wherever it shows
        self.citizen: CitizenScreen | None = None
        self.ctx: AppContext | None = None

    # ------------------------------------------------------------------ screens
    def other_screen(self) -> Any:
        """A screen the main window is not on, or None (one screen: the officer turns it round)."""
        screens = QGuiApplication.screens()
        if len(screens) < 2:
            return None
        mine = self.host.window().screen() if self.host.window() is not None else None
        for screen in screens:
            if screen is not mine:
                return screen
        return None

    def citizen_screen(self) -> CitizenScreen | None:
        screen = self.other_screen()
        if screen is None:
            if self.citizen is not None:
                self.citizen.close()
                self.citizen.deleteLater()
                self.citizen = None
            return None
        if self.citizen is None:
            self.citizen = CitizenScreen(screen)
        elif self.citizen.screen() is not screen:
            self.citizen.place(screen)
        return self.citizen

    # ------------------------------------------------------------------ the rating
    def enabled(self, ctx: AppContext | None) -> bool:
        return ctx is not None and bool(ctx.config.section("rating").get("enabled", True))

    def offer(self, ctx: AppContext | None, code: str, occasion: str, *, details: dict[str, str] | None = None) -> None:
        """Open a rating of this visit (replacing an unanswered one). Call after the work is saved."""
        if not code or not self.enabled(ctx):
            return
        from counterapp.ratings.reasons import load_reasons
        from ui.session import current_officer

        self.close_rating()
        self.ctx = ctx
        officer = current_officer(ctx)
        citizen = self.citizen_screen()
        english = QLocale().language() == QLocale.Language.English  # the window's language (ui/i18n.py)
        reasons = [(r.code, r.en if english and r.en else r.label) for r in load_reasons(ctx.config)]
        panel = RatingPanel(reasons, big=citizen is not None)
        panel.set_code(code)
        panel.chosen.connect(lambda score, reasons: self._record(panel, code, score, reasons, occasion, officer))
        panel.dismissed.connect(lambda: self._finished(panel))
        self.panel = panel
        if citizen is not None:
            if details:
                citizen.view.show_details(**details)
            citizen.view.show_rating(panel)
        else:
            self.window = RatingWindow(panel)
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()
            panel.setFocus(Qt.FocusReason.OtherFocusReason)

    def _record(self, panel: RatingPanel, code: str, score: str, reasons: list[str], occasion: str,
                officer: Any) -> None:
        from counterapp.ratings import record_rating

        def done(_info: Any) -> None:
            self.recorded.emit(code, score)
            if panel is self.panel:
                panel.thank()
                QTimer.singleShot(THANKS_MS, self, lambda: self._finished(panel))

        def failed(exc: BaseException) -> None:  # a rating that could not be stored is not worth a box
            from ui.messages import for_window

            log.warning("rating of %s not recorded: %s", code, exc)
            if panel is self.panel:
                panel.status.setText(for_window(str(exc)))
                QTimer.singleShot(THANKS_MS * 2, self, lambda: self._finished(panel))

        (BackgroundOp(self, record_rating, self.ctx, code, score, reasons=reasons, occasion=occasion,
                      officer=officer).success(done).failure(failed).run())

    def _finished(self, panel: RatingPanel) -> None:
        if panel is self.panel:
            self.close_rating()

    def close_rating(self) -> None:
        """Take an open rating away (answered or not): nothing more is recorded for it."""
        panel, window = self.panel, self.window
        self.panel = self.window = None
        if window is not None:
            had_keyboard = window.isActiveWindow()
            window.close()
            host = self.host.window()
            if had_keyboard and host is not None and host.isVisible():
                host.activateWindow()  # the keyboard goes back to the officer's page
        if self.citizen is not None and panel is not None:
            self.citizen.view.show_details()  # blank: the next citizen never sees this one's details
        if panel is not None:
            self.closed.emit()

    def clear_citizen(self) -> None:
        """The citizen's screen goes blank (their visit ended without a rating)."""
        if self.citizen is not None:
            self.citizen.view.show_details()

    def is_open(self) -> bool:
        return self.panel is not None

    # ------------------------------------------------------------------ the intake mirror
    def intake_changed(self, page: Any) -> None:
        """The officer typed for the next citizen: an unanswered rating goes; with a second
        screen, the citizen sees what is recorded about them."""
        if getattr(page, "_loading", False):
            return
        if self.panel is not None and not getattr(self.panel, "_done", False):
            self.close_rating()
        citizen = self.citizen_screen() if self.enabled(getattr(page, "ctx", None)) else None
        if citizen is not None:
            citizen.view.show_details(**intake_details(page))


def intake_details(page: Any) -> dict[str, str]:
    """What the citizen screen shows of the intake on the page (read from its widgets)."""
    procedure = getattr(page, "procedure", None)
    applicant = getattr(page, "applicant", None)
    organization = bool(applicant is not None and page.is_organization_shown())
    name = page.org_name_edit.text() if organization else page.name_edit.text()
    return {
        "name": name.strip(),
        "id_number": (page.tax_code_edit.text() if organization else page.id_edit.text()).strip(),
        "procedure": procedure.name if procedure is not None else "",
        "appointment": page.time_limit_label.text().strip(),
    }
