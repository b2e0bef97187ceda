"""The README's dashboard screenshot: the real window at 1600 x 900 on a demo data folder
holding the dashboard's known data set (tests/reports/dashboard_data.py) moved to today.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/screenshot_dashboard.py docs/screenshots/dashboard.png
"""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def settle(ms: int = 600) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out: str, language: str | None = None) -> int:
    from counterapp.app import open_app
    from counterapp.clock import site_today
    from tests.reports import dashboard_data as data

    folder = Path(tempfile.mkdtemp()) / "data"
    folder.mkdir()
    (folder / "site.toml").write_text('[officer]\nfull_name = "Nguyễn Văn Kiểm"\n', encoding="utf-8")
    ctx = open_app(folder, seed_demo=True)
    data.load(ctx, timedelta(days=(site_today() - data.NOW.date()).days))
    ctx.close()

    from counterapp.digitize.sources import SaneSource
    from ui.main_window import create_application, open_window

    SaneSource.list_devices = lambda self, *a, **k: []  # no scanner discovery for a picture
    create_application()
    window = open_window(folder, language)
    window.setWindowState(window.windowState() & ~window.windowState())  # not maximised: a fixed size
    window.resize(1600, 900)
    window.show()
    loop = QEventLoop()
    window.context_ready.connect(lambda _ctx: loop.quit())
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    window.dashboard.show()
    page = window.dashboard.page
    settle(800)
    page.period_panel.kind_combo.setCurrentIndex(page.period_panel.kind_combo.findData("quarter"))
    page.period_panel.by_combo.setCurrentIndex(page.period_panel.by_combo.findData("procedure"))
    settle(1200)
    window.resize(1600, 900)
    settle(300)
    window.grab().save(out)
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
