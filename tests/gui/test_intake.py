"""The intake page, driven through the keyboard like an officer (real SQLite, Qt offscreen)."""

from __future__ import annotations

import json
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from counterapp.dossiers.intake import create_dossier, load_drafts
from counterapp.dossiers.models import PrintRecord
from counterapp.dossiers.queries import count_dossiers, get_by_code
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from tests.gui.typing import press, type_text
from ui.main_window import open_window

PROCEDURE = "1.001193"  # Thủ tục đăng ký khai sinh (demo catalog)
CARD = "001090012345|123456789|Trần Văn Bình|15031990|Nam|Số 12, Phường Hồng Gai, Thành phố Hạ Long, Quảng Ninh|01072021"


def _intake(window):
    return window.dossier_pages.intake


def _pick_procedure(qtbot, window, query: str = "khai sinh", code: str = PROCEDURE):
    page = _intake(window)
    press(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is page
    qtbot.waitUntil(page.search_edit.hasFocus, timeout=2000)
    type_text(page.search_edit, query)
    qtbot.waitUntil(lambda: page.results.count() > 0
                    and page.results.currentItem().data(Qt.ItemDataRole.UserRole) == code, timeout=3000)
    press(page.search_edit, Qt.Key.Key_Return)
    assert page.procedure_code == code
    assert page.name_edit.hasFocus()
    return page


def _drafts(window) -> list[str]:
    with window.ctx.sessions() as s:
        return [d.payload["request"]["applicant"]["name"] for d in load_drafts(s)]


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_typed_intake_saves_dossier_shows_code_appointment_and_receipt(qtbot, main_window, tmp_path):
    page = _pick_procedure(qtbot, main_window)
    type_text(page.name_edit, "Nguyễn Thị Ánh")
    press(page.name_edit, Qt.Key.Key_Return)  # Enter moves on to the next field
    assert page.id_edit.hasFocus()
    type_text(page.id_edit, "001190012345")
    press(page.id_edit, Qt.Key.Key_Return)
    press(page.old_id_edit, Qt.Key.Key_Return)
    type_text(page.dob_edit, "15/03/1990")
    type_text(page.phone_edit, "0912 345 678")
    type_text(page.street_edit, "Tổ 3, khu 5")
    # checklist: the form, the birth certificate and the ID were handed in; the abandoned-child
    # record, the surrogacy letter and the authorisation are conditional, required only when
    # ticked, and listed after the documents everybody brings
    rows = page.checklist.rows
    assert len(rows) == 6
    assert [r.case_box is not None for r in rows] == [False, False, False, True, True, True]
    assert [r.state.text().endswith("Thiếu") for r in rows] == [True, True, True, False, False, False]
    assert not any(r.case_box.isChecked() for r in rows[3:6])  # unticked by default
    assert page.missing_label.isVisible()
    for row in rows[:3]:
        row.received.setFocus()
        press(row.received, Qt.Key.Key_Space)
    assert not page.checklist.missing_rows() and not page.missing_label.isVisible()
    # ticking a case makes its document required
    press(rows[5].case_box, Qt.Key.Key_Space)
    assert page.checklist.missing_rows() == [rows[5]]
    press(rows[5].case_box, Qt.Key.Key_Space)
    assert not page.checklist.missing_rows()
    type_text(page.notes_edit, "Nộp thay cho con")
    press(page.notes_edit, Qt.Key.Key_Return)  # Enter on the last field saves

    qtbot.waitUntil(lambda: page.last_result is not None, timeout=20_000)
    result = page.last_result
    with main_window.ctx.sessions() as s:
        dossier = get_by_code(s, result.code)
        assert dossier is not None and dossier.status == 2
        assert dossier.applicant_name == "Nguyễn Thị Ánh" and dossier.phone == "0912345678"
        assert dossier.due_at is not None and dossier.notes == "Nộp thay cho con"
        assert [d.missing for d in dossier.documents] == [False, False, False]
        assert s.query(PrintRecord).filter_by(dossier_id=dossier.id, form="receipt").count() == 1
    from counterapp.forms.formatting import format_datetime

    banner = page.result_banner.text()
    assert page.result_banner.isVisible() and result.code in banner
    assert format_datetime(dossier.due_at, main_window.ctx.config.zone) in banner
    # the form is ready for the next applicant
    assert page.name_edit.text() == "" and page.procedure_code is None
    # the receipt opened in print preview; what it paints carries the code and the name
    dialog = page.preview_dialog
    assert dialog is not None and dialog.isVisible()
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    dialog.paintRequested.emit(printer)
    del printer
    text = _pdf_text(tmp_path / "preview.pdf")
    assert result.code in text and "Nguyễn Thị Ánh" in text
    assert result.code in _pdf_text(result.pdf_path)  # the PDF kept in the files folder
    dialog.reject()


def test_cccd_scan_into_any_field_fills_the_applicant_and_leaves_the_field(qtbot, main_window):
    page = _pick_procedure(qtbot, main_window)
    type_text(page.phone_edit, "09")
    page.phone_edit.setFocus()
    # a scanner that types the payload twice, with trailing empty fields and a NUL
    type_text(page.phone_edit, CARD + CARD + "||\x00")
    qtbot.waitUntil(lambda: page.name_edit.text() == "Trần Văn Bình", timeout=3000)
    qtbot.waitUntil(lambda: page.phone_edit.text() == "09", timeout=3000)
    assert page.id_edit.text() == "001090012345" and page.old_id_edit.text() == "123456789"
    assert page.dob_edit.text() == "15/03/1990" and page.sex_combo.currentData() == "Nam"
    assert page.province_combo.currentText() == "Quảng Ninh"
    assert page.commune_combo.currentText() == "Phường Hồng Gai"
    assert page.street_edit.text() == "Số 12"
    assert "001090012345" in page.info_banner.text()


def test_validation_errors_are_shown_by_their_fields_and_nothing_is_saved(qtbot, main_window):
    page = _pick_procedure(qtbot, main_window)
    type_text(page.id_edit, "12345")
    type_text(page.phone_edit, "abc")
    type_text(page.email_edit, "khong-phai-email")
    press(page.email_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.error_banner.isVisible, timeout=10_000)
    assert "Thiếu họ tên" in page.error_text("applicant.name")
    assert "12 chữ số" in page.error_text("applicant.id_number")
    assert "Số điện thoại không hợp lệ" in page.error_text("applicant.phone")
    assert "email" in page.error_text("applicant.email")
    assert page.name_edit.hasFocus()  # the first error's field
    assert page.last_result is None
    with main_window.ctx.sessions() as s:
        assert count_dossiers(s) == 0
    # no procedure at all: said next to the procedure search
    page.new_intake()
    type_text(page.name_edit, "Lê Văn Cường")
    page.save()
    qtbot.waitUntil(lambda: bool(page.error_text("procedure_code")), timeout=10_000)
    assert "Thiếu mã thủ tục" in page.error_text("procedure_code")
    assert page.search_edit.hasFocus()


def test_draft_survives_closing_and_is_offered_back_then_esc_discards(qtbot, main_window, data_dir):
    page = _pick_procedure(qtbot, main_window)
    type_text(page.name_edit, "Phạm Thị Dung")
    assert page.save_draft_now(background=True)  # what the 5-second timer does
    qtbot.waitUntil(lambda: _drafts(main_window) == ["Phạm Thị Dung"], timeout=5000)
    page.checklist.rows[0].received.setChecked(True)
    main_window.close()  # closing keeps what was typed as a draft
    with main_window.ctx.sessions() as s:
        assert len(load_drafts(s)) == 1

    reopened = open_window(data_dir)
    qtbot.addWidget(reopened)
    with qtbot.waitSignal(reopened.context_ready, timeout=30_000):
        reopened.show()
    try:
        page2 = _intake(reopened)
        assert not page2.drafts_frame.isHidden()
        assert len(page2.offered_drafts) == 1 and "Phạm Thị Dung" in page2.offered_drafts[0][1]
        page2.open_offered_draft()
        assert page2.name_edit.text() == "Phạm Thị Dung" and page2.procedure_code == PROCEDURE
        assert page2.checklist.rows[0].received.isChecked()
        assert not page2.checklist.rows[1].received.isChecked()
        # Esc asks, then discards the intake and its draft
        asked = []
        page2.confirm = lambda title, text: asked.append(text) or True
        reopened.tabs.setCurrentWidget(page2)
        page2.name_edit.setFocus()
        press(page2.name_edit, Qt.Key.Key_Escape)
        assert asked and page2.name_edit.text() == "" and page2.procedure_code is None
        with reopened.ctx.sessions() as s:
            assert load_drafts(s) == []
    finally:
        reopened.close()
        reopened.ctx.close()


def test_catalog_enter_starts_an_intake_with_that_procedure(qtbot, main_window):
    view = main_window.catalog_view
    view.focus_search()
    type_text(view.search_edit, PROCEDURE)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and view.model.hit(0).code == PROCEDURE, timeout=3000)
    press(view.search_edit, Qt.Key.Key_Return)
    page = _intake(main_window)
    assert main_window.tabs.currentWidget() is page and page.procedure_code == PROCEDURE
    assert page.name_edit.hasFocus()


def _hand_in_all(page) -> None:
    """Tick every required document of the checklist as handed in."""
    for row in page.checklist.rows:
        if row.case_box is None:
            row.received.setChecked(True)
    assert not page.checklist.missing_rows()


def test_ctrl_s_with_a_missing_document_offers_form_02_and_receives_nothing(qtbot, main_window):
    from counterapp.dossiers.completion import get_completion_request, list_completion_requests

    page = _pick_procedure(qtbot, main_window)
    type_text(page.name_edit, "Hoàng Văn Em")
    type_text(page.phone_edit, "0912345678")
    page.checklist.rows[0].received.setChecked(True)  # the form; the birth certificate and the ID are missing
    offered, asked = [], []
    page.choose_incomplete_action = lambda missing: offered.append(missing) or "completion"
    page.ask_text = lambda title, label, default="": asked.append(default) or default
    page.notes_edit.setFocus()
    press(page.notes_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=20_000)
    first = page.last_result
    assert len(offered) == 1 and offered[0][0].startswith("Giấy chứng sinh") and len(offered[0]) == 2
    assert asked == ["Hồ sơ chưa đầy đủ thành phần theo quy định"]
    assert first.form == "completion_request" and first.register_number and first.code == first.register_number
    text = " ".join(_pdf_text(first.pdf_path).split())
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and "Giấy chứng sinh" in text
    assert "Giấy tờ tùy thân" in text and "Tờ khai đăng ký khai sinh theo mẫu" not in text
    assert page.officer in text and f"Số: {first.register_number}" in text
    assert "CHƯA được tiếp nhận" in page.result_banner.text()
    page.preview_dialog.reject()
    with main_window.ctx.sessions() as s:
        assert count_dossiers(s) == 0  # not received: no dossier, no code
        rows = list_completion_requests(s)
        assert [r.number for r in rows] == [first.register_number]
        names = [m["name"] for m in rows[0].missing]
        assert len(names) == 2 and names[0].startswith("Giấy chứng sinh") and names[1].startswith("Giấy tờ tùy thân")
        assert load_drafts(s) == []  # the register holds the typed intake now

    # the applicant comes back: Ctrl+B reopens the request prefilled
    page.choose_item = lambda title, label, items: items[0]
    main_window.activateWindow()  # back from the print preview
    page.name_edit.setFocus()
    qtbot.waitUntil(page.name_edit.hasFocus, timeout=3000)
    press(page.name_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert page.completion_number == first.register_number
    assert page.name_edit.text() == "Hoàng Văn Em" and page.procedure_code == PROCEDURE
    assert page.checklist.rows[0].received.isChecked()
    assert [r.line.name for r in page.checklist.missing_rows()] == names
    assert page.checklist.rows[1].received.hasFocus()  # the first missing document
    for row in page.checklist.missing_rows():
        row.received.setFocus()
        press(row.received, Qt.Key.Key_Space)
    press(page.checklist.rows[5].received, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.last_result is not None and page.last_result.form == "receipt", timeout=20_000)
    receipt = page.last_result
    page.preview_dialog.reject()
    with main_window.ctx.sessions() as s:
        dossier = get_by_code(s, receipt.code)
        assert dossier.status == 2 and dossier.applicant_name == "Hoàng Văn Em"
        row = get_completion_request(s, first.register_number)
        assert (row.status, row.dossier_code) == ("received", receipt.code)
    assert page.completion_number is None


def test_everything_handed_in_is_received_and_refusal_is_offered(qtbot, main_window):
    page = _pick_procedure(qtbot, main_window)
    type_text(page.name_edit, "Vũ Thị Giang")
    page.ask_text = lambda title, label, default="": "Không thuộc thẩm quyền"
    page.choose_incomplete_action = lambda missing: "refusal"
    page.save()
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=20_000)
    refused = page.last_result
    assert refused.form == "refusal" and "Không thuộc thẩm quyền" in _pdf_text(refused.pdf_path)
    page.preview_dialog.reject()
    with main_window.ctx.sessions() as s:
        assert get_by_code(s, refused.code).status == 3

    page.start(PROCEDURE)
    type_text(page.name_edit, "Lê Thị Hoa")
    _hand_in_all(page)
    page.choose_incomplete_action = lambda missing: pytest.fail("nothing is missing")
    page.save()
    qtbot.waitUntil(lambda: page.last_result is not None and page.last_result.form == "receipt", timeout=20_000)
    page.preview_dialog.reject()
    with main_window.ctx.sessions() as s:
        assert get_by_code(s, page.last_result.code).status == 2


def test_backing_out_of_the_offer_keeps_the_form(qtbot, main_window):
    page = _pick_procedure(qtbot, main_window)
    type_text(page.name_edit, "Trịnh Văn Khải")
    page.choose_incomplete_action = lambda missing: None
    page.save()
    qtbot.waitUntil(lambda: page.pending_missing is not None, timeout=20_000)
    assert "KHÔNG tiếp nhận" in page.error_banner.text() and "Giấy chứng sinh" in page.error_banner.text()
    assert page.name_edit.text() == "Trịnh Văn Khải" and page.last_result is None
    assert page.checklist.rows[0].received.hasFocus()
    with main_window.ctx.sessions() as s:
        assert count_dossiers(s) == 0


def test_the_appointment_rule_is_explained_when_the_rule_says_how(qtbot, main_window):
    from counterapp.db.engine import session_scope
    from ui.intake import jobs

    page = _pick_procedure(qtbot, main_window)
    dossier = create_dossier(main_window.ctx, {"procedure_code": PROCEDURE, "applicant": {"name": "Một"}}, "A")
    rule_text = dossier.due_rule["rule_text"]  # what counterapp/calendar/rules.py said of this procedure
    assert rule_text
    explained = jobs.form_for_dossier(main_window.ctx, dossier.code, "receipt", "A", write_pdf=False)
    page._saved(explained)
    assert f"Cách tính ngày hẹn: {rule_text}" in page.result_banner.text()
    page.preview_dialog.reject()
    with session_scope(main_window.ctx.writer_sessions) as s:  # a dossier received before rules were explained
        stored = get_by_code(s, dossier.code)
        stored.due_rule_json = json.dumps({k: v for k, v in stored.due_rule.items() if k != "rule_text"})
    plain = jobs.form_for_dossier(main_window.ctx, dossier.code, "receipt", "A", write_pdf=False)
    page._saved(plain)
    assert "Cách tính" not in page.result_banner.text()
    page.preview_dialog.reject()


def test_low_number_blocks_warn_and_a_provisional_code_is_said_plainly(qtbot, data_dir):
    (data_dir / "site.toml").write_text(
        '[numbering]\nblocks = [[1, 2]]\nwarn_below = 5\n[officer]\nfull_name = "Nguyễn Văn Kiểm"\n', encoding="utf-8"
    )
    window = open_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        window.show()
    try:
        page = _intake(window)
        assert not page.numbers_banner.isHidden() and "còn 2 số" in page.numbers_banner.text()
        for name in ("Một", "Hai"):
            create_dossier(window.ctx, {"procedure_code": PROCEDURE, "applicant": {"name": name}}, "Cán bộ A")
        page.refresh_numbers_banner()
        assert "MÃ TẠM" in page.numbers_banner.text()
        page.start(PROCEDURE)
        type_text(page.name_edit, "Đinh Công Tráng")
        _hand_in_all(page)
        page.save()
        qtbot.waitUntil(lambda: page.last_result is not None, timeout=20_000)
        assert page.last_result.provisional and "TAM" in page.last_result.code
        assert "MÃ TẠM" in page.result_banner.text()
        page.preview_dialog.reject()
    finally:
        window.close()
        window.ctx.close()


def test_keyboard_tab_order_and_organization_applicant(qtbot, main_window):
    page = _pick_procedure(qtbot, main_window)
    page.summary_edit.setFocus()
    press(page.summary_edit, Qt.Key.Key_Tab)
    assert page.checklist.rows[0].received.hasFocus()  # the checklist follows the reception fields
    page.notes_edit.setFocus()
    press(page.notes_edit, Qt.Key.Key_Tab)
    assert page.save_button.hasFocus()
    # an organization: its name and tax code are asked for
    page.kind_org.setChecked(True)
    assert page.is_organization_shown()
    type_text(page.tax_code_edit, "12345")
    page.save()
    qtbot.waitUntil(page.error_banner.isVisible, timeout=10_000)
    assert "Thiếu tên tổ chức" in page.error_text("applicant.org_name")
    assert "10 hoặc 13 chữ số" in page.error_text("applicant.tax_code")
    assert page.org_name_edit.hasFocus()
    type_text(page.org_name_edit, "Công ty TNHH Hạ Long Xanh")
    page.tax_code_edit.setText("5701234567")
    type_text(page.name_edit, "Lưu Văn Nam")
    _hand_in_all(page)
    page.save()
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=20_000)
    page.preview_dialog.reject()
    with main_window.ctx.sessions() as s:
        d = get_by_code(s, page.last_result.code)
        assert d.applicant_kind == "organization" and d.applicant_name == "Công ty TNHH Hạ Long Xanh"
        assert d.tax_code == "5701234567" and d.representative == "Lưu Văn Nam"


def test_wheel_over_an_unfocused_combo_scrolls_the_form_and_keeps_its_value(qtbot, main_window):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    page = _pick_procedure(qtbot, main_window)
    page.scroll.setFixedHeight(250)  # a small screen: the applicant column scrolls
    qtbot.waitUntil(lambda: page.scroll.verticalScrollBar().maximum() > 0, timeout=3000)
    combo = page.province_combo
    combo.setCurrentIndex(3)
    before = combo.currentIndex()
    bar = page.scroll.verticalScrollBar()
    bar.setValue(0)
    page.name_edit.setFocus()
    assert not combo.hasFocus()
    target = combo.lineEdit()
    pos = QPointF(target.rect().center())
    for _ in range(3):  # wheel down three notches over the combo
        event = QWheelEvent(pos, QPointF(target.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(target, event)
    assert combo.currentIndex() == before  # the province did not change under the wheel
    assert bar.value() > 0  # the form scrolled instead
    # a spin box the pointer passes over is left alone too
    spin = page.sets_spin
    value = spin.value()
    event = QWheelEvent(QPointF(5, 5), QPointF(spin.mapToGlobal(QPoint(5, 5))), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(spin, event)
    assert spin.value() == value


def test_the_dossier_and_its_draft_name_the_officer_signed_in_at_that_moment(qtbot, main_window):
    from counterapp.officer import Officer
    from ui.session import officer_session

    page = _pick_procedure(qtbot, main_window)
    session = officer_session()
    try:
        # someone else signs in after the page was built: the next actions carry their name
        session.set_officer(Officer("lan", "Phạm Thị Lan"))
        type_text(page.name_edit, "Vũ Văn Hải")
        page.save_draft_now()
        with main_window.ctx.sessions() as s:
            drafts = load_drafts(s)
            assert [d.officer for d in drafts] == ["Phạm Thị Lan"]
        _hand_in_all(page)
        page.save()
        qtbot.waitUntil(lambda: page.last_result is not None, timeout=20_000)
        page.preview_dialog.reject()
        with main_window.ctx.sessions() as s:
            assert get_by_code(s, page.last_result.code).officer == "Phạm Thị Lan"
    finally:
        session.set_officer(None)


def _inside_viewport(area, widget) -> bool:
    top_left = widget.mapTo(area.viewport(), widget.rect().topLeft())
    bottom_right = widget.mapTo(area.viewport(), widget.rect().bottomRight())
    return area.viewport().rect().contains(top_left) and area.viewport().rect().contains(bottom_right)


def test_scan_then_checklist_by_keys_rows_stay_in_sight_and_enter_saves(qtbot, main_window):
    page = _pick_procedure(qtbot, main_window)
    page.checklist_scroll.setFixedHeight(110)  # a small screen: the checklist scrolls
    type_text(page.name_edit, CARD)  # the scanner types into the focused field
    qtbot.waitUntil(lambda: page.id_edit.text() == "001090012345", timeout=3000)
    assert page.name_edit.text() == "Trần Văn Bình"
    assert page.applicant.collapsed and "Trần Văn Bình" in page.applicant.card_summary.text()
    assert page.phone_edit.hasFocus()  # the first field the card does not carry
    type_text(page.phone_edit, "0912345678")
    press(page.phone_edit, Qt.Key.Key_Return)
    press(page.email_edit, Qt.Key.Key_Return)  # the last applicant field: on to the child (khai sinh)
    assert page.subject.relationship_combo.hasFocus()
    press(page.subject.relationship_combo, Qt.Key.Key_C)  # a letter picks: "cha"
    press(page.subject.relationship_combo, Qt.Key.Key_Return)
    assert page.subject.name_edit.text() == "Trần "  # the father's surname, to type on from
    qtbot.waitUntil(lambda: not page.subject.name_edit.hasSelectedText(), timeout=1000)
    type_text(page.subject.name_edit, "Minh An")
    press(page.subject.name_edit, Qt.Key.Key_Return)  # the child's name: on to the checklist
    rows = page.checklist.rows
    assert rows[0].received.hasFocus()
    press(rows[0].received, Qt.Key.Key_Space)
    assert rows[0].received.isChecked() and not rows[0].missing()
    press(rows[0].received, Qt.Key.Key_Down)
    assert rows[1].received.hasFocus()
    press(rows[1].received, Qt.Key.Key_2)  # a digit: the count of the focused row
    assert rows[1].originals.value() == 2 and not rows[1].missing()
    press(rows[1].received, Qt.Key.Key_Down)
    assert rows[2].received.hasFocus()  # the documents everybody brings come first
    press(rows[2].received, Qt.Key.Key_Space)
    press(rows[2].received, Qt.Key.Key_Down)
    # then the cases: a conditional row is inactive until its case is ticked, the focus lands on the case tick
    assert not rows[3].received.isEnabled() and rows[3].case_box.hasFocus()
    for i in (4, 5):
        press(main_window.focusWidget(), Qt.Key.Key_Down)
        assert rows[i].entry().hasFocus()
        qtbot.waitUntil(lambda i=i: _inside_viewport(page.checklist_scroll, rows[i].entry()), timeout=2000)
    press(rows[5].case_box, Qt.Key.Key_Up)
    assert rows[4].case_box.hasFocus()
    press(rows[4].case_box, Qt.Key.Key_Space)  # this case applies: its document is now asked for
    assert rows[4].received.isEnabled() and rows[4].received.hasFocus() and rows[4].missing()
    press(rows[4].received, Qt.Key.Key_Space)
    assert not page.checklist.missing_rows()
    qtbot.waitUntil(lambda: _inside_viewport(page.checklist_scroll, rows[4].received), timeout=2000)
    press(rows[4].received, Qt.Key.Key_Return)  # Enter in the checklist: on to Save
    assert page.save_button.hasFocus()
    press(page.save_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=20_000)
    page.preview_dialog.reject()
    with main_window.ctx.sessions() as s:
        dossier = get_by_code(s, page.last_result.code)
        assert dossier.applicant_name == "Trần Văn Bình" and dossier.phone == "0912345678"
        assert (dossier.subject_name, dossier.applicant_relationship) == ("Trần Minh An", "cha")
        assert len(dossier.documents) == 4  # three ordinary documents and the ticked case


def test_nothing_of_the_previous_dossier_is_left_after_save_or_discard(qtbot, main_window):
    page = _pick_procedure(qtbot, main_window)
    type_text(page.name_edit, CARD)
    qtbot.waitUntil(lambda: page.info_banner.isVisible(), timeout=3000)
    page.expand_applicant()
    page.id_edit.setText("")
    type_text(page.id_edit, "123")
    type_text(page.phone_edit, "abc")
    page.save()
    qtbot.waitUntil(page.error_banner.isVisible, timeout=10_000)
    assert page.error_text("applicant.id_number") and page.error_text("applicant.phone")
    # an error goes as soon as its field is fixed; the banner goes with the last one
    page.id_edit.setFocus()
    page.id_edit.selectAll()
    type_text(page.id_edit, "001090012345")
    assert page.error_text("applicant.id_number") == "" and page.error_banner.isVisible()
    page.phone_edit.setFocus()
    page.phone_edit.selectAll()
    type_text(page.phone_edit, "0912345678")
    assert page.error_text("applicant.phone") == "" and not page.error_banner.isVisible()
    # a missing document row error goes once the document is ticked
    assert page.missing_label.isVisible() and page.summary_edit.placeholderText()
    # Esc discards: nothing of this applicant stays on the page
    page.confirm = lambda title, text: True
    press(page.phone_edit, Qt.Key.Key_Escape)
    assert page.is_empty() and page.procedure_code is None
    for widget in (page.info_banner, page.error_banner, page.missing_label, page.result_banner):
        assert widget.isHidden(), widget.objectName()
    assert page.summary_edit.placeholderText() == "" and not page.applicant.collapsed
    assert not page.applicant.card_summary.isVisible() and page.name_edit.isVisible()
    # after a save: the result stays until the next dossier begins, nothing else does
    page.start(PROCEDURE)
    type_text(page.name_edit, CARD)
    qtbot.waitUntil(lambda: page.name_edit.text() == "Trần Văn Bình", timeout=3000)
    _hand_in_all(page)
    page.save()
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=20_000)
    page.preview_dialog.reject()
    assert page.result_banner.isVisible()
    for widget in (page.info_banner, page.error_banner, page.missing_label):
        assert widget.isHidden(), widget.objectName()
    assert page.summary_edit.placeholderText() == "" and page.name_edit.text() == ""
    page.start(PROCEDURE)
    assert page.result_banner.isHidden()  # a new dossier has begun


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_procedure_applicant_and_checklist_fit_the_screen_after_a_scan(qtbot, main_window, size):
    main_window.setWindowState(Qt.WindowState.WindowNoState)
    main_window.resize(*size)
    page = _pick_procedure(qtbot, main_window)
    type_text(page.name_edit, CARD)
    qtbot.waitUntil(lambda: page.name_edit.text() == "Trần Văn Bình", timeout=3000)
    qtbot.wait(50)  # the layout settles
    if main_window.size().height() > size[1]:  # the window's minimum: the screen is not this small
        pytest.skip(f"the window cannot be {size}")
    assert page.scroll.verticalScrollBar().maximum() == 0  # the left column does not scroll
    for widget in (page.procedure_label, page.applicant.card_summary, page.phone_edit, page.subject.name_edit):
        assert widget.isVisible() and _inside_viewport(page.scroll, widget), widget.objectName()
    for row in page.checklist.rows:  # every document row in sight without scrolling
        assert _inside_viewport(page.checklist_scroll, row.entry()), row.line.name
    assert page.save_button.isVisible()
