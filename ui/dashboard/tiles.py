"""The number tiles of "today": one button per figure, the number big and its name under it.

A tile is a real QPushButton: it takes the keyboard focus with Tab, opens the list behind its
number with a click, Space, Enter or Return, and reads as "name: number" to a screen reader.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

TILE_COLOURS = {
    "overdue": "#b3261e",  # red: someone is waiting beyond the appointment
    "due_today": "#9a6700",
    "waiting_citizen": "#6750a4",
    "not_synced": "#0b57d0",
    "provisional": "#8c4a00",
}
DEFAULT_COLOUR = "#1b5e20"


class FigureTile(QPushButton):
    """One figure: `activated_key(key)` when the officer opens it."""

    activated_key = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.count: int | None = None
        self.setObjectName(f"tile_{key}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(92)
        colour = TILE_COLOURS.get(key, DEFAULT_COLOUR)
        self.setStyleSheet(
            "QPushButton { background: #ffffff; border: 1px solid #c4c7c5; border-radius: 8px; "
            f"border-left: 6px solid {colour}; text-align: left; }}"
            "QPushButton:hover { background: #f3f6fb; }"
            "QPushButton:focus { border: 2px solid #0b57d0; border-left: 6px solid " + colour + "; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 4, 10, 6)
        layout.setSpacing(2)
        self.number_label = QLabel("–", objectName="tileNumber")
        self.number_label.setStyleSheet(f"font-size: 26pt; font-weight: 600; color: {colour}; background: transparent;")
        self.name_label = QLabel(objectName="tileName")
        self.name_label.setWordWrap(True)
        self.name_label.setStyleSheet("font-size: 10.5pt; color: #1f1f1f; background: transparent;")
        for label in (self.number_label, self.name_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(self.number_label)
        layout.addWidget(self.name_label)
        self.clicked.connect(lambda: self.activated_key.emit(self.key))

    def set_name(self, text: str, tooltip: str = "") -> None:
        self.name_label.setText(text)
        self.setToolTip(tooltip)
        self._update_accessible()

    def set_count(self, count: int | None) -> None:
        self.count = count
        self.number_label.setText("–" if count is None else f"{count:,}".replace(",", "."))
        self._update_accessible()

    def _update_accessible(self) -> None:
        self.setAccessibleName(f"{self.name_label.text()}: {self.number_label.text()}")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


class TileRow(QWidget):
    """The tiles in figure order, in one row (two on a narrow window)."""

    activated_key = Signal(str)

    def __init__(self, keys: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[str, FigureTile] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(10)
        for key in keys:
            tile = FigureTile(key, self)
            tile.activated_key.connect(self.activated_key)
            self.tiles[key] = tile
        self._columns = 0
        self._lay_out(len(keys))

    def _lay_out(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        for i, tile in enumerate(self.tiles.values()):
            self.grid.addWidget(tile, i // columns, i % columns)
        for c in range(len(self.tiles)):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        n = len(self.tiles)
        self._lay_out(n if self.width() >= 125 * n else (n + 1) // 2)
        super().resizeEvent(event)


__all__ = ["FigureTile", "TileRow"]
