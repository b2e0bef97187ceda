"""Core messages ("tiếng Việt / English") shown in one language in the window (ui/messages.py).

The messages below are the core's own: made by calling the core where that is cheap, else copied
from counterapp/ and sync/ as they are written there (with sample values filled in).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from counterapp.db.base import utcnow
from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.intake_request import DossierNotFound, FieldError, IncompleteDossier, IntakeError
from counterapp.dossiers.status import transition_refusal
from counterapp.users.roles import ACTIONS, require
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from tests.gui.typing import type_text
from ui.i18n import install_language
from ui.messages import for_window, localize


def _role_refusal() -> str:
    try:
        require("officer", list(ACTIONS)[-1], "Lê Văn Tám")
    except Exception as exc:  # noqa: BLE001  (the core's PermissionError)
        return str(exc)
    raise AssertionError("an officer may do everything?")


_INCOMPLETE = str(IncompleteDossier([{"name": "Tờ khai đăng ký khai sinh"}, {"name": "Bản sao CCCD/CMND"}]))

# (core message, Vietnamese window, English window)
CASES = [
    ("thiếu giá trị bắt buộc / required value missing", "thiếu giá trị bắt buộc", "required value missing"),
    ("cần số nguyên / expected a whole number, got 'x'", "cần số nguyên", "expected a whole number, got 'x'"),
    ("Chưa nhập mã hồ sơ / no dossier code entered", "Chưa nhập mã hồ sơ", "no dossier code entered"),
    ("Không tìm thấy hồ sơ H01.2026.0001 / dossier not found", "Không tìm thấy hồ sơ H01.2026.0001",
     "dossier not found"),
    (str(DossierNotFound("H01.2026.0002")), "Không tìm thấy hồ sơ H01.2026.0002", "no dossier with code H01.2026.0002"),
    ("Không nhận loại tệp a.doc (chỉ PDF, JPEG, PNG, TIFF) / only PDF, JPEG, PNG, TIFF files",
     "Không nhận loại tệp a.doc (chỉ PDF, JPEG, PNG, TIFF)", "only PDF, JPEG, PNG, TIFF files"),
    ("Trang 2 chỉ 150 dpi, cần tối thiểu 200 dpi / page 2 below 200 dpi",
     "Trang 2 chỉ 150 dpi, cần tối thiểu 200 dpi", "page 2 below 200 dpi"),
    ("TWAIN/WIA chỉ có trên Windows; hãy dùng SANE hoặc eSCL / TWAIN and WIA are available on Windows only",
     "TWAIN/WIA chỉ có trên Windows; hãy dùng SANE hoặc eSCL", "TWAIN and WIA are available on Windows only"),
    ("Máy quét không trả trang tiếp theo (kẹt giấy?) / scanner stopped responding",
     "Máy quét không trả trang tiếp theo (kẹt giấy?)", "scanner stopped responding"),
    ("Chưa cấu hình token (signing.pkcs11_lib, signing.token_label) / token not configured",
     "Chưa cấu hình token (signing.pkcs11_lib, signing.token_label)", "token not configured"),
    ("Chữ ký hợp lệ, tin cậy - Nguyễn Văn Ánh / signature valid and trusted",
     "Chữ ký hợp lệ, tin cậy - Nguyễn Văn Ánh", "signature valid and trusted"),
    ("Ký bởi / Signed by: Trần Thị Bình\nThời gian / Time: 10:00 01/12/2026",
     "Ký bởi\nThời gian", "Signed by: Trần Thị Bình\nTime: 10:00 01/12/2026"),
    ("Số CCCD phải có 12 chữ số (nhận được 11) / ID number must have 12 digits (got 11)",
     "Số CCCD phải có 12 chữ số (nhận được 11)", "ID number must have 12 digits (got 11)"),
    ("Ngày sinh ở tương lai: 01/01/9999 / date of birth in the future",
     "Ngày sinh ở tương lai: 01/01/9999", "date of birth in the future"),
    ("Số CMND cũ phải có 9 chữ số: '12' / old ID number must have 9 digits: '12'",
     "Số CMND cũ phải có 9 chữ số: '12'", "old ID number must have 9 digits: '12'"),
    ("Tên đăng nhập lan đã có / user name lan is taken", "Tên đăng nhập lan đã có", "user name lan is taken"),
    ("Không có người dùng Nguyễn Thị Ngọc Ánh / no user Nguyễn Thị Ngọc Ánh",
     "Không có người dùng Nguyễn Thị Ngọc Ánh", "no user Nguyễn Thị Ngọc Ánh"),
    ("Tài khoản lan đã bị khoá / the account lan is disabled", "Tài khoản lan đã bị khoá", "the account lan is disabled"),
    ("Sai tên đăng nhập hoặc mật khẩu / wrong user name or password", "Sai tên đăng nhập hoặc mật khẩu",
     "wrong user name or password"),
    (_role_refusal(), "Chỉ quản trị (admin) được sửa mẫu in; Lê Văn Tám là cán bộ tiếp nhận",
     "only an admin may edit form templates; Lê Văn Tám is officer"),
    ("Hồ sơ đã quá hạn trả kết quả: hẹn lại ngày phải có lãnh đạo/tổ trưởng duyệt / "
     "the appointment has passed: a new date needs a supervisor's approval",
     "Hồ sơ đã quá hạn trả kết quả: hẹn lại ngày phải có lãnh đạo/tổ trưởng duyệt",
     "the appointment has passed: a new date needs a supervisor's approval"),
    ("Hình thức thu không rõ: 'x' / unknown payment method 'x' (cash, transfer)",
     "Hình thức thu không rõ: 'x'", "unknown payment method 'x' (cash, transfer)"),
    ("Hồ sơ / Dossier: H01.2026.0003", "Hồ sơ", "Dossier: H01.2026.0003"),
    # "; " on both sides of one message, "/" without spaces in a document name, the field path kept
    (_INCOMPLETE,
     "documents: Hồ sơ chưa đầy đủ, không tiếp nhận. Còn thiếu: Tờ khai đăng ký khai sinh; Bản sao CCCD/CMND. "
     "Lập Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02) hoặc từ chối tiếp nhận (mẫu 03)",
     "documents: incomplete dossier, not received; missing: Tờ khai đăng ký khai sinh; Bản sao CCCD/CMND. "
     "Issue a request to complete (form 02) or a refusal (form 03)"),
    # several errors joined with "; " (IntakeError)
    (str(IntakeError([FieldError("applicant.name", "thiếu giá trị bắt buộc / required value missing"),
                      FieldError("applicant.id_number", "Số CCCD phải có 12 chữ số (nhận được 11) / "
                                                        "ID number must have 12 digits (got 11)")])),
     "applicant.name: thiếu giá trị bắt buộc; applicant.id_number: Số CCCD phải có 12 chữ số (nhận được 11)",
     "applicant.name: required value missing; applicant.id_number: ID number must have 12 digits (got 11)"),
    # a Vietnamese part listing "a / b" (the convention allows it): the most English-looking cut wins
    ("Chọn bản chính / bản sao / choose original or copy", "Chọn bản chính / bản sao", "choose original or copy"),
    # not bilingual: as it is
    ("ValueError: boom", "ValueError: boom", "ValueError: boom"),
    ("Không lưu được", "Không lưu được", "Không lưu được"),
    ("", "", ""),
]


@pytest.mark.parametrize(("message", "vi", "en"), CASES)
def test_each_language_gets_its_own_part(message, vi, en):
    assert localize(message, english=False) == vi
    assert localize(message, english=True) == en


def test_the_status_refusal_splits_where_the_english_starts():
    message = transition_refusal("H01.2026.0004", 2, 10)
    vi, en = localize(message, english=False), localize(message, english=True)
    assert vi.startswith("Hồ sơ H01.2026.0004 đang ở trạng thái") and vi.endswith("ghi nhận giải quyết xong trước")
    assert en.startswith("dossier H01.2026.0004 is") and en.endswith("record it as resolved first")
    assert " / " not in vi and " / " not in en


@pytest.fixture
def english_window(qapp):
    yield lambda: install_language(qapp, "en")
    install_language(qapp, "vi")


def test_for_window_follows_the_chosen_language(english_window):
    install_language(QApplication.instance(), "vi")
    assert for_window(_INCOMPLETE).startswith("documents: Hồ sơ chưa đầy đủ")
    english_window()
    assert QLocale().language() == QLocale.Language.English
    assert for_window(_INCOMPLETE).startswith("documents: incomplete dossier, not received")


def test_the_dossier_list_shows_a_refusal_in_the_window_language(qtbot, main_window, english_window):
    """An overdue dossier given a new date without a supervisor: the core refuses; the officer
    reads the refusal in Vietnamese only, and in English only once English is chosen."""
    ctx = main_window.ctx
    late = create_dossier(ctx, {"procedure_code": "1.001193", "applicant": {"name": "Bùi Thị Hoa", "phone": "0912000111"},
                                "received_at": (utcnow() - timedelta(days=40)).isoformat()}, "Cán bộ A").code
    page = main_window.dossier_pages.dossiers

    def refuse() -> str:
        page.open_code(late)
        qtbot.waitUntil(lambda: page.current_code() == late, timeout=10_000)
        page.message_label.setText("")
        qtbot.mouseClick(page.apology_button, Qt.MouseButton.LeftButton)
        dialog = page.apology_dialog
        type_text(dialog.reason, "Chờ ý kiến cơ quan phối hợp")
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.message_label.text() != "", timeout=10_000)
        assert page.error_box.text() == page.message_label.text()
        page.error_box.close()
        return page.message_label.text()

    text = refuse()
    assert text == f"{late}: Hồ sơ đã quá hạn trả kết quả: hẹn lại ngày phải có lãnh đạo/tổ trưởng duyệt"
    english_window()
    text = refuse()
    assert text == f"{late}: the appointment has passed: a new date needs a supervisor's approval"
