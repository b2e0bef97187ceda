"""The one rendering path for every printed form: template + context -> QTextDocument
-> PDF (QPdfWriter) or a printer (QPrinter). QtGui and QtPrintSupport only, never
QtWidgets, and safe in a worker thread (no QPixmap anywhere).

The document is laid out once, at a fixed 96 dpi on a page of the form's paper size
minus its margins, then painted page by page scaled to whatever device receives it:
a PDF and a printer (or the print preview) get the same pages, line for line.
"""

from __future__ import annotations

import copy
import os
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path
from typing import Any

import segno
from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPagedPaintDevice,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextFrame,
    QTextTable,
)

from counterapp.config import SiteConfig
from counterapp.forms.formatting import display_value, place_date_line
from counterapp.forms.templating import Template, TemplateError
from counterapp.paths import resource

FORMS_FILE = "forms.toml"
LAYOUT_DPI = 96  # the document is laid out in pixels of this resolution
PDF_DPI = 300
QR_RESOURCE = "counter-qr:dossier"
QR_SIZE_PX = 120  # at LAYOUT_DPI: 32 mm on paper; ~190 px in a 150-dpi scan
FOOTER_PX = 18  # band kept at the foot of each page for "Trang i/n"
PAPER_SIZES = {"A4": QPageSize.PageSizeId.A4, "A5": QPageSize.PageSizeId.A5, "LETTER": QPageSize.PageSizeId.Letter}

FORM_NAMES = ("receipt", "completion_request", "refusal", "routing_slip", "apology", "fee_receipt", "ledger")


class FormError(ValueError):
    """A form cannot be produced; the message is for the officer (Vietnamese / English)."""


@dataclass(frozen=True)
class FormSpec:
    """One form's settings from forms.toml (shipped, then the site's overrides)."""

    name: str
    title: str
    template: str
    paper: str
    orientation: str
    margins_mm: tuple[float, float, float, float]  # left, top, right, bottom
    copies: tuple[str, ...]
    font_families: tuple[str, ...]
    font_size_pt: float
    page_numbers: bool
    settings: dict[str, Any]

    def page_layout(self) -> QPageLayout:
        paper = PAPER_SIZES.get(self.paper.upper())
        if paper is None:
            raise FormError(f"Khổ giấy không hỗ trợ / unsupported paper {self.paper!r} ({self.name})")
        orientation = (
            QPageLayout.Orientation.Landscape
            if self.orientation.lower() == "landscape"
            else QPageLayout.Orientation.Portrait
        )
        left, top, right, bottom = self.margins_mm
        return QPageLayout(
            QPageSize(paper), orientation, QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter
        )


# -- where templates come from -----------------------------------------------------


def shipped_templates_dir() -> Path:
    return resource("templates")


def site_templates_dir(data_dir: Path | None) -> Path | None:
    return Path(data_dir) / "templates" if data_dir else None


def template_path(name: str, data_dir: Path | None = None) -> Path:
    """The site's copy in `<data_dir>/templates/` when it has one, else the shipped one."""
    if "/" in name or "\\" in name or name.startswith("."):
        raise FormError(f"Tên mẫu không hợp lệ / invalid template name {name!r}")
    site = site_templates_dir(data_dir)
    if site is not None and (site / name).is_file():
        return site / name
    shipped = shipped_templates_dir() / name
    if not shipped.is_file():
        raise FormError(f"Không tìm thấy mẫu {name} / template not found")
    return shipped


@lru_cache(maxsize=32)
def _parsed_toml(path: str, mtime_ns: int, size: int) -> dict[str, Any]:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FormError(f"{path}: sai cú pháp TOML / not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FormError(f"Không đọc được {path} / cannot read: {exc}") from exc


def _read_toml(path: Path) -> dict[str, Any]:
    stat = path.stat()
    return copy.deepcopy(_parsed_toml(str(path), stat.st_mtime_ns, stat.st_size))


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_forms_settings(data_dir: Path | None = None) -> dict[str, Any]:
    settings = _read_toml(shipped_templates_dir() / FORMS_FILE)
    site = site_templates_dir(data_dir)
    if site is not None and (site / FORMS_FILE).is_file():
        settings = _merge(settings, _read_toml(site / FORMS_FILE))
    return settings


def form_spec(form: str, data_dir: Path | None = None) -> FormSpec:
    settings = load_forms_settings(data_dir)
    if form == "defaults" or form not in settings:
        known = ", ".join(k for k in settings if k != "defaults")
        raise FormError(f"Không có mẫu phiếu {form!r} / unknown form (có / known: {known})")
    merged = _merge(settings.get("defaults", {}), settings[form])
    margins = merged.get("margins_mm", {})
    try:
        spec = FormSpec(
            name=form,
            title=str(merged.get("title", form)),
            template=str(merged.get("template", f"{form}.html")),
            paper=str(merged.get("paper", "A4")),
            orientation=str(merged.get("orientation", "portrait")),
            margins_mm=(
                float(margins.get("left", 25)),
                float(margins.get("top", 15)),
                float(margins.get("right", 15)),
                float(margins.get("bottom", 15)),
            ),
            copies=tuple(str(c) for c in merged.get("copies", [])),
            font_families=tuple(str(f) for f in merged.get("font_families", ["DejaVu Sans"])),
            font_size_pt=float(merged.get("font_size_pt", 12)),
            page_numbers=bool(merged.get("page_numbers", False)),
            settings=merged,
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise FormError(f"forms.toml [{form}]: giá trị sai / bad value: {exc}") from exc
    spec.page_layout()  # validates the paper name
    return spec


@lru_cache(maxsize=128)
def _parsed_template(path: str, mtime_ns: int, size: int) -> Template:
    """A parsed template file; the cache key changes when the file is edited."""
    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormError(f"Không đọc được mẫu {path} / cannot read template: {exc}") from exc
    return Template(source, name=path)


def load_template(name: str, data_dir: Path | None = None) -> Template:
    path = template_path(name, data_dir)
    try:
        stat = path.stat()
    except OSError as exc:
        raise FormError(f"Không đọc được mẫu {path} / cannot read template: {exc}") from exc
    try:
        return _parsed_template(str(path), stat.st_mtime_ns, stat.st_size)
    except TemplateError as exc:
        raise FormError(str(exc)) from exc


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


@lru_cache(maxsize=16)
def _installed_families(wanted: tuple[str, ...]) -> tuple[str, ...]:
    """The wanted families this machine has, in order (all of them if none is installed)."""
    installed = set(QFontDatabase.families())
    return tuple(f for f in wanted if f in installed) or wanted


def _font(spec: FormSpec) -> QFont:
    families = list(_installed_families(spec.font_families))
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(spec.font_size_pt)
    return font


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


def _base_context(spec: FormSpec, config: SiteConfig, context: dict[str, Any]) -> dict[str, Any]:
    doc_date = context.get("doc_date")
    if isinstance(doc_date, datetime):
        doc_date = doc_date.astimezone(config.zone).date() if doc_date.tzinfo else doc_date.date()
    if not isinstance(doc_date, date):
        doc_date = datetime.now(config.zone).date()
    settings = spec.settings
    return {
        "title": spec.title,
        "parent_agency_name": config.parent_agency_name,
        "parent_agency_name_upper": config.parent_agency_name.upper(),
        "agency_name": config.agency_name,
        "agency_name_upper": config.agency_name.upper(),
        "agency_code": config.agency_code,
        "unit_name": settings.get("unit_name", "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"),
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
        "pages": [],
        "qr": False,
        "settings": {k: v for k, v in settings.items() if not isinstance(v, dict)},
    }


def render_html(form: str, context: dict[str, Any], config: SiteConfig, data_dir: Path | None = None) -> str:
    """The filled HTML of every copy of a form (each copy after the first starts a page)."""
    spec = form_spec(form, data_dir)
    try:
        return _render_html(spec, context, config, data_dir, has_qr=bool(context.get("code")))
    except TemplateError as exc:
        raise FormError(str(exc)) from exc


def _render_html(
    spec: FormSpec, context: dict[str, Any], config: SiteConfig, data_dir: Path | None, *, has_qr: bool
) -> str:
    template = load_template(spec.template, data_dir)
    cache: dict[str, Template] = {}

    def loader(name: str) -> Template:
        if name not in cache:
            cache[name] = load_template(name, data_dir)
        return cache[name]

    values = _base_context(spec, config, context)
    values.update(context)
    values["qr"] = has_qr
    values["qr_src"] = QR_RESOURCE
    values["qr_size"] = QR_SIZE_PX

    def formatter(value: Any) -> str:
        return display_value(value, config.zone)

    parts = []
    for index, label in enumerate(spec.copies or ("",)):
        values["copy_label"] = label
        values["copy_index"] = index + 1
        body = template.render(values, formatter, loader)
        style = ' style="page-break-before: always"' if index else ""
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


def _fill(spec: FormSpec, config: SiteConfig, context: dict[str, Any], data_dir: Path | None) -> QTextDocument:
    document = _new_document(spec, config, context)
    try:
        document.setHtml(_render_html(spec, context, config, data_dir, has_qr=bool(context.get("code"))))
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
    spec = form_spec(form, data_dir)
    context, _ = _prepare(spec, context)
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
    spec = form_spec(form, data_dir)
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
    heights = [b - a for a, b in zip(tops, tops[1:])] + [frame.bottom() - tops[-1]]
    head = tops[0] - frame.top()
    pages: list[list[Any]] = [[]]
    used = frame.top() + head
    for row, height in zip(rows, heights):
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
    total = sum(d.pageCount() for d in documents)
    painter = QPainter()
    if not painter.begin(device):
        raise FormError("Không mở được máy in / thiết bị in / cannot start painting on the printer")
    try:
        footer_font = QFont(documents[0].defaultFont())
        # Pixels of the layout resolution: the painter is scaled from layout to device.
        footer_font.setPixelSize(max(8, round(spec.font_size_pt * LAYOUT_DPI / 72)))
        number = 0
        for document in documents:
            page = document.pageSize()
            full_height = page.height() + (FOOTER_PX if spec.page_numbers else 0)
            scale = min(device.width() / page.width(), device.height() / full_height)
            for index in range(document.pageCount()):
                if number:
                    device.newPage()
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
                    painter.drawText(
                        band, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), f"Trang {number}/{total}"
                    )
                    painter.restore()
    finally:
        painter.end()
    return total


def paint_document(document: QTextDocument, device: QPagedPaintDevice, spec: FormSpec) -> int:
    """Paint every page of one built document (see paint_documents)."""
    return paint_documents([document], device, spec)


def render_pdf_bytes(
    form: str, context: dict[str, Any], config: SiteConfig, data_dir: Path | None = None
) -> bytes:
    """The form as PDF bytes (A4 or as configured, 300 dpi, TrueType fonts embedded)."""
    documents = build_documents(form, context, config, data_dir)
    spec: FormSpec = documents[0]._counter_spec  # type: ignore[attr-defined]
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(spec.page_layout())
    writer.setTitle(spec.title)
    writer.setCreator("Counter (counterapp)")
    paint_documents(documents, writer, spec)
    del writer
    data = bytes(buffer.data().data())
    buffer.close()
    if not data.startswith(b"%PDF"):
        raise FormError("Tạo PDF thất bại / PDF output is empty")
    return data


def write_atomic(path: Path, data: bytes) -> Path:
    """Write to a temporary name beside the target, fsync, rename into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    if hasattr(os, "O_DIRECTORY"):
        dir_fd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return path


def render_pdf(
    form: str,
    context: dict[str, Any],
    out_path: str | os.PathLike[str],
    config: SiteConfig,
    data_dir: Path | None = None,
) -> Path:
    """Render a form to a PDF file, written atomically. Returns the path."""
    return write_atomic(Path(out_path), render_pdf_bytes(form, context, config, data_dir))


def configure_printer(form: str, printer: QPagedPaintDevice, data_dir: Path | None = None) -> None:
    """Give a printer the form's paper, orientation and margins (call before a preview)."""
    printer.setPageLayout(form_spec(form, data_dir).page_layout())


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
    Safe in a worker thread; needs a QGuiApplication."""
    from counterapp.forms.samples import sample_context

    render_pdf_bytes("receipt", sample_context("receipt"), config or SiteConfig())
