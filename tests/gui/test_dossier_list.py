"""The dossier list page and the dossier-code scanner (real SQLite, Qt offscreen)."""

from __future__ import annotations

import subprocess
from datetime import timedelta

from PySide6.QtCore import Qt

from counterapp.db.base import utcnow
from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.lifecycle import set_status
from counterapp.dossiers.models import PrintRecord
from counterapp.dossiers.queries import get_by_code
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from tests.gui.typing import press, type_text

PROCEDURE = "1.001193"


def _create(ctx, name: str, **extra) -> str:
    request = {"procedure_code": PROCEDURE, "applicant": {"name": name, "phone": "0912000111"}, **extra}
    return create_dossier(ctx, request, "Cán bộ A").code


def _page(window):
    return window.dossier_pages.dossiers


def _reload(qtbot, page):
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()


def _names(page) -> list[str]:
    return [page.model.row(i).applicant_name for i in range(page.model.rowCount())]


def test_list_filters_by_folded_name_and_status(qtbot, main_window):
    ctx = main_window.ctx
    codes = {n: _create(ctx, n) for n in ("Nguyễn Văn An", "Đặng Thị Bình", "Nguyễn Thị Lan")}
    set_status(ctx, codes["Nguyễn Thị Lan"], 4, "Cán bộ A")
    page = _page(main_window)
    press(main_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert main_window.tabs.currentWidget() is page and page.search_edit.hasFocus()
    _reload(qtbot, page)
    assert sorted(_names(page)) == sorted(codes)
    assert page.model.headers[0] == "Mã hồ sơ"
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        type_text(page.search_edit, "nguyen")  # no diacritics
    assert sorted(_names(page)) == ["Nguyễn Thị Lan", "Nguyễn Văn An"]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.status_combo.setCurrentIndex(page.status_combo.findData(4))
    assert _names(page) == ["Nguyễn Thị Lan"]
    status_col = page.model.COLUMNS.index("status")
    assert page.model.index(0, status_col).data() == "Đang xử lý"
    page.search_edit.clear()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        type_text(page.search_edit, "dang")  # Đ folds to d
    assert _names(page) == []  # status filter still 4
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.status_combo.setCurrentIndex(0)
    assert _names(page) == ["Đặng Thị Bình"]
    sync_col = page.model.COLUMNS.index("sync")
    assert page.model.index(0, sync_col).data() == "Chờ gửi"  # queued in the outbox, not sent yet


def test_a_given_name_finds_the_dossier_and_seeing_it_is_logged(qtbot, main_window):
    from counterapp.dossiers.access_log import access_entries

    ctx = main_window.ctx
    code = _create(ctx, "Hoàng Văn Thụ")
    _create(ctx, "Lê Thị Hồng")
    page = _page(main_window)
    press(main_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        type_text(page.search_edit, "van thu")  # the middle and given names, no diacritics
    assert _names(page) == ["Hoàng Văn Thụ"]
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: "Hoàng Văn Thụ" in page.details.toPlainText(), timeout=5000)

    def logged():
        with ctx.sessions() as s:
            return [(e.dossier_code, e.officer, e.action, e.channel) for e in access_entries(s)]

    qtbot.waitUntil(lambda: logged() == [(code, "Nguyễn Văn Kiểm", "view", "window")], timeout=5000)
    # the site's configured officer while nobody has signed in: never the OS account


def test_lazy_fetch_pages_through_many_dossiers(qtbot, main_window, monkeypatch):
    import ui.dossiers.table_model as list_page

    monkeypatch.setattr(list_page, "PAGE_SIZE", 3)
    for i in range(7):
        _create(main_window.ctx, f"Người nộp {i}")
    page = _page(main_window)
    _reload(qtbot, page)
    assert page.model.rowCount() == 3 and page.model.canFetchMore()
    for expected in (6, 7):
        with qtbot.waitSignal(page.model.page_appended, timeout=10_000):
            page.model.fetchMore()
        assert page.model.rowCount() == expected
    assert not page.model.canFetchMore()
    assert len(set(_names(page))) == 7


def test_scanned_dossier_code_opens_the_dossier_and_typing_is_untouched(qtbot, main_window):
    ctx = main_window.ctx
    code = _create(ctx, "Trịnh Văn Hải")
    _create(ctx, "Lý Thị Mai")
    view = main_window.catalog_view
    scanner = main_window.dossier_pages.scanner
    clock = [1000.0]
    step = [0.002]  # a scanner: a character every 2 ms

    def tick() -> float:
        clock[0] += step[0]
        return clock[0]

    scanner.clock = tick
    view.focus_search()
    type_text(view.search_edit, "ab")
    clock[0] += 2  # the officer paused, then scanned the receipt
    type_text(view.search_edit, code)  # a scanner's burst, then Enter
    press(view.search_edit, Qt.Key.Key_Return)
    page = _page(main_window)
    assert main_window.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: page.current_code() == code, timeout=10_000)
    assert view.search_edit.text() == "ab"  # the scan was taken back out of the field it hit
    assert "Trịnh Văn Hải" in page.details.toPlainText()

    # the same characters typed at a person's pace are ordinary typing
    step[0] = 0.3
    main_window.tabs.setCurrentWidget(view)
    view.search_edit.clear()
    view.focus_search()
    type_text(view.search_edit, code)
    with qtbot.waitSignal(view.procedure_chosen, timeout=2000, raising=False):
        press(view.search_edit, Qt.Key.Key_Return)
    assert main_window.tabs.currentWidget() is view and view.search_edit.text() == code


def test_mark_returned_reprint_and_apology(qtbot, main_window):
    ctx = main_window.ctx
    code = _create(ctx, "Đỗ Văn Khoa")
    late = _create(ctx, "Bùi Thị Hoa", received_at=(utcnow() - timedelta(days=40)).isoformat())
    page = _page(main_window)
    page.open_code(code)
    qtbot.waitUntil(lambda: page.current_code() == code, timeout=10_000)

    # reprint: preview, logged
    page.reprint_receipt()
    qtbot.waitUntil(lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=20_000)
    page.preview_dialog.reject()

    def prints(form: str) -> int:
        with ctx.sessions() as s:
            return s.query(PrintRecord).filter_by(dossier_id=get_by_code(s, code).id, form=form).count()

    qtbot.waitUntil(lambda: prints("receipt") == 1, timeout=5000)

    # Received, not processed: no result to return yet; resolved now at the counter, then returned.
    assert not page.return_button.isEnabled() and page.resolve_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    status_col = page.model.COLUMNS.index("status")
    row = page.model.find_code(code)
    assert page.model.index(row, status_col).data() == "Đã xử lý xong"
    qtbot.waitUntil(page.return_button.isEnabled, timeout=5000)
    assert not page.resolve_button.isEnabled()

    # who collected it: another person, with their ID number
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    dialog = page.return_dialog
    assert dialog.isVisible() and dialog.applicant.isChecked() and not dialog.name.isEnabled()
    dialog.applicant.setChecked(False)
    type_text(dialog.name, "Đỗ Thị Hằng")
    type_text(dialog.id_number, "001 190 012 345")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    row = page.model.find_code(code)
    assert page.model.index(row, status_col).data() == "Đã trả kết quả"
    with ctx.sessions() as s:
        d = get_by_code(s, code)
        assert d.status == 10 and d.returned_to == "Đỗ Thị Hằng" and d.returned_to_id_number == "001190012345"
        assert [c.to_status for c in d.status_changes] == [2, 9, 10]
    assert not page.return_button.isEnabled()
    assert "Đỗ Thị Hằng (001190012345)" in page.details.toPlainText()

    # the overdue one: the apology form with a new date; late, so a supervisor must approve
    page.search_edit.clear()
    page.overdue_check.setChecked(True)
    qtbot.waitUntil(lambda: [page.model.row(i).code for i in range(page.model.rowCount())] == [late], timeout=10_000)
    page.table.selectRow(0)
    assert page.apology_button.isEnabled()
    page.preview_dialog = None
    qtbot.mouseClick(page.apology_button, Qt.MouseButton.LeftButton)
    dialog = page.apology_dialog
    new_date = dialog.value()[0]
    assert new_date > utcnow()
    type_text(dialog.reason, "Chờ ý kiến cơ quan phối hợp")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "lãnh đạo" in page.message_label.text(), timeout=10_000)
    page.error_box.close()
    with ctx.sessions() as s:
        assert get_by_code(s, late).rescheduled_due_at is None  # refused: nothing written
    qtbot.mouseClick(page.apology_button, Qt.MouseButton.LeftButton)
    dialog = page.apology_dialog
    type_text(dialog.reason, "Chờ ý kiến cơ quan phối hợp")
    type_text(dialog.supervisor, "Phạm Văn Tổ")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=20_000)
    assert page.preview_dialog._counter_result.form == "apology"
    assert page.preview_dialog._counter_result.context["reason"] == "Chờ ý kiến cơ quan phối hợp"
    page.preview_dialog.reject()
    with ctx.sessions() as s:  # the new date is kept with the dossier, the original appointment too
        d = get_by_code(s, late)
        assert d.rescheduled_due_at == dialog.value()[0]
        assert d.due_at < d.rescheduled_due_at == d.current_due_at
        assert d.reschedule_supervisor == "Phạm Văn Tổ"
        assert d.status_changes[-1].supervisor == "Phạm Văn Tổ"
        assert "Chờ ý kiến cơ quan phối hợp" in d.status_changes[-1].note


def test_payment_is_recorded_and_the_fee_receipt_shows_the_time_of_payment(qtbot, main_window):
    ctx = main_window.ctx
    code = _create(ctx, "Lý Thị Mai", fees=[{"code": "LP01", "name": "Lệ phí đăng ký", "amount_vnd": 8000}],
                   received_at=(utcnow() - timedelta(hours=3)).isoformat())
    page = _page(main_window)
    page.open_code(code)
    qtbot.waitUntil(lambda: page.current_code() == code, timeout=10_000)
    qtbot.waitUntil(page.pay_button.isEnabled, timeout=5000)
    assert "chưa thu" in page.details.toPlainText()
    qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)
    dialog = page.payment_dialog
    dialog.method.setCurrentIndex(dialog.method.findData("transfer"))
    paid_at = (utcnow() - timedelta(hours=1)).astimezone(ctx.config.zone).replace(second=0, microsecond=0)
    from PySide6.QtCore import QDate, QDateTime, QTime

    dialog.when.setDateTime(QDateTime(QDate(paid_at.year, paid_at.month, paid_at.day),
                                      QTime(paid_at.hour, paid_at.minute)))
    page.preview_dialog = None
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=20_000)
    result = page.preview_dialog._counter_result
    assert result.form == "fee_receipt"
    assert result.context["collected_at"] == paid_at.strftime("%H:%M %d/%m/%Y")
    assert result.context["payment_method"] == "Chuyển khoản"
    page.preview_dialog.reject()
    with ctx.sessions() as s:
        [fee] = get_by_code(s, code).fees
        assert fee.paid and fee.paid_at == paid_at and fee.method == "transfer" and fee.paid_by
    qtbot.waitUntil(lambda: not page.pay_button.isEnabled(), timeout=10_000)


def test_pages_follow_the_language_switch(qtbot, main_window):
    _create(main_window.ctx, "Ngô Thị Liên")
    page = _page(main_window)
    _reload(qtbot, page)
    main_window.language_actions["en"].trigger()
    tabs = main_window.tabs
    qtbot.waitUntil(lambda: tabs.tabText(tabs.indexOf(page)) == "Dossiers (Ctrl+L)", timeout=2000)
    assert tabs.tabText(tabs.indexOf(main_window.dossier_pages.intake)) == "Intake (Ctrl+N)"
    assert page.model.headers[0] == "Dossier code"
    assert page.model.index(0, page.model.COLUMNS.index("status")).data() == "Received"
    assert main_window.dossier_pages.intake.save_button.text().replace("&", "").startswith("Save and print receipt")
    main_window.language_actions["vi"].trigger()
    qtbot.waitUntil(lambda: tabs.tabText(tabs.indexOf(page)) == "Danh sách hồ sơ (Ctrl+L)", timeout=2000)


def test_ledger_for_the_chosen_dates_is_printed_in_a_child_process(qtbot, main_window, tmp_path):
    """The ledger button opens the print dialog (tests/gui/test_print_dialog.py has the dates);
    its PDF is made by `counterapp print ledger` in a child process."""
    ctx = main_window.ctx
    code = _create(ctx, "Hà Ly")
    page = _page(main_window)
    _reload(qtbot, page)
    page.print_ledger()
    dialog = page.ledger_dialog
    out = tmp_path / "ledger.pdf"
    dialog.save_pdf(out)
    assert dialog.job.process is not None  # a child process, not this one
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    assert dialog.last_error is None
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "SỔ THEO DÕI HỒ SƠ" in text and code in text and "Hà Ly" in text
    assert "Đã lưu" in page.message_label.text()
    dialog.reject()


def test_the_window_removes_old_personal_data_when_the_site_says_so(qtbot, data_dir):
    from datetime import timedelta

    from sqlalchemy import update

    from counterapp.app import open_app
    from counterapp.db import session_scope
    from counterapp.db.base import utcnow
    from counterapp.dossiers.lifecycle import mark_returned, resolve_now
    from counterapp.dossiers.models import Dossier
    from counterapp.outbox import OutboxItem
    from ui.main_window import open_window

    ctx = open_app(data_dir)
    code = _create(ctx, "Đỗ Văn Cũ")
    resolve_now(ctx, code, "Cán bộ A")
    mark_returned(ctx, code, "Đỗ Văn Cũ", officer="Cán bộ A")
    with session_scope(ctx.sessions) as s:
        s.execute(update(OutboxItem).values(state="synced", settled_at=utcnow()))
        s.execute(update(Dossier).values(updated_at=utcnow() - timedelta(days=400), version=Dossier.version))
    ctx.close()
    (data_dir / "site.toml").write_text("[privacy]\nkeep_days = 365\n", encoding="utf-8")

    window = open_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        window.show()
    try:
        qtbot.waitUntil(lambda: "Đã xóa thông tin cá nhân của 1 hồ sơ" in window.statusBar().currentMessage(),
                        timeout=10_000)
        page = _page(window)
        window.dossier_pages.show_list()
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            type_text(page.search_edit, code)
        assert _names(page) == [""]
        page.table.selectRow(0)
        qtbot.waitUntil(lambda: "đã xóa khỏi máy này" in page.details.toPlainText(), timeout=5000)
    finally:
        window.close()
        window.ctx.close()


def test_the_access_log_dialog_shows_who_opened_and_printed_what(qtbot, main_window):
    from counterapp.db import session_scope
    from counterapp.dossiers.access_log import record_view_by_code
    from counterapp.dossiers.print_log import record_print

    ctx = main_window.ctx
    seen = _create(ctx, "Vũ Thị Xem")
    printed = _create(ctx, "Bùi Văn In")
    record_view_by_code(ctx, seen, "Cán bộ Xem")
    with session_scope(ctx.sessions) as s:
        record_print(s, get_by_code(s, printed), "receipt", "Cán bộ In", "printer")
    main_window.dossier_pages.access_log_action.trigger()
    dialog = main_window.dossier_pages.access_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=5000)
    rows = [[dialog.table.item(r, c).text() for c in range(5)] for r in range(2)]
    assert rows[0][1:] == [printed, "Cán bộ In", "In (giấy tiếp nhận)", "Máy in"]  # newest first
    assert rows[1][1:] == [seen, "Cán bộ Xem", "Xem chi tiết", "Cửa sổ"]
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        type_text(dialog.officer_edit, "Cán bộ Xem")
    assert dialog.table.rowCount() == 1 and dialog.count_label.text() == "1 lượt"
    dialog.close()
