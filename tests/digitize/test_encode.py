"""Small files that stay legible: a grey scan stays grey, a text page becomes CCITT G4 and still
reads, a page with a red seal stays colour, and an A4 text page at 300 dpi is under 300 KB in
the PDF/A file (it was 1,315 KB). Pages come from the generator bench/pages.py measures
(counterapp/digitize/testpages.py): 300-dpi Vietnamese forms, turned, noisy, JPEG'd."""

from __future__ import annotations

import io
import shutil
import subprocess

import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageDraw

from counterapp.digitize import testpages
from counterapp.digitize.batch import ScanBatch
from counterapp.digitize.files import load_pages
from counterapp.digitize.pdfbuild import PdfMeta, build_pdf, pdfa_problems
from tests.digitize.conftest import images_of

KB = 1024


def _batch_pdf(tmp_path, names: list[str], rotate: dict[int, int] | None = None):
    """The generated scans, read from files as `counterapp digitize` and the window read them,
    through the batch (clean-up, encoding) into one PDF/A file."""
    batch = ScanBatch.create(tmp_path / "data", officer="Lê Thị E")
    cleaned = []
    for name in names:
        scan = tmp_path / f"{name}.jpg"
        scan.write_bytes(testpages.make_page(testpages.spec(name))[0])
        [page] = load_pages(scan)
        batch.add_page(page)
    for index, turns in (rotate or {}).items():
        batch.rotate(batch.pages()[index].id, turns)
    for page in batch.kept_pages():
        cleaned.append(page.image())
    out = tmp_path / "out.pdf"
    build_pdf(batch.page_images(), out, PdfMeta("H49.22-261201-0001", "GT01", "Lê Thị E"))
    assert pdfa_problems(out) == []
    return out, cleaned


def _image(pdf_path, number: int = 0) -> dict:
    """What the PDF holds for the page's one image."""
    with pikepdf.open(pdf_path) as pdf:
        [xobject] = images_of(pdf.pages[number])
        image = pikepdf.PdfImage(xobject)
        return {"filters": image.filters, "bits": image.bits_per_component, "space": str(xobject.ColorSpace),
                "size": (image.width, image.height), "bytes": len(xobject.read_raw_bytes()),
                "pil": image.as_pil_image()}


def _render(pdf_path, number: int, dpi: int, gray: bool = True) -> np.ndarray:
    """The page as a viewer shows it (poppler's pdftoppm)."""
    out = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(number + 1), "-l", str(number + 1),
                          "-gray" if gray else "-png", str(pdf_path)], capture_output=True, check=True).stdout
    image = Image.open(io.BytesIO(out))
    return np.asarray(image.convert("L" if gray else "RGB"))


def test_a_grey_scan_stays_grey_in_the_pdf(tmp_path):
    # a grey scan with a grey photograph on the form (files.load_pages hands it over as RGB)
    out, _ = _batch_pdf(tmp_path, ["p09"])
    image = _image(out)
    assert image["space"] == "/DeviceGray" and image["bits"] == 8 and image["filters"] == ["/DCTDecode"]
    assert image["bytes"] < 300 * KB  # was 1,031 KB promoted to RGB


def test_a_text_page_becomes_bilevel_g4_and_stays_legible(tmp_path):
    out, cleaned = _batch_pdf(tmp_path, ["p02"])  # blurred, turned 2.1 degrees, 300 dpi
    image = _image(out)
    assert image["filters"] == ["/CCITTFaxDecode"] and image["bits"] == 1 and image["space"] == "/DeviceGray"
    assert image["size"] == (2480, 3508)  # A4 at 300 dpi: the density is kept
    assert image["bytes"] < 60 * KB
    # the page the viewer shows is the cleaned page in black and white: ink where the ink was
    shown = _render(out, 0, 100)
    original = np.asarray(cleaned[0].convert("L").resize((shown.shape[1], shown.shape[0]), Image.Resampling.BOX))
    ink_shown, ink_cleaned = shown < 128, original < 160
    agree = (ink_shown == ink_cleaned).mean()  # pixels differ only along stroke edges
    assert agree > 0.98 and 0.9 * ink_cleaned.sum() < ink_shown.sum() < 1.5 * ink_cleaned.sum()


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_the_bilevel_page_still_reads_as_the_form_typed_on_it(tmp_path):
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    if "vie" not in langs:
        pytest.skip("tesseract has no Vietnamese (vie) data")
    from bench.pages import levenshtein

    spec = testpages.spec("p07")  # heavy JPEG artefacts, turned -2.5 degrees
    _data, text = testpages.make_page(spec)
    out, _ = _batch_pdf(tmp_path, ["p07"])
    image = _image(out)
    assert image["filters"] == ["/CCITTFaxDecode"]
    png = tmp_path / "page.png"
    image["pil"].save(png)
    read = subprocess.run(["tesseract", str(png), "stdout", "-l", "vie"], capture_output=True, text=True).stdout
    truth = " ".join(text.split())
    assert levenshtein(truth, " ".join(read.split())) / len(truth) < 0.02


def test_a_page_with_a_red_seal_stays_colour(tmp_path):
    out, _ = _batch_pdf(tmp_path, ["p08"])  # a form with a red seal and a blue signature
    image = _image(out)
    assert image["space"] == "/DeviceRGB" and image["filters"] == ["/DCTDecode"]
    assert image["bytes"] <= 300 * KB
    shown = _render(out, 0, 50, gray=False).astype(int)
    h, w = shown.shape[:2]
    seal = shown[int(h * 0.72) : int(h * 0.88), int(w * 0.5) : int(w * 0.75)]
    red = (seal[..., 0] > 150) & (seal[..., 1] < 110) & (seal[..., 2] < 110)
    blue = (seal[..., 2] > 110) & (seal[..., 0] < 100)
    assert red.sum() > 100 and blue.sum() > 20  # the seal is red, the signature blue, in the PDF


def test_a_text_page_at_300_dpi_is_under_300_kb_and_a_turned_one_stays_g4(tmp_path):
    out, _ = _batch_pdf(tmp_path, ["p03", "p05", "p11"], rotate={1: 1})  # noisy, grey paper, 200 dpi
    with pikepdf.open(out) as pdf:
        sizes = [len(images_of(page)[0].read_raw_bytes()) for page in pdf.pages]
        turned = pikepdf.PdfImage(images_of(pdf.pages[1])[0])
        assert turned.filters == ["/CCITTFaxDecode"] and (turned.width, turned.height) == (3508, 2480)
    assert max(sizes) <= 300 * KB
    assert out.stat().st_size / 3 <= 300 * KB


def test_faint_pencil_and_blue_ink_are_not_thresholded_away():
    """A grey page with only a pencil note is kept grey, a blue signature keeps the page colour:
    black-and-white would lose the one or the colour of the other."""
    from counterapp.digitize.encode import BILEVEL, COLOUR, GREY, classify, encode_page

    rng = np.random.default_rng(3)
    sheet, _ = testpages.render_form(rng, 200)
    pencil = sheet.copy()
    ImageDraw.Draw(pencil).line([(300, 2000), (900, 2030), (1300, 1990)], fill=(170, 170, 170), width=4)
    signed = sheet.copy()
    ImageDraw.Draw(signed).line([(900, 2000), (1100, 2060), (1300, 1990)], fill=testpages.BLUE, width=4)
    assert classify(np.asarray(sheet)).kind == BILEVEL
    assert classify(np.asarray(pencil)).kind == GREY
    assert classify(np.asarray(signed)).kind == COLOUR
    blank = np.full((2339, 1654), 247, np.uint8)
    encoded = encode_page(blank, 200)
    assert encoded.kind == BILEVEL and len(encoded.data) < 5 * KB  # noise is not drawn as ink


def test_text_pages_stay_grey_unless_the_site_accepts_black_and_white(tmp_path, data_dir):
    """By default (the digitization rules ask for colour copies) `counterapp digitize` stores a
    text page as a grey JPEG, not G4, still far under the former RGB size; `[digitize] bilevel =
    true`, for a province that accepts black and white text pages, gives G4."""
    from counterapp.cli import main

    scan = tmp_path / "p01.jpg"
    scan.write_bytes(testpages.make_page(testpages.spec("p01"))[0])

    def digitize() -> dict:
        out = tmp_path / "out.pdf"
        assert main(["--data-dir", str(data_dir), "digitize", str(scan), "--out", str(out), "--no-ocr"]) == 0
        assert pdfa_problems(out) == []
        return _image(out)

    image = digitize()
    assert image["filters"] == ["/DCTDecode"] and image["space"] == "/DeviceGray" and image["bits"] == 8
    assert image["bytes"] < 300 * KB  # its paper flattened (encode.flatten_paper)
    with open(data_dir / "site.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[digitize]\nbilevel = true\n")
    assert digitize()["filters"] == ["/CCITTFaxDecode"]


def test_a_grey_text_page_loses_only_its_paper_grain():
    """Flattening a text page kept grey: every pixel darker than a quarter of the way from paper to
    ink keeps its value (strokes, their edges, diacritics); the rest becomes the paper's one tone."""
    from counterapp.digitize.encode import flatten_paper

    rng = np.random.default_rng(4)
    page = np.clip(rng.normal(236, 5, (400, 300)), 0, 255).astype(np.uint8)  # grey paper, grain
    page[100:104, 20:280] = 30  # a stroke
    page[104, 20:280] = 150  # its anti-aliased edge
    flat = flatten_paper(page, paper=236, ink=30)
    threshold = 236 - (236 - 30) * 0.25
    kept = page <= threshold
    assert (flat[kept] == page[kept]).all() and kept[104, 50] and flat[104, 50] == 150
    assert set(np.unique(flat[~kept])) == {236}
