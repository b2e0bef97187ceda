from __future__ import annotations

import pytest

from ui.main_window import MainWindow, open_window


@pytest.fixture
def main_window(qtbot, data_dir) -> MainWindow:
    """The real main window on a fresh data folder (demo catalog loaded), once it is ready."""
    window = open_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        window.show()
    yield window
    window.ctx.close()
