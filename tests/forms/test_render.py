"""Every printed form, rendered to a real PDF and read back (pdftotext, pikepdf, a QR scan)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from counterapp.config import SiteConfig
from counterapp.forms.render import (
    FORM_NAMES,
    FormError,
    build_document,
    print_document,
    render_html,
    render_pdf,
    render_pdf_bytes,
)
from counterapp.forms.samples import SAMPLE_APPLICANT, SAMPLE_CODE, sample_context
from tests.forms.conftest import decode_qr, pdf_fonts, pdf_pages, pdf_text

CONFIG = SiteConfig()


def _flat(text: str) -> str:
    """pdftotext output with line breaks and runs of spaces folded to one space."""
    return " ".join(text.split())


@pytest.mark.parametrize("form", FORM_NAMES)
def test_every_form_prints_header_and_its_facts(gui, tmp_path: Path, form: str) -> None:
    out = render_pdf(form, sample_context(form), tmp_path / f"{form}.pdf", CONFIG)
    text = _flat(pdf_text(out))
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HẠ LONG" in text  # the unit (NĐ 118/2025 naming)
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" not in text.upper()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "UBND TỈNH QUẢNG NINH" in text
    assert "Hạ Long, ngày" in text
    if form == "ledger":
        assert "SỔ THEO DÕI HỒ SƠ" in text
        assert "Nguyễn Văn Số 60" in text
    else:
        assert SAMPLE_CODE in text
        assert SAMPLE_APPLICANT in text  # diacritics survive: Nguyễn Thị Hồng Đào


def test_receipt_two_copies_each_on_its_own_page_with_times(gui, tmp_path: Path) -> None:
    out = render_pdf("receipt", sample_context("receipt"), tmp_path / "receipt.pdf", CONFIG)
    assert len(pdf_pages(out)) == 2
    first, second = _flat(pdf_text(out, first=1, last=1)), _flat(pdf_text(out, first=2, last=2))
    assert "(Bản lưu hồ sơ)" in first and "Bản giao người nộp" not in first
    assert "(Bản giao người nộp)" in second
    for page in (first, second):
        assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in page
        # received 02:15 UTC, shown in Hạ Long, written as the form writes times
        assert "Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 28 tháng 11 năm 2026" in page
        assert "Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 03 tháng 12 năm 2026" in page
        assert "Hạ Long, ngày 28 tháng 11 năm 2026" in page  # the receipt is dated the day received
        assert "Thẻ căn cước của người yêu cầu" in page and "Bản sao chứng thực" in page
        assert "Quyển số: 01/2026, Số thứ tự: 7" in page
        assert "Tổng cộng: 8.000 đồng" in page
    width, height = pdf_pages(out)[0]
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points


def test_fonts_are_embedded(gui, tmp_path: Path) -> None:
    out = render_pdf("receipt", sample_context("receipt"), tmp_path / "receipt.pdf", CONFIG)
    fonts = pdf_fonts(out)
    assert fonts
    assert all(embedded for _, embedded in fonts), fonts


def test_qr_scans_back_to_the_code(gui, tmp_path: Path) -> None:
    out = render_pdf("receipt", sample_context("receipt"), tmp_path / "receipt.pdf", CONFIG)
    assert decode_qr(out, tmp_path, page=1) == [SAMPLE_CODE]
    assert decode_qr(out, tmp_path, page=2) == [SAMPLE_CODE]


def test_qr_holds_tracking_url_when_site_has_one(gui, tmp_path: Path) -> None:
    config = replace(CONFIG, tracking_url="https://dichvucong.quangninh.gov.vn/tra-cuu")
    out = render_pdf("apology", sample_context("apology"), tmp_path / "apology.pdf", config)
    assert decode_qr(out, tmp_path) == [f"https://dichvucong.quangninh.gov.vn/tra-cuu?code={SAMPLE_CODE}"]
    assert SAMPLE_CODE in pdf_text(out)  # the code is still printed as text


def test_provisional_code_is_plainly_marked(gui, tmp_path: Path) -> None:
    for form in ("receipt", "fee_receipt", "routing_slip"):
        context = sample_context(form) | {"code": "H49.22-261128-Q01-0001", "code_provisional": True}
        text = _flat(pdf_text(render_pdf(form, context, tmp_path / f"{form}.pdf", CONFIG)))
        assert "MÃ TẠM / provisional" in text, form
    plain = _flat(pdf_text(render_pdf("receipt", sample_context("receipt"), tmp_path / "r.pdf", CONFIG)))
    assert "MÃ TẠM" not in plain
    ledger = sample_context("ledger")
    text = pdf_text(render_pdf("ledger", ledger, tmp_path / "ledger.pdf", CONFIG))
    assert text.count("(MÃ TẠM)") == sum(1 for r in ledger["rows"] if r["provisional"]) == 1


def test_fee_receipt_amount_in_figures_and_words(gui, tmp_path: Path) -> None:
    out = render_pdf("fee_receipt", sample_context("fee_receipt"), tmp_path / "fee.pdf", CONFIG)
    text = _flat(pdf_text(out, first=1, last=1))
    assert "135.000 đồng" in text
    assert "127.000 đồng" in text
    assert "Số tiền bằng chữ: Một trăm ba mươi lăm nghìn đồng" in text


def test_ledger_is_landscape_paginated_with_header_on_each_page(gui, tmp_path: Path) -> None:
    context = sample_context("ledger")
    out = render_pdf("ledger", context, tmp_path / "ledger.pdf", CONFIG)
    pages = pdf_pages(out)
    assert len(pages) >= 3
    assert all(w > h for w, h in pages)  # landscape
    whole = pdf_text(out)
    for row in context["rows"]:
        assert whole.count(row["code"]) == 1  # every row printed once, none lost at a page break
    assert "Từ ngày 01/11/2026 đến ngày 28/11/2026" in _flat(whole)
    for number in range(1, len(pages) + 1):
        page = _flat(pdf_text(out, first=number, last=number))
        assert f"Trang {number}/{len(pages)}" in page
        assert "Mã hồ sơ" in page and "Nhận hồ sơ" in page and "Ký nhận" in page  # header repeats
        assert ("SỔ THEO DÕI HỒ SƠ" in page) == (number == 1)  # the form's title on the first page only


def test_long_ledger_is_split_into_page_documents_in_order(gui, tmp_path: Path) -> None:
    from counterapp.forms.render import build_documents

    base = sample_context("ledger")
    rows = [dict(base["rows"][i % 60], code=f"H49.22-261101-{i + 1:04d}", address_phone="Tổ 1, khu 2 " * (1 + i % 5))
            for i in range(150)]
    context = dict(base, rows=rows, count=len(rows))
    documents = build_documents("ledger", context, CONFIG)
    assert len(documents) > 3 and all(d.pageCount() == 1 for d in documents)
    out = render_pdf("ledger", context, tmp_path / "long.pdf", CONFIG)
    assert len(pdf_pages(out)) == len(documents)
    import re

    codes = re.findall(r"H49\.22-261101-(\d{4})", pdf_text(out, layout=True))  # in reading order
    assert [int(c) for c in codes] == list(range(1, 151))  # in order, each once


def test_empty_ledger_says_so(gui, tmp_path: Path) -> None:
    context = {"date_from": date(2026, 11, 1), "date_to": date(2026, 11, 2), "rows": [], "count": 0}
    text = _flat(pdf_text(render_pdf("ledger", context, tmp_path / "l.pdf", CONFIG)))
    assert "Không có hồ sơ trong khoảng thời gian này" in text


def test_site_override_template_changes_header(gui, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    (data_dir / "templates").mkdir(parents=True)
    shipped = Path(__file__).resolve().parents[2] / "resources" / "templates" / "2025" / "_header.html"
    header = shipped.read_text(encoding="utf-8").replace("{{ unit_name_upper }}", "CHI NHÁNH {{ place_name }}")
    (data_dir / "templates" / "_header.html").write_text(header, encoding="utf-8")
    (data_dir / "templates" / "forms.toml").write_text(
        '[receipt]\ncopies = ["Liên 1", "Liên 2", "Liên 3"]\n', encoding="utf-8"
    )
    out = render_pdf("receipt", sample_context("receipt"), tmp_path / "r.pdf", CONFIG, data_dir=data_dir)
    text = _flat(pdf_text(out))
    assert "CHI NHÁNH Hạ Long" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HẠ LONG tiếp" not in text
    assert len(pdf_pages(out)) == 3  # the site's forms.toml asked for three copies
    # Without the data folder, the shipped header is back.
    plain = _flat(pdf_text(render_pdf("receipt", sample_context("receipt"), tmp_path / "p.pdf", CONFIG)))
    assert "CHI NHÁNH" not in plain and "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HẠ LONG" in plain


def test_values_are_escaped_not_interpreted(gui, tmp_path: Path) -> None:
    context = sample_context("refusal") | {
        "applicant_name": "Công ty <b>A&B</b>",
        "reason": 'Thiếu <img src="x"> giấy tờ',
    }
    html = render_html("refusal", context, CONFIG)
    assert "Công ty &lt;b&gt;A&amp;B&lt;/b&gt;" in html
    assert '<img src="x">' not in html
    text = _flat(pdf_text(render_pdf("refusal", context, tmp_path / "r.pdf", CONFIG)))
    assert "Công ty <b>A&B</b>" in text
    assert 'Thiếu <img src="x"> giấy tờ' in text


def test_broken_site_template_names_the_problem_and_leaves_old_pdf(gui, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    (data_dir / "templates").mkdir(parents=True)
    (data_dir / "templates" / "refusal.html").write_text("<p>{{ ly_do_sai }}</p>", encoding="utf-8")
    target = tmp_path / "out.pdf"
    target.write_bytes(b"%PDF-old")
    with pytest.raises(FormError) as err:
        render_pdf("refusal", sample_context("refusal"), target, CONFIG, data_dir=data_dir)
    assert "refusal.html" in str(err.value) and "ly_do_sai" in str(err.value)
    assert target.read_bytes() == b"%PDF-old"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_unknown_form_is_refused(gui) -> None:
    with pytest.raises(FormError, match="unknown form"):
        build_document("giay_moi", {}, CONFIG)


def test_printer_gets_the_same_pages_as_the_pdf(gui, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = print_document("ledger", sample_context("ledger"), printer, CONFIG)
    pdf = render_pdf("ledger", sample_context("ledger"), tmp_path / "saved.pdf", CONFIG)
    assert pages == len(pdf_pages(pdf)) == len(pdf_pages(tmp_path / "printed.pdf"))
    for number in range(1, pages + 1):
        printed = _flat(pdf_text(tmp_path / "printed.pdf", first=number, last=number))
        saved = _flat(pdf_text(pdf, first=number, last=number))
        assert printed == saved


def test_renders_in_a_worker_thread(gui) -> None:
    results: list[bytes] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(render_pdf_bytes("receipt", sample_context("receipt"), CONFIG))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(60)
    assert not errors and results and results[0].startswith(b"%PDF")


def test_print_preview_widget_shows_the_form_pages(gui) -> None:
    """What the GUI does: QPrintPreviewDialog's paintRequested -> print_document."""
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    from counterapp.forms.render import configure_printer

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer("ledger", printer)
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    widget = QPrintPreviewWidget(printer)
    counts: list[int] = []
    widget.paintRequested.connect(
        lambda p: counts.append(print_document("ledger", sample_context("ledger"), p, CONFIG, apply_layout=False))
    )
    widget.updatePreview()
    assert counts and counts[-1] >= 3
    assert widget.pageCount() == counts[-1]
    widget.deleteLater()
