"""Regenerate the README's screenshots: the real window on a demo data folder.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py docs/screenshots

(or with QT_QPA_PLATFORM=offscreen). Each page is grabbed from the window itself.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest


def type_text(widget, text: str) -> None:  # noqa: ANN001
    """As a keyboard (or a USB QR scanner acting as one) types it, one key event a character."""
    for ch in text:
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key.Key_unknown
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, key, ch, Qt.KeyboardModifier.NoModifier)


def settle(ms: int = 600) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def demo_dossiers(ctx) -> None:  # noqa: ANN001
    from counterapp.dossiers.intake import create_dossier

    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    now = datetime.now(zone).replace(hour=9, minute=15, second=0, microsecond=0)
    if now > datetime.now(zone):  # before 09:15 at the site: the newest dossier is yesterday's
        now -= timedelta(days=1)
    people = [
        ("1.001193", "Nguyễn Thị Hồng Đào", "022185001234", "1985-03-12", "Nữ", 0),
        ("2.000815", "Trần Văn Bình", "022090004321", "1990-07-01", "Nam", -1),
        ("1.000894", "Lê Minh Tuấn", "022095007777", "1995-11-20", "Nam", -6),
        ("3.000347", "Phạm Thu Hà", "022199002468", "1999-02-14", "Nữ", -12),
    ]
    for code, name, id_number, dob, sex, days in people:
        create_dossier(ctx, {
            "procedure_code": code,
            "applicant": {"name": name, "id_number": id_number, "date_of_birth": dob, "sex": sex,
                          "phone": "0912345678", "province_code": "22", "street": "Tổ 3, khu 5"},
            "received_at": (now + timedelta(days=days)).isoformat(),
            "officer": "Trần Văn Bình",
        })


def demo_scans(folder: Path) -> list[Path]:
    """Three typed-looking A4 pages at 200 dpi, as a scanner would return them."""
    from PIL import Image, ImageDraw

    paths = []
    for n in range(3):
        img = Image.new("RGB", (1654, 2339), "white")
        draw = ImageDraw.Draw(img)
        y = 220
        for line in range(22 - 5 * n):
            x = 170
            for word in range(6 + (line * 7 + n) % 5):
                width = 60 + (word * 37 + line * 11 + n * 5) % 140
                draw.rectangle([x, y, min(x + width, 1480), y + 22], fill=(30, 30, 45))
                x += width + 28
                if x > 1450:
                    break
            y += 80
        path = folder / f"scan-{n + 1}.png"
        img.save(path, dpi=(200, 200))
        paths.append(path)
    return paths


def main(out_dir: str) -> int:
    from ui.main_window import create_application, open_window

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="counter-shots-"))
    app = create_application()
    window = open_window(data_dir)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1280, 760)
    ready = []
    window.context_ready.connect(ready.append)
    window.show()
    while not ready:
        settle(100)
    demo_dossiers(window.ctx)
    settle()
    window.catalog_view.search_edit.setText("khai sinh")
    settle()
    window.grab().save(str(out / "catalog.png"))
    pages = window.dossier_pages
    pages.new_intake("1.001193")
    settle(800)
    intake = pages.intake
    # what a USB 2D scanner types when it reads the citizen ID card's QR
    payload = "022185001234||Nguyễn Thị Hồng Đào|12031985|Nữ|Số 12, tổ 3, khu 5, Phường Hạ Long, Tỉnh Quảng Ninh|01072021"
    type_text(intake.phone_edit, payload + "\r")
    settle()
    type_text(intake.phone_edit, "0912345678")
    # the mother registers her daughter: relationship, then the child's name
    intake.subject.relationship_combo.setCurrentIndex(intake.subject.relationship_combo.findText("mẹ"))
    intake.subject.name_edit.setFocus()
    type_text(intake.subject.name_edit, "Lê Ngọc Hân")
    intake.checklist.rows[0].received.setFocus()
    intake.checklist.rows[0].received.setChecked(True)
    settle()
    window.grab().save(str(out / "intake.png"))
    pages.show_list()
    pages.dossiers.reload()
    settle(1200)
    pages.dossiers.table.selectRow(1)
    settle()
    window.grab().save(str(out / "dossiers.png"))
    scan = window.scan_pages.page
    window.tabs.setCurrentWidget(scan)
    settle(600)
    done = []
    scan.feed_finished.connect(done.append)
    scan.add_files(demo_scans(data_dir))
    while not done:
        settle(100)
    scan.view.setCurrentIndex(scan.model.index(0))
    settle(1500)
    window.grab().save(str(out / "scan.png"))
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
