"""The text layer reads like the page: Tesseract's hOCR drawn one run per line (textlayer.py).

Real things: pages drawn with Pillow in the shipped Liberation fonts, real `tesseract -l vie`, the
result read back with poppler's pdftotext (its default reading order, what copy-paste and search
indexers use), PDF/A self-check, signing after OCR checked by pyHanko.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from counterapp.digitize.ocr import ocr_pdf, tesseract_available
from counterapp.digitize.pdfbuild import PdfMeta, build_pdf, pdfa_problems
from tests.digitize.test_encryption_at_rest import forget_keys  # noqa: F401  (fixture)

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None or shutil.which("pdftotext") is None or not tesseract_available("vie"),
    reason="tesseract with vie data, or pdftotext, is not installed",
)

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
LEFT = ("người dân nộp hồ sơ tại bộ phận một cửa của ủy ban nhân dân phường và nhận giấy hẹn trả "
        "kết quả theo đúng quy định hiện hành").split()
RIGHT = ("cán bộ tiếp nhận kiểm tra thành phần giấy tờ số hóa bản chính lưu trữ điện tử rồi chuyển "
         "cho phòng chuyên môn giải quyết").split()


def two_column_page(rows: int = 14) -> bytes:
    """An A4 page at 200 dpi: the national motto centred, then two columns of prose typed at
    1.5 line spacing; each column line starts with its column's name and number."""
    width, height = 1654, 2339
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    bold = ImageFont.truetype(str(FONTS / "LiberationSerif-Bold.ttf"), 40)
    body = ImageFont.truetype(str(FONTS / "LiberationSerif-Regular.ttf"), 34)
    for i, text in enumerate(MOTTO):
        draw.text(((width - draw.textlength(text, font=bold)) / 2, 150 + 60 * i), text, font=bold, fill="black")
    for x0, x1, words, tag in ((130, 790, LEFT, "Trái"), (880, 1540, RIGHT, "Phải")):
        k = 0
        for n in range(rows):
            line = [f"{tag}{n + 1:02d}"]
            while draw.textlength(" ".join([*line, words[k % len(words)]]), font=body) <= x1 - x0:
                line.append(words[k % len(words)])
                k += 1
            draw.text((x0, 380 + n * 52), " ".join(line), font=body, fill="black")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90, dpi=(200, 200))
    return buf.getvalue()


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def two_column(tmp_path_factory):
    folder = tmp_path_factory.mktemp("textlayer")
    src = build_pdf([(two_column_page(), 200)], folder / "scan.pdf", PdfMeta("H49.22-261201-0001", "GT01", "Lê Văn A"))
    out = folder / "scan-ocr.pdf"
    assert ocr_pdf(src.path, out, "vie", sidecar=folder / "scan-ocr.txt") == 1
    return src.path, out, folder / "scan-ocr.txt"


def _column_lines(text: str, tag: str) -> list[int]:
    lines = [line.strip() for line in text.splitlines()]
    return [i for i, line in enumerate(lines) if line.startswith(tag)]


def test_two_column_page_reads_column_by_column_with_the_motto_intact(two_column):
    _src, out, _txt = two_column
    text = pdftotext(out)  # default: poppler's reading order, not -layout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[:2] == list(MOTTO)  # "Hạnh phúc" stays with its line
    left, right = _column_lines(text, "Trái"), _column_lines(text, "Phải")
    assert len(left) >= 12 and len(right) >= 12  # the lines were recognised
    assert max(left) < min(right)  # the whole first column, then the second
    assert "nộp hồ sơ tại bộ phận một cửa" in text  # Vietnamese words extracted as typed


def test_sidecar_holds_the_layer_text_and_the_file_stays_pdfa(two_column):
    src, out, sidecar = two_column
    layer = pdftotext(out, "-raw")  # the text runs in the order they are drawn
    assert sidecar.read_text(encoding="utf-8").split() == layer.split()
    assert sidecar.read_text(encoding="utf-8").startswith(MOTTO[0] + "\n" + MOTTO[1] + "\n")
    assert pdfa_problems(out) == []
    import pikepdf

    with pikepdf.open(src) as before, pikepdf.open(out) as after:  # the scan itself is untouched
        old = next(iter(before.pages[0].get_images().values())).read_raw_bytes()
        new = next(iter(after.pages[0].get_images().values())).read_raw_bytes()
        assert old == new
        fonts = [f for f in after.pages[0].Resources.Font.values()]
        assert [str(f.DescendantFonts[0].FontDescriptor.FontName) for f in fonts] == ["/GlyphLessFont"]
        assert "/FontFile2" in fonts[0].DescendantFonts[0].FontDescriptor and "/ToUnicode" in fonts[0]


def test_signing_after_the_text_layer_verifies(two_column, tmp_path, p12_identity):
    from counterapp.digitize.signing import load_p12_signer, sign_pdf_with, verify_pdf

    _src, out, _txt = two_column
    signed = tmp_path / "signed.pdf"
    sign_pdf_with(load_p12_signer(p12_identity["p12"], p12_identity["password"]), out, signed)
    report = verify_pdf(signed)
    assert report.signed and report.valid
    assert pdfa_problems(signed) == []
    assert "Độc lập - Tự do - Hạnh phúc" in pdftotext(signed)


def test_pages_in_parallel_give_the_same_text_as_one_at_a_time(tmp_path):
    from tests.digitize.conftest import jpeg_bytes, text_page

    pages = [text_page(size=(1169, 827), lines=0, words=[f"Trang số {n}", "Giấy chứng nhận quyền sử dụng đất"])
             for n in (1, 2, 3)]
    src = build_pdf([(jpeg_bytes(p), 200) for p in pages], tmp_path / "three.pdf", PdfMeta("X", "GT01", "Lê Văn A"))
    serial, parallel = tmp_path / "serial.pdf", tmp_path / "parallel.pdf"
    assert ocr_pdf(src.path, serial, "vie", jobs=1, sidecar=tmp_path / "serial.txt") == 3
    assert ocr_pdf(src.path, parallel, "vie", jobs=3, sidecar=tmp_path / "parallel.txt") == 3
    assert (tmp_path / "serial.txt").read_text() == (tmp_path / "parallel.txt").read_text()
    assert pdftotext(serial) == pdftotext(parallel)
    pages_text = (tmp_path / "parallel.txt").read_text().split("\f")
    assert [("Trang số " + n) in t for n, t in zip("123", pages_text, strict=False)] == [True] * 3  # in page order


def test_a_failed_page_is_an_error_and_writes_nothing(tmp_path):
    from counterapp.digitize.common import DigitizeError
    from tests.digitize.conftest import jpeg_bytes, text_page

    src = build_pdf([(jpeg_bytes(text_page(size=(1169, 827), lines=2)), 200)], tmp_path / "a.pdf", PdfMeta("X", "Y", "Z"))
    with pytest.raises(DigitizeError, match="OCR"):
        ocr_pdf(src.path, tmp_path / "out.pdf", "khong-co-ngon-ngu-nay")
    assert not (tmp_path / "out.pdf").exists()


def test_attachment_sidecar_is_encrypted_like_its_pdf(data_dir, forget_keys, tmp_path):
    from counterapp import crypto
    from counterapp.app import open_app
    from counterapp.digitize.models import attach_pdf, attachment_text, get_attachment, run_attachment_ocr
    from tests.digitize.conftest import jpeg_bytes, text_page
    from tests.digitize.test_attach import _dossier
    from tests.digitize.test_encryption_at_rest import encrypt_setting

    encrypt_setting(data_dir)
    ctx = open_app(data_dir, seed_demo=False)
    try:
        _dossier(ctx, "H49.22-261201-0002")
        page = text_page(size=(1169, 827), lines=0, words=["Giấy khai sinh", "Họ và tên: Nguyễn Văn Đông"])
        src = build_pdf([(jpeg_bytes(page), 200)], tmp_path / "gt01.pdf", PdfMeta("H49.22-261201-0002", "GT01", "F"))
        att = attach_pdf(ctx, "H49.22-261201-0002", "GT01", src.path, "Lê Văn A", ocr=True)
        assert attachment_text(ctx, att.uuid) is None  # not recognised yet
        run_attachment_ocr(ctx, att.uuid, lang="vie")
        with ctx.sessions() as session:
            row = get_attachment(session, att.uuid)
            sidecar = row.text_path(ctx.files_dir)
        assert sidecar.name == row.sha256 + ".txt"
        assert crypto.is_encrypted(sidecar) and b"sinh" not in sidecar.read_bytes()
        text = attachment_text(ctx, att.uuid)
        assert "khai sinh" in text and "Nguyễn Văn Đông" in text
        assert not (ctx.files_dir / (att.sha256 + ".txt")).exists()  # none for the version without text
    finally:
        ctx.close()


def test_cli_digitize_writes_the_sidecar_and_attaches_it(app_ctx, tmp_path, capsys):
    from counterapp.cli import main
    from counterapp.digitize.models import Attachment, attachment_text
    from tests.digitize.conftest import jpeg_bytes, text_page
    from tests.digitize.test_attach import _dossier

    _dossier(app_ctx, "H49.22-261201-0003")
    page = tmp_path / "page.jpg"
    page.write_bytes(jpeg_bytes(text_page(size=(1169, 827), lines=0, words=["Giấy khai sinh", "Quê quán: Hạ Long"])))
    status = main(["digitize", str(page), "--out", str(tmp_path / "o.pdf"), "--ocr", "--dossier", "H49.22-261201-0003",
                   "--document", "GT01", "--officer", "Vũ L", "--attach", "--data-dir", str(app_ctx.data_dir)])
    assert status == 0, capsys.readouterr().err
    sidecar = (tmp_path / "o.txt").read_text(encoding="utf-8")
    assert "khai sinh" in sidecar and sidecar.split() == pdftotext(tmp_path / "o.pdf", "-raw").split()
    with app_ctx.sessions() as session:
        att = session.query(Attachment).one()
    assert attachment_text(app_ctx, att.uuid) == sidecar
