"""A per-copy fee on the intake page: the officer types a count, the line and the total
follow, and the count goes into the request and the recorded dossier (real SQLite, Qt offscreen)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.queries import get_by_code
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from tests.gui.test_intake import _pick_procedure
from tests.gui.typing import press, type_text

COPIES = "2.000635"  # Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh: PHIBS 8.000 Đồng/bản


def _wheel_up(widget) -> None:  # noqa: ANN001
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(QPoint(10, 10))), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_count_of_copies_changes_the_line_and_the_total(qtbot, main_window):
    page = _pick_procedure(qtbot, main_window, "bản sao trích lục", COPIES)
    box = page.fees_box
    assert list(box.counts) == [0]
    spin = box.counts[0]
    assert spin.value() == 1 and spin.isVisible()
    assert box.amounts[0].text() == "8.000 đồng"
    assert box.total_label.text() == "Tổng cộng: 8.000 đồng"
    # the wheel passing over the unfocused count does not change it
    page.name_edit.setFocus()
    _wheel_up(spin)
    assert spin.value() == 1
    # the officer types 2 copies
    spin.setFocus()
    spin.selectAll()
    type_text(spin, "2")
    press(spin, Qt.Key.Key_Tab)
    assert spin.value() == 2
    assert box.amounts[0].text() == "8.000 đồng/bản × 2 = 16.000 đồng"
    assert box.total_label.text() == "Tổng cộng: 16.000 đồng"
    request = page.build_request()
    assert [(f["code"], f["quantity"], f["unit_amount_vnd"], f["amount_vnd"]) for f in request["fees"]] == [
        ("PHIBS", 2, 8000, 16000)
    ]
    # the core records what the page built
    type_text(page.name_edit, "Nguyễn Thị Ánh")
    request = dict(page.build_request(), documents=None)
    dossier = create_dossier(main_window.ctx, request, "Nguyễn Văn Kiểm")
    with main_window.ctx.sessions() as s:
        line = get_by_code(s, dossier.code).fees[0]
        assert (line.quantity, line.unit_amount_vnd, line.amount_vnd) == (2, 8000, 16000)
