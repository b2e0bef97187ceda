"""The print dialog (ui/printing/): the ledger asks for its dates, today at the site by default,
shows a preview and saves; a batch from a selection of rows is one preview and one PDF, logged
per dossier. Real window, real SQLite, Qt offscreen, the PDF read back with pdftotext."""

from __future__ import annotations

import json
import os
import subprocess
import time
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from counterapp.clock import site_today
from counterapp.db.engine import session_scope
from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.models import PrintRecord
from counterapp.dossiers.print_log import record_print
from counterapp.dossiers.queries import get_by_code
from tests.forms.test_cups_print import cups  # noqa: F401 - a fixture
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from ui.dates import site_qdate

PROCEDURE = "1.001193"
SITE_ZONE = "Pacific/Kiritimati"  # UTC+14
MACHINE_ZONE = "Pacific/Pago_Pago"  # UTC-11: 25 hours behind, so the PC's date is never the site's


@pytest.fixture
def far_apart(data_dir, monkeypatch):
    """The site's zone and the PC's zone on different dates at every hour of the day: a "today"
    taken from the PC (date.today(), QDate.currentDate()) is never the site's."""
    with (data_dir / "site.toml").open("a", encoding="utf-8") as site:
        site.write(f'\n[site]\ntimezone = "{SITE_ZONE}"\n')
    before = os.environ.get("TZ")
    os.environ["TZ"] = MACHINE_ZONE
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def _create(ctx, name: str) -> str:
    return create_dossier(ctx, {"procedure_code": PROCEDURE, "applicant": {"name": name, "phone": "0912000111"}},
                          "Cán bộ A").code


def _page(window):
    return window.dossier_pages.dossiers


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _records(ctx) -> list[PrintRecord]:
    with ctx.sessions() as session:
        return list(session.scalars(select(PrintRecord).order_by(PrintRecord.id)))


def test_the_ledger_defaults_to_today_at_the_site_and_includes_today(qtbot, far_apart, main_window, tmp_path):
    ctx = main_window.ctx
    zone = ctx.config.zone
    assert str(zone) == SITE_ZONE and date.today() != site_today(zone)  # the trap is set
    code = _create(ctx, "Hà Ly")  # received now: today at the site
    page = _page(main_window)
    page.ledger_button.click()
    dialog = page.ledger_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5000)
    assert dialog.from_date.date() == site_qdate(zone) == dialog.to_date.date()
    # The preview shows the range's pages, with today's dossier in it.
    qtbot.waitUntil(lambda: dialog.page_count() >= 1, timeout=30_000)
    assert "1 hồ sơ" in dialog.message.text()
    out = tmp_path / "so-theo-doi.pdf"
    dialog.save_pdf(out)  # `counterapp print ledger` in a child process
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    assert dialog.last_error is None and dialog.saved_path == out
    text = _pdf_text(out)
    today = site_today(zone)
    assert "SỔ THEO DÕI HỒ SƠ" in text and code in text and "Hà Ly" in text
    assert f"{today:%d/%m/%Y}" in text
    assert "Đã lưu" in page.message_label.text()
    ledger = [r for r in _records(ctx) if r.form == "ledger"]
    assert [json.loads(r.details_json) for r in ledger] == [{"from": today.isoformat(), "to": today.isoformat()}]
    # A range ending before today leaves today's dossier out, and says so before anything is printed.
    dialog.from_date.setDate(site_qdate(zone).addDays(-3))
    dialog.to_date.setDate(site_qdate(zone).addDays(-1))
    dialog.refresh()
    qtbot.waitUntil(lambda: "0 hồ sơ" in dialog.message.text(), timeout=30_000)
    dialog.to_date.setDate(site_qdate(zone).addDays(-5))
    assert "trước ngày bắt đầu" in dialog.message.text()
    dialog.reject()


def test_a_batch_from_three_selected_rows_is_one_preview_and_one_pdf(qtbot, main_window, tmp_path):
    ctx = main_window.ctx
    codes = [_create(ctx, name) for name in ("Nguyễn Văn An", "Đặng Thị Bình", "Lê Thị Lan")]
    _create(ctx, "Không Chọn")
    with session_scope(ctx.writer_sessions) as session:  # printed once at intake
        for code in codes:
            record_print(session, get_by_code(session, code), "receipt", "Cán bộ A", "printer", 2)
    page = _page(main_window)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    button = page.batch_print
    assert not button.available() and not button.actions_by_form["receipt"].isVisible()  # none selected
    main_window.tabs.setCurrentWidget(page)
    for n, code in enumerate(codes):  # a click, then Ctrl+click: as an officer selects rows
        index = page.model.index(page.model.find_code(code), 0)
        page.table.scrollTo(index)
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier,
                         page.table.visualRect(index).center())
    assert sorted(page.selected_codes()) == sorted(codes) and button.available()
    assert page.forms_menu_button.isEnabled() and button.actions_by_form["receipt"].isEnabled()
    button.actions_by_form["receipt"].trigger()
    qtbot.waitUntil(lambda: button.dialog is not None and button.dialog.isVisible(), timeout=20_000)
    dialog = button.dialog
    qtbot.waitUntil(lambda: dialog.page_count() == 6, timeout=30_000)  # two copies of three receipts
    assert "3 hồ sơ" in dialog.summary.text()
    out = tmp_path / "receipts.pdf"
    dialog.save_pdf(out)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.last_error is None
    text = _pdf_text(out)
    assert all(code in text for code in codes) and "Không Chọn" not in text
    qtbot.waitUntil(lambda: len(_records(ctx)) == 6, timeout=10_000)
    batch_rows = [r for r in _records(ctx) if r.target == "pdf"]
    with ctx.sessions() as session:
        ids = {get_by_code(session, c).id for c in codes}
    assert {r.dossier_id for r in batch_rows} == ids and all(r.reprint for r in batch_rows)
    dialog.reject()


def test_form_04_in_a_batch_goes_to_the_overdue_only(qtbot, main_window):
    from datetime import timedelta

    from counterapp.dossiers.lifecycle import set_status
    from counterapp.dossiers.models import Dossier

    ctx = main_window.ctx
    late, fresh = _create(ctx, "Trễ Hạn"), _create(ctx, "Đúng Hạn")
    set_status(ctx, late, 4, "Cán bộ A")
    with session_scope(ctx.writer_sessions) as session:  # its appointment passed two days ago
        dossier = session.scalar(select(Dossier).where(Dossier.code == late))
        dossier.due_at = dossier.current_due_at = dossier.received_at - timedelta(days=2)
    page = _page(main_window)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    page.table.selectAll()
    button = page.batch_print
    button.actions_by_form["apology"].trigger()
    qtbot.waitUntil(lambda: button.apology_dialog is not None and button.apology_dialog.isVisible(), timeout=5000)
    ask = button.apology_dialog
    ask.reason.setText("Chờ ý kiến cơ quan phối hợp")
    ask.supervisor.setText("Phạm Văn Tổ")
    ask.accept()
    qtbot.waitUntil(lambda: button.dialog is not None and button.dialog.isVisible(), timeout=20_000)
    dialog = button.dialog
    assert [e.code for e in dialog.job.batch.entries] == [late]
    assert [s.code for s in dialog.job.batch.skipped] == [fresh] and "chưa quá hạn" in dialog.summary.text()
    qtbot.waitUntil(lambda: dialog.page_count() == 1, timeout=30_000)
    with ctx.sessions() as session:
        assert get_by_code(session, late).reschedule_reason == "Chờ ý kiến cơ quan phối hợp"
        assert get_by_code(session, fresh).reschedule_reason is None
    dialog.reject()


def test_the_dialog_prints_on_the_chosen_cups_queue_and_remembers_it(qtbot, cups, main_window, monkeypatch):
    """A real cupsd of the test's own (tests/forms/test_cups_print.py); skipped where it cannot run."""
    import ctypes

    from counterapp.forms.printers import printer_for
    from tests.forms.test_cups_print import QUEUE, _completed, _job_output

    libcups = ctypes.CDLL("libcups.so.2")
    monkeypatch.setenv("CUPS_SERVER", cups["env"]["CUPS_SERVER"])
    libcups.cupsSetServer(None)  # libcups keeps the server it found first: read $CUPS_SERVER again
    try:
        ctx = main_window.ctx
        code = _create(ctx, "Vũ Thị Mai")
        page = _page(main_window)
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            page.reload()
        page.table.selectRow(page.model.find_code(code))
        button = page.batch_print
        button.actions_by_form["routing_slip"].trigger()
        qtbot.waitUntil(lambda: button.dialog is not None and button.dialog.isVisible(), timeout=20_000)
        dialog = button.dialog
        assert dialog.printer_combo.findData(QUEUE) >= 0
        dialog.printer_combo.setCurrentIndex(dialog.printer_combo.findData(QUEUE))
        dialog.print_now()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
        assert dialog.last_error is None and QUEUE in dialog.message.text()
        out = _job_output(cups, 0)
        assert code in _pdf_text(out) and len(_completed(cups["env"])) == 1
        assert printer_for(ctx.config, ctx.data_dir, "routing_slip") == QUEUE  # remembered for this form only
        assert printer_for(ctx.config, ctx.data_dir, "receipt") == ""
        qtbot.waitUntil(lambda: any(r.target == "printer" for r in _records(ctx)), timeout=10_000)
        dialog.reject()
    finally:
        monkeypatch.delenv("CUPS_SERVER")
        libcups.cupsSetServer(None)


def test_on_a_site_with_users_the_window_makes_the_ledger_itself(qtbot, main_window, tmp_path):
    """The child process would need the officer's password (the CLI signs people in): the window,
    where the officer is signed in, lays the ledger out on its GUI thread and logs it by name."""
    from counterapp.users.accounts import add_user
    from tests.gui.test_officers import _sign_in
    from ui.session import officer_session

    ctx = main_window.ctx
    add_user(ctx, "binhtv", "Trần Văn Bình", "officer", "mat-khau-1")
    try:
        _sign_in(qtbot, main_window, "binhtv", "mat-khau-1")
        code = _create(ctx, "Hà Ly")
        page = _page(main_window)
        page.print_ledger()
        dialog = page.ledger_dialog
        out = tmp_path / "ledger.pdf"
        dialog.save_pdf(out)
        assert dialog.job.process is None
        qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
        assert dialog.last_error is None and code in _pdf_text(out)
        ledger = [r for r in _records(ctx) if r.form == "ledger"]
        assert [(r.printed_by, r.target) for r in ledger] == [("Trần Văn Bình", "pdf")]
        dialog.reject()
    finally:
        officer_session().set_officer(None)


def test_one_dossier_s_form_uses_the_same_dialog(qtbot, main_window, tmp_path):
    """A reprint from the list: the same dialog (preview, printer, print or save), the preview
    logged as seen, the saved PDF logged as printed."""
    ctx = main_window.ctx
    code = _create(ctx, "Đỗ Văn Khoa")
    page = _page(main_window)
    page.open_code(code)
    qtbot.waitUntil(lambda: page.current_code() == code, timeout=10_000)
    page.reprint_receipt()
    qtbot.waitUntil(lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=20_000)
    dialog = page.preview_dialog
    assert dialog.objectName() == "printDialog" and dialog.from_date is None  # no dates for a receipt
    qtbot.waitUntil(lambda: dialog.page_count() == 2, timeout=30_000)
    out = tmp_path / "receipt.pdf"
    dialog.save_pdf(out)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.last_error is None and code in _pdf_text(out)
    qtbot.waitUntil(lambda: [r.target for r in _records(ctx)] == ["preview", "pdf"], timeout=10_000)
    assert json.loads(_records(ctx)[1].details_json)["file"] == str(out)
    dialog.reject()
