"""One PDF/A-2b file per document component.

Pages go in as encoded by encode.py (colour or grey JPEG, bilevel CCITT G4 TIFF) with their
dpi. img2pdf wraps each as it is (DCTDecode as RGB or DeviceGray, CCITTFaxDecode; no
re-encoding) on a page sized from pixels and dpi (100% scale); grey and bilevel images are
DeviceGray, which PDF/A-2 allows under any output intent (ISO 19005-2, 6.2.4.3);
pikepdf joins the pages and adds what PDF/A-2b asks for: XMP metadata with
pdfaid:part=2 / conformance=B, an sRGB OutputIntent, a document ID.

Memory stays flat whatever the batch size: each page is written to its own
small PDF on disk, and pikepdf copies the image streams from those files only
while writing the result.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from counterapp.digitize.common import MIN_DPI, DigitizeError, fsync_dir, sha256_file

if TYPE_CHECKING:
    from counterapp.digitize.encode import EncodedPage

COUNTER_NS = "https://counterapp.vn/ns/digitize/1.0/"
"""The custom XMP schema of files made before 2026-12: read, no longer written (see `_xmp_packet`)."""
PRODUCER = "Counter (counterapp) digitize"


@dataclass
class PdfMeta:
    dossier_code: str = ""
    document_code: str = ""
    officer: str = ""
    title: str = ""
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    language: str = "vi-VN"


@dataclass
class BuiltPdf:
    path: Path
    sha256: str
    size: int
    page_count: int
    min_dpi: int
    meta: PdfMeta

    def as_dict(self) -> dict:
        return {
            "path": str(self.path), "sha256": self.sha256, "size": self.size, "page_count": self.page_count,
            "dpi": self.min_dpi, "dossier_code": self.meta.dossier_code, "document_code": self.meta.document_code,
            "officer": self.meta.officer, "created_at": self.meta.created_at.isoformat(),
        }


_ICC: bytes | None = None


def srgb_icc() -> bytes:
    global _ICC
    if _ICC is None:
        from PIL import ImageCms

        _ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return _ICC


def build_pdf(
    pages: Iterable[EncodedPage | tuple[bytes, int]], out_path: str | Path, meta: PdfMeta | None = None
) -> BuiltPdf:
    """Write a PDF/A-2b file from encoded pages (or (JPEG / G4 TIFF bytes, dpi) pairs); returns
    its hash, size, page count."""
    import img2pdf
    import pikepdf

    meta = meta or PdfMeta()
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    sources: list[pikepdf.Pdf] = []
    min_dpi = 0
    with tempfile.TemporaryDirectory(prefix=".pages-", dir=out.parent) as tmp:
        try:
            result = pikepdf.new()
            for number, (data, dpi) in enumerate(pages, start=1):
                if dpi < MIN_DPI:
                    raise DigitizeError(
                        f"Trang {number} chỉ {dpi} dpi, cần tối thiểu {MIN_DPI} dpi / page {number} below {MIN_DPI} dpi"
                    )
                min_dpi = dpi if not min_dpi else min(min_dpi, dpi)
                single = Path(tmp) / f"{number:05d}.pdf"
                single.write_bytes(img2pdf.convert(data, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))))
                src = pikepdf.open(single)
                sources.append(src)
                result.pages.append(src.pages[0])
            if not sources:
                raise DigitizeError("Không có trang nào để tạo PDF / no pages to put in the PDF")
            make_pdfa(result, meta)
            tmp_out = out.with_name(f".{out.name}.tmp-{os.getpid()}")
            result.save(tmp_out, fix_metadata_version=False, min_version="1.7")
            result.close()
            with open(tmp_out, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp_out, out)
            fsync_dir(out.parent)
        finally:
            for src in sources:
                src.close()
    return BuiltPdf(out, sha256_file(out), out.stat().st_size, len(sources), min_dpi, meta)


def _pdf_date(value: datetime) -> str:
    value = value.astimezone(UTC)
    return value.strftime("D:%Y%m%d%H%M%SZ")


def make_pdfa(pdf, meta: PdfMeta) -> None:
    """Add PDF/A-2b metadata and the sRGB output intent to an open pikepdf.Pdf."""
    import pikepdf
    from pikepdf import Dictionary, Name

    title = meta.title or " ".join(x for x in (meta.dossier_code, meta.document_code) if x) or "Scanned document"
    info = Dictionary(
        Title=pikepdf.String(title),
        Creator=pikepdf.String(PRODUCER),
        CreationDate=pikepdf.String(_pdf_date(meta.created_at)),
        ModDate=pikepdf.String(_pdf_date(meta.created_at)),
    )
    if meta.officer:
        info.Author = pikepdf.String(meta.officer)
    # No /Producer in Info on purpose: pyHanko rewrites Producer when it signs, in
    # Info and XMP differently; left out of Info, only the XMP value counts and
    # PDF/A's "Info must match XMP" rule holds before and after signing.
    pdf.trailer.Info = pdf.make_indirect(info)
    xmp = pdf.make_stream(_xmp_packet(meta, title).encode("utf-8"))
    xmp.Type = Name.Metadata
    xmp.Subtype = Name.XML
    pdf.Root.Metadata = xmp
    icc = pdf.make_stream(srgb_icc())
    icc.N = 3
    pdf.Root.OutputIntents = pikepdf.Array(
        [
            pdf.make_indirect(
                Dictionary(
                    Type=Name.OutputIntent,
                    S=Name.GTS_PDFA1,
                    OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
                    Info=pikepdf.String("sRGB IEC61966-2.1"),
                    DestOutputProfile=icc,
                )
            )
        ]
    )
    pdf.Root.Lang = pikepdf.String(meta.language)
    pdf.Root.MarkInfo = Dictionary(Marked=False)


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text or "")


def _xmp_packet(meta: PdfMeta, title: str) -> str:
    """XMP with pdfaid and only the standard schemas PDF/A predefines (dc, xmp, pdf, pdfaid).

    Why no custom schema: a `counter:` extension schema made allowlist PDF/A validators reject
    the files, and pyHanko re-serialises the XMP when it signs (prefix `counter` became `ns0`,
    the schema's namespaceURI turned from Text into a URI), breaking the declaration. The codes
    now live in `dc:relation` ("dossier:CODE", "document:CODE") and the officer in `dc:creator`,
    which survive signing unchanged (tests/digitize/test_pades.py)."""
    when = meta.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    creator = f"<dc:creator><rdf:Seq><rdf:li>{_esc(meta.officer)}</rdf:li></rdf:Seq></dc:creator>" if meta.officer else ""
    relations = [f"{kind}:{code}" for kind, code in (("dossier", meta.dossier_code), ("document", meta.document_code))
                 if code]
    relation = (
        "<dc:relation><rdf:Bag>" + "".join(f"<rdf:li>{_esc(r)}</rdf:li>" for r in relations) + "</rdf:Bag></dc:relation>"
        if relations else ""
    )
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
        'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_esc(title)}</rdf:li></rdf:Alt></dc:title>'
        f"{creator}{relation}<dc:format>application/pdf</dc:format>"
        f"<xmp:CreateDate>{when}</xmp:CreateDate><xmp:ModifyDate>{when}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{when}</xmp:MetadataDate><xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>"
        f"<pdf:Producer>{PRODUCER}</pdf:Producer>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        + "\n" + (" " * 99 + "\n") * 20
        + '<?xpacket end="w"?>'
    )


def _xmp_fields(meta) -> dict:
    """Dossier code, document code and officer from the XMP (dc:relation / dc:creator), or from
    the `counter:` schema of files made before 2026-12 (still read: they are archived)."""
    relations = meta.get("dc:relation") or []
    relations = [relations] if isinstance(relations, str) else list(relations)
    found = {kind: value for kind, _, value in (str(r).partition(":") for r in relations) if value}
    creators = meta.get("dc:creator") or []
    creators = [creators] if isinstance(creators, str) else list(creators)
    return {
        "dossier_code": found.get("dossier") or meta.get(f"{{{COUNTER_NS}}}dossierCode"),
        "document_code": found.get("document") or meta.get(f"{{{COUNTER_NS}}}documentCode"),
        "officer": (creators[0] if creators else None) or meta.get(f"{{{COUNTER_NS}}}officer"),
    }


def read_pdf_info(path: str | Path) -> dict:
    """What the file says about itself: PDF/A part, codes, pages, smallest image dpi."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        dpis = []
        for page in pdf.pages:
            width_pt = float(page.mediabox[2]) - float(page.mediabox[0])
            for image in _images(page):
                dpis.append(round(int(image.Width) / (width_pt / 72)))
        return {
            "pdfa_part": meta.get("pdfaid:part"),
            "pdfa_conformance": meta.get("pdfaid:conformance"),
            **_xmp_fields(meta),
            "page_count": len(pdf.pages),
            "min_dpi": min(dpis) if dpis else None,
            "has_output_intent": "/OutputIntents" in pdf.Root,
        }


def _images(page) -> list:
    getter = getattr(page, "get_images", None)
    found = getter() if getter is not None else page.images
    return list(found.values())


def _parse_pdf_date(value: str):
    import re

    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?", value)
    if not m:
        return None
    y, mo, d, h, mi, sec, sign, tzh, tzm = m.groups()
    from datetime import timedelta

    tz = UTC
    if sign in ("+", "-") and tzh:
        delta = timedelta(hours=int(tzh), minutes=int(tzm or 0))
        tz = timezone(delta if sign == "+" else -delta)
    return datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(sec or 0), tzinfo=tz)


def _parse_xmp_date(value: str):
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


XMP_PREDEFINED = frozenset({
    "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/", "http://ns.adobe.com/xap/1.0/rights/",
    "http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/pdf/1.3/", "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/",
    "http://ns.adobe.com/exif/1.0/aux/", "http://www.aiim.org/pdfa/ns/id/", "http://www.aiim.org/pdfa/ns/extension/",
})
"""Schemas PDF/A lets XMP use without an extension schema (XMP 2004 predefined, pdfaid, pdfaExtension)."""


def _undeclared_xmp_namespaces(xmp: bytes) -> list[str]:
    """Namespaces of top-level XMP properties that are neither predefined nor declared in
    `pdfaExtension:schemas` (as Text, the way PDF/A-2 6.6.2.3 asks)."""
    from lxml import etree

    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    try:
        root = etree.fromstring(xmp.strip().split(b"<?xpacket end")[0].split(b"?>", 1)[-1])
    except etree.XMLSyntaxError:
        return ["(XMP is not well-formed XML)"]
    declared = {
        (el.text or "").strip()
        for el in root.iter("{http://www.aiim.org/pdfa/ns/schema#}namespaceURI")
    }
    used: set[str] = set()
    for desc in root.iter(f"{{{rdf}}}Description"):
        if desc.getparent() is None or desc.getparent().tag != f"{{{rdf}}}RDF":
            continue  # only top-level properties; the values inside a schema's structures are its own
        used |= {etree.QName(a).namespace for a in desc.attrib if etree.QName(a).namespace not in (rdf, None)}
        used |= {etree.QName(child).namespace for child in desc if isinstance(child.tag, str)}
    return sorted(ns for ns in used if ns and ns not in XMP_PREDEFINED and ns not in declared)


def pdfa_problems(path: str | Path) -> list[str]:
    """A self-check of the PDF/A-2b rules this app can break (not a full validator such
    as veraPDF): identification, output intent, ID, metadata stream, Info = XMP, XMP schemas
    predefined or declared,
    embedded fonts, printable annotations with appearances. Empty list = no problem found."""
    import pikepdf

    problems: list[str] = []
    with pikepdf.open(path) as pdf:
        if pdf.is_encrypted:
            problems.append("encrypted")
        meta = pdf.open_metadata()
        if meta.get("pdfaid:part") != "2" or meta.get("pdfaid:conformance") != "B":
            problems.append("pdfaid part/conformance is not 2/B")
        intents = pdf.Root.get("/OutputIntents")
        if not intents or not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intents):
            problems.append("no GTS_PDFA1 output intent with an ICC profile")
        if "/ID" not in pdf.trailer:
            problems.append("no file identifier (/ID)")
        if "/Metadata" not in pdf.Root:
            problems.append("no XMP metadata stream")
        elif "/Filter" in pdf.Root.Metadata:
            problems.append("XMP metadata stream is compressed")
        else:
            problems += [f"XMP property {ns} is not in a predefined schema nor declared"
                         for ns in _undeclared_xmp_namespaces(pdf.Root.Metadata.read_bytes())]
        info = pdf.trailer.get("/Info")
        if info is not None:
            pairs = {
                "/Title": ("dc:title", str), "/Author": ("dc:creator", str), "/Creator": ("xmp:CreatorTool", str),
                "/Producer": ("pdf:Producer", str),
                "/CreationDate": ("xmp:CreateDate", "date"), "/ModDate": ("xmp:ModifyDate", "date"),
            }
            for key, (xkey, kind) in pairs.items():
                if key not in info:
                    continue
                value, xvalue = str(info[key]), meta.get(xkey)
                if isinstance(xvalue, list):
                    xvalue = xvalue[0] if xvalue else None
                if kind == "date":
                    same = xvalue is not None and _parse_pdf_date(value) == _parse_xmp_date(str(xvalue))
                else:
                    same = xvalue is not None and str(xvalue) == value
                if not same:
                    problems.append(f"Info {key} {value!r} does not match XMP {xkey} {xvalue!r}")
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary):
                continue
            if obj.get("/Type") == "/FontDescriptor" and not any(
                k in obj for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                problems.append(f"font {obj.get('/FontName')} is not embedded")
            if obj.get("/Type") == "/Font" and obj.get("/Subtype") in ("/Type1", "/TrueType") and "/FontDescriptor" not in obj:
                problems.append(f"font {obj.get('/BaseFont')} is not embedded")
        for number, page in enumerate(pdf.pages, start=1):
            for annot in page.get("/Annots", []):
                flags = int(annot.get("/F", 0))
                if annot.get("/Subtype") != "/Popup" and (not flags & 4 or flags & (1 | 2 | 32)):
                    problems.append(f"page {number}: annotation not set to print (F={flags})")
                rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
                if rect[2] - rect[0] > 0 and rect[3] - rect[1] > 0 and "/AP" not in annot:
                    problems.append(f"page {number}: visible annotation without appearance")
    return problems
