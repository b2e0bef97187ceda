"""PDF/A-2b output checked with pikepdf: metadata, output intent, images embedded as they were,
100% scale; the CLI `digitize` end to end; refusal of low-resolution pages."""

from __future__ import annotations

import pikepdf
import pytest
from PIL import Image

from counterapp.cli import main
from counterapp.digitize.common import DigitizeError, sha256_file
from counterapp.digitize.pdfbuild import PdfMeta, build_pdf, pdfa_problems, read_pdf_info
from tests.digitize.conftest import jpeg_bytes, text_page


def _images(page):
    return list(page.images.values()) if not hasattr(page, "get_images") else list(page.get_images().values())


def test_pdfa_metadata_output_intent_and_untouched_images(tmp_path):
    jpegs = [jpeg_bytes(text_page(seed=i), dpi=None) for i in range(2)]
    out = tmp_path / "doc.pdf"
    built = build_pdf(
        [(jpegs[0], 200), (jpegs[1], 300)], out,
        PdfMeta(dossier_code="H49.22-261128-0001", document_code="GT01", officer="Nguyễn Văn Á"),
    )
    assert built.page_count == 2 and built.sha256 == sha256_file(out) and built.min_dpi == 200

    with pikepdf.open(out) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        # only standard schemas (dc): no extension schema for a validator or a signer to break
        assert set(meta["dc:relation"]) == {"dossier:H49.22-261128-0001", "document:GT01"}
        assert meta["dc:creator"] == ["Nguyễn Văn Á"]
        assert b"pdfaExtension" not in pdf.Root.Metadata.read_bytes()
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == pikepdf.Name.GTS_PDFA1 and int(intent.DestOutputProfile.N) == 3
        assert len(intent.DestOutputProfile.read_bytes()) > 300  # a real ICC profile
        assert len(pdf.trailer.ID) == 2
        assert str(pdf.docinfo.Title) == "H49.22-261128-0001 GT01"
        for page, data, dpi in zip(pdf.pages, jpegs, (200, 300), strict=False):
            (image,) = _images(page)
            assert image.Filter == pikepdf.Name.DCTDecode
            assert image.read_raw_bytes() == data  # embedded as is, not re-encoded
            assert int(image.ColorSpace == pikepdf.Name.DeviceRGB)
            width_pt = float(page.mediabox[2])
            assert abs(width_pt - image.Width / dpi * 72) < 0.5  # 100% scale
    info = read_pdf_info(out)
    assert info["min_dpi"] == 200 and info["page_count"] == 2
    assert pdfa_problems(out) == []


def test_pdfa_self_check_catches_what_breaks_pdfa(tmp_path):
    bare = tmp_path / "bare.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.docinfo["/Title"] = "x"
        pdf.save(bare)
    problems = pdfa_problems(bare)
    assert any("pdfaid" in p for p in problems) and any("output intent" in p for p in problems)


def test_low_resolution_page_is_refused_and_nothing_is_written(tmp_path):
    out = tmp_path / "low.pdf"
    with pytest.raises(DigitizeError, match="200 dpi"):
        build_pdf([(jpeg_bytes(text_page(size=(600, 800))), 150)], out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary leftovers


def test_cli_digitize_cleans_and_drops_blank_pages(tmp_path, capsys):
    a5 = (827, 1169)
    skewed = text_page(size=a5, seed=7).rotate(4.0, resample=Image.BILINEAR, fillcolor="white")
    straight = tmp_path / "straight.jpg"
    straight.write_bytes(jpeg_bytes(text_page(size=a5, seed=8)))
    skewed_path = tmp_path / "skewed.png"
    skewed.save(skewed_path, dpi=(200, 200))
    blank = tmp_path / "blank.tiff"
    # a two-page TIFF: one text page and one blank back side
    text_page(size=a5, seed=9).save(blank, save_all=True, append_images=[Image.new("RGB", a5, "white")],
                           dpi=(200, 200), compression="tiff_lzw")
    out = tmp_path / "out.pdf"
    cmd = ["digitize", str(straight), str(skewed_path), str(blank),
           "--out", str(out), "--dossier", "H49.22-261128-0002", "--document", "GT02", "--officer", "Trần C"]
    assert main(cmd) == 0
    assert "trang trắng" in capsys.readouterr().err  # what was dropped, on stderr
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 3  # the blank TIFF page was dropped
        first = _images(pdf.pages[0])[0]
        # a straight text page: grey (the app's default, [digitize] bilevel = false), not the scanner's RGB JPEG
        assert pikepdf.PdfImage(first).filters == ["/DCTDecode"] and first.ColorSpace == "/DeviceGray"
    info = read_pdf_info(out)
    assert info["pdfa_part"] == "2" and info["document_code"] == "GT02"

    keep = tmp_path / "keep.pdf"
    assert main([*cmd[:4], "--out", str(keep), "--keep-blank"]) == 0
    assert read_pdf_info(keep)["page_count"] == 4


def test_cli_digitize_bad_input_says_so(tmp_path, capsys):
    bad = tmp_path / "not-an-image.jpg"
    bad.write_text("hello")
    out = tmp_path / "x.pdf"
    assert main(["digitize", str(bad), "--out", str(out)]) == 2
    assert "Không đọc được ảnh" in capsys.readouterr().err
    assert not out.exists()


def test_scanned_pdf_pages_are_taken_without_rendering(tmp_path):
    from counterapp.digitize.files import load_pages

    data = jpeg_bytes(text_page(seed=10))
    src = tmp_path / "src.pdf"
    build_pdf([(data, 200)], src)
    (page,) = list(load_pages(src))
    assert page.encoded == data and page.dpi == 200


def test_cli_digitize_refuses_72_dpi_photo_unless_real_dpi_is_given(tmp_path, capsys):
    photo = tmp_path / "phone.jpg"
    photo.write_bytes(jpeg_bytes(text_page(size=(827, 1169), seed=11), dpi=72))
    out = tmp_path / "p.pdf"
    assert main(["digitize", str(photo), "--out", str(out)]) == 2
    assert "72 dpi" in capsys.readouterr().err and not out.exists()
    assert main(["digitize", str(photo), "--out", str(out), "--assume-dpi", "200"]) == 0
    assert read_pdf_info(out)["min_dpi"] == 200
