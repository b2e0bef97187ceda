"""The person a procedure is about, in the intake window: a compact block under the
applicant for khai sinh (the child), none for a procedure about the applicant alone; what it
holds is saved with the dossier, its errors sit by its fields, and nothing of it is left for
the next dossier (real SQLite, Qt offscreen, keys like an officer)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from counterapp.dossiers.queries import get_by_code
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from tests.gui.test_intake import CARD, PROCEDURE, _hand_in_all, _pick_procedure
from tests.gui.typing import press, type_text

NO_SUBJECT = "1.004873"  # Thủ tục cấp Giấy xác nhận tình trạng hôn nhân: about the applicant alone


def test_the_block_shows_for_khai_sinh_and_not_for_a_procedure_about_the_applicant(qtbot, main_window):
    page = _pick_procedure(qtbot, main_window)
    block = page.subject
    assert block.isVisible() and block.title() == "Trẻ được khai sinh"
    offered = [block.relationship_combo.itemText(i) for i in range(block.relationship_combo.count())]
    assert offered[:3] == ["", "cha", "mẹ"] and "người được ủy quyền" in offered
    assert not block.authorisation_edit.isVisible()  # only for an authorised applicant
    block.relationship_combo.setCurrentIndex(offered.index("người được ủy quyền"))
    assert block.authorisation_edit.isVisible()
    page.confirm = lambda title, text: True
    page.start(NO_SUBJECT)
    assert page.procedure_code == NO_SUBJECT and not block.isVisible()
    assert page.build_request()["subject"] is None
    # Enter from the applicant's last field goes straight on to the checklist there
    page.email_edit.setFocus()
    press(page.email_edit, Qt.Key.Key_Return)
    assert page.checklist.rows[0].entry().hasFocus()


def test_the_wheel_does_not_change_the_relationship(qtbot, main_window):
    page = _pick_procedure(qtbot, main_window)
    combo = page.subject.relationship_combo
    combo.setCurrentIndex(2)
    page.name_edit.setFocus()
    pos = QPointF(combo.rect().center())
    event = QWheelEvent(pos, QPointF(combo.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(combo, event)
    assert combo.currentIndex() == 2


def test_saved_with_the_dossier_errors_by_the_fields_nothing_left_after(qtbot, main_window):
    page = _pick_procedure(qtbot, main_window)
    type_text(page.name_edit, CARD)
    qtbot.waitUntil(lambda: page.name_edit.text() == "Trần Văn Bình", timeout=3000)
    _hand_in_all(page)
    block = page.subject
    type_text(block.name_edit, "Trần Minh An")
    type_text(block.dob_edit, "20/11/2025")
    page.save()  # no relationship: refused, the error by its field, nothing saved
    qtbot.waitUntil(page.error_banner.isVisible, timeout=10_000)
    assert "Thiếu quan hệ" in page.error_text("subject.relationship")
    assert block.relationship_combo.hasFocus() and page.last_result is None
    press(block.relationship_combo, Qt.Key.Key_M)  # "mẹ"... the card says a man: the officer picks "cha"
    block.relationship_combo.setCurrentIndex(block.relationship_combo.findText("cha"))
    assert page.error_text("subject.relationship") == "" and not page.error_banner.isVisible()
    page.save()
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=20_000)
    page.preview_dialog.reject()
    with main_window.ctx.sessions() as s:
        dossier = get_by_code(s, page.last_result.code)
        assert dossier.applicant_name == "Trần Văn Bình"
        assert (dossier.subject_name, dossier.applicant_relationship) == ("Trần Minh An", "cha")
        assert dossier.subject_date_of_birth.isoformat() == "2025-11-20"
    # nothing of the child stays for the next dossier
    assert not block.isVisible() and block.subject() is None
    page.start(PROCEDURE)
    assert block.isVisible()
    assert block.name_edit.text() == block.dob_edit.text() == "" and block.relationship_combo.currentText() == ""
    assert page.error_text("subject.relationship") == ""


def test_a_draft_brings_the_child_back(qtbot, main_window):
    page = _pick_procedure(qtbot, main_window)
    type_text(page.name_edit, "Lê Thị Hoa")
    page.subject.relationship_combo.setCurrentIndex(page.subject.relationship_combo.findText("mẹ"))
    type_text(page.subject.name_edit, "Lê Minh Anh")
    request = page.build_request()
    page.confirm = lambda title, text: True
    page.new_intake()
    assert page.subject.subject() is None
    page.fill_from_request(request, checklist=None)
    assert page.subject.isVisible() and page.subject.name_edit.text() == "Lê Minh Anh"
    assert page.subject.relationship_combo.currentText() == "mẹ"
