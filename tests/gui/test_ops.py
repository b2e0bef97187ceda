"""ui.ops.BackgroundOp with real widgets, Qt offscreen, and the real window: results on the GUI
thread, failures never dropped, nothing after the parent is gone, busy state, cooperative cancel,
and the access log's write failure shown to the officer."""

from __future__ import annotations

import logging
import threading

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QVBoxLayout, QWidget

from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from ui.ops import FAILURE_BOX, BackgroundOp

WAIT_MS = 10_000


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    widget.setLayout(QVBoxLayout())
    widget.button = QPushButton("Lưu", widget)
    widget.layout().addWidget(widget.button)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _failure_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == FAILURE_BOX and w.isVisible()]


def test_the_result_comes_back_on_the_gui_thread(qtbot, parent):
    seen = []

    def work(a, b, *, scale):
        return (a + b) * scale, threading.get_ident()

    op = BackgroundOp(parent, work, 2, 3, scale=10)
    op.success(lambda result: seen.append((result, QThread.currentThread() is QCoreApplication.instance().thread())))
    with qtbot.waitSignal(op.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy):
        op.run()
    ((value, worker), on_gui) = seen[0]
    assert value == 50 and on_gui
    assert worker != threading.get_ident()  # the work itself ran elsewhere


def test_a_failure_reaches_the_failure_callback(qtbot, parent):
    failures, successes = [], []
    op = BackgroundOp(parent, int, "không phải số").success(successes.append).failure(failures.append)
    with qtbot.waitSignal(op.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy):
        op.run()
    assert successes == [] and isinstance(failures[0], ValueError)
    assert _failure_boxes() == []  # handled by the caller: no box on top of it


def test_a_failure_nobody_handles_is_logged_and_shown_in_the_window_language(qtbot, parent, caplog):
    def broken():
        raise RuntimeError("Không ghi được sổ / the register cannot be written")

    caplog.set_level(logging.ERROR, logger="ui.ops")
    BackgroundOp(parent, broken).describe("Ghi sổ").run()
    qtbot.waitUntil(lambda: bool(_failure_boxes()), timeout=WAIT_MS)
    (box,) = _failure_boxes()
    assert box.parent() is parent.window()
    assert "Ghi sổ" in box.text() and "Không ghi được sổ" in box.text()
    assert "the register cannot be written" not in box.text()  # Vietnamese window: Vietnamese only
    assert any("Ghi sổ" in r.getMessage() and r.exc_info for r in caplog.records)

    # a second failure while the box is open joins it instead of stacking another box
    BackgroundOp(parent, broken).describe("Ghi nhật ký").run()
    qtbot.waitUntil(lambda: "Ghi nhật ký" in box.text(), timeout=WAIT_MS)
    assert _failure_boxes() == [box]
    box.close()


def test_nothing_is_called_when_the_parent_is_destroyed_first(qtbot):
    gone = QWidget()
    release, started = threading.Event(), threading.Event()
    called = []

    def slow():
        started.set()
        release.wait(WAIT_MS / 1000)
        return "late"

    def slow_failure():
        started.set()
        release.wait(WAIT_MS / 1000)
        raise RuntimeError("late failure")

    ops = [BackgroundOp(gone, slow).success(called.append).after(lambda: called.append("after")).run(),
           BackgroundOp(gone, slow_failure).failure(called.append).run()]
    assert started.wait(WAIT_MS / 1000)
    shiboken6.delete(gone)
    release.set()
    for op in ops:
        assert op.wait(WAIT_MS)
    qtbot.waitUntil(lambda: not any(op.busy for op in ops), timeout=WAIT_MS)  # their ends were delivered
    assert called == []
    assert _failure_boxes() == []


def test_a_destroyed_parent_cancels_a_cooperative_job(qtbot):
    gone = QWidget()
    steps = []

    def loop(token):
        for i in range(10_000):
            token.check()
            steps.append(i)
            threading.Event().wait(0.001)
        return "finished"

    op = BackgroundOp(gone, loop).cancellable().run()
    qtbot.waitUntil(lambda: len(steps) >= 3, timeout=WAIT_MS)
    shiboken6.delete(gone)
    assert op.wait(WAIT_MS)
    assert len(steps) < 10_000


def test_busy_state_disables_the_button_and_shows_a_busy_cursor_meanwhile(qtbot, parent):
    release = threading.Event()
    states = []
    op = BackgroundOp(parent, lambda: release.wait(WAIT_MS / 1000)).with_busy(parent.button)
    op.busy_changed.connect(states.append)
    assert not op.busy
    op.run()
    assert op.busy and states == [True]
    assert not parent.button.isEnabled()
    assert parent.cursor().shape() == Qt.CursorShape.BusyCursor
    release.set()
    qtbot.waitUntil(lambda: not op.busy, timeout=WAIT_MS)
    assert states == [True, False]
    assert parent.button.isEnabled()
    assert parent.cursor().shape() == Qt.CursorShape.ArrowCursor


def test_two_ops_on_one_button_keep_it_disabled_until_both_end(qtbot, parent):
    first, second = threading.Event(), threading.Event()
    a = BackgroundOp(parent, lambda: first.wait(WAIT_MS / 1000)).with_busy(parent.button).run()
    b = BackgroundOp(parent, lambda: second.wait(WAIT_MS / 1000)).with_busy(parent.button).run()
    first.set()
    qtbot.waitUntil(lambda: not a.busy, timeout=WAIT_MS)
    assert b.busy and not parent.button.isEnabled()
    second.set()
    qtbot.waitUntil(lambda: not b.busy, timeout=WAIT_MS)
    assert parent.button.isEnabled()


def test_cancel_stops_a_cooperative_job_and_its_progress_comes_to_the_gui(qtbot, parent):
    reported, outcomes = [], []

    def count(token, up_to):
        for i in range(up_to):
            token.report(i)
            token.check()
            threading.Event().wait(0.001)
        return up_to

    op = (BackgroundOp(parent, count, 100_000).progress(reported.append)
          .success(lambda n: outcomes.append(("success", n))).failure(lambda e: outcomes.append(("failure", e)))
          .after(lambda: outcomes.append("after")))
    op.run()
    qtbot.waitUntil(lambda: len(reported) >= 3, timeout=WAIT_MS)
    op.cancel()
    assert op.wait(WAIT_MS)
    qtbot.waitUntil(lambda: not op.busy, timeout=WAIT_MS)
    assert outcomes == ["after"]  # neither success nor failure: it was stopped
    assert reported == list(range(len(reported))) and len(reported) < 100_000


def test_an_access_log_write_that_fails_is_shown_to_the_officer(qtbot, main_window):
    """The dossier list logs each dossier seen (NĐ 13/2023). With the log's table gone (a damaged
    or foreign database), selecting a dossier tells the officer instead of losing the line."""
    from sqlalchemy import text

    from counterapp.dossiers.intake import create_dossier

    ctx = main_window.ctx
    create_dossier(ctx, {"procedure_code": "1.001193", "applicant": {"name": "Phan Văn Khải",
                                                                      "phone": "0912000111"}}, "Cán bộ A")
    with ctx.writer_sessions() as session:
        session.execute(text("DROP TABLE dossier_access_log"))
        session.commit()
    page = main_window.dossier_pages.dossiers
    main_window.tabs.setCurrentWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.reload()
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: bool(_failure_boxes()), timeout=WAIT_MS)
    (box,) = _failure_boxes()
    assert "Ghi nhật ký truy cập hồ sơ" in box.text() and "dossier_access_log" in box.text()
    assert "Phan Văn Khải" in page.details.toPlainText()  # the officer still sees the dossier
    box.close()
