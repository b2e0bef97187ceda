"""The dashboard tab in the real window (Qt offscreen, real SQLite) on the known data set of
tests/reports/dashboard_data.py: each tile shows its number, opening a tile lists exactly the
dossiers behind it, the queue actions work, and the tab follows the `statistics` role.

The one stand-in: the page computes at the data set's "now" (Wednesday 4 March 2026, 10:00)
through its `clock` attribute, since the machine's clock cannot be set back to that day.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from counterapp.officer import Officer
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from tests.gui.typing import press, type_text
from tests.reports import dashboard_data as data
from ui.session import officer_session


@pytest.fixture(autouse=True)
def _signed_out():
    officer_session().set_officer(None)
    yield
    officer_session().set_officer(None)


@pytest.fixture
def dashboard(qtbot, main_window):
    data.load(main_window.ctx)
    page = main_window.dashboard.page
    page.clock = lambda: data.NOW
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        press(main_window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert main_window.tabs.currentWidget() is page
    return main_window, page


def _wait_loaded(qtbot, page, action) -> None:  # noqa: ANN001
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        action()


def test_each_tile_shows_its_number_and_says_whose_figures_they_are(dashboard):
    _window, page = dashboard
    shown = {key: tile.number_label.text() for key, tile in page.tiles.tiles.items()}
    assert shown == {k: str(len(v)) for k, v in data.ANSWERS.items()}
    assert page.tiles.tiles["overdue"].accessibleName() == "Quá hạn: 5"
    assert "04/03/2026" in page.title_label.text()
    assert "quầy Q01" in page.scope_label.text() and "trên máy này" in page.scope_label.text()


@pytest.mark.parametrize("key", list(data.ANSWERS))
def test_activating_a_tile_lists_exactly_the_dossiers_behind_it(qtbot, dashboard, key):
    _window, page = dashboard
    tile = page.tiles.tiles[key]
    tile.setFocus()
    press(tile, Qt.Key.Key_Return)  # the keyboard opens it as a click does
    qtbot.waitUntil(lambda: page.list_dialog is not None and page.list_dialog.isVisible(), timeout=10_000)
    dialog = page.list_dialog
    assert set(dialog.codes()) == data.ANSWERS[key]
    assert dialog.table.rowCount() == len(data.ANSWERS[key]) == int(tile.number_label.text())
    dialog.reject()


def test_a_listed_dossier_opens_in_the_dossier_list(qtbot, dashboard):
    window, page = dashboard
    page.tiles.tiles["provisional"].click()
    qtbot.waitUntil(lambda: page.list_dialog is not None and page.list_dialog.isVisible(), timeout=10_000)
    dialog = page.list_dialog
    code = dialog.codes()[0]
    dossiers = window.dossier_pages.dossiers
    with qtbot.waitSignal(dossiers.loaded, timeout=10_000):
        dialog.open_button.click()
    assert window.tabs.currentWidget() is dossiers
    assert dossiers.current_code() == code


def test_the_queues_show_the_known_rows(dashboard):
    _window, page = dashboard
    panel = page.queues_panel
    assert panel.due_soon.keys() == data.DUE_SOON
    assert panel.overdue.keys() == [c for b in data.OVERDUE_BUCKETS.values() for c in b]
    assert panel.uncollected.keys() == data.UNCOLLECTED
    assert panel.follow_up.keys() == data.FOLLOW_UP
    assert "05/03" in panel.due_soon.title()
    assert "3 ngày" in panel.uncollected.title()


def test_call_shows_the_number_and_marks_the_call(qtbot, dashboard):
    _window, page = dashboard
    box = page.queues_panel.uncollected
    assert box.select("H49.22-260216-0001")
    box.button.click()
    dialog = page.actions.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.phone_label.text() == "0912000001"
    type_text(dialog.note, "hẹn chiều mai đến nhận")
    _wait_loaded(qtbot, page, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click)
    row = box.tree.findItems("H49.22-260216-0001", Qt.MatchFlag.MatchExactly, 0)[0]
    assert "Nguyễn Văn Kiểm" in row.text(5)  # "Đã gọi": when and who
    from sqlalchemy import select

    from counterapp.reports.marks import MARK_CALLED, QueueMark

    with page.ctx.sessions() as s:
        mark = s.scalar(select(QueueMark).where(QueueMark.kind == MARK_CALLED,
                                                QueueMark.reference == "H49.22-260216-0001"))
    assert (mark.by, mark.note) == ("Nguyễn Văn Kiểm", "hẹn chiều mai đến nhận")


def test_a_request_marked_followed_up_leaves_its_queue(qtbot, dashboard):
    _window, page = dashboard
    box = page.queues_panel.follow_up
    assert box.select("YC260226-Q01-0001")
    box.button.click()
    dialog = page.actions.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.phone_label.text() == "0913000001"
    _wait_loaded(qtbot, page, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click)
    assert box.keys() == ["YC260302-Q01-0001"]
    assert "YC260226-Q01-0001" in page.message_label.text()


def test_form_04_from_the_due_queue_gives_a_new_date_and_opens_the_preview(qtbot, dashboard):
    _window, page = dashboard
    box = page.queues_panel.due_soon
    code = "H49.22-260304-0002"
    assert box.select(code)
    box.button.click()
    dialog = page.actions.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.objectName() == "apologyDialog"
    type_text(dialog.reason, "Chờ xác minh của cơ quan cấp trên")
    type_text(dialog.supervisor, "Phạm Văn Tổ")  # the machine's today is past this appointment
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.actions.preview_dialog is not None, timeout=15_000)
    preview = page.actions.preview_dialog
    assert preview.objectName() == "formPreview" and code in preview.windowTitle()
    preview.reject()
    from counterapp.dossiers.queries import get_by_code

    with page.ctx.sessions() as s:
        dossier = get_by_code(s, code)
        assert dossier.reschedule_count == 1 and dossier.reschedule_reason == "Chờ xác minh của cơ quan cấp trên"
        assert dossier.due_at == data.at(3, 5, 16)  # the original appointment is kept


def test_the_tab_is_shown_only_to_roles_that_may_see_statistics(qtbot, dashboard):
    window, page = dashboard
    from counterapp.users.accounts import add_user

    index = window.tabs.indexOf(page)
    assert window.tabs.isTabVisible(index)  # no users yet: everyone sees it
    add_user(window.ctx, "binhtv", "Trần Văn Bình", "officer", "mat-khau-1")
    add_user(window.ctx, "totruong", "Phạm Văn Tổ", "supervisor", "mat-khau-2")
    officer_session().set_officer(Officer("binhtv", "Trần Văn Bình"), "officer")
    assert not window.tabs.isTabVisible(index)
    assert window.tabs.currentWidget() is not page
    press(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert window.tabs.currentWidget() is not page  # the shortcut does not open it either
    officer_session().set_officer(Officer("totruong", "Phạm Văn Tổ"), "supervisor")
    assert window.tabs.isTabVisible(index)


def _show_march_by_procedure(qtbot, page) -> None:  # noqa: ANN001
    from PySide6.QtCore import QDate

    panel = page.period_panel
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.day_edit.setDate(QDate(2026, 3, 4))
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.by_combo.setCurrentIndex(panel.by_combo.findData("procedure"))


def test_the_period_section_shows_the_report_cores_figures(qtbot, dashboard):
    from counterapp.reports.period import period_for, period_report

    _window, page = dashboard
    panel = page.period_panel
    _show_march_by_procedure(qtbot, page)
    assert panel.kind_combo.currentData() == "month"
    assert "01/03/2026 - 31/03/2026" in panel.title()
    with page.ctx.sessions() as s:
        report = period_report(s, page.ctx.config, period_for("month", data.NOW.date()), "procedure")
    # Received in March: the three of 4 March and the three of 2 March (the refusal is not received).
    assert panel.table.item(0, 1).text() == "6" == str(report.totals.received)
    assert panel.table.rowCount() == 1 + len(report.groups)
    for row, group in enumerate(report.groups, start=1):
        assert panel.table.item(row, 0).text() == group.label
        assert panel.table.item(row, 1).text() == str(group.received)
    assert "quầy này" in panel.source_label.text()


def test_the_period_section_shows_the_citizens_satisfaction(qtbot, dashboard):
    """Two ratings in March, one satisfied: the totals row says 50 %; before any, a dash."""
    from datetime import UTC, datetime

    from sqlalchemy import select

    from counterapp.dossiers.models import Dossier
    from counterapp.ratings import record_rating
    from ui.dashboard.period_view import COLUMNS

    _window, page = dashboard
    panel = page.period_panel
    column = 1 + COLUMNS.index("satisfaction_rate")
    _show_march_by_procedure(qtbot, page)
    assert panel.table.horizontalHeaderItem(column).text() == "Hài lòng"
    assert panel.table.item(0, column).text() == "–"
    with page.ctx.sessions() as s:
        codes = s.scalars(select(Dossier.code).where(Dossier.status != 3).order_by(Dossier.id)).all()[:2]
    record_rating(page.ctx, codes[0], "satisfied", officer="Lê Thu Hà", at=datetime(2026, 3, 4, 3, tzinfo=UTC))
    record_rating(page.ctx, codes[1], "unsatisfied", officer="Lê Thu Hà", at=datetime(2026, 3, 4, 4, tzinfo=UTC))
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.by_combo.setCurrentIndex(panel.by_combo.findData("officer"))
    assert panel.table.item(0, column).text() == "50,0 %"


def test_the_period_exports_to_xlsx_and_pdf_through_the_save_dialog(qtbot, dashboard, tmp_path):
    import subprocess

    from openpyxl import load_workbook

    _window, page = dashboard
    _show_march_by_procedure(qtbot, page)
    export = page.period_export
    for kind, button in (("xlsx", export.xlsx_button), ("pdf", export.pdf_button)):
        out = tmp_path / f"march.{kind}"
        button.click()
        dialog = export.dialog
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        assert dialog.objectName() == "exportDialog"
        with qtbot.waitSignal(export.exported, timeout=20_000):
            dialog.selectFile(str(out))
            dialog.accept()
        assert out.exists() and str(out) in page.message_label.text()
    sheet = load_workbook(tmp_path / "march.xlsx").worksheets[0]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert 6 in cells  # received in March, a number, not text
    text = subprocess.run(["pdftotext", str(tmp_path / "march.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "01/03/2026" in text and "1.001193" in text


def test_on_a_site_with_users_the_tab_stays_hidden_until_a_supervisor_signs_in(qtbot, data_dir):
    # The page is built in idle time after start-up, while nobody is signed in yet: the tab it
    # gets must stay hidden (it replaced a hidden placeholder).
    from counterapp.app import open_app
    from counterapp.users.accounts import add_user
    from ui.main_window import open_window

    ctx = open_app(data_dir, seed_demo=False)
    add_user(ctx, "totruong", "Phạm Văn Tổ", "supervisor", "mat-khau-2")
    ctx.close()
    window = open_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        window.show()
    try:
        page = window.dashboard.tab.built_page
        assert page is not None  # built in idle time
        qtbot.waitUntil(lambda: not window.tabs.isTabVisible(window.tabs.indexOf(page)), timeout=5000)
        officer_session().set_officer(Officer("totruong", "Phạm Văn Tổ"), "supervisor")
        assert window.tabs.isTabVisible(window.tabs.indexOf(page))
    finally:
        window.ctx.close()
