"""Separator sheets: a printed page with a QR code naming a dossier and a
document component. Put one before each document in the feeder; the batch is
split at them and each part filed under the codes it names.

Payload: `COUNTERSEP|<dossier code>|<document component code>`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from counterapp.digitize.common import DigitizeError

PREFIX = "COUNTERSEP"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "C:/Windows/Fonts/arial.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
)


@dataclass(frozen=True)
class Separator:
    dossier_code: str
    document_code: str


def separator_payload(dossier_code: str, document_code: str) -> str:
    for value in (dossier_code, document_code):
        if not value or "|" in value:
            raise DigitizeError(f"Mã không hợp lệ cho tờ phân cách: {value!r} / invalid code for a separator sheet")
    return f"{PREFIX}|{dossier_code}|{document_code}"


def parse_payload(text: str) -> Separator | None:
    parts = text.strip().strip("\x00").split("|")
    if len(parts) == 3 and parts[0] == PREFIX and parts[1] and parts[2]:
        return Separator(parts[1], parts[2])
    return None


def _font(size: int):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default()


def render_separator_image(
    dossier_code: str, document_code: str, document_name: str = "", dpi: int = 200
) -> Image.Image:
    """An A4 page image: a large QR code and the codes in words, for printing."""
    import segno

    payload = separator_payload(dossier_code, document_code)
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    qr = segno.make(payload, error="m", micro=False)
    buf = io.BytesIO()
    modules = qr.symbol_size(scale=1, border=4)[0]
    scale = max(4, int(dpi * 2.4 / modules))  # about 6 cm wide
    qr.save(buf, kind="png", scale=scale, border=4)
    qr_img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    page.paste(qr_img, ((width - qr_img.width) // 2, int(dpi * 2.2)))
    big, small = _font(int(dpi * 0.28)), _font(int(dpi * 0.16))
    y = int(dpi * 0.9)
    for text, font in (
        ("TỜ PHÂN CÁCH TÀI LIỆU / SEPARATOR SHEET", big),
        (f"Hồ sơ / Dossier: {dossier_code}", small),
        (f"Thành phần / Component: {document_code}", small),
    ):
        w = draw.textlength(text, font=font)
        draw.text(((width - w) / 2, y), text, fill="black", font=font)
        y += int(font.size * 1.6)
    y = int(dpi * 2.2) + qr_img.height + int(dpi * 0.3)
    for text in (document_name, "Đặt tờ này trước tài liệu khi quét / put this sheet before the document"):
        if text:
            w = draw.textlength(text, font=small)
            draw.text(((width - w) / 2, y), text, fill="black", font=small)
            y += int(small.size * 1.6)
    return page


def render_separator_pdf(
    out_path: str | Path, sheets: list[tuple[str, str, str]] | list[tuple[str, str]], dpi: int = 200
) -> Path:
    """One PDF with a separator sheet per (dossier code, document code[, name])."""
    import img2pdf

    images = []
    for sheet in sheets:
        img = render_separator_image(*sheet, dpi=dpi)
        buf = io.BytesIO()
        img.save(buf, "PNG", dpi=(dpi, dpi))
        images.append(buf.getvalue())
    out = Path(out_path)
    out.write_bytes(img2pdf.convert(images, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))))
    return out


def detect_separator(image: np.ndarray | Image.Image) -> Separator | None:
    """The separator a page carries, if it is a separator sheet."""
    import zxingcpp

    from counterapp.digitize.imageops import shrink, to_gray

    gray = to_gray(np.asarray(image))
    h, w = gray.shape
    scale = min(1.0, 1000 / max(h, w))
    if scale < 1.0:
        gray = shrink(gray, int(w * scale), int(h * scale))
    try:
        found = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    except Exception:
        return None
    for code in found:
        sep = parse_payload(code.text)
        if sep is not None:
            return sep
    return None
