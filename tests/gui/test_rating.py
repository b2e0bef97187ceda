"""The citizen's rating in the window (real SQLite, Qt offscreen): offered after the receipt of
an intake and after a result is handed over, recorded by one key, never required, never in the
way of the next citizen. Offscreen there is one screen only: the citizen-facing screen is tested
through its widget, with the controller told that the one screen is "the other one" (the only
stand-in here: a second monitor cannot exist under the offscreen platform)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import select

from counterapp.dossiers.intake import create_dossier
from counterapp.outbox import OutboxItem
from counterapp.ratings import RATING_OPERATION
from counterapp.ratings.models import Rating
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from tests.gui.typing import press, type_text
from ui.rating import rating_controller
from ui.rating.citizen_view import CitizenView

PROCEDURE = "1.001193"


def _gone(window) -> bool:
    import shiboken6

    return not shiboken6.isValid(window) or not window.isVisible()  # closed (and deleted on close)


def _ratings(ctx) -> list[Rating]:
    with ctx.sessions() as s:
        return list(s.scalars(select(Rating).order_by(Rating.id)))


def _intake(qtbot, window, name: str = "Nguyễn Thị Ánh", id_number: str = "001190012345"):
    """An intake typed on the page and saved (Ctrl+S): returns the page once the receipt shows."""
    page = window.dossier_pages.intake
    press(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.search_edit.hasFocus, timeout=2000)
    type_text(page.search_edit, "khai sinh")
    qtbot.waitUntil(lambda: page.results.count() > 0
                    and page.results.currentItem().data(Qt.ItemDataRole.UserRole) == PROCEDURE, timeout=3000)
    press(page.search_edit, Qt.Key.Key_Return)
    type_text(page.name_edit, name)
    type_text(page.id_edit, id_number)
    type_text(page.phone_edit, "0912345678")
    for row in page.checklist.rows[:3]:
        row.received.setChecked(True)
    page.last_result = None
    page.save()
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=20_000)
    return page


def test_after_an_intake_key_1_records_satisfied_for_that_dossier_and_officer(qtbot, main_window):
    page = _intake(qtbot, main_window)
    code = page.last_result.code
    controller = rating_controller(page)
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=5000)
    window = controller.window
    assert code in window.panel.prompt.text()
    assert page.last_result is not None and page.preview_dialog.isVisible()  # saved and printed first
    press(window.panel, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(_ratings(main_window.ctx)) == 1, timeout=10_000)
    [rating] = _ratings(main_window.ctx)
    assert (rating.dossier_code, rating.score, rating.occasion) == (code, "satisfied", "intake")
    assert rating.officer_name == "Nguyễn Văn Kiểm"  # the officer at the counter (site.toml)
    with main_window.ctx.sessions() as s:
        assert s.scalar(select(OutboxItem.entity_id).where(OutboxItem.operation == RATING_OPERATION)) == rating.uuid
    qtbot.waitUntil(lambda: controller.window is None and _gone(window), timeout=5000)  # thanks, then gone
    page.preview_dialog.reject()


def test_reasons_are_toggles_recorded_with_the_score(qtbot, main_window):
    page = _intake(qtbot, main_window)
    controller = rating_controller(page)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=5000)
    panel = controller.window.panel
    qtbot.mouseClick(panel.reason_buttons["time"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.reason_buttons["guidance"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.reason_buttons["guidance"], Qt.MouseButton.LeftButton)  # changed their mind
    qtbot.mouseClick(panel.buttons["unsatisfied"], Qt.MouseButton.LeftButton)  # a touch on the big button
    qtbot.waitUntil(lambda: len(_ratings(main_window.ctx)) == 1, timeout=10_000)
    [rating] = _ratings(main_window.ctx)
    assert rating.score == "unsatisfied" and rating.reasons == ["time"]
    page.preview_dialog.reject()


def test_esc_records_nothing_and_the_page_takes_the_next_citizen(qtbot, main_window):
    page = _intake(qtbot, main_window)
    first = page.last_result.code
    controller = rating_controller(page)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=5000)
    window = controller.window
    press(window.panel, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: controller.window is None and _gone(window), timeout=5000)
    page.preview_dialog.reject()
    # the next citizen is received at once, and their rating offered in its turn
    page = _intake(qtbot, main_window, "Trần Văn Bình", "001090054321")
    second = page.last_result.code
    assert second != first
    qtbot.waitUntil(lambda: controller.window is not None, timeout=5000)
    assert second in controller.window.panel.prompt.text()
    press(controller.window.panel, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: len(_ratings(main_window.ctx)) == 1, timeout=10_000)
    assert [(r.dossier_code, r.score) for r in _ratings(main_window.ctx)] == [(second, "normal")]
    page.preview_dialog.reject()


def test_an_unanswered_rating_never_blocks_the_next_intake(qtbot, main_window):
    page = _intake(qtbot, main_window)
    controller = rating_controller(page)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=5000)
    window = controller.window
    assert not window.isModal() and window.parent() is None
    page.preview_dialog.reject()
    # The officer goes on with the next citizen: the page takes the keys, the old rating goes.
    page.name_edit.setFocus()
    type_text(page.name_edit, "Lê Thị Cúc")
    assert page.name_edit.text() == "Lê Thị Cúc"
    qtbot.waitUntil(lambda: controller.window is None and _gone(window), timeout=5000)
    assert _ratings(main_window.ctx) == []


def test_returning_a_result_offers_a_rating_of_the_return(qtbot, main_window):
    from counterapp.dossiers.lifecycle import resolve_now

    ctx = main_window.ctx
    code = create_dossier(ctx, {"procedure_code": PROCEDURE, "applicant": {"name": "Đỗ Văn Khoa",
                                                                         "phone": "0912000111"}}, "Cán bộ A").code
    resolve_now(ctx, code, "Cán bộ A")
    page = main_window.dossier_pages.dossiers
    main_window.dossier_pages.show_list()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page._return_accepted(code, {"returned_to": None, "id_number": None, "applicant": True, "note": None})
    controller = rating_controller(page)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=5000)
    press(controller.window.panel, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: len(_ratings(ctx)) == 1, timeout=10_000)
    [rating] = _ratings(ctx)
    assert (rating.dossier_code, rating.occasion, rating.score) == (code, "return", "unsatisfied")
    assert rating.officer_name == "Nguyễn Văn Kiểm"  # who handed it over, not who received it


def test_citizen_view_shows_what_is_typed(qtbot):
    view = CitizenView()
    qtbot.addWidget(view)
    view.show_details(name="Nguyễn Thị Ánh", id_number="001190012345", procedure="Đăng ký khai sinh",
                      appointment="3 ngày làm việc")
    assert [view.text_of(k) for k in ("name", "id_number", "procedure", "appointment")] == [
        "Nguyễn Thị Ánh", "001190012345", "Đăng ký khai sinh", "3 ngày làm việc"]


def test_second_screen_follows_the_typing_then_offers_the_rating(qtbot, main_window, monkeypatch):
    from ui.rating.controller import RatingController

    # Offscreen has one screen: let it stand for the citizen's screen (the one stand-in here).
    monkeypatch.setattr(RatingController, "other_screen", lambda self: QGuiApplication.primaryScreen())
    page = main_window.dossier_pages.intake
    press(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.search_edit.hasFocus, timeout=2000)
    type_text(page.search_edit, "khai sinh")
    qtbot.waitUntil(lambda: page.results.count() > 0, timeout=3000)
    press(page.search_edit, Qt.Key.Key_Return)
    controller = rating_controller(page)
    type_text(page.name_edit, "Nguyễn Thị Ánh")
    qtbot.waitUntil(lambda: controller.citizen is not None
                    and controller.citizen.view.text_of("name") == "Nguyễn Thị Ánh", timeout=3000)
    view = controller.citizen.view
    assert "khai sinh" in view.text_of("procedure").lower()
    assert view.text_of("appointment")  # the time limit of the procedure
    type_text(page.id_edit, "00119001234")
    qtbot.waitUntil(lambda: view.text_of("id_number") == "00119001234", timeout=3000)
    type_text(page.id_edit, "5")  # the citizen sees each keystroke
    qtbot.waitUntil(lambda: view.text_of("id_number") == "001190012345", timeout=3000)
    assert controller.citizen.windowFlags() & Qt.WindowType.FramelessWindowHint
    # saved: the rating shows on the citizen's screen (big, touch), not in a window of the officer's
    type_text(page.phone_edit, "0912345678")
    for row in page.checklist.rows[:3]:
        row.received.setChecked(True)
    page.save()
    qtbot.waitUntil(lambda: page.last_result is not None and controller.panel is not None, timeout=20_000)
    assert controller.window is None and view.stack.currentWidget() is controller.panel
    qtbot.mouseClick(controller.panel.buttons["satisfied"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_ratings(main_window.ctx)) == 1, timeout=10_000)
    assert _ratings(main_window.ctx)[0].dossier_code == page.last_result.code
    # thanks, then the screen goes blank: the next citizen never sees this one's name
    qtbot.waitUntil(lambda: controller.panel is None, timeout=5000)
    assert view.stack.currentWidget() is view.details and view.text_of("name") == ""
    page.preview_dialog.reject()
    controller.citizen.close()


@pytest.fixture
def no_rating_site(data_dir):
    with (data_dir / "site.toml").open("a", encoding="utf-8") as f:
        f.write("\n[rating]\nenabled = false\n")
    return data_dir


def test_a_site_may_turn_the_rating_off(qtbot, no_rating_site, main_window):
    page = _intake(qtbot, main_window)
    assert page.last_result.code
    controller = rating_controller(page)  # the offer runs as the save completes (no wait needed)
    assert controller.window is None and controller.panel is None
    page.preview_dialog.reject()
