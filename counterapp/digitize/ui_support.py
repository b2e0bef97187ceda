"""Core helpers the scanning window (`ui/scan`) needs; no widgets here.

- `dossier_target(ctx, code)`: the dossier's checklist (document components) and applicant
  ID number, read once into plain objects the window can keep.
- `file_groups(ctx, batch, officer, ...)`: one PDF/A per group, optionally signed
  (or left to sign after OCR), attached to its dossier; returns what the officer is shown.
  Refused when no officer is named (`check_officer`): the window passes who is at the counter.
- `reused_documents(ctx, id_number)`: what was already digitized for an applicant.
- `page_thumbnail(page, max_px)`: RGB bytes of a page thumbnail (made off the GUI thread).
- `visible_move_index(batch, page_id, step, visible_ids)`: the manifest index that moves a
  page one place up or down among the pages the officer sees.
- `effective_groups(batch, code, doc)`: the groups the batch will file, the batch's own group
  taking the form's choice; `document_segments` / `move_to_document`: the documents a batch
  is split into at separator sheets, and moving a page from one to another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from counterapp.digitize.batch import BatchPage, PageGroup, ScanBatch
from counterapp.digitize.common import DigitizeError


@dataclass(frozen=True)
class DocumentChoice:
    document_code: str
    name: str


@dataclass
class DossierTarget:
    code: str
    applicant_name: str
    id_number: str | None
    procedure_name: str
    documents: list[DocumentChoice] = field(default_factory=list)


def dossier_target(ctx, code: str) -> DossierTarget:
    """The dossier with this code (or its former provisional code) and its document components."""
    from counterapp.dossiers.queries import get_by_code

    code = (code or "").strip()
    if not code:
        raise DigitizeError("Chưa nhập mã hồ sơ / no dossier code entered")
    with ctx.sessions() as session:
        dossier = get_by_code(session, code)
        if dossier is None:
            raise DigitizeError(f"Không tìm thấy hồ sơ {code} / dossier not found")
        docs = [
            DocumentChoice(d.document_code, d.name)
            for d in sorted(dossier.documents, key=lambda d: d.position)
            if d.document_code
        ]
        return DossierTarget(dossier.code, dossier.applicant_name, dossier.id_number, dossier.procedure_name, docs)


@dataclass
class FiledDocument:
    """What one filed PDF looks like to the officer."""

    attachment_uuid: str
    dossier_code: str
    document_code: str
    page_count: int
    sha256: str
    size: int
    signed: bool
    sign_pending: bool
    ocr_pending: bool
    signature_valid: bool | None = None
    ocr_state: str = "none"
    """The text layer: none | pending (queued) | done | failed (`models.OCR_*`)."""
    signer: str = ""
    signature_message: str = ""
    signature_level: str = ""
    """PAdES level of the stored file (B-B, B-T, B-LT, B-LTA), "" if unsigned."""
    kind: str = "document"
    """`result`: an earlier dossier's digitized result (results.py), offered for reuse like a document."""
    title: str = ""


def _filed(att, report=None) -> FiledDocument:
    out = FiledDocument(
        attachment_uuid=att.uuid, dossier_code=att.dossier_code or "", document_code=att.document_code or "",
        page_count=att.page_count, sha256=att.sha256, size=att.size, signed=att.signed,
        sign_pending=att.sign_pending, ocr_pending=att.ocr_state == "pending", ocr_state=att.ocr_state,
        kind=getattr(att, "kind", None) or "document", title=att.title or "",
    )
    if report is not None:
        out.signature_valid = report.valid if report.signed else None
        out.signer = report.signer
        out.signature_message = report.message_vi
        out.signature_level = report.level
    return out


def check_officer(officer: str | None) -> str:
    """The person a filed scan is attributed to; refused (DigitizeError) when no one is named,
    or only an account name such as "root": an attachment names who filed it."""
    from counterapp.officer import OfficerError, check_full_name

    try:
        return check_full_name(officer)
    except OfficerError as exc:
        raise DigitizeError(str(exc)) from None


def check_groups(groups: Iterable[PageGroup]) -> list[PageGroup]:
    groups = list(groups)
    if not groups:
        raise DigitizeError("Lô quét không còn trang nào / the batch has no pages left")
    for group in groups:
        if not group.dossier_code or not group.document_code:
            raise DigitizeError(
                "Có nhóm trang chưa chọn hồ sơ hoặc thành phần hồ sơ "
                "/ a group of pages has no dossier or document component"
            )
    return groups


def file_groups(
    ctx,
    batch: ScanBatch,
    officer: str,
    *,
    signer: Callable[[Path, Path], object] | None = None,
    ocr: bool | None = None,
    id_number: str | None = None,
) -> list[FiledDocument]:
    """Build one PDF/A per group of the batch (split at separator sheets), attach each.

    Every group is checked before anything is filed. With OCR on, each file is attached
    with its text layer pending (and, with a signer, `sign_later`): `run_ocr_job` finishes
    it in the background. With OCR off, the file is signed before it is attached.
    The batch is marked finished only once every group is attached.
    """
    from counterapp.digitize.models import attach_pdf
    from counterapp.digitize.ocr import ocr_settings
    from counterapp.digitize.pipeline import build_group, finish_pdf
    from counterapp.digitize.signing import verify_with_site_roots

    officer = check_officer(officer)
    groups = check_groups(batch.groups())
    if ocr is None:
        ocr = ocr_settings(ctx.config)[0]
    filed: list[FiledDocument] = []
    from counterapp.crypto import work_dir

    with work_dir(ctx.files_dir, "counter-file-") as tmp:
        for index, group in enumerate(groups, start=1):
            built = build_group(batch, group, Path(tmp) / f"{index:03d}.pdf", officer)
            signed_now = False
            if signer is not None and not ocr:
                finish_pdf(built.path, signer=signer)
                signed_now = True
            att = attach_pdf(
                ctx, group.dossier_code, group.document_code, built.path, officer, id_number=id_number,
                ocr=ocr, sign_later=bool(signer is not None and ocr), signed=signed_now,
            )
            report = verify_with_site_roots(att.path(ctx.files_dir), ctx.config) if att.signed else None
            filed.append(_filed(att, report))
    batch.finish()
    return filed


def run_ocr_job(ctx, attachment_uuid: str, signer=None) -> FiledDocument:
    """Text layer (then signature if one was asked for) for one attachment; the new state."""
    from counterapp.digitize.models import run_attachment_ocr
    from counterapp.digitize.signing import verify_with_site_roots

    att = run_attachment_ocr(ctx, attachment_uuid, signer=signer)
    report = verify_with_site_roots(att.path(ctx.files_dir), ctx.config) if att.signed else None
    return _filed(att, report)


def retry_ocr_job(ctx, attachment_uuid: str, signer=None) -> FiledDocument:
    """A failed text layer tried again: back to pending, then `run_ocr_job`."""
    from counterapp.digitize.models import retry_ocr

    retry_ocr(ctx, attachment_uuid)
    return run_ocr_job(ctx, attachment_uuid, signer)


def reused_documents(ctx, id_number: str) -> list[FiledDocument]:
    from counterapp.digitize.models import documents_for_applicant

    if not id_number:
        return []
    with ctx.sessions() as session:
        return [_filed(a) for a in documents_for_applicant(session, id_number)]


def reuse_document(ctx, attachment_uuid: str, dossier_code: str, document_code: str | None, officer: str) -> FiledDocument:
    from counterapp.digitize.models import reuse_attachment

    officer = check_officer(officer)
    return _filed(reuse_attachment(ctx, attachment_uuid, dossier_code, document_code or None, officer))


def page_thumbnail(page: BatchPage, max_px: int) -> tuple[bytes, int, int]:
    """(RGB bytes, width, height) of the page as it will go into the PDF, at most `max_px`."""
    img = page.thumbnail(max_px).convert("RGB")
    return img.tobytes(), img.width, img.height


def visible_move_index(batch: ScanBatch, page_id: str, step: int, visible_ids: list[str]) -> int | None:
    """Where `batch.move` should put `page_id` to swap it with its visible neighbour (None: at the end)."""
    pos = visible_ids.index(page_id)
    target = pos + step
    if target < 0 or target >= len(visible_ids):
        return None
    all_ids = [p.id for p in batch.pages()]
    return all_ids.index(visible_ids[target])


def is_separator_group(batch: ScanBatch, group: PageGroup) -> bool:
    """Whether the group starts after a separator sheet (its codes came from the sheet)."""
    first = group.pages[0].id if group.pages else None
    previous_separator = False
    for page in batch.pages():
        if page.id == first:
            return previous_separator
        if page.separator is not None:
            previous_separator = True
    return False


def effective_groups(batch: ScanBatch | None, code: str | None, doc: str | None) -> list[tuple[str | None, str | None, int]]:
    """(dossier code, document code, pages) per group, the batch's own group taking the form's choice."""
    if batch is None:
        return []
    out = []
    for group in batch.groups():
        if is_separator_group(batch, group):
            out.append((group.dossier_code, group.document_code, len(group.pages)))
        else:
            out.append((code or group.dossier_code, doc or group.document_code, len(group.pages)))
    return out


@dataclass
class DocumentSegment:
    """One document of a batch: the pages before the first separator sheet (index 0, filed
    under the batch's own target) or the pages after a separator sheet (its codes)."""

    index: int
    dossier_code: str | None
    document_code: str | None
    page_ids: list[str] = field(default_factory=list)  # pages going into the PDF (not deleted)


def document_segments(batch: ScanBatch) -> list[DocumentSegment]:
    """Every document of the batch in order, empty ones included (a page can be moved there)."""
    segments = [DocumentSegment(0, batch.manifest.get("dossier_code"), batch.manifest.get("document_code"))]
    for page in batch.pages():
        if page.separator is not None:
            segments.append(DocumentSegment(len(segments), page.separator.get("dossier_code"),
                                            page.separator.get("document_code")))
        elif not page.deleted:
            segments[-1].page_ids.append(page.id)
    return segments


def segment_of(batch: ScanBatch, page_id: str) -> int | None:
    """The index of the document holding this page (None for a separator sheet or no such page)."""
    index = 0
    for page in batch.pages():
        if page.separator is not None:
            if page.id == page_id:
                return None
            index += 1
        elif page.id == page_id:
            return index
    return None


def move_to_document(batch: ScanBatch, page_id: str, segment: int) -> None:
    """Move a page to the end of another document of the batch (saved at once).

    A separator sheet cannot be moved this way: it is what splits the documents."""
    current = segment_of(batch, page_id)
    if current is None:
        raise DigitizeError("Tờ phân cách không chuyển sang tài liệu khác được / a separator sheet cannot be moved")
    separators = [p.id for p in batch.pages() if p.separator is not None]
    if not 0 <= segment <= len(separators):
        raise DigitizeError("Không có tài liệu này trong lô / no such document in the batch")
    if segment == current:
        return
    ids = [p.id for p in batch.pages() if p.id != page_id]
    # the end of document k is just before the (k+1)-th separator sheet, or the end of the batch
    index = ids.index(separators[segment]) if segment < len(separators) else len(ids)
    batch.move(page_id, index)


def add_files(batch: ScanBatch, paths: Iterable[str | Path], on_page: Callable[[BatchPage], None] | None = None,
              force_dpi: int | None = None) -> int:
    """Load PDF/JPEG/PNG/TIFF files into the batch, page by page (each saved as it arrives)."""
    from counterapp.digitize.files import ACCEPTED_SUFFIXES, load_pages
    from counterapp.digitize.pipeline import fill_batch

    paths = [Path(p) for p in paths]
    for path in paths:
        if path.suffix.lower() not in ACCEPTED_SUFFIXES:
            raise DigitizeError(
                f"Không nhận loại tệp {path.name} (chỉ PDF, JPEG, PNG, TIFF) / only PDF, JPEG, PNG, TIFF files"
            )

    def pages():
        for path in paths:
            yield from load_pages(path, force_dpi=force_dpi)

    return fill_batch(batch, pages(), on_page)


def signing_method(config) -> str:
    from counterapp.digitize.signing import signing_settings

    return str(signing_settings(config).get("method", "none")).lower()


def make_site_signer(config, secret: str):
    """The site's signer opened with the officer's password/PIN (None when signing is off)."""
    from counterapp.digitize.signing import make_signer, signing_settings

    return make_signer(signing_settings(config), secret)


def batch_summary(batch: ScanBatch) -> dict:
    pages = batch.pages()
    return {
        "uuid": batch.uuid, "created_at": batch.manifest.get("created_at", ""),
        "pages": len([p for p in pages if not p.deleted]), "dossier_code": batch.manifest.get("dossier_code"),
        "document_code": batch.manifest.get("document_code"),
    }


def set_drop_blank(batch: ScanBatch, drop: bool) -> None:
    """Drop blank pages (the default) or keep them; applies to pages already in the batch and to
    pages still to come. Separator sheets are never touched."""
    batch.manifest.setdefault("cleanup", {})["drop_blank"] = bool(drop)
    changed = False
    for page in batch.pages():
        if not page.blank or page.separator is not None:
            continue
        if drop and not page.deleted:
            batch.delete(page.id)
            changed = True
        elif not drop and page.deleted:
            batch.restore(page.id)
            changed = True
    if not changed:
        batch.set_target(batch.manifest.get("dossier_code"), batch.manifest.get("document_code"))  # saves


def pending_text_jobs(ctx) -> tuple[list[str], list[str]]:
    """Attachments still waiting for their text layer: (OCR only, OCR then signature).

    The second kind needs the officer's signing password, so the window asks before resuming it.
    """
    from sqlalchemy import select

    from counterapp.digitize.models import OCR_PENDING, Attachment

    with ctx.sessions() as session:
        rows = session.execute(
            select(Attachment.uuid, Attachment.sign_pending)
            .where(Attachment.ocr_state == OCR_PENDING, Attachment.deleted.is_(False))
            .order_by(Attachment.id)
        ).all()
    return [u for u, sign in rows if not sign], [u for u, sign in rows if sign]


def unfinished_batches(ctx) -> list[ScanBatch]:
    """At start: drop finished batches and abandoned ones past retention (`[digitize]
    batch_retention_days`, default 30: scans hold personal data), then list the ones to offer back."""
    from counterapp.digitize.batch import purge_batches, recover_batches

    section = ctx.config.section("digitize") if ctx.config is not None else {}
    try:
        days = float(section.get("batch_retention_days", 30))
    except (TypeError, ValueError):
        days = 30.0
    purge_batches(ctx.data_dir, max_age_days=days)
    return recover_batches(ctx.data_dir)
