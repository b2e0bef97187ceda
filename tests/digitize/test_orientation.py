"""Upright pages: a page fed upside down or sideways is filed upright (Tesseract OSD), a page
with too little text to tell is left as scanned for the officer to turn, and no Tesseract means
no turn and no error. Real Tesseract with its `osd` data (tesseract-ocr-osd)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from counterapp.cli import main as cli_main
from counterapp.digitize.batch import ScanBatch
from counterapp.digitize.cleanup import CleanupOptions
from counterapp.digitize.common import Page
from counterapp.digitize.ocr import find_tesseract
from counterapp.digitize.orientation import detect_orientation, osd_available, parse_osd

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FORM = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "Kính gửi: Ủy ban nhân dân xã Tân Phong, tỉnh Quảng Ninh",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hồng Nhung", "Nơi cư trú: số 12 đường Trần Hưng Đạo",
    "Giấy tờ tùy thân: Căn cước số 022190001234 cấp ngày 15 tháng 3 năm 2021",
    "Quan hệ với người được khai sinh: mẹ", "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
    "Họ, chữ đệm, tên: Trần Minh Khang   Giới tính: Nam", "Ngày, tháng, năm sinh: 02 tháng 11 năm 2026",
    "Nơi sinh: Bệnh viện Sản Nhi tỉnh Quảng Ninh", "Dân tộc: Kinh   Quốc tịch: Việt Nam",
    "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật,",
    "được sự thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật.",
)

exe = find_tesseract()
needs_osd = pytest.mark.skipif(not exe or not osd_available(exe), reason="Tesseract with osd data not installed")


def form_page(lines: int | None = None) -> Image.Image:
    """A Vietnamese form at 200 dpi: 15 lines of real text, or the first `lines`."""
    img = Image.new("RGB", (1654, 2339), (250, 250, 247))
    draw, font = ImageDraw.Draw(img), ImageFont.truetype(FONT, 34)
    for i, text in enumerate(FORM[:lines]):
        draw.text((150, 180 + i * 75), text, fill=(20, 20, 30), font=font)
    return img


def jpeg(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85, dpi=(200, 200))
    return out.getvalue()


def upright_likeness(filed: Image.Image, upright: Image.Image) -> float:
    """How much the filed page looks like the upright one (1 = the same), on small grey copies."""
    a = np.asarray(filed.convert("L").resize((165, 234)), np.float32)
    b = np.asarray(upright.convert("L").resize((165, 234)), np.float32)
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


def test_tesseract_osd_text_is_read_as_clockwise_quarter_turns():
    text = "Page number: 0\nOrientation in degrees: 180\nRotate: 180\nOrientation confidence: 9.84\nScript: Latin\n"
    assert parse_osd(text).quarter_turns == 2 and parse_osd(text).confidence == pytest.approx(9.84)
    assert parse_osd("Rotate: 90\nOrientation confidence: 14.7\n").quarter_turns == 1
    assert parse_osd("Too few characters. Skipping this page") is None


@needs_osd
@pytest.mark.parametrize("fed_turned", [180, 90, 270])
def test_a_page_fed_upside_down_or_sideways_is_filed_upright(tmp_path, fed_turned):
    upright = form_page()
    fed = upright.rotate(fed_turned, expand=True)  # counter-clockwise, as the sheet went in
    batch = ScanBatch.create(tmp_path / "b", officer="t", cleanup=CleanupOptions(orient=True))
    page = batch.add_page(Page(Image.open(io.BytesIO(jpeg(fed))), dpi=200, encoded=jpeg(fed)))
    assert page.rotation == fed_turned // 90
    assert upright_likeness(page.image(), upright) > 0.8
    entry = batch.manifest["pages"][0]["orientation"]
    assert entry["turns"] == fed_turned // 90 and entry["confidence"] >= 5.0


@needs_osd
def test_an_upright_page_and_a_page_with_too_little_text_are_left_as_scanned(tmp_path):
    batch = ScanBatch.create(tmp_path / "b", officer="t", cleanup=CleanupOptions(orient=True))
    upright = batch.add_page(Page(form_page(), dpi=200))
    sparse = batch.add_page(Page(form_page(lines=3).rotate(180), dpi=200))  # 3 lines: OSD unsure
    assert upright.rotation == 0
    assert sparse.rotation == 0  # under the confidence threshold: the officer turns it ([ / ])
    recorded = batch.manifest["pages"][1].get("orientation")
    assert recorded is None or recorded["confidence"] < 5.0


def test_without_tesseract_nothing_is_turned_and_nothing_fails(tmp_path):
    missing = str(tmp_path / "no-tesseract")
    assert detect_orientation(np.full((200, 100), 255, np.uint8), tesseract=missing) is None
    batch = ScanBatch.create(tmp_path / "b", officer="t", cleanup=CleanupOptions(orient=True, tesseract=missing))
    page = batch.add_page(Page(form_page().rotate(180), dpi=200))
    assert page.rotation == 0 and not page.deleted


@needs_osd
def test_cli_digitize_files_the_page_upright_and_says_so(tmp_path, capsys):
    upright = form_page()
    scan = tmp_path / "upside-down.jpg"
    scan.write_bytes(jpeg(upright.rotate(180)))
    out = tmp_path / "out.pdf"
    assert cli_main(["--data-dir", str(tmp_path / "data"), "digitize", str(scan), "--out", str(out)]) == 0
    assert "turned upright" in capsys.readouterr().err
    import pikepdf

    with pikepdf.open(out) as pdf:
        image = pikepdf.PdfImage(next(iter(pdf.pages[0].get_images().values()))).as_pil_image()
    assert upright_likeness(image, upright) > 0.8
    assert cli_main(["--data-dir", str(tmp_path / "data"), "digitize", str(scan), "--out", str(out),
                     "--no-orient"]) == 0
    with pikepdf.open(out) as pdf:
        image = pikepdf.PdfImage(next(iter(pdf.pages[0].get_images().values()))).as_pil_image()
    assert upright_likeness(image, upright) < 0.5
