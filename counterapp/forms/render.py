"""The one rendering path for every printed form: template + context -> QTextDocument
-> PDF (QPdfWriter) or a printer (QPrinter). QtGui and QtPrintSupport only, never
QtWidgets (no QPixmap anywhere), so the CLI renders with no display.

Threads. For Qt, rendering is thread-safe when nothing is shared: QTextDocument, QPainter on
a QImage and QPdfWriter are reentrant, so a document built and painted in one worker is fine
(tests/forms/test_render.py::test_renders_in_a_worker_thread); only QPrinter behind a print dialog or
QPrintPreviewDialog is GUI-thread work. The window nevertheless renders on its GUI thread only:
PySide6 keeps the GIL inside many Qt calls, so a worker holding the GIL in a Qt call that waits
for a lock the GUI thread holds (Qt's signal-slot locks), while the GUI thread waits for the GIL
to run a slot, is a deadlock; CI hung on it (a start-up warm-up in a worker). In the window,
workers (`ui.ops`) build the form's data (ui/intake/jobs.py) and the GUI thread lays it out and
paints it (a receipt takes ~40 ms); the ledger, seconds long, is rendered by a child process
(`counterapp print ledger`). The CLI renders on its main thread.

The document is laid out once, at a fixed 96 dpi on a page of the form's paper size
minus its margins, then painted page by page scaled to whatever device receives it:
a PDF and a printer (or the print preview) get the same pages, line for line.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextFrame,
    QTextTable,
)

from counterapp.config import SiteConfig
from counterapp.forms.files import write_atomic
from counterapp.forms.fonts import SHIPPED_FONT_FAMILY, _font, ensure_shipped_fonts  # noqa: F401 - re-exported
from counterapp.forms.formatting import display_value, place_date_line
from counterapp.forms.qr import qr_image, qr_payload  # noqa: F401 - qr_payload re-exported
from counterapp.forms.specs import (  # noqa: F401 - re-exported: the forms' public API
    FORMS_FILE,
    FormError,
    FormSpec,
    form_names,
    form_spec,
    load_forms_settings,
    load_template,
    shipped_templates_dir,
    site_templates_dir,
    template_path,
    template_set_of,
)
from counterapp.forms.templating import Template, TemplateError
from counterapp.forms.units import unit_name
from counterapp.officer import is_placeholder_name

LAYOUT_DPI = 96  # the document is laid out in pixels of this resolution
PDF_DPI = 300
QR_RESOURCE = "counter-qr:dossier"
QR_SIZE_PX = 120  # at LAYOUT_DPI: 32 mm on paper; ~190 px in a 150-dpi scan
FOOTER_PX = 18  # band kept at the foot of each page for "Trang i/n"

FORM_NAMES = (
    "receipt", "completion_request", "refusal", "apology", "stop_notice", "routing_slip", "ledger", "fee_receipt",
)
"""The forms of the default set (TT 03/2025/TT-VPCP, Phụ lục I, forms 01-07) and the fee receipt."""


# -- Qt plumbing ---------------------------------------------------------------

_app_ref: QGuiApplication | None = None


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication (or QApplication), creating one for CLI use.

    Without a display (Linux, no DISPLAY/WAYLAND_DISPLAY) and no QT_QPA_PLATFORM set,
    the offscreen platform is chosen so printing works on a headless machine.
    """
    global _app_ref
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    argv = [sys.argv[0] if sys.argv else "counterapp"]
    headless = (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        argv += ["-platform", "offscreen"]
    _app_ref = QGuiApplication(argv)
    return _app_ref


def _layout_device() -> QImage:
    """A paint device of fixed resolution that the document lays itself out for."""
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    dots_per_meter = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    return image


def _base_context(spec: FormSpec, config: SiteConfig, context: dict[str, Any]) -> dict[str, Any]:
    doc_date = context.get("doc_date")
    if isinstance(doc_date, datetime):
        doc_date = doc_date.astimezone(config.zone).date() if doc_date.tzinfo else doc_date.date()
    if not isinstance(doc_date, date):
        doc_date = datetime.now(config.zone).date()
    settings = spec.settings
    unit = unit_name(config, settings)
    return {
        "title": spec.title,
        "form_number": str(settings.get("form_number", "")),
        "legal_basis": str(settings.get("legal_basis", "")),
        "parent_agency_name": config.parent_agency_name,
        "parent_agency_name_upper": config.parent_agency_name.upper(),
        "agency_name": config.agency_name,
        "agency_name_upper": config.agency_name.upper(),
        "agency_code": config.agency_code,
        "unit_name": unit,
        "unit_name_upper": unit.upper(),
        "motto": settings.get("motto", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "motto_sub": settings.get("motto_sub", "Độc lập - Tự do - Hạnh phúc"),
        "place_name": config.place_name,
        "place_date": place_date_line(config.place_name, doc_date),
        "provisional_mark": settings.get("provisional_mark", "MÃ TẠM / provisional"),
        "number": "",
        "code": "",
        "code_provisional": False,
        "code_note": "",
        "signer_title": "",
        "signer_name": "",
        "copy_label": "",
        "continuation": False,
        "last_page": True,
        "page_no": 1,
        "page_count": 1,
        "pages": [],
        "qr": False,
        "settings": {k: v for k, v in settings.items() if not isinstance(v, dict)},
    }


def render_html(form: str, context: dict[str, Any], config: SiteConfig, data_dir: Path | None = None) -> str:
    """The filled HTML of every copy of a form (each copy after the first starts a page)."""
    spec = form_spec(form, data_dir, template_set_of(config))
    try:
        return _render_html(spec, context, config, data_dir, has_qr=bool(context.get("code")))
    except TemplateError as exc:
        raise FormError(str(exc)) from exc


def check_signatures(spec: FormSpec, values: dict[str, Any]) -> None:
    """Every signature block of the form names a person: not empty, not "root" or "admin".

    The form's `signature_fields` in forms.toml list the context keys printed under a
    signature (e.g. ["applicant_name", "officer_name"])."""
    for key in spec.settings.get("signature_fields", []):
        name = values.get(key)
        if is_placeholder_name(name if isinstance(name, str) else None):
            shown = str(name or "").strip()
            what = f'"{shown}" là tên tài khoản máy, không phải họ tên' if shown else "thiếu họ tên"
            raise FormError(
                f"{spec.title}: {what} người ký ({key}); khai báo [officer] full_name trong site.toml / "
                f"the signature needs a person's full name, got {shown or 'nothing'!r} ({key})"
            )


def _render_html(
    spec: FormSpec,
    context: dict[str, Any],
    config: SiteConfig,
    data_dir: Path | None,
    *,
    has_qr: bool,
    copies: tuple[tuple[int, str], ...] | None = None,
) -> str:
    template = load_template(spec.template, data_dir, spec.template_set)
    cache: dict[str, Template] = {}

    def loader(name: str) -> Template:
        if name not in cache:
            cache[name] = load_template(name, data_dir, spec.template_set)
        return cache[name]

    values = _base_context(spec, config, context)
    values.update(context)
    values["qr"] = has_qr
    values["qr_src"] = QR_RESOURCE
    values["qr_size"] = QR_SIZE_PX
    check_signatures(spec, values)

    def formatter(value: Any) -> str:
        return display_value(value, config.zone)

    parts = []
    if copies is None:
        copies = tuple(enumerate(spec.copies or ("",)))
    for position, (index, label) in enumerate(copies):
        values["copy_label"] = label
        values["copy_index"] = index + 1
        body = template.render(values, formatter, loader)
        style = ' style="page-break-before: always"' if position else ""
        parts.append(f"<div{style}>{body}</div>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def _new_document(spec: FormSpec, config: SiteConfig, context: dict[str, Any]) -> QTextDocument:
    """An empty document with the form's font and page, and the QR when there is a code."""
    document = QTextDocument()
    device = _layout_device()
    document.documentLayout().setPaintDevice(device)
    document.setUseDesignMetrics(True)
    document.setDocumentMargin(0)
    document.setDefaultFont(_font(spec))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, spec.title)
    code = str(context.get("code") or "")
    if code:
        document.addResource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(QR_RESOURCE),
            qr_image(str(context.get("qr_payload") or qr_payload(code, config))),
        )
    paint = spec.page_layout().paintRect(QPageLayout.Unit.Inch)
    height = paint.height() * LAYOUT_DPI - (FOOTER_PX if spec.page_numbers else 0)
    document.setPageSize(QSizeF(paint.width() * LAYOUT_DPI, height))
    # Keep Python references alive as long as the document: the layout device and the spec.
    document._counter_device = device  # type: ignore[attr-defined]
    document._counter_spec = spec  # type: ignore[attr-defined]
    return document


def _prepare(spec: FormSpec, context: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Number the rows and offer them as one page (`pages`) when the form splits rows by page."""
    split = bool(spec.settings.get("split_rows_by_page")) and isinstance(context.get("rows"), list)
    if split:
        rows = [dict(row, no=row.get("no", index + 1)) for index, row in enumerate(context["rows"])]
        context = dict(context, rows=rows, pages=[{"rows": rows, "first": True}], continuation=False)
    return context, split


def _fill(
    spec: FormSpec,
    config: SiteConfig,
    context: dict[str, Any],
    data_dir: Path | None,
    copies: tuple[tuple[int, str], ...] | None = None,
) -> QTextDocument:
    document = _new_document(spec, config, context)
    try:
        document.setHtml(_render_html(spec, context, config, data_dir, has_qr=bool(context.get("code")), copies=copies))
    except TemplateError as exc:
        raise FormError(str(exc)) from exc
    return document


def build_document(
    form: str, context: dict[str, Any], config: SiteConfig, data_dir: Path | None = None
) -> QTextDocument:
    """The form laid out on its paper as one document, ready to paint. Needs a QGuiApplication.

    (Printing and PDFs go through `build_documents`, which cuts very long tables such
    as a month's ledger into one document per page: the same pages, painted faster.)
    """
    app = QGuiApplication.instance()
    if app is None or not isinstance(app, QGuiApplication):
        raise FormError("Cần QGuiApplication / call ensure_gui_application() first")
    spec = form_spec(form, data_dir, template_set_of(config))
    context, _ = _prepare(spec, context)
    if spec.settings.get("rows_per_copy_page"):
        return _fill(spec, config, _copy_page(context, spec, _numbered(context.get(_paged_key(spec))), 0, 1), data_dir)
    return _fill(spec, config, context, data_dir)


PAGE_SAFETY_PX = 4  # slack kept at the foot of each page when rows are split by page


def build_documents(
    form: str, context: dict[str, Any], config: SiteConfig, data_dir: Path | None = None
) -> list[QTextDocument]:
    """The form as documents printed one after the other (one, unless rows are split by page).

    Qt paints a long table in time proportional to its whole length on every page,
    so a month's ledger as one table takes minutes. With `split_rows_by_page`, the
    rows are measured once in an unpaginated layout, grouped into pages, and each page
    becomes its own small document (the form header on the first only; the template
    gets `continuation` true on the others). A page that still overflows hands its
    last row to the next page.
    """
    if not isinstance(QGuiApplication.instance(), QGuiApplication):
        raise FormError("Cần QGuiApplication / call ensure_gui_application() first")
    spec = form_spec(form, data_dir, template_set_of(config))
    if spec.settings.get("rows_per_copy_page"):
        return _copy_documents(spec, context, config, data_dir)
    context, split = _prepare(spec, context)
    if not split or not context["rows"]:
        return [_fill(spec, config, context, data_dir)]
    measure = _new_document(spec, config, context)
    page = measure.pageSize()
    measure.setPageSize(QSizeF(page.width(), 1e7))  # one endless page: true row heights
    try:
        measure.setHtml(_render_html(spec, context, config, data_dir, has_qr=bool(context.get("code"))))
    except TemplateError as exc:
        raise FormError(str(exc)) from exc
    chunks = _rows_by_page(measure, context["rows"], page.height() - PAGE_SAFETY_PX)
    del measure
    if chunks is None or len(chunks) <= 1:
        return [_fill(spec, config, context, data_dir)]
    documents: list[QTextDocument] = []
    index = 0
    while index < len(chunks):
        def page_document(i: int = index) -> QTextDocument:
            one = dict(context, pages=[{"rows": chunks[i], "first": i == 0}], continuation=i > 0)
            return _fill(spec, config, one, data_dir)

        document = page_document()
        while document.pageCount() > 1 and len(chunks[index]) > 1:
            if index + 1 == len(chunks):
                chunks.append([])
            chunks[index + 1].insert(0, chunks[index].pop())
            document = page_document()
        documents.append(document)
        index += 1
    return documents


def _paged_key(spec: FormSpec) -> str:
    return str(spec.settings.get("rows_per_copy_page") or "rows")


def _numbered(rows: Any) -> list[Any]:
    """The rows with their running number `no` (kept when given)."""
    return [dict(row, no=row.get("no", i + 1)) if isinstance(row, dict) else row for i, row in enumerate(rows or [])]


def _copy_page(context: dict[str, Any], spec: FormSpec, chunk: list[Any], index: int, count: int) -> dict[str, Any]:
    """The context of page `index` of one copy: its share of the rows, numbered on."""
    return dict(
        context,
        **{_paged_key(spec): chunk},
        continuation=index > 0,
        last_page=index == count - 1,
        page_no=index + 1,
        page_count=count,
    )


def _copy_documents(
    spec: FormSpec, context: dict[str, Any], config: SiteConfig, data_dir: Path | None
) -> list[QTextDocument]:
    """A form whose every copy must stand alone (the receipt): one document per page of a
    copy, each page repeating the code and the signatures.

    `rows_per_copy_page` names the context list spread over the pages;
    `first_page_rows` go on a copy's first page (the rest of the form shares it),
    `next_page_rows` on each next one. A page that still overflows (long names)
    hands its last row to the next page, so each document is exactly one page."""
    rows = _numbered(context.get(_paged_key(spec)))
    first = max(1, int(spec.settings.get("first_page_rows", 15)))
    following = max(1, int(spec.settings.get("next_page_rows", 30)))
    chunks: list[list[Any]] = [rows[:first]]
    rest = rows[first:]
    while rest:
        chunks.append(rest[:following])
        rest = rest[following:]
    labels = tuple(enumerate(spec.copies or ("",)))

    def page(i: int, copy: tuple[int, str]) -> QTextDocument:
        return _fill(spec, config, _copy_page(context, spec, chunks[i], i, len(chunks)), data_dir, copies=(copy,))

    for _ in range(3):  # settle the page plan on the first copy; again if the page count changed
        planned = len(chunks)
        index = 0
        while index < len(chunks):
            document = page(index, labels[0])
            while document.pageCount() > 1 and len(chunks[index]) > 1:
                if index + 1 == len(chunks):
                    chunks.append([])
                chunks[index + 1].insert(0, chunks[index].pop())
                document = page(index, labels[0])
            index += 1
        if len(chunks) == planned:
            break
    return [page(i, label) for label in labels for i in range(len(chunks))]


def _tables(frame: QTextFrame) -> list[QTextTable]:
    found: list[QTextTable] = []
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            found.append(child)
        found.extend(_tables(child))
    return found


def _rows_by_page(document: QTextDocument, rows: list[Any], page_height: float) -> list[list[Any]] | None:
    """Group the context rows into pages from an unpaginated layout of the document:
    the first page holds what precedes the table, every page the table's header.
    None when the document has no single table with exactly these rows."""
    candidates = [t for t in _tables(document.rootFrame()) if t.rows() - t.format().headerRowCount() == len(rows)]
    if len(candidates) != 1:
        return None
    table = candidates[0]
    header = table.format().headerRowCount()
    layout = document.documentLayout()
    frame = layout.frameBoundingRect(table)
    tops = [
        layout.blockBoundingRect(table.cellAt(header + i, 0).firstCursorPosition().block()).top()
        for i in range(len(rows))
    ]
    heights = [b - a for a, b in zip(tops, tops[1:], strict=False)] + [frame.bottom() - tops[-1]]
    head = tops[0] - frame.top()
    pages: list[list[Any]] = [[]]
    used = frame.top() + head
    for row, height in zip(rows, heights, strict=False):
        if pages[-1] and used + height > page_height:
            pages.append([])
            used = head
        pages[-1].append(row)
        used += height
    return pages


def paint_documents(documents: list[QTextDocument], device: QPagedPaintDevice, spec: FormSpec) -> int:
    """Paint every page of the documents, in order, on a PDF writer or printer; returns
    the page count.

    The device's page layout must already be set; the pages are scaled to its paint
    rectangle (a printer whose hardware margins are wider gets the same page, smaller).
    """
    return paint_groups([documents], device, spec)


def paint_groups(groups: list[list[QTextDocument]], device: QPagedPaintDevice, spec: FormSpec) -> int:
    """Paint several forms of one kind as one job (a batch: a group per dossier, see
    counterapp/forms/batch.py); "Trang i/n" counts within each group. Returns the page count."""
    painter = QPainter()
    if not painter.begin(device):
        raise FormError("Không mở được máy in / thiết bị in / cannot start painting on the printer")
    try:
        footer_font = QFont(groups[0][0].defaultFont())
        # Pixels of the layout resolution: the painter is scaled from layout to device.
        footer_font.setPixelSize(max(8, round(spec.font_size_pt * LAYOUT_DPI / 72)))
        painted = 0
        for documents in groups:
            total = sum(d.pageCount() for d in documents)
            number = 0
            for document in documents:
                page = document.pageSize()
                full_height = page.height() + (FOOTER_PX if spec.page_numbers else 0)
                scale = min(device.width() / page.width(), device.height() / full_height)
                for index in range(document.pageCount()):
                    if painted:
                        device.newPage()
                    painted += 1
                    number += 1
                    painter.save()
                    painter.scale(scale, scale)
                    painter.translate(0, -index * page.height())
                    document.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height()))
                    painter.restore()
                    if spec.page_numbers:
                        painter.save()
                        painter.scale(scale, scale)
                        painter.setFont(footer_font)
                        band = QRectF(0, page.height(), page.width(), FOOTER_PX)
                        align = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
                        painter.drawText(band, align, f"Trang {number}/{total}")
                        painter.restore()
    finally:
        painter.end()
    return painted


def paint_document(document: QTextDocument, device: QPagedPaintDevice, spec: FormSpec) -> int:
    """Paint every page of one built document (see paint_documents)."""
    return paint_documents([document], device, spec)


def render_pdf_bytes(
    form: str, context: dict[str, Any], config: SiteConfig, data_dir: Path | None = None
) -> bytes:
    """The form as PDF bytes (A4 or as configured, 300 dpi, TrueType fonts embedded)."""
    documents = build_documents(form, context, config, data_dir)
    return groups_pdf_bytes([documents], documents[0]._counter_spec)  # type: ignore[attr-defined]


def groups_pdf_bytes(groups: list[list[QTextDocument]], spec: FormSpec) -> bytes:
    """Built documents (groups as in `paint_groups`) as one PDF's bytes."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(spec.page_layout())
    writer.setTitle(spec.title)
    writer.setCreator("Counter (counterapp)")
    paint_groups(groups, writer, spec)
    del writer
    data = bytes(buffer.data().data())
    buffer.close()
    if not data.startswith(b"%PDF"):
        raise FormError("Tạo PDF thất bại / PDF output is empty")
    return data


def render_pdf(
    form: str,
    context: dict[str, Any],
    out_path: str | os.PathLike[str],
    config: SiteConfig,
    data_dir: Path | None = None,
) -> Path:
    """Render a form to a PDF file, written atomically. Returns the path."""
    return write_atomic(Path(out_path), render_pdf_bytes(form, context, config, data_dir))


def configure_printer(
    form: str, printer: QPagedPaintDevice, data_dir: Path | None = None, config: SiteConfig | None = None
) -> None:
    """Give a printer the form's paper, orientation and margins (call before a preview)."""
    printer.setPageLayout(form_spec(form, data_dir, template_set_of(config)).page_layout())


def print_document(
    form: str,
    context: dict[str, Any],
    printer: QPagedPaintDevice,
    config: SiteConfig,
    data_dir: Path | None = None,
    *,
    apply_layout: bool = True,
) -> int:
    """Paint the form on a QPrinter (or any paged device); returns the page count.

    For QPrintPreviewDialog, connect `paintRequested(printer)` to a call of this.
    With `apply_layout`, the printer gets the form's paper, orientation and margins
    first; pass False to keep what the officer chose in the print dialog.
    """
    documents = build_documents(form, context, config, data_dir)
    spec: FormSpec = documents[0]._counter_spec  # type: ignore[attr-defined]
    if apply_layout:
        printer.setPageLayout(spec.page_layout())
    return paint_documents(documents, printer, spec)


def warm_up(config: SiteConfig | None = None) -> None:
    """Render a sample receipt once and throw it away: loads the fonts and Qt's PDF code
    (about a second on a cold start), so the officer's first real receipt is quick.
    Needs a QGuiApplication; in the window, call it on the GUI thread (see the module docstring)."""
    from counterapp.forms.samples import sample_context

    render_pdf_bytes("receipt", sample_context("receipt"), config or SiteConfig())
