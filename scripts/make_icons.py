"""Render resources/icons/counterapp.svg to the PNG (Linux .desktop, window) and ICO (Windows
shortcut, PyInstaller exe) the installers need. Run after changing the SVG:

    .venv/bin/python scripts/make_icons.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(size: int) -> Image.Image:
    renderer = QSvgRenderer(str(ICONS / "counterapp.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    big = render(256)
    big.save(ICONS / "counterapp.png", optimize=True)
    big.save(ICONS / "counterapp.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print(f"wrote {ICONS / 'counterapp.png'} and counterapp.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
