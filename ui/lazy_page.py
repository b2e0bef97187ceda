"""A tab whose page is built when it is first needed.

The window shows at once with every tab present; a tab holds a light placeholder until
its page is built:
- on its first visit (a click on the tab, or its shortcut);
- when something asks for the page (`LazyTab.page()`), e.g. Enter on a catalog result
  asks for the intake page;
- otherwise in idle time once the data folder is open (MainWindow builds the remaining
  pages one at a time, a short pause apart, after their modules were imported off the GUI
  thread).

Building a page imports its module and creates its widgets (tens of milliseconds each);
doing all of it before the window shows made start-up three times slower than a bare
window (bench/startup.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

PageT = TypeVar("PageT", bound=QWidget)


def action_with_keys(parent: QObject, keys: str | QKeySequence.StandardKey,
                     triggered: Callable[[], object]) -> QAction:
    """A QAction with its shortcut. `setShortcuts([...])`, not `setShortcut` or the
    `shortcut=` keyword: resolving setShortcut's overloads makes PySide build the whole `Qt`
    namespace of enums (about 25 ms), which the window would pay before it shows."""
    action = QAction(parent)
    if isinstance(keys, str):
        action.setShortcuts([QKeySequence(keys)])
    else:
        action.setShortcuts(keys)
    action.triggered.connect(triggered)
    return action


class LazyTab(QObject, Generic[PageT]):
    def __init__(self, tabs: QTabWidget, build: Callable[[], PageT], shortcut: str | None = None,
                 shortcut_parent: QWidget | None = None) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        self._build = build
        self._page: PageT | None = None
        self._building = False
        self.placeholder = QLabel(self.tr("Đang tải…"))
        tabs.addTab(self.placeholder, "")
        if shortcut:
            QShortcut(QKeySequence(shortcut), shortcut_parent or tabs, activated=self.show)
        tabs.currentChanged.connect(self._current_changed)

    @property
    def built_page(self) -> PageT | None:
        """The page if it was built; None (and nothing is built) otherwise."""
        return self._page

    def widget(self) -> QWidget:
        """What the tab holds now: the page, or its placeholder."""
        return self._page if self._page is not None else self.placeholder

    def page(self) -> PageT:
        """The page, built now if it was not yet (its tab keeps its place, title and focus)."""
        if self._page is None:
            if self._building:
                raise RuntimeError("a page asked for itself while being built")
            self._building = True
            try:
                page = self._build()
            finally:
                self._building = False
            tabs = self._tabs
            index = tabs.indexOf(self.placeholder)
            in_front = tabs.currentIndex() == index
            tabs.insertTab(index, page, tabs.tabText(index))
            tabs.setTabToolTip(index, tabs.tabToolTip(index + 1))
            self._page = page
            if in_front:
                tabs.setCurrentIndex(index)
            tabs.removeTab(index + 1)
            self.placeholder.deleteLater()
        return self._page

    def show(self) -> None:
        self._tabs.setCurrentWidget(self.page())

    def is_current(self) -> bool:
        return self._tabs.currentWidget() is self.widget()

    def set_title(self, text: str) -> None:
        self._tabs.setTabText(self._tabs.indexOf(self.widget()), text)

    def title(self) -> str:
        return self._tabs.tabText(self._tabs.indexOf(self.widget()))

    def _current_changed(self, index: int) -> None:
        if self._page is None and self._tabs.widget(index) is self.placeholder:
            # Not inside the tab widget's own signal: build on the next turn.
            QTimer.singleShot(0, self, self._build_if_in_front)

    def _build_if_in_front(self) -> None:
        if self._page is None and self._tabs.currentWidget() is self.placeholder:
            self.page()
