"""Keys an officer presses for one intake, counted on the real window (Qt offscreen).

Why: officers at 1366×768 counted 71 keystrokes for a khai sinh intake, most of them
Enter/Space only to move. This bench drives the real main window with key events only
(QTest, like tests/gui), from Ctrl+N through the procedure search, a citizen ID QR payload
typed as a USB scanner types it, the checklist, to the receipt preview, and counts every
key beyond the QR payload. The officer's policy is fixed and simple, so before/after
figures compare the screen, not the policy:

- type the search query, Down until the wanted procedure is current, Enter;
- scan the QR into the focused field;
- where the procedure is about another person (the child in khai sinh, the deceased in
  khai tử: the block under the applicant), one letter picks the applicant's relationship in
  its list, and the person's full name is typed (every character counts);
- where the window already started the person's name (the father's surname for his child),
  only the rest is typed;
- on the checklist: Space on the "received" tick of each required document not yet
  received; Down to the next row while a required document below is not yet received and
  the screen offers row keys (Up/Down), otherwise Enter (move on / save) — Enter is what the
  screen says moves on;
- stop when the receipt preview is open.

A procedure that the keys alone cannot finish within MAX_KEYS prints nothing (a note on
stderr says it needed the mouse). The checklist policy hands in every ordinary (not conditional) line.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/intake_keys.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QCheckBox  # noqa: E402

CARD = "001090012345|123456789|Trần Văn Bình|15031990|Nam|Số 12, Phường Hồng Gai, Thành phố Hạ Long, Quảng Ninh|01072021"
PROCEDURES = [  # (code, what the officer types in the search box, (relationship letter, the person's name))
    ("1.001193", "khai sinh", ("c", "Trần Minh An")),  # the father registers his son
    ("1.000656", "khai tu", ("c", "Trần Văn Tâm")),  # the son registers his father's death
    ("1.000894", "ket hon", None),
]
MAX_KEYS = 150


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_until(pred, timeout_ms: int = 20_000) -> bool:  # noqa: ANN001
    waited = 0
    while not pred():
        if waited >= timeout_ms:
            return False
        _wait(10)
        waited += 10
    return True


class Officer:
    def __init__(self, window) -> None:  # noqa: ANN001
        self.window = window
        self.keys = 0

    def focus(self):  # noqa: ANN201
        return QApplication.focusWidget() or self.window

    def press(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
        self.keys += 1
        QTest.keyClick(self.focus(), key, modifier)
        QCoreApplication.processEvents()

    def type(self, text: str, count: bool = True) -> None:
        for ch in text:
            if count:
                self.keys += 1
            QTest.sendKeyEvent(QTest.KeyAction.Click, self.focus(), Qt.Key.Key_unknown, ch,
                               Qt.KeyboardModifier.NoModifier)
        QCoreApplication.processEvents()


def intake_keys(window, code: str, query: str, person: tuple[str, str] | None = None) -> int | None:  # noqa: ANN001
    """Keys beyond the QR payload for one complete intake; None when the keys alone could not finish it."""
    page = window.dossier_pages.intake
    page.last_result = None
    officer = Officer(window)
    officer.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    if not _wait_until(page.search_edit.hasFocus, 3000):
        return None
    officer.type(query)
    _wait(80)  # the search runs 25 ms after the last key
    for _ in range(20):
        item = page.results.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == code:
            break
        officer.press(Qt.Key.Key_Down)
    officer.press(Qt.Key.Key_Return)
    if page.procedure_code != code:
        return None
    officer.type(CARD, count=False)  # the scanner, not the officer
    if not _wait_until(lambda: page.name_edit.text() == "Trần Văn Bình", 3000):
        return None
    _wait(50)
    rows = page.checklist.rows
    row_keys = hasattr(page.checklist, "focus_row")  # the screen moves between rows with Up/Down
    while page.last_result is None and officer.keys < MAX_KEYS:
        w = officer.focus()
        row = next((r for r in rows if w is r.received), None)
        index = next((i for i, r in enumerate(rows) if w in r.focus_widgets()), -1)
        subject = getattr(page, "subject", None)
        if person and subject is not None and w is subject.relationship_combo and not w.currentText():
            officer.type(person[0])  # a letter picks in the list
        elif person and subject is not None and w is subject.name_edit and person[1].startswith(w.text()) \
                and w.text() != person[1]:
            _wait(20)  # the window places the cursor after its suggestion on the next turn
            officer.type(person[1][len(w.text()):])  # the rest of the name, after what the window put there
        elif row is not None and row.case_box is None and not row.received.isChecked() and isinstance(w, QCheckBox):
            officer.press(Qt.Key.Key_Space)
        elif row_keys and 0 <= index < len(rows) - 1 and any(
                r.case_box is None and not r.received.isChecked() for r in rows[index + 1:]):
            officer.press(Qt.Key.Key_Down)
        else:
            officer.press(Qt.Key.Key_Return)
        if page._busy:
            _wait_until(lambda: page.last_result is not None or not page._busy)
    if page.last_result is None or page.last_result.form != "receipt":
        return None
    if person:
        from counterapp.dossiers.queries import get_by_code

        with window.ctx.sessions() as s:
            if get_by_code(s, page.last_result.code).subject_name != person[1]:
                return None  # the keys made a wrong record: not a figure
    dialog = page.preview_dialog
    if dialog is None or not dialog.isVisible():
        return None
    dialog.reject()
    window.activateWindow()  # the officer's next intake starts in the main window
    _wait_until(lambda: QApplication.activeWindow() is window, 2000)
    return officer.keys


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="intake-keys-"))
    (folder / "site.toml").write_text('[officer]\nfull_name = "Nguyễn Văn Kiểm"\n', encoding="utf-8")
    os.environ["COUNTERAPP_DATA_DIR"] = str(folder)
    from ui.main_window import open_window

    window = open_window(folder)
    ready = []
    window.context_ready.connect(lambda *a: ready.append(True))
    window.show()
    window.resize(1366, 768)
    if not _wait_until(lambda: bool(ready), 30_000):
        print("the data folder did not open")
        return
    _wait(100)
    for code, query, person in PROCEDURES:
        keys = intake_keys(window, code, query, person)
        page = window.dossier_pages.intake
        name = page.last_result.applicant_name if page.last_result else ""
        if keys is None:  # no figure: a step needed the mouse
            print(f"{code}  ({query}): needs the mouse, not counted", file=sys.stderr)
        else:
            about = f" about {person[1]}" if person else ""
            print(f"{code}  ({query}): {keys} keys beyond the QR payload  [{name}{about}]")
        _wait(50)
    window.ctx.close()
    window.close()


if __name__ == "__main__":
    main()
