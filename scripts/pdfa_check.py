#!/usr/bin/env python3
"""An independent PDF/A-2b check of the app's output, for CI and for anyone holding a file.

Why this and not veraPDF: no PDF/A validator is reachable from this project's machines (veraPDF
is a Java download outside PyPI, Debian and npm; the PyPI wrappers of it download it at run
time). So this is a second implementation of the PDF/A-2b rules the app can break, sharing no
code with the app's own self-check (`counterapp.digitize.pdfbuild.pdfa_problems`, pikepdf/qpdf):
the file is parsed with pypdf (pure Python), fonts are checked with poppler's `pdffonts`, the XMP
with lxml against the list of schemas PDF/A allows. Rules checked (ISO 19005-2 clause):
header and binary comment (6.1.2), trailer ID (6.1.3), no encryption (6.1.3), output intent
with a valid ICC profile (6.2.3), no LZW, no image alternates or OPI (6.2.8, 6.1.7), embedded
fonts (6.2.11.4), annotations printable with appearances (6.3), no JavaScript or Launch actions
(6.5), signatures' ByteRange over a whole revision (6.4.3), XMP uncompressed with pdfaid 2/B
(6.6.4), only predefined or declared XMP schemas (6.6.2.3), Info matching XMP (6.6.3).
It is not a full validator: say so where its verdict is quoted.

    python scripts/pdfa_check.py FILE.pdf [...]   # prints problems; exit 1 if any
    python scripts/pdfa_check.py --sample         # digitizes and signs a generated page, checks both
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PREDEFINED = {
    "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/", "http://ns.adobe.com/xap/1.0/rights/",
    "http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/pdf/1.3/", "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/",
    "http://ns.adobe.com/exif/1.0/aux/", "http://www.aiim.org/pdfa/ns/id/", "http://www.aiim.org/pdfa/ns/extension/",
}
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"


def _xmp_problems(data: bytes) -> tuple[list[str], dict]:
    from lxml import etree

    problems: list[str] = []
    start, end = data.find(b"<x:xmpmeta"), data.rfind(b"</x:xmpmeta>")
    if start < 0 or end < 0:
        return ["XMP: no x:xmpmeta element"], {}
    try:
        root = etree.fromstring(data[start:end + len(b"</x:xmpmeta>")])
    except etree.XMLSyntaxError as exc:
        return [f"XMP: not well-formed ({exc})"], {}
    values: dict = {}
    declared = {}
    for schema in root.iter(f"{{{PDFA_SCHEMA}}}namespaceURI"):
        prefix = schema.getparent().find(f"{{{PDFA_SCHEMA}}}prefix")
        if not (schema.text or "").strip():
            problems.append("XMP: an extension schema's namespaceURI is not Text")
        declared[(schema.text or "").strip()] = (prefix.text or "").strip() if prefix is not None else ""
    for desc in root.iter(f"{{{RDF}}}Description"):
        if desc.getparent() is None or desc.getparent().tag != f"{{{RDF}}}RDF":
            continue
        props = [(etree.QName(k), v) for k, v in desc.attrib.items() if etree.QName(k).namespace != RDF]
        props += [(etree.QName(child), child) for child in desc if isinstance(child.tag, str)]
        for qname, value in props:
            ns = qname.namespace
            if ns not in PREDEFINED and ns not in declared:
                problems.append(f"XMP: property {qname.localname} in {ns} is neither predefined nor declared")
            elif ns in declared:
                used = next((p for p, u in (desc.nsmap or {}).items() if u == ns), None)
                if used is not None and declared[ns] and used != declared[ns]:
                    problems.append(f"XMP: prefix {used!r} used for {ns}, declared {declared[ns]!r}")
            if isinstance(value, str):
                values[(ns, qname.localname)] = value
            else:
                items = [li.text or "" for li in value.iter(f"{{{RDF}}}li")]
                values[(ns, qname.localname)] = items if items else (value.text or "")
    return problems, values


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _pdf_date(text: str):
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?", text or "")
    if not m:
        return None
    y, mo, d, h, mi, s, sign, th, tm = m.groups()
    tz = UTC
    if sign in ("+", "-") and th:
        off = timedelta(hours=int(th), minutes=int(tm or 0))
        tz = timezone(off if sign == "+" else -off)
    return datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0), tzinfo=tz)


def _xmp_date(text: str):
    try:
        value = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def check(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    problems: list[str] = []
    raw = path.read_bytes()
    if not re.match(rb"%PDF-1\.[0-7]\r?\n?%[\x80-\xff]{4}", raw[:20].replace(b"\r\n", b"\n")):
        problems.append("header: no %PDF-1.n line followed by a binary comment (4 bytes > 127)")
    reader = PdfReader(str(path), strict=True)
    trailer = reader.trailer
    if "/Encrypt" in trailer:
        return problems + ["encrypted"]
    if "/ID" not in trailer:
        problems.append("trailer: no /ID")
    root = reader.trailer["/Root"].get_object()
    meta = root.get("/Metadata")
    xmp_values: dict = {}
    if meta is None:
        problems.append("catalog: no XMP /Metadata")
    else:
        meta = meta.get_object()
        if "/Filter" in meta:
            problems.append("XMP stream is compressed")
        xmp_problems, xmp_values = _xmp_problems(meta.get_data())
        problems += xmp_problems
        aid = "http://www.aiim.org/pdfa/ns/id/"
        if (xmp_values.get((aid, "part")), xmp_values.get((aid, "conformance"))) != ("2", "B"):
            problems.append("XMP: pdfaid part/conformance is not 2/B")
    intents = [i.get_object() for i in root.get("/OutputIntents", [])]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if not pdfa:
        problems.append("no GTS_PDFA1 output intent")
    for intent in pdfa:
        icc = intent.get("/DestOutputProfile")
        data = icc.get_object().get_data() if icc is not None else b""
        if len(data) < 128 or data[36:40] != b"acsp":
            problems.append("output intent: DestOutputProfile is not an ICC profile")
        elif data[8] >= 5:
            problems.append("output intent: ICC profile version 5 or later")
    if len({str(i.get("/DestOutputProfile")) for i in pdfa}) > 1:
        problems.append("output intents: different profiles")
    for key in ("/JavaScript",):
        if key in root.get("/Names", {}):
            problems.append("catalog: JavaScript name tree")
    if "/EmbeddedFiles" in root.get("/Names", {}):
        problems.append("catalog: embedded files (PDF/A-2 allows only PDF/A ones; none expected here)")
    if "/AA" in root:
        problems.append("catalog: additional actions (/AA)")
    info = trailer.get("/Info")
    if info is not None:
        info = info.get_object()
        pairs = {"/Title": ("http://purl.org/dc/elements/1.1/", "title", str),
                 "/Author": ("http://purl.org/dc/elements/1.1/", "creator", str),
                 "/Creator": ("http://ns.adobe.com/xap/1.0/", "CreatorTool", str),
                 "/Producer": ("http://ns.adobe.com/pdf/1.3/", "Producer", str),
                 "/CreationDate": ("http://ns.adobe.com/xap/1.0/", "CreateDate", "date"),
                 "/ModDate": ("http://ns.adobe.com/xap/1.0/", "ModifyDate", "date")}
        for key, (ns, name, kind) in pairs.items():
            if key not in info:
                continue
            x = _first(xmp_values.get((ns, name)))
            same = (_pdf_date(str(info[key])) == _xmp_date(x)) if kind == "date" and x else str(info[key]) == x
            if not same:
                problems.append(f"Info {key} {str(info[key])!r} differs from XMP {name} {x!r}")
    seen: set = set()

    def walk(obj, depth=0):
        if depth > 60:
            return
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                return
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            filters = obj.get("/Filter")
            filters = list(filters) if isinstance(filters, ArrayObject) else [filters]
            if "/LZWDecode" in filters:
                problems.append("LZWDecode filter")
            if obj.get("/Subtype") == "/Image" and ("/Alternates" in obj or "/OPI" in obj):
                problems.append("image with /Alternates or /OPI")
            if obj.get("/Subtype") == "/Image" and obj.get("/Interpolate") is True:
                problems.append("image with /Interpolate true")
            if obj.get("/S") in ("/JavaScript", "/Launch", "/ImportData", "/ResetForm"):
                problems.append(f"forbidden action {obj.get('/S')}")
            for k, v in obj.items():
                if k not in ("/Parent", "/P"):
                    walk(v, depth + 1)
        elif isinstance(obj, ArrayObject):
            for v in obj:
                walk(v, depth + 1)

    walk(trailer["/Root"])
    eofs = [m.end() for m in re.finditer(rb"%%EOF\r?\n?", raw)]
    for number, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            flags = int(annot.get("/F", 0))
            if annot.get("/Subtype") != "/Popup" and (not flags & 4 or flags & (1 | 2 | 32)):
                problems.append(f"page {number}: annotation not printable (F={flags})")
            rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
            if abs(rect[2] - rect[0]) > 0 and abs(rect[3] - rect[1]) > 0 and "/N" not in annot.get("/AP", {}):
                problems.append(f"page {number}: annotation without a normal appearance")
            sig = annot.get("/V")
            if annot.get("/FT") == "/Sig" and sig is not None:
                byte_range = [int(v) for v in sig.get_object()["/ByteRange"]]
                end = byte_range[2] + byte_range[3]
                gap = raw[byte_range[1]:byte_range[2]]
                if byte_range[0] != 0 or not (gap.startswith(b"<") and gap.endswith(b">")):
                    problems.append("signature: ByteRange does not exclude exactly the /Contents string")
                if not any(abs(end - e) <= 2 for e in eofs):
                    problems.append("signature: ByteRange does not end at the end of a revision")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True)
    for line in fonts.stdout.splitlines()[2:]:
        cols = line.split()
        # name type [encoding] emb sub uni object ID: "emb" is the 5th column from the end
        if len(cols) >= 7 and cols[-5] != "yes":
            problems.append(f"font {cols[0]} is not embedded")
    return problems


def _sample(folder: Path) -> list[Path]:
    """A generated page digitized with the app's CLI, unsigned and signed (self-signed p12)."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(page)
    font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    font = ImageFont.truetype(font_path, 40) if Path(font_path).exists() else None
    for i in range(30):
        draw.text((160, 200 + i * 64), f"Dòng {i + 1}: Cộng hòa xã hội chủ nghĩa Việt Nam", fill="black", font=font)
    page.save(folder / "page.jpg", dpi=(200, 200), quality=85)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "PDF/A check")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    (folder / "k.p12").write_bytes(pkcs12.serialize_key_and_certificates(
        b"k", key, cert, None, serialization.BestAvailableEncryption(b"pw")))
    outs = []
    for name, extra in (("unsigned.pdf", []), ("signed.pdf", ["--sign-p12", str(folder / "k.p12"), "--visible-stamp"])):
        out = folder / name
        subprocess.run([sys.executable, "-m", "counterapp", "--data-dir", str(folder / "data"), "digitize",
                        str(folder / "page.jpg"), "--no-ocr", "--dossier", "H49.22-261201-0001", "--document", "GT01",
                        "--out", str(out), *extra], check=True, env={**__import__("os").environ,
                                                                     "COUNTERAPP_P12_PASSWORD": "pw"})
        outs.append(out)
    return outs


def main(argv: list[str]) -> int:
    import tempfile

    if argv == ["--sample"]:
        with tempfile.TemporaryDirectory() as tmp:
            return main([str(p) for p in _sample(Path(tmp))])
    if not argv:
        print(__doc__)
        return 2
    failed = 0
    for name in argv:
        try:
            problems = check(Path(name))
        except Exception as exc:  # pypdf strict parsing refused the file
            problems = [f"unreadable: {type(exc).__name__}: {exc}"]
        print(f"{name}: {'PDF/A-2b rules checked, no problem' if not problems else 'FAILED'}")
        for problem in problems:
            print(f"  - {problem}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
