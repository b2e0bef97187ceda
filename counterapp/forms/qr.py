"""The QR code printed with a dossier code: what it holds and its image.

Why: a citizen (or the counter's scanner) reads the receipt's QR to look the dossier
up; it holds the site's tracking URL for the code when the site has one, else the
code itself. The image is 1-bit and drawn module by module (no QPixmap), so it is
lossless and small in the PDF and safe to build off the GUI thread.
"""

from __future__ import annotations

from functools import lru_cache

import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from counterapp.config import SiteConfig
from counterapp.forms.specs import FormError


def qr_payload(code: str, config: SiteConfig) -> str:
    """What the QR holds: the tracking URL for the code when the site has one, else the code."""
    if config.tracking_url:
        separator = "&" if "?" in config.tracking_url else "?"
        return f"{config.tracking_url}{separator}code={code}"
    return code


QR_MODULE_PX = 8  # pixels per QR module in the embedded image


@lru_cache(maxsize=64)
def _qr_pixels(payload: str) -> tuple[bytes, int]:
    """Greyscale pixels (0 black, 255 white) of the QR with its quiet zone, and the side."""
    qr = segno.make(payload, error="m", micro=False)
    scale = QR_MODULE_PX
    rows = []
    for row in qr.matrix_iter(scale=1, border=4):
        line = b"".join(b"\x00" * scale if bit else b"\xff" * scale for bit in row)
        rows.append(line * scale)
    side = len(rows[0]) // scale
    return b"".join(rows), side


def qr_image(payload: str) -> QImage:
    """The QR as a 1-bit image (lossless and small in the PDF)."""
    pixels, side = _qr_pixels(payload)
    image = QImage(pixels, side, side, side, QImage.Format.Format_Grayscale8).copy()
    if image.isNull():
        raise FormError("Không tạo được mã QR / QR image failed")
    return image.convertToFormat(QImage.Format.Format_Mono, Qt.ImageConversionFlag.ThresholdDither)
