"""The scanning page on a small screen, its zoomable preview, moving a page to another
document of the batch, and the officer it records. Real window, real batch on disk, real
PDFs filed; Qt offscreen. Nothing is mocked."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from counterapp.digitize.models import attachments_for_dossier
from tests.digitize.conftest import text_page
from tests.gui.test_scan_page import DOC, _dossier, _open_dossier, _page, _window
from tests.gui.typing import press


@pytest.fixture
def scan_window(qtbot, data_dir):
    window = _window(qtbot, data_dir)
    yield window
    window.close()
    window.ctx.close()


def _add(qtbot, page, tmp_path, images) -> None:
    files = []
    for i, image in enumerate(images):
        path = tmp_path / f"{i:02d}.png"
        image.save(path, dpi=(200, 200))
        files.append(path)
    with qtbot.waitSignal(page.feed_finished, timeout=20_000) as blocker:
        assert page.add_files(files)
    assert blocker.args == [len(images)]


def _shown(widget, window) -> tuple[int, int]:
    """(width, height) of the widget's part inside the window (0, 0 when hidden)."""
    if not widget.isVisibleTo(window):
        return 0, 0
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = widget.rect().translated(top_left).intersected(window.rect())
    return rect.width(), rect.height()


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
def test_page_is_usable_on_a_small_screen(qtbot, scan_window, tmp_path, size):
    window = scan_window
    page = _page(qtbot, window)
    _add(qtbot, page, tmp_path, [text_page(size=(1654, 2339), lines=14, seed=1)])
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0] and window.height() == size[1], timeout=5_000)
    assert window.minimumSizeHint().width() <= size[0] and window.minimumSizeHint().height() <= size[1]
    # the page list shows at least one column of thumbnails, the preview a readable page
    assert _shown(page.view, window)[0] >= 160 and _shown(page.view, window)[1] >= 200
    preview_w, preview_h = _shown(page.preview.scroll, window)
    assert preview_w >= 300 and preview_h >= 150
    qtbot.waitUntil(lambda: not page.preview.pixmap().isNull(), timeout=10_000)
    # the actions and the dossier code are in view, wide enough to read
    for button in (page.scan_button, page.files_button, page.build_button):
        w, h = _shown(button, window)
        assert w >= 80 and h >= button.minimumSizeHint().height(), button.text()
    assert _shown(page.dossier_edit, window)[0] >= 120
    assert _shown(page.device_combo, window)[0] >= 80
    # the scanner column is not cut: its contents fit the column (it scrolls up and down only)
    assert page.scanner.width() <= page.left_area.viewport().width()
    # nothing spills out of the window on the right
    right = page.preview.scroll.mapTo(window, QPoint(page.preview.scroll.width(), 0)).x()
    assert right <= window.width()


def test_preview_zooms_with_keys_wheel_and_fit_width(qtbot, scan_window, tmp_path):
    window = scan_window
    page = _page(qtbot, window)
    _add(qtbot, page, tmp_path, [text_page(size=(1654, 2339), lines=14, seed=2)])
    preview = page.preview
    qtbot.waitUntil(lambda: not preview.pixmap().isNull(), timeout=10_000)
    viewport = preview.scroll.viewport()
    # at first the whole page shows: it fits the pane both ways
    fitted = preview.zoom_factor()
    assert preview.pixmap().height() <= viewport.height() and preview.pixmap().width() <= viewport.width()

    page.view.setFocus()
    press(page.view, Qt.Key.Key_Plus)  # from the thumbnails, the officer's hands stay on the keys
    assert preview.zoom_factor() == pytest.approx(fitted * 1.25)
    width_after_plus = preview.pixmap().width()
    press(page.view, Qt.Key.Key_Plus)
    assert preview.pixmap().width() > width_after_plus
    press(page.view, Qt.Key.Key_Minus)
    assert preview.zoom_factor() == pytest.approx(fitted * 1.25)

    # Ctrl+wheel on the preview zooms; a plain wheel scrolls
    before = preview.zoom_factor()
    center = QPointF(viewport.rect().center())
    wheel = QWheelEvent(center, QPointF(viewport.mapToGlobal(center.toPoint())), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(viewport, wheel)
    assert preview.zoom_factor() == pytest.approx(before * 1.25)

    # Ctrl+0: the page's width fills the pane (to read a line end to end); taller than the pane now
    press(page.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert preview.mode() == "width"
    bar = preview.scroll.verticalScrollBar().sizeHint().width()
    assert viewport.width() - bar - 12 <= preview.pixmap().width() <= viewport.width()
    assert preview.pixmap().height() > viewport.height()
    # zoomed in past the first image, a sharper one is made (small print stays legible)
    for _ in range(4):
        press(page.view, Qt.Key.Key_Plus)
    target = preview.pixmap().width()  # portrait: the height is the long side
    qtbot.waitUntil(lambda: preview.resolution() >= preview.pixmap().height() > target, timeout=10_000)
    assert preview.zoom_label.text() == f"{preview.actual_percent()}%" and preview.actual_percent() > 60
    # Ctrl+9 (or the button) back to the whole page
    qtbot.mouseClick(preview.fit_page_button, Qt.MouseButton.LeftButton)
    assert preview.zoom_factor() == pytest.approx(fitted, rel=0.05)


def _order(page) -> list[str]:
    manifest = json.loads((page.batch.folder / "manifest.json").read_text(encoding="utf-8"))
    return [e["id"] for e in manifest["pages"] if not e.get("deleted")]


def _groups(page) -> list[list[str]]:
    table = page.groups_table
    return [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]


def test_page_moves_to_another_document_by_menu_and_keys(qtbot, scan_window, tmp_path):
    from counterapp.digitize.separators import render_separator_image

    window = scan_window
    ctx = window.ctx
    code = _dossier(ctx, "Hoàng Văn Giang")
    page = _page(qtbot, window)
    other = "1.001193.TP06"
    _add(qtbot, page, tmp_path, [
        text_page(size=(1169, 827), lines=6, seed=3),
        text_page(size=(1169, 827), lines=5, seed=4),
        render_separator_image(code, other),
        text_page(size=(1169, 827), lines=4, seed=5),
    ])
    _open_dossier(qtbot, page, code)
    page.document_combo.setCurrentIndex(page.document_combo.findData(DOC))
    assert _groups(page) == [[code, DOC, "2"], [code, other, "1"]]
    first, second, separator, last = _order(page)

    # the context menu of the second page: move it to document 2 (after the separator sheet)
    page.view.setCurrentIndex(page.model.index(1))
    menu = page.pages_view.context_menu()
    move = next(a.menu() for a in menu.actions() if a.menu() is not None)
    labels = [a.text() for a in move.actions()]
    assert len(labels) == 2 and DOC in labels[0] and other in labels[1]
    assert not move.actions()[0].isEnabled()  # the document it is in
    move.actions()[1].trigger()
    assert _order(page) == [first, separator, last, second]
    assert _groups(page) == [[code, DOC, "1"], [code, other, "2"]]
    assert page.current_page().id == second  # the selection follows the page

    # Ctrl+Shift+↑: back to the previous document (at its end); Ctrl+Shift+↓ forward again
    page.view.setFocus()
    press(page.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _order(page) == [first, second, separator, last]
    press(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _order(page) == [first, separator, last, second]
    press(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _order(page) == [first, separator, last, second]  # no document after the last one

    # a separator sheet is what splits the documents: it is not moved, and the officer is told why
    page.view.setCurrentIndex(page.model.index(page.model.row_of(separator)))
    press(page.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _order(page) == [first, separator, last, second]
    assert "phân cách" in page.message_label.text()

    # filed as moved: one page under DOC, two under the other component
    with qtbot.waitSignal(page.filed, timeout=30_000) as blocker:
        qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert [(d.document_code, d.page_count) for d in blocker.args[0]] == [(DOC, 1), (other, 2)]


def test_scan_records_the_officer_signed_in_at_the_moment_of_filing(qtbot, scan_window, tmp_path):
    from counterapp.officer import Officer
    from ui.session import officer_session

    window = scan_window
    ctx = window.ctx
    code = _dossier(ctx, "Vũ Thị Hạnh")
    page = _page(qtbot, window)
    _add(qtbot, page, tmp_path, [text_page(size=(1169, 827), lines=6, seed=6)])
    _open_dossier(qtbot, page, code)
    page.document_combo.setCurrentIndex(page.document_combo.findData(DOC))
    # someone else signs in after the pages were scanned, before filing: the filer is recorded
    officer_session().set_officer(Officer("hanh.lt", "Lê Thị Hạnh"))
    try:
        with qtbot.waitSignal(page.filed, timeout=30_000):
            qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    finally:
        officer_session().set_officer(None)
    with ctx.sessions() as session:
        (att,) = attachments_for_dossier(session, code)
        assert att.officer == "Lê Thị Hạnh"


def test_filing_with_no_officer_named_is_refused_and_loses_nothing(qtbot, data_dir, tmp_path):
    from counterapp.officer import Officer
    from ui.session import officer_session

    (data_dir / "site.toml").write_text("", encoding="utf-8")  # no [officer], nobody signed in
    window = _window(qtbot, data_dir)
    try:
        ctx = window.ctx
        code = _dossier(ctx, "Đinh Văn Khoa")
        page = _page(qtbot, window)
        _add(qtbot, page, tmp_path, [text_page(size=(1169, 827), lines=6, seed=7)])
        _open_dossier(qtbot, page, code)
        page.document_combo.setCurrentIndex(page.document_combo.findData(DOC))
        qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
        assert "Thiếu họ tên cán bộ" in page.message_label.text()
        assert page.batch is not None and len(page.batch.kept_pages()) == 1  # the pages are kept
        with ctx.sessions() as session:
            assert attachments_for_dossier(session, code) == []
        officer_session().set_officer(Officer("khoa.dv", "Đinh Thị Lan"))  # someone signs in: filed
        try:
            with qtbot.waitSignal(page.filed, timeout=30_000):
                qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
        finally:
            officer_session().set_officer(None)
        with ctx.sessions() as session:
            (att,) = attachments_for_dossier(session, code)
            assert att.officer == "Đinh Thị Lan"
    finally:
        window.close()
        window.ctx.close()
