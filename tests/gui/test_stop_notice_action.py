"""The dossier list's "In mẫu" menu: the forms of TT 03/2025/TT-VPCP that fit the dossier's
status. Form 05 (Thông báo dừng giải quyết hồ sơ) is offered for a dossier in status 8 only and
previews the notice with the recorded reason; form 06 (routing slip) for any received dossier."""

from __future__ import annotations

from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.lifecycle import set_status
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)

PROCEDURE = "1.001193"


def _create(ctx, name: str) -> str:
    request = {"procedure_code": PROCEDURE, "applicant": {"name": name, "phone": "0912000111"}}
    return create_dossier(ctx, request, "Cán bộ A").code


def test_stop_notice_for_a_stopped_dossier_only(qtbot, main_window):
    ctx = main_window.ctx
    running = _create(ctx, "Đinh Văn Chạy")
    stopped = _create(ctx, "Vũ Thị Dừng")
    set_status(ctx, stopped, 8, "Cán bộ A", note="Cơ quan thuế đề nghị dừng để xác minh nghĩa vụ tài chính")
    page = main_window.dossier_pages.dossiers
    button = page.forms_menu_button
    stop = button.actions_by_form["stop_notice"]
    page.open_code(running)
    qtbot.waitUntil(lambda: page.current_code() == running, timeout=10_000)
    assert not stop.isEnabled() and not stop.isVisible()
    assert button.actions_by_form["routing_slip"].isEnabled()  # 06 for any received dossier
    assert not button.actions_by_form["refusal"].isEnabled()  # 03 only for a refused one
    page.open_code(stopped)
    qtbot.waitUntil(lambda: page.current_code() == stopped, timeout=10_000)
    qtbot.waitUntil(stop.isEnabled, timeout=5000)
    assert "Mẫu 05" in stop.text() and "dừng" in stop.text().lower()
    page.preview_dialog = None
    stop.trigger()
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=20_000)
    result = page.preview_dialog._counter_result
    assert result.form == "stop_notice" and result.code == stopped
    assert result.context["reason"] == "Cơ quan thuế đề nghị dừng để xác minh nghĩa vụ tài chính"
    page.preview_dialog.reject()


def test_routing_slip_from_the_menu(qtbot, main_window):
    ctx = main_window.ctx
    code = _create(ctx, "Lê Văn Kiểm")
    page = main_window.dossier_pages.dossiers
    page.open_code(code)
    qtbot.waitUntil(lambda: page.current_code() == code, timeout=10_000)
    slip = page.forms_menu_button.actions_by_form["routing_slip"]
    qtbot.waitUntil(slip.isEnabled, timeout=5000)
    page.preview_dialog = None
    slip.trigger()
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=20_000)
    result = page.preview_dialog._counter_result
    assert result.form == "routing_slip" and result.code == code
    page.preview_dialog.reject()
