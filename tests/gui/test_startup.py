"""Start-up: the window shows with every tab at once; a page is built when first needed.

Timing itself is measured by bench/startup.py, not asserted here.
"""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt

from tests.gui.typing import press
from ui.main_window import open_window


def _hold_the_data_folder(monkeypatch):
    """In a test process SQLAlchemy is loaded already and the data folder opens in
    milliseconds: hold it (as half a second of imports does) until the event is set."""
    import threading

    import ui.main_window as main_window_module

    release = threading.Event()
    real_open_app = main_window_module._open_app

    def slow_open_app(folder):
        release.wait(10)
        return real_open_app(folder)

    monkeypatch.setattr(main_window_module, "_open_app", slow_open_app)
    return release


def test_every_tab_is_there_before_the_data_folder_opens_and_ctrl_n_works_at_once(qtbot, data_dir, monkeypatch):
    release = _hold_the_data_folder(monkeypatch)
    window = open_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    tabs = window.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles == ["Danh mục &thủ tục", "Tiếp nhận hồ sơ (Ctrl+N)", "Danh sách hồ sơ (Ctrl+L)", "Số hóa (Ctrl+D)",
                      "Tổng quan (Ctrl+T)"]
    assert window.pages_ctx is None  # the data folder is still being opened in the background
    assert window.dossier_pages.intake_tab.built_page is None
    assert "Đang mở dữ liệu" in window.status_message.text()

    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        press(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # the officer does not wait
        intake = window.dossier_pages.intake_tab.built_page
        assert intake is not None and tabs.currentWidget() is intake
        assert tabs.tabText(tabs.currentIndex()) == "Tiếp nhận hồ sơ (Ctrl+N)"
        assert tabs.count() == 5
        release.set()
    # then it is attached like the others: the procedure search works on the page
    assert intake.ctx is window.ctx
    assert intake.search_edit.isEnabled()
    try:
        # the pages nobody visited were built in idle time, so their duties run (drafts offered
        # back, unfinished scans, the watched folder)
        assert window.scan_pages.tab.built_page is not None
        assert window.scan_pages.page.ctx is window.ctx
        assert window.dossier_pages.dossiers.ctx is window.ctx
        assert [tabs.tabText(i) for i in range(tabs.count())] == titles
    finally:
        window.close()
        window.ctx.close()


def test_a_tab_clicked_before_its_page_is_built_gets_its_page(qtbot, main_window):
    # (main_window waited for every page; a fresh window that never attaches shows the case)
    from PySide6.QtWidgets import QLabel

    from ui.lazy_page import LazyTab

    built = []

    def build() -> QLabel:
        built.append(1)
        return QLabel("trang mới")

    tab = LazyTab(main_window.tabs, build)
    tab.set_title("Thử")
    assert not built and tab.title() == "Thử"
    main_window.tabs.setCurrentWidget(tab.widget())
    qtbot.waitUntil(lambda: tab.built_page is not None, timeout=2000)
    assert main_window.tabs.currentWidget() is tab.built_page
    assert main_window.tabs.tabText(main_window.tabs.currentIndex()) == "Thử"
    assert built == [1]


def test_showing_the_window_does_not_load_the_pages_or_dialogs(tmp_path):
    """What made start-up three times slower than a bare window: page modules imported and
    page widgets built before the window showed. (Timing: bench/startup.py.)"""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from ui.main_window import create_application, open_window\n"
        "app = create_application()\n"
        "w = open_window(sys.argv[1]); w.show()\n"
        "def idle():\n"
        "    wanted = ['ui.intake.page', 'ui.dossiers.page', 'ui.scan.page', 'ui.sync_dialogs']\n"
        "    print(' '.join(m for m in wanted if m in sys.modules) or 'none')\n"
        "    app.quit()\n"
        "QTimer.singleShot(0, idle)\n"
        "app.exec()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.stdout.split()[-1:] == ["none"], out.stdout + out.stderr


def test_catalog_is_listed_and_searchable_from_the_reader_before_the_data_folder_opens(qtbot, demo_ctx, data_dir):
    from counterapp.catalog.reader import preview_catalog
    from tests.gui.typing import type_text
    from ui.catalog_view import CatalogView

    view = CatalogView()
    qtbot.addWidget(view)
    view.show()
    view.show_preview(preview_catalog(data_dir, limit=200))
    assert view.model.rowCount() >= 60
    first = view.model.hit(0)
    assert first.name in view.detail.toPlainText()  # the line's facts, the record comes next
    assert view.current_record() is None
    type_text(view.search_edit, "khai si")
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and "khai sinh" in view.model.hit(0).name.lower(), timeout=3000)
    press(view.search_edit, Qt.Key.Key_Down)
    chosen = view.model.hit(1)

    view.set_sessions(demo_ctx.sessions)  # the data folder is open: the whole record shows
    assert view.search_edit.text() == "khai si"
    assert view.model.hit(view.results.currentIndex().row()).id == chosen.id  # where the officer was
    assert view.current_record()["code"] == chosen.code
    assert "Thành phần hồ sơ" in view.detail.toPlainText()
    assert view._reader is None  # closed


def test_the_counterapp_command_opens_the_window_without_loading_the_commands(tmp_path):
    """`counterapp` with no command goes straight to the window: registering the commands
    imports SQLAlchemy and the models, half a second the window would wait for."""
    code = (
        "import sys\n"
        "import ui.main_window as m\n"
        "def fake_run_gui(**options):\n"
        "    loaded = [x for x in ('counterapp.cli.catalog', 'sqlalchemy') if x in sys.modules]\n"
        "    print(options['data_dir'], options['language'], ' '.join(loaded) or 'none')\n"
        "    return 0\n"
        "m.run_gui = fake_run_gui\n"
        "import counterapp.cli\n"
        "sys.exit(counterapp.cli.main(['--data-dir', sys.argv[1], '--lang', 'en']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(tmp_path), "en", "none"]
    # a command still gets the full parser
    out = subprocess.run([sys.executable, "-m", "counterapp", "catalog", "--help"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and "import" in out.stdout


def test_a_procedure_picked_before_the_data_folder_opens_starts_the_intake(qtbot, data_dir, monkeypatch):
    from counterapp.app import open_app

    open_app(data_dir).close()  # a counter PC that has run before: the catalog reader can list it
    picked = _hold_the_data_folder(monkeypatch)
    window = open_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    view = window.catalog_view
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    assert window.ctx is None  # listed by the reader; SQLAlchemy is still loading
    chosen = view.model.hit(0).code
    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        press(view.search_edit, Qt.Key.Key_Return)
        assert window.dossier_pages.intake.ctx is None
        picked.set()
    intake = window.dossier_pages.intake
    try:
        assert window.tabs.currentWidget() is intake
        qtbot.waitUntil(lambda: intake.procedure_code == chosen, timeout=5000)  # the pick was kept
    finally:
        window.close()
        window.ctx.close()
