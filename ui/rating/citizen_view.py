"""What the citizen sees on the screen facing them: while the officer types, what is being
recorded about them (name, ID number, procedure, time limit or appointment) so they can say
"that is not my name" before the receipt prints; after the intake or the return, the rating.

`CitizenView` is the widget (tested directly: a second screen cannot exist offscreen);
`CitizenScreen` the frameless full-screen window that holds it on the other screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QScreen
from PySide6.QtWidgets import QFormLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget


class CitizenView(QWidget):
    """Pages: the typed details (`show_details`) and a rating panel (`show_rating`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("citizenView")
        self.stack = QStackedWidget(self)
        QVBoxLayout(self).addWidget(self.stack)
        self.details = QWidget(objectName="citizenDetails")
        lay = QVBoxLayout(self.details)
        self.title = QLabel(objectName="citizenTitle", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        self.title.setFont(big)
        lay.addWidget(self.title)
        form = QFormLayout()
        value_font = QFont(self.font())
        value_font.setPointSizeF(value_font.pointSizeF() * 2)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in ("name", "id_number", "procedure", "appointment"):
            caption = QLabel()
            value = QLabel(objectName=f"citizen_{key}", wordWrap=True)
            caption.setFont(value_font)
            value.setFont(value_font)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            form.addRow(caption, value)
            self.captions[key], self.values[key] = caption, value
        lay.addLayout(form)
        self.hint = QLabel(objectName="citizenHint", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        lay.addWidget(self.hint)
        lay.addStretch(1)
        self.stack.addWidget(self.details)
        self.rating_holder: QWidget | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Thông tin hồ sơ của ông/bà"))
        self.captions["name"].setText(self.tr("Họ và tên:"))
        self.captions["id_number"].setText(self.tr("Số CCCD/giấy tờ:"))
        self.captions["procedure"].setText(self.tr("Thủ tục:"))
        self.captions["appointment"].setText(self.tr("Thời hạn / hẹn trả:"))
        self.hint.setText(self.tr("Nếu thông tin chưa đúng, xin ông/bà báo ngay với cán bộ trước khi in giấy tiếp nhận."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_details(self, name: str = "", id_number: str = "", procedure: str = "", appointment: str = "") -> None:
        for key, text in (("name", name), ("id_number", id_number), ("procedure", procedure),
                          ("appointment", appointment)):
            self.values[key].setText(text)
        self.drop_rating()
        self.stack.setCurrentWidget(self.details)

    def text_of(self, key: str) -> str:
        return self.values[key].text()

    def show_rating(self, panel: QWidget) -> None:
        """Put a rating panel in front (it replaces an unanswered one)."""
        self.drop_rating()
        self.rating_holder = panel
        self.stack.addWidget(panel)
        self.stack.setCurrentWidget(panel)
        panel.setFocus(Qt.FocusReason.OtherFocusReason)

    def drop_rating(self) -> None:
        if self.rating_holder is not None:
            self.stack.removeWidget(self.rating_holder)
            self.rating_holder.deleteLater()
            self.rating_holder = None
        self.stack.setCurrentWidget(self.details)


class CitizenScreen(QWidget):
    """A frameless full-screen window holding a CitizenView on the given screen."""

    def __init__(self, screen: QScreen) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("citizenScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)  # the officer keeps the keyboard
        self.view = CitizenView(self)
        QVBoxLayout(self).addWidget(self.view)
        self.place(screen)

    def place(self, screen: QScreen) -> None:
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
