from __future__ import annotations

import pytest

from ui.main_window import MainWindow, open_window


@pytest.fixture
def main_window(qtbot, data_dir) -> MainWindow:
    """The real main window on a fresh data folder (demo catalog loaded), once it is ready.

    The site names its officer (site.toml [officer]): forms print a full name, never the
    OS account the tests run as (often "root")."""
    site = data_dir / "site.toml"
    text = site.read_text(encoding="utf-8") if site.exists() else ""
    if "[officer]" not in text:
        site.write_text(text + '\n[officer]\nfull_name = "Nguyễn Văn Kiểm"\n', encoding="utf-8")
    window = open_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        window.show()
    yield window
    window.ctx.close()
