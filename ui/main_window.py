"""The main window and the GUI entry point (`counterapp` with no command)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QPushButton, QTabWidget

from counterapp import __version__
from counterapp.paths import resource
from ui.catalog_view import CatalogView
from ui.i18n import LANGUAGES, install_language, saved_language
from ui.lazy_page import LazyTab, PageT, action_with_keys
from ui.messages import for_window
from ui.ops import BackgroundOp
from ui.sync_panel import SyncController, status_text

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.catalog.importer import ImportReport
    from counterapp.catalog.reader import CatalogPreview

# The window module imports only Qt and light modules: SQLAlchemy, Alembic and the models
# are imported by the background job that opens the data folder, after the window shows.
# Dialogs, message boxes and the `Qt` namespace are imported where they are used: PySide
# builds a class's Python enums when the class is first touched (the `Qt` namespace alone
# costs about 25 ms), and the window must show as fast as a bare one (bench/startup.py).

log = logging.getLogger(__name__)
SMOKE_SETTLE_MS = 300
PAGE_BUILD_PAUSE_MS = 40  # between two pages built in idle time at start-up
LIST_REFRESH_MS = 3000  # at most one list refresh per burst of sync events


class MainWindow(QMainWindow):
    catalog_ready = Signal(object)  # AppContext: the catalog is listed and searchable
    context_ready = Signal(object)  # AppContext: every page is attached to the data folder
    context_failed = Signal(str)
    _pages_attached = Signal(object)  # AppContext, for pages built before it
    closing = Signal()  # the window is closing: pages stop their work and keep drafts
    language_changed = Signal()  # after the window retranslated itself

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.ctx: AppContext | None = None
        self.data_dir: Path | None = None  # set by open_window; the doctor runs even if opening failed
        self.startup_errors: list[str] = []
        self.setObjectName("mainWindow")
        self.resize(1200, 760)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.catalog_view = CatalogView()
        self.tabs.addTab(self.catalog_view, "")

        self.status_message = QLabel()
        self.user_label = QLabel()
        self.sync_label = QPushButton()  # the sync state; a click opens what needs attention
        self.sync_label.setObjectName("syncState")
        self.sync_label.setFlat(True)
        self.sync_label.clicked.connect(self.show_sync_problems)
        self.statusBar().addWidget(self.status_message, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.sync = SyncController(self)
        self.sync_state = None
        self.sync.state_changed.connect(self._show_sync_state)
        self.sync.user_changed.connect(self._show_user)
        self.sync.message.connect(self._warn)

        self._build_menus()
        self.pages_ctx: AppContext | None = None  # set once sync is attached; pages built later attach at once
        self.lazy_tabs: list[LazyTab] = []
        self._install_pages()
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.show_catalog_search)
        QShortcut(QKeySequence("Ctrl+1"), self, activated=lambda: self.tabs.setCurrentIndex(0))
        self.retranslate()

    def _warn(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, "Counter", text)

    def _install_pages(self) -> None:
        """Intake (Ctrl+N), dossier list (Ctrl+L) and scanning (Ctrl+D) tabs, their menu, the
        dossier-code scanner. The tabs are there at once; their pages are built when first
        needed (ui/lazy_page.py), which keeps their imports and widgets off the start-up path."""
        from ui.dossiers.install import install_dossier_pages

        self.dossier_pages = install_dossier_pages(self)
        from ui.scan.install import install_scan_page

        self.scan_pages = install_scan_page(self)
        from ui.dashboard.install import install_dashboard  # the supervisor's "Tổng quan" (issue 11)

        self.dashboard = install_dashboard(self)
        self._list_refresh = QTimer(self, singleShot=True, interval=LIST_REFRESH_MS)
        self._list_refresh.timeout.connect(self._refresh_list_after_sync)
        self.sync.entities_changed.connect(lambda _ids: self._list_refresh.start())

    def add_lazy_tab(self, build: Callable[[], PageT], shortcut: str | None = None) -> LazyTab[PageT]:
        """A tab whose page `build()` makes when first needed (later areas add their pages here)."""
        tab: LazyTab[PageT] = LazyTab(self.tabs, build, shortcut, self)
        self.lazy_tabs.append(tab)
        return tab

    def when_pages_attached(self, attach: Callable[[AppContext], object]) -> None:
        """Calls `attach(ctx)` once the data folder is open and sync attached: now if it is."""
        if self.pages_ctx is not None:
            attach(self.pages_ctx)
        else:
            self._pages_attached.connect(attach)

    def _refresh_list_after_sync(self) -> None:
        page = self.dossier_pages.dossiers_tab.built_page
        if page is not None and page.isVisible():
            page.reload()  # keeps the selected dossier

    # --- menus ---------------------------------------------------------------------
    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.import_action = action_with_keys(self, "Ctrl+I", self.import_catalog)
        self.quit_action = action_with_keys(self, QKeySequence.StandardKey.Quit, self.close)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.language_menu = self.menuBar().addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        current = saved_language(self.settings)
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True, checked=(code == current))
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

        self.sync_menu = self.menuBar().addMenu("")
        self.sign_in_action = QAction(self, triggered=self.sign_in)
        self.sign_out_action = QAction(self, triggered=self.sync.sign_out, enabled=False)
        self.sync_now_action = action_with_keys(self, "F5", self.sync.sync_now)
        self.problems_action = QAction(self, triggered=self.show_sync_problems)
        for action in (self.sign_in_action, self.sign_out_action, self.sync_now_action, self.problems_action):
            self.sync_menu.addAction(action)

        self.help_menu = self.menuBar().addMenu("")
        self.doctor_action = QAction(self, triggered=self.show_doctor)
        self.about_action = QAction(self, triggered=self.show_about)
        self.help_menu.addAction(self.doctor_action)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Counter — Bộ phận Một cửa"))
        self.tabs.setTabText(self.tabs.indexOf(self.catalog_view), self.tr("Danh mục &thủ tục"))
        self.file_menu.setTitle(self.tr("&Tệp"))
        self.import_action.setText(self.tr("&Nhập danh mục thủ tục…"))
        self.quit_action.setText(self.tr("&Thoát"))
        self.language_menu.setTitle(self.tr("&Ngôn ngữ"))
        self.sync_menu.setTitle(self.tr("Đồng &bộ"))
        self.sign_in_action.setText(self.tr("Đăng &nhập cổng…"))
        self.sign_out_action.setText(self.tr("Đăng &xuất"))
        self.sync_now_action.setText(self.tr("Đồng bộ n&gay"))
        self.problems_action.setText(self.tr("Mục &cần xử lý…"))
        self.help_menu.setTitle(self.tr("Trợ &giúp"))
        self.doctor_action.setText(self.tr("&Kiểm tra máy…"))
        self.about_action.setText(self.tr("&Giới thiệu"))
        if self.sync_state is not None and self.ctx is not None:
            self.sync_label.setText(status_text(self, self.sync_state, self.ctx.config.zone))
        elif self.sync.user is None:
            self.sync_label.setText(self.tr("Chưa đăng nhập cổng"))
        self._show_user(self.sync.user)
        if self.ctx is None:
            self.status_message.setText(self.tr("Đang mở dữ liệu…"))
        else:
            self.status_message.setText(self.tr("Dữ liệu: {path}").replace("{path}", str(self.ctx.data_dir)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.language_changed.emit()
        super().changeEvent(event)

    # --- state ---------------------------------------------------------------------
    def attach_context(self, ctx: AppContext) -> None:
        """The catalog first (what the officer looks at on start); the other pages once the
        modules they need are imported, off the GUI thread."""
        self.ctx = ctx
        self.catalog_view.set_sessions(ctx.sessions)
        self.retranslate()
        self.catalog_ready.emit(ctx)
        (BackgroundOp(self, _warm_page_modules)
         .success(lambda _none: self._attach_pages(ctx))
         .failure(lambda exc: self._page_modules_failed(ctx, exc)).run())

    def _page_modules_failed(self, ctx: AppContext, exc: BaseException) -> None:
        # A broken install (a missing or damaged library): the catalog still works; say so.
        self.startup_errors.append(f"{type(exc).__name__}: {exc}")
        self.status_message.setText(self.tr("Một số chức năng không tải được: {e}").replace("{e}", str(exc)[:200]))
        self._attach_pages(ctx)

    def _attach_pages(self, ctx: AppContext) -> None:
        self.sync.attach(ctx)
        self.pages_ctx = ctx
        from ui.officer_controls import install_officer_controls  # after the first paint

        self.officer_controls = install_officer_controls(self, ctx)
        self._purge_old_personal_data(ctx)
        self._pages_attached.emit(ctx)
        QTimer.singleShot(0, self, lambda: self._build_next_page(ctx))

    def _purge_old_personal_data(self, ctx: AppContext) -> None:
        """`[privacy] keep_days`: personal data of old, closed, synced dossiers leaves this PC
        (counterapp/retention.py), in the background, each time the window opens."""
        from counterapp.config import ConfigError
        from counterapp.retention import purge_personal_data, retention_days

        try:
            days = retention_days(ctx.config)
        except ConfigError as exc:
            self.statusBar().showMessage(for_window(str(exc)), 30_000)
            return
        if days:
            (BackgroundOp(self, purge_personal_data, ctx, days).success(self._purged)
             .describe(self.tr("Xóa thông tin cá nhân của hồ sơ cũ")).run())

    def _purged(self, report: object) -> None:
        count = getattr(report, "dossiers", 0)
        if count:
            self.statusBar().showMessage(
                self.tr("Đã xóa thông tin cá nhân của {n} hồ sơ cũ khỏi máy này (lưu {d} ngày)")
                .replace("{n}", str(count)).replace("{d}", str(getattr(report, "keep_days", ""))), 30_000)

    def _build_next_page(self, ctx: AppContext) -> None:
        """The pages not visited yet are built in idle time, one at a time, so their
        background duties (drafts offered back, unfinished scans, the watched folder) start."""
        waiting = [tab for tab in self.lazy_tabs if tab.built_page is None]
        if waiting:
            try:
                waiting[0].page()
            except Exception as exc:  # noqa: BLE001  (a broken page must not stop the others)
                log.exception("page failed to build")
                self.startup_errors.append(f"{type(exc).__name__}: {exc}")
                self.lazy_tabs.remove(waiting[0])
            # A pause between pages lets typing and painting through (bench/startup.py prints
            # the longest freeze).
            QTimer.singleShot(PAGE_BUILD_PAUSE_MS, self, lambda: self._build_next_page(ctx))
        else:
            self.context_ready.emit(ctx)

    def show_catalog_search(self) -> None:
        self.tabs.setCurrentWidget(self.catalog_view)
        self.catalog_view.focus_search()

    def set_language(self, language: str) -> None:
        app = QApplication.instance()
        if install_language(app, language):
            self.settings.setValue("ui/language", language)
            self.settings.sync()
        else:
            self._warn(self.tr("Thiếu tệp ngôn ngữ / language file missing"))

    # --- actions -------------------------------------------------------------------
    def import_catalog(self) -> None:
        if self.ctx is None:
            return
        from counterapp.users.accounts import check_permission
        from counterapp.users.roles import PermissionDenied
        from ui.session import current_officer_name

        try:  # an admin's job once the site has users: refused before a file is chosen
            check_permission(self.ctx, current_officer_name(self.ctx), "settings")
        except PermissionDenied as exc:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Nhập danh mục"), for_window(str(exc)), parent=self)
            box.setObjectName("catalogImportRefusal")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return
        from ui.file_dialogs import open_file_name

        path = open_file_name(self, self.tr("Nhập danh mục thủ tục"), self.tr("Tệp JSON (*.json)"))
        if not path:
            return
        from counterapp.catalog.importer import import_catalog_file

        self.status_message.setText(self.tr("Đang nhập danh mục…"))
        (BackgroundOp(self, import_catalog_file, self.ctx.sessions, Path(path)).with_busy(self.import_action)
         .success(self._import_done).failure(self._import_failed).run())

    def _import_done(self, report: ImportReport) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.catalog_view.run_search()
        self.retranslate()
        text = (
            self.tr("Thêm mới: {a}; cập nhật: {u}; từ chối: {r}")
            .replace("{a}", str(report.added)).replace("{u}", str(report.updated))
            .replace("{r}", str(len(report.refused)))
        )
        if report.refused:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Nhập danh mục"), text, parent=self)
            box.setDetailedText("\n".join(str(r) for r in report.refused))
            box.open()
        else:
            QMessageBox.information(self, self.tr("Nhập danh mục"), text)

    def _import_failed(self, exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from counterapp.catalog.importer import CatalogImportError

        self.retranslate()
        message = for_window(str(exc)) if isinstance(exc, CatalogImportError) else repr(exc)
        QMessageBox.critical(self, self.tr("Nhập danh mục"), message)

    # --- sync ----------------------------------------------------------------------
    def _show_sync_state(self, state: object) -> None:
        self.sync_state = state
        if self.ctx is not None:
            self.sync_label.setText(status_text(self, state, self.ctx.config.zone))

    def _show_user(self, user: object) -> None:
        signed_in = user is not None
        self.sign_out_action.setEnabled(signed_in)
        if not signed_in:
            self.sync_state = None
            self.user_label.setText("")
            self.sync_label.setText(self.tr("Chưa đăng nhập cổng"))
            return
        name = getattr(user, "display_name", "") or getattr(user, "username", "")
        offline = self.tr(" (ngoại tuyến)") if getattr(user, "offline", False) else ""
        self.user_label.setText(f"{name}{offline}")

    def sign_in(self) -> None:
        if self.ctx is None:
            return
        from PySide6.QtWidgets import QDialog

        from ui.sync_dialogs import SignInDialog

        user = self.sync.user
        dialog = SignInDialog(
            getattr(user, "portal_url", "") or self.ctx.config.portal_url, getattr(user, "username", ""), self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            url, username, password = dialog.values()
            self.sync.sign_in(url, username, password)

    def show_sync_problems(self) -> None:
        if self.ctx is None:
            return
        if self.sync.user is None:
            self.sign_in()
            return
        from ui.sync_dialogs import ProblemsDialog

        ProblemsDialog(self.sync, self).exec()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self, self.tr("Giới thiệu"),
            self.tr("Counter {v}\nPhần mềm cho Bộ phận Tiếp nhận và Trả kết quả.").replace("{v}", __version__),
        )

    def show_doctor(self) -> None:
        """Help → Kiểm tra máy: `counterapp doctor` in a dialog (ui/doctor_dialog.py)."""
        from ui.doctor_dialog import show_doctor

        folder = self.ctx.data_dir if self.ctx is not None else self.data_dir
        self.doctor_dialog = show_doctor(folder, self)

    def keep_intake_draft(self) -> bool:
        """The crash handler's way to keep the officer's work (ui/crash.py)."""
        page = self.dossier_pages.intake_tab.built_page
        return bool(page is not None and page.keep_draft())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.closing.emit()
        self.sync.shutdown()
        self.settings.setValue("ui/geometry", self.saveGeometry())
        super().closeEvent(event)


def ui_settings(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat)


# A worker thread holding the GIL (imports, SQLAlchemy, image work) makes the GUI thread
# wait up to the switch interval each time Qt calls into Python (every item painted, every
# key event): 5 ms by default, which adds up to freezes of 100 ms and more while the pages'
# modules load in the background. 1 ms keeps the window responsive (bench/startup.py prints
# the longest freeze).
GUI_SWITCH_INTERVAL_S = 0.001


def create_application(argv: list[str] | None = None) -> QApplication:
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Counter")
    app.setOrganizationName("counterapp")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("counterapp")  # Wayland/X11 match the window to the .deb's counterapp.desktop
    icon = resource("icons", "counterapp.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def open_window(data_dir: str | Path | None = None, language: str | None = None) -> MainWindow:
    """Create the window at once and open the data folder in the background."""
    from counterapp.logs import setup_logging
    from counterapp.paths import resolve_data_dir
    from ui.crash import CrashHandler

    app = create_application()
    resolved = resolve_data_dir(data_dir)
    setup_logging(resolved)
    log.info("window starting: counterapp %s, data folder %s", __version__, resolved)
    settings = ui_settings(resolved)
    chosen = language or saved_language(settings)
    install_language(app, chosen)
    if language:
        settings.setValue("ui/language", language)
    window = MainWindow(settings)
    window.data_dir = resolved
    window.crash_handler = CrashHandler(window, window.keep_intake_draft).install()
    window.language_actions[chosen].setChecked(True)
    geometry = settings.value("ui/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        from PySide6.QtCore import Qt

        window.setWindowState(Qt.WindowState.WindowMaximized)  # first start: use the whole screen

    def failed(exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        window.context_failed.emit(str(exc))
        QMessageBox.critical(window, "Counter", str(exc))

    # PySide builds the `Qt` namespace's Python enums (about 25 ms) the first time anything
    # touches it: the first key pressed in the search box, or the first page built while the
    # data folder opens. Built once the window has shown and gone idle, it delays neither.
    QTimer.singleShot(0, window, lambda: QTimer.singleShot(0, window, _build_qt_namespace))
    def start_loading() -> None:
        # The catalog first, from a read-only sqlite3 reader (no SQLAlchemy: tens of ms); the
        # whole data folder next (SQLAlchemy, models, migrations checked: about half a second).
        # A preview that fails is only a slower start: the full open below reports real problems.
        (BackgroundOp(window, _preview_catalog, resolved).success(window.catalog_view.show_preview)
         .failure(lambda exc: log.warning("catalog preview: %r", exc)).run())
        BackgroundOp(window, _open_app, resolved).success(window.attach_context).failure(failed).run()

    # From the window's first event-loop turn: until then the window is being built and shown,
    # and two threads importing beside it would take the GIL from it (bench/startup.py).
    QTimer.singleShot(0, window, start_loading)
    return window


def _warm_page_modules() -> None:
    """Import what the intake, dossier, scanning and sync pages need when they attach
    (sync client, pydantic schemas, numpy and Pillow, administrative units): seconds of imports that
    would otherwise freeze the window."""
    import sqlcipher3  # noqa: F401  (a site may turn encryption on; --smoke proves a bundle has it)

    import counterapp.digitize.cleanup  # noqa: F401  (numpy, Pillow)
    import counterapp.digitize.sources  # noqa: F401
    import counterapp.digitize.ui_support  # noqa: F401
    import counterapp.dossiers.intake  # noqa: F401
    import counterapp.dossiers.ui_support  # noqa: F401
    import counterapp.forms.formatting  # noqa: F401
    import counterapp.reports.queues  # noqa: F401  (the dashboard's core, before its page is built)
    import counterapp.users.accounts  # noqa: F401  (num2words: every language, ~40 ms)
    import sync.auth  # noqa: F401  (requests, keyring, the protocol's pydantic models)
    import sync.engine  # noqa: F401
    import ui.officer_controls  # noqa: F401  (sign-in, status bar, idle lock)
    from counterapp.dossiers.admin_units import provinces

    provinces()


def _build_qt_namespace() -> None:
    from PySide6.QtCore import Qt

    Qt.Key.Key_Return  # noqa: B018


def _preview_catalog(data_dir: Path) -> CatalogPreview | None:
    from counterapp.catalog.reader import preview_catalog
    from ui.catalog_view import RESULT_LIMIT

    return preview_catalog(data_dir, RESULT_LIMIT)


def _open_app(data_dir: Path) -> AppContext:
    from counterapp.app import open_app  # heavy imports happen here, off the GUI thread
    from counterapp.catalog.records import warm_record_queries

    ctx = open_app(data_dir)
    warm_record_queries(ctx.sessions)  # the first record shown then costs the GUI thread ~5 ms, not ~80
    return ctx


def run_gui(data_dir: str | None = None, smoke: bool = False, language: str | None = None) -> int:
    if smoke and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()
    window = open_window(data_dir, language)
    window.show()
    if smoke:
        outcome = {"status": 1}

        def ready(_ctx: AppContext) -> None:
            # Every page attached: the modules behind them (OpenCV, numpy, the sync client)
            # loaded, which is what a frozen bundle most often gets wrong.
            ok = window.isVisible() and not window.startup_errors
            outcome["status"] = 0 if ok else 1
            for error in window.startup_errors:
                print(f"smoke: {error}", file=sys.stderr)
            QTimer.singleShot(SMOKE_SETTLE_MS, app.quit)

        def failed(message: str) -> None:
            print(f"smoke: {message}", file=sys.stderr)
            app.exit(1)

        window.context_ready.connect(ready)
        window.context_failed.connect(failed)
        QTimer.singleShot(60_000, lambda: app.exit(3))  # never hang a CI run
        app.exec()
        if outcome["status"] == 0:
            print(f"smoke ok: counterapp {__version__}, {window.catalog_view.model.rowCount()} procedures shown")
        return outcome["status"]
    return app.exec()
