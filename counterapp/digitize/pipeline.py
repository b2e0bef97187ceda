"""The whole path from pages to a finished PDF, shared by the CLI and the window.

scan or load pages -> crash-safe batch (clean-up on arrival) -> groups split at
separator sheets -> one PDF/A file per group -> optional OCR -> optional signature.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from counterapp.digitize.batch import BatchPage, PageGroup, ScanBatch
from counterapp.digitize.cleanup import CleanupOptions
from counterapp.digitize.common import DigitizeError, Page
from counterapp.digitize.encode import EncodeOptions
from counterapp.digitize.pdfbuild import BuiltPdf, PdfMeta, build_pdf

Signer = Callable[[Path, Path], object]
"""Signs the PDF at the first path into the second path (see signing.sign_pdf_p12)."""


@dataclass
class DigitizeResult:
    built: list[BuiltPdf]
    pages_in: int
    dropped_blank: list[str] = field(default_factory=list)
    skews: dict[str, float] = field(default_factory=dict)
    turned: dict[str, int] = field(default_factory=dict)
    """Pages turned upright: page id -> clockwise degrees (90, 180, 270)."""

    def as_dict(self) -> dict:
        return {
            "files": [b.as_dict() for b in self.built],
            "pages_in": self.pages_in,
            "dropped_blank": self.dropped_blank,
            "skew_degrees": self.skews,
            "turned_degrees": self.turned,
        }


def fill_batch(batch: ScanBatch, pages: Iterable[Page], on_page: Callable[[BatchPage], None] | None = None) -> int:
    """Store each page as it arrives (nothing lost if the process dies). Returns pages added."""
    count = 0
    for page in pages:
        entry = batch.add_page(page)
        count += 1
        if on_page:
            on_page(entry)
    return count


def build_group(batch: ScanBatch, group: PageGroup, out_path: str | Path, officer: str = "") -> BuiltPdf:
    meta = PdfMeta(
        dossier_code=group.dossier_code or "", document_code=group.document_code or "", officer=officer,
    )
    return build_pdf(batch.page_images(group.pages), out_path, meta)


def finish_pdf(path: Path, *, ocr_lang: str | None = None, signer: Signer | None = None) -> None:
    """OCR then sign, in place (the signature must come last: OCR rewrites the file). The text
    also goes to a UTF-8 sidecar beside the PDF (`NAME.txt`) for search and reuse."""
    if ocr_lang:
        from counterapp.digitize.ocr import ocr_pdf

        tmp = path.with_name(f".{path.name}.ocr")
        ocr_pdf(path, tmp, ocr_lang, sidecar=path.with_suffix(".txt"))
        tmp.replace(path)
    if signer:
        tmp = path.with_name(f".{path.name}.signed")
        signer(path, tmp)
        tmp.replace(path)


def rebuild_info(built: BuiltPdf) -> BuiltPdf:
    from counterapp.digitize.common import sha256_file

    built.sha256 = sha256_file(built.path)
    built.size = built.path.stat().st_size
    return built


def digitize_files(
    paths: Iterable[str | Path],
    out_path: str | Path,
    *,
    cleanup: CleanupOptions | None = None,
    encode: EncodeOptions | None = None,
    dossier_code: str = "",
    document_code: str = "",
    officer: str = "",
    split_dir: str | Path | None = None,
    ocr_lang: str | None = None,
    signer: Signer | None = None,
    work_dir: str | Path | None = None,
    force_dpi: int | None = None,
) -> DigitizeResult:
    """Images or PDFs -> cleaned pages -> PDF/A at `out_path`.

    With `split_dir`, a batch with separator sheets becomes one PDF per document
    (`<dossier>_<component>.pdf` in that folder) and `out_path` is not written.
    """
    from counterapp.digitize.files import load_pages

    if out_path is None and split_dir is None:
        raise DigitizeError("Cần tệp PDF kết quả hoặc thư mục tách / an output file or a split folder is needed")
    tmp_root = tempfile.mkdtemp(prefix="counter-digitize-", dir=work_dir)
    try:
        batch = ScanBatch.create(
            tmp_root, officer=officer, dossier_code=dossier_code or None,
            document_code=document_code or None, cleanup=cleanup, encode=encode,
        )

        def all_pages():
            for path in paths:
                yield from load_pages(path, force_dpi=force_dpi)

        count = fill_batch(batch, all_pages())
        return _output(batch, count, out_path, officer, split_dir, ocr_lang, signer)
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)


def _output(batch, count, out_path, officer, split_dir, ocr_lang, signer) -> DigitizeResult:
    result = DigitizeResult(built=[], pages_in=count)
    for page in batch.pages():
        result.skews[page.id] = page.skew
        if page.rotation and not page.deleted:
            result.turned[page.id] = 90 * page.rotation
        if page.blank and page.deleted:
            result.dropped_blank.append(page.id)
    groups = batch.groups()
    if not groups:
        raise DigitizeError("Không còn trang nào sau khi bỏ trang trắng / no pages left after dropping blank pages")
    if split_dir is not None:
        folder = Path(split_dir)
        folder.mkdir(parents=True, exist_ok=True)
        targets = [(g, folder / _group_file_name(g, i)) for i, g in enumerate(groups, start=1)]
    else:
        merged = PageGroup(batch.manifest.get("dossier_code"), batch.manifest.get("document_code"))
        for g in groups:
            merged.pages.extend(g.pages)
        targets = [(merged, Path(out_path))]
    for group, target in targets:
        built = build_group(batch, group, target, officer)
        if ocr_lang or signer:
            finish_pdf(built.path, ocr_lang=ocr_lang, signer=signer)
            rebuild_info(built)
        result.built.append(built)
    return result


def _group_file_name(group: PageGroup, index: int) -> str:
    safe = lambda s: "".join(c if c.isalnum() or c in "-._" else "_" for c in s)  # noqa: E731
    if group.dossier_code and group.document_code:
        return f"{safe(group.dossier_code)}_{safe(group.document_code)}.pdf"
    return f"document_{index:02d}.pdf"


def scan_to_pdf(
    settings,
    out_path: str | Path,
    data_dir: str | Path,
    *,
    cleanup: CleanupOptions | None = None,
    encode: EncodeOptions | None = None,
    officer: str = "",
    dossier_code: str = "",
    document_code: str = "",
    split_dir: str | Path | None = None,
    ocr_lang: str | None = None,
    signer: Signer | None = None,
    on_page: Callable[[BatchPage], None] | None = None,
) -> DigitizeResult:
    """Scan into a crash-safe batch under `data_dir`, then write the PDF(s).

    The batch is removed once the PDF is written; if anything fails before, it
    stays and `recover_batches(data_dir)` offers it back.
    """
    from counterapp.digitize.sources import scan_pages

    batch = ScanBatch.create(
        data_dir, officer=officer, dossier_code=dossier_code or None, document_code=document_code or None,
        settings={"backend": settings.backend, "device": settings.device, "dpi": settings.dpi,
                  "mode": settings.mode, "source": settings.source},
        cleanup=cleanup, encode=encode,
    )
    count = fill_batch(batch, scan_pages(settings), on_page)
    if count == 0:
        batch.discard()
        raise DigitizeError("Máy quét không trả về trang nào (hết giấy?) / the scanner returned no pages")
    result = _output(batch, count, out_path, officer, split_dir, ocr_lang, signer)
    batch.finish()
    batch.discard()
    return result
