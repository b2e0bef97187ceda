"""The rating itself: three big buttons (touch, or keys 1 / 2 / 3), the reasons as toggles,
Esc to let it go. Used as is in the officer-screen window and on the citizen's screen.

No rule here: the panel says what was chosen (`chosen(score, reasons)`) or that it was let go
(`dismissed`); the controller records it through the core (counterapp/ratings/).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

SCORES = ("satisfied", "normal", "unsatisfied")
KEYS = {Qt.Key.Key_1: "satisfied", Qt.Key.Key_2: "normal", Qt.Key.Key_3: "unsatisfied"}
# (background, text): dark text on the yellow, which white would not read on.
COLOURS = {"satisfied": ("#2e7d32", "white"), "normal": ("#f9a825", "#212121"), "unsatisfied": ("#c62828", "white")}
OBJECT_NAMES = {"satisfied": "ratingSatisfied", "normal": "ratingNormal", "unsatisfied": "ratingUnsatisfied"}


class RatingPanel(QWidget):
    """`chosen(score, reasons)` once, or `dismissed()`; `big=True` for a touch screen."""

    chosen = Signal(str, list)
    dismissed = Signal()

    def __init__(self, reasons: list[tuple[str, str]], *, big: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingPanel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.code = ""
        self._done = False
        scale = 2 if big else 1
        lay = QVBoxLayout(self)
        lay.setSpacing(10 * scale)
        self.prompt = QLabel(objectName="ratingPrompt", wordWrap=True,
                             alignment=Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5 * scale)
        font.setBold(True)
        self.prompt.setFont(font)
        lay.addWidget(self.prompt)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        button_font = QFont(self.font())
        button_font.setPointSizeF(button_font.pointSizeF() * 1.4 * scale)
        button_font.setBold(True)
        for score in SCORES:
            button = QPushButton(objectName=OBJECT_NAMES[score])
            button.setFont(button_font)
            button.setMinimumHeight(90 * scale)
            button.setMinimumWidth(160 * scale)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys 1/2/3 and Esc stay with the panel
            back, ink = COLOURS[score]
            button.setStyleSheet(f"QPushButton {{ background: {back}; color: {ink}; border-radius: 8px; }}")
            button.clicked.connect(lambda _c=False, s=score: self.choose(s))
            row.addWidget(button)
            self.buttons[score] = button
        lay.addLayout(row, 3)
        self.reasons_label = QLabel(objectName="ratingReasonsLabel")
        lay.addWidget(self.reasons_label)
        grid = QGridLayout()
        self.reason_buttons: dict[str, QPushButton] = {}
        for i, (code, label) in enumerate(reasons):
            toggle = QPushButton(label, objectName=f"ratingReason_{code}", checkable=True)
            toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            toggle.setMinimumHeight(40 * scale)
            toggle.setStyleSheet("QPushButton:checked { background: #1565c0; color: white; }")
            grid.addWidget(toggle, i // 3, i % 3)
            self.reason_buttons[code] = toggle
        lay.addLayout(grid, 1)
        self.skip_button = QPushButton(objectName="ratingSkip")
        self.skip_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.skip_button.setMinimumHeight(32 * scale)
        self.skip_button.clicked.connect(self.dismiss)
        self.status = QLabel(objectName="ratingStatus", alignment=Qt.AlignmentFlag.AlignCenter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.skip_button)
        lay.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        self.prompt.setText(self.tr("Ông/bà có hài lòng với việc giải quyết hồ sơ {code}?").replace("{code}", self.code))
        self.buttons["satisfied"].setText(self.tr("1  Hài lòng"))
        self.buttons["normal"].setText(self.tr("2  Bình thường"))
        self.buttons["unsatisfied"].setText(self.tr("3  Không hài lòng"))
        self.reasons_label.setText(self.tr("Lý do (không bắt buộc, chọn trước khi đánh giá):"))
        self.skip_button.setText(self.tr("Bỏ qua (Esc)"))

    def set_code(self, code: str) -> None:
        self.code = code
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reasons(self) -> list[str]:
        return [code for code, button in self.reason_buttons.items() if button.isChecked()]

    def choose(self, score: str) -> None:
        if self._done:
            return
        self._done = True
        for button in (*self.buttons.values(), *self.reason_buttons.values(), self.skip_button):
            button.setEnabled(False)
        self.chosen.emit(score, self.reasons())

    def dismiss(self) -> None:
        if self._done:
            return
        self._done = True
        self.dismissed.emit()

    def thank(self) -> None:
        self.status.setText(self.tr("Cảm ơn ông/bà đã đánh giá!"))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = Qt.Key(event.key())
        if key in KEYS:
            self.choose(KEYS[key])
        elif key == Qt.Key.Key_Escape:
            self.dismiss()
        else:
            super().keyPressEvent(event)
