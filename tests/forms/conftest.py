"""Fixtures for the printed forms: a Qt application and PDF read-back helpers."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
import zxingcpp
from PIL import Image


@pytest.fixture
def gui(qapp):  # noqa: ANN001 - pytest-qt's application (a QGuiApplication is all forms need)
    return qapp


def pdf_text(path: Path, *, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else [])]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(path: Path) -> list[tuple[float, float]]:
    with pikepdf.open(path) as pdf:
        return [(float(p.mediabox[2]) - float(p.mediabox[0]), float(p.mediabox[3]) - float(p.mediabox[1])) for p in pdf.pages]


def pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font the PDF uses, descendants included."""
    found: list[tuple[str, bool]] = []
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                embedded = any(k in obj for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                found.append((str(obj.get("/FontName")), embedded))
        font_count = sum(
            1 for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
        )
    assert font_count, "no fonts in the PDF"
    return found


def decode_qr(path: Path, tmp_dir: Path, page: int = 1, dpi: int = 150) -> list[str]:
    prefix = tmp_dir / f"scan-{page}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile", str(path), str(prefix)],
        check=True,
    )
    image = Image.open(f"{prefix}.png")
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
