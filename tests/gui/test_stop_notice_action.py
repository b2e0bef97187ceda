"""The dossier list's action for form 05 (Thông báo dừng giải quyết hồ sơ, TT 03/2025/TT-VPCP):
offered for a dossier in status 8 only, it previews the notice with the recorded reason."""

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
    button = page.stop_notice_button
    page.open_code(running)
    qtbot.waitUntil(lambda: page.current_code() == running, timeout=10_000)
    assert not button.isEnabled()
    page.open_code(stopped)
    qtbot.waitUntil(lambda: page.current_code() == stopped, timeout=10_000)
    qtbot.waitUntil(button.isEnabled, timeout=5000)
    assert "dừng" in button.text().lower()
    page.preview_dialog = None
    button.click()
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=20_000)
    result = page.preview_dialog._counter_result
    assert result.form == "stop_notice" and result.code == stopped
    assert result.context["reason"] == "Cơ quan thuế đề nghị dừng để xác minh nghĩa vụ tài chính"
    page.preview_dialog.reject()
