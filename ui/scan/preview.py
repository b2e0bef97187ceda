"""The larger preview of the selected page, with zoom, so an officer can check legibility.

Ctrl+wheel, + / − zoom; Ctrl+0 fits the page's width; Ctrl+9 shows the whole page (the
default, following the pane's size). The image is made off the GUI thread
(`counterapp.digitize.ui_support.page_thumbnail`); zooming past the resolution in hand asks
for a sharper one, up to `MAX_PX`, so small print can be read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap, QWheelEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ui.ops import BackgroundOp

if TYPE_CHECKING:
    from counterapp.digitize.batch import BatchPage

PREVIEW_PX = 900  # the first image's long side; the zoom factor is relative to it
MAX_PX = 3600
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 6.0


class PageScroll(QScrollArea):
    """The scrolling image; Ctrl+wheel and the zoom keys are passed to the preview."""

    zoom_key = Signal(str)  # "in", "out", "width", "page"

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_key.emit("in" if delta > 0 else "out")
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        command = zoom_command(event)
        if command is not None:
            self.zoom_key.emit(command)
            event.accept()
            return
        super().keyPressEvent(event)


def zoom_command(event: QKeyEvent) -> str | None:
    """The zoom a key asks for: + / = / Ctrl++ in, − / Ctrl+− out, Ctrl+0 fit width, Ctrl+9 whole page."""
    key, text = event.key(), event.text()
    ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    if text in ("+", "=") or key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
        return "in"
    if text in ("-", "−") or key == Qt.Key.Key_Minus:
        return "out"
    if ctrl and key == Qt.Key.Key_0:
        return "width"
    if ctrl and key == Qt.Key.Key_9:
        return "page"
    return None


class PagePreview(QWidget):
    """Shows one page; `zoom(command)` changes the scale; `zoom_factor()` is 1.0 at `PREVIEW_PX`."""

    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanPreviewPane")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.scroll = PageScroll(objectName="scanPreviewScroll")
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidgetResizable(False)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setMinimumSize(200, 120)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.label = QLabel(objectName="scanPreview", alignment=Qt.AlignmentFlag.AlignCenter)
        self.label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.scroll.setWidget(self.label)
        self.scroll.zoom_key.connect(self.zoom)
        box.addWidget(self.scroll, 1)
        tools = QHBoxLayout()
        self.zoom_out_button = QPushButton("−", clicked=lambda: self.zoom("out"))
        self.zoom_in_button = QPushButton("+", clicked=lambda: self.zoom("in"))
        self.fit_width_button = QPushButton(clicked=lambda: self.zoom("width"))
        self.fit_page_button = QPushButton(clicked=lambda: self.zoom("page"))
        self.zoom_label = QLabel(objectName="scanZoom")
        for b in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button, self.fit_page_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays where the officer works
            b.setMinimumWidth(30)  # a narrow pane elides the buttons rather than widening the page
            tools.addWidget(b)
        tools.addStretch(1)
        tools.addWidget(self.zoom_label)
        box.addLayout(tools)
        self._mode = "page"  # "page" and "width" follow the pane's size; "free" keeps the factor
        self._zoom = 1.0
        self._key: tuple[str, int] | None = None
        self._page: BatchPage | None = None
        self._source: QPixmap | None = None
        self._source_px = 0  # the long side asked for (the image may be smaller: the page itself is)
        self._asked_px = 0
        self.scroll.viewport().installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.zoom_out_button.setToolTip(self.tr("Thu nhỏ (− hoặc Ctrl+lăn chuột)"))
        self.zoom_in_button.setToolTip(self.tr("Phóng to (+ hoặc Ctrl+lăn chuột)"))
        self.fit_width_button.setText(self.tr("Vừa chiều ngang"))
        self.fit_width_button.setToolTip(self.tr("Vừa chiều ngang (Ctrl+0)"))
        self.fit_page_button.setText(self.tr("Cả trang"))
        self.fit_page_button.setToolTip(self.tr("Xem cả trang (Ctrl+9)"))
        self._show_zoom()

    # ---- what is shown
    def pixmap(self) -> QPixmap:
        return self.label.pixmap()

    def zoom_factor(self) -> float:
        return self._zoom

    def mode(self) -> str:
        return self._mode

    def resolution(self) -> int:
        """The long side, in pixels, of the page image in hand (a sharper one is made on zooming in)."""
        return 0 if self._source is None else max(self._source.width(), self._source.height())

    def actual_percent(self) -> int | None:
        """The scale shown to the officer: 100% is one screen pixel per scanned pixel."""
        if self._source is None or self._page is None or not (self._page.width and self._page.height):
            return None
        shown = self.label.pixmap().size()
        return round(100 * max(shown.width(), shown.height()) / max(self._page.width, self._page.height))

    def clear(self) -> None:
        self._key = None
        self._page = None
        self._source = None
        self._source_px = self._asked_px = 0
        self.label.clear()
        self.label.resize(0, 0)

    def show_page(self, page: BatchPage | None) -> None:
        """Show this page (None: nothing); the same page turned the same way is not made again."""
        if page is None:
            self.clear()
            return
        key = (page.id, page.rotation)
        if key == self._key:
            return
        self._key, self._page = key, page
        self._source, self._source_px, self._asked_px = None, 0, 0
        self._request(PREVIEW_PX)

    def _request(self, px: int) -> None:
        from counterapp.digitize.ui_support import page_thumbnail

        if self._page is None or px <= self._asked_px:
            return
        self._asked_px = px
        key = self._key
        (BackgroundOp(self, page_thumbnail, self._page, px).success(lambda r, k=key, p=px: self._made(k, p, r))
         .describe(self.tr("Tạo ảnh xem trước trang")).run())

    def _made(self, key: tuple[str, int] | None, px: int, result: tuple[bytes, int, int]) -> None:
        if key != self._key or px < self._source_px:
            return
        data, w, h = result
        image = QImage(data, w, h, w * 3, QImage.Format.Format_RGB888).copy()
        self._source, self._source_px = QPixmap.fromImage(image), px
        self._render()

    # ---- zoom
    def _reference(self) -> QSize:
        """The page's size at zoom 1.0 (long side `PREVIEW_PX`)."""
        size = self._source.size()
        long_side = max(size.width(), size.height(), 1)
        return QSize(max(1, round(size.width() * PREVIEW_PX / long_side)),
                     max(1, round(size.height() * PREVIEW_PX / long_side)))

    def _fitted(self, mode: str) -> float:
        ref = self._reference()
        room = self.scroll.viewport().size() - QSize(8, 8)
        if mode == "width":
            bar = self.scroll.verticalScrollBar().sizeHint().width()
            return max(MIN_ZOOM, (room.width() - bar) / ref.width())
        return max(MIN_ZOOM, min(room.width() / ref.width(), room.height() / ref.height()))

    def zoom(self, command: str) -> None:
        """"in", "out" (a step from the current scale), "width" or "page" (follow the pane)."""
        if command in ("width", "page"):
            self._mode = command
        elif command in ("in", "out"):
            base = self._zoom
            self._mode = "free"
            self._zoom = min(MAX_ZOOM, max(MIN_ZOOM, base * (ZOOM_STEP if command == "in" else 1 / ZOOM_STEP)))
        self._render()

    def _render(self) -> None:
        if self._source is None:
            self._show_zoom()
            return
        if self._mode != "free":
            self._zoom = self._fitted(self._mode)
        ref = self._reference()
        target = QSize(max(1, round(ref.width() * self._zoom)), max(1, round(ref.height() * self._zoom)))
        self.label.setPixmap(self._source.scaled(target, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        self.label.resize(self.label.pixmap().size())
        wanted = min(MAX_PX, max(target.width(), target.height()))
        if wanted > self._source_px * 1.05:
            self._request(wanted)  # sharper image for reading small print
        self._show_zoom()
        self.zoom_changed.emit(self._zoom)

    def _show_zoom(self) -> None:
        percent = self.actual_percent()
        self.zoom_label.setText("" if percent is None else f"{percent}%")

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self._mode != "free":
            self._render()
        return super().eventFilter(obj, event)
