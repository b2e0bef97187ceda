"""Digitized documents kept with the dossier: the `attachments` table.

`attach_pdf` files a finished PDF under `files_dir` by content hash (temp name,
fsync, rename), records it, and queues its upload in the same transaction.
`documents_for_applicant` offers what was already digitized for an ID number,
so the same paper is not asked for twice. `run_attachment_ocr` adds the text
layer later, in the background, and queues the new version's upload.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from counterapp import crypto
from counterapp.db.base import Base, UTCDateTime, new_uuid, utcnow
from counterapp.digitize.common import DigitizeError, sha256_file

OCR_NONE = "none"
OCR_PENDING = "pending"
OCR_DONE = "done"
OCR_FAILED = "failed"
UPLOAD_OPERATION = "attachment.upload"
KIND_DOCUMENT = "document"
KIND_RESULT = "result"


class Attachment(Base):
    """One digitized document component (one PDF file)."""

    __tablename__ = "attachments"
    __table_args__ = (
        Index("ix_attachments_id_number", "id_number"),
        Index("ix_attachments_ocr_state", "ocr_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id", ondelete="SET NULL"), index=True)
    dossier_code: Mapped[str | None] = mapped_column(String(64))
    document_code: Mapped[str | None] = mapped_column(String(64))  # MaThanhPhanHoSo
    title: Mapped[str | None] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(String(255))
    """Relative to `files_dir`: `<sha256>.pdf`."""
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer)
    dpi: Mapped[int] = mapped_column(Integer)
    officer: Mapped[str] = mapped_column(String(128), default="")
    id_number: Mapped[str | None] = mapped_column(String(12))
    """The applicant's ID number, so the document can be offered again."""
    ocr_state: Mapped[str] = mapped_column(String(16), default=OCR_NONE)
    kind: Mapped[str] = mapped_column(String(16), default=KIND_DOCUMENT, server_default=KIND_DOCUMENT, index=True)
    """`document` (a component the applicant handed in) or `result` (the dossier's result,
    counterapp/digitize/results.py; results_0001)."""
    result_code: Mapped[str | None] = mapped_column(String(64))
    """A result's code (MaGiayToKetQua: the catalog's MAKETQUA when the procedure lists one)."""
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    sign_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def path(self, files_dir: Path) -> Path:
        return Path(files_dir) / self.file_name

    def text_path(self, files_dir: Path) -> Path:
        """The plain-text sidecar of the text layer (`<sha256>.txt`, encrypted like the PDF)."""
        return Path(files_dir) / (Path(self.file_name).stem + ".txt")

    def upload_payload(self, dossier_uuid: str | None) -> dict:
        return {
            "attachment_id": self.uuid, "dossier_id": dossier_uuid, "dossier_code": self.dossier_code,
            "document_code": self.document_code, "filename": self.file_name, "size": self.size,
            "display_name": f"{self.dossier_code or self.id_number or 'tai-lieu'}_{self.document_code or 'khac'}.pdf",
            "path": self.file_name,  # relative to AppContext.files_dir
            "sha256": self.sha256, "page_count": self.page_count, "dpi": self.dpi, "officer": self.officer,
            "ocr_state": self.ocr_state, "signed": self.signed,
            **({"kind": self.kind, "result_code": self.result_code, "title": self.title}
               if self.kind == KIND_RESULT else {}),
        }


def store_file(files_dir: Path, pdf_path: str | Path) -> tuple[str, str, int]:
    """Copy a PDF into `files_dir` named by its SHA-256 (encrypted there when the data folder's
    files are: counterapp/crypto.py). Returns (file name, sha256, size) of the plaintext."""
    digest = sha256_file(pdf_path)
    name = f"{digest}.pdf"
    target = Path(files_dir) / name
    if not target.exists():
        crypto.copy_in(pdf_path, target)
    return name, digest, Path(pdf_path).stat().st_size


def _dossier(session: Session, dossier_code: str):
    from counterapp.dossiers.models import Dossier

    dossier = session.scalar(select(Dossier).where(Dossier.code == dossier_code))
    if dossier is None:
        dossier = session.scalar(select(Dossier).where(Dossier.provisional_code == dossier_code))
    return dossier


def attach_pdf(
    ctx,
    dossier_code: str | None,
    document_code: str | None,
    pdf_path: str | Path,
    officer: str,
    *,
    id_number: str | None = None,
    title: str | None = None,
    ocr: bool | None = None,
    sign_later: bool = False,
    signed: bool = False,
    text: str | None = None,
) -> Attachment:
    """File a finished PDF with its dossier and document component; queue its upload.

    `ocr=None` follows the site setting `[digitize] ocr`. With OCR on, the row starts
    as `ocr_state="pending"` and `run_attachment_ocr` finishes it in the background;
    `sign_later=True` asks that job to sign after OCR (a signature must come last).
    A file that already carries a signature is recorded as signed and never OCR'd.
    `text`: the text layer of a file OCR'd before (the CLI's sidecar), kept as its sidecar.
    """
    from counterapp.db import session_scope
    from counterapp.digitize.ocr import ocr_settings
    from counterapp.digitize.pdfbuild import read_pdf_info
    from counterapp.outbox import enqueue

    if not dossier_code and not id_number:
        raise DigitizeError("Cần mã hồ sơ hoặc số định danh / a dossier code or an ID number is needed")
    try:
        info = read_pdf_info(pdf_path)
    except Exception as exc:
        raise DigitizeError(f"Không đọc được tệp PDF {pdf_path}: {exc} / not a readable PDF") from exc
    from counterapp.digitize.signing import verify_pdf

    signed = signed or verify_pdf(pdf_path).signed
    if ocr is None:
        ocr = ocr_settings(ctx.config)[0]
    if signed:
        ocr = False  # a signed file is never rewritten: the text layer would break the signature
    with session_scope(ctx.writer_sessions) as session:
        dossier = None
        if dossier_code:
            dossier = _dossier(session, dossier_code)
            if dossier is None:
                raise DigitizeError(f"Không tìm thấy hồ sơ {dossier_code} / dossier not found")
            id_number = id_number or dossier.id_number
        # content-addressed: if the transaction fails, the file is merely unused
        name, digest, size = store_file(ctx.files_dir, pdf_path)
        if text is not None:
            crypto.write_file(Path(ctx.files_dir) / (Path(name).stem + ".txt"), text.encode("utf-8"))
        now = utcnow()
        att = Attachment(
            uuid=new_uuid(), dossier_id=dossier.id if dossier else None,
            dossier_code=dossier.code if dossier else None, document_code=document_code, title=title,
            file_name=name, sha256=digest, size=size, page_count=info["page_count"],
            dpi=info["min_dpi"] or 0, officer=officer, id_number=id_number,
            ocr_state=OCR_PENDING if ocr else OCR_NONE, signed=signed, sign_pending=bool(sign_later),
            deleted=False, created_at=now, updated_at=now,
        )
        session.add(att)
        session.flush()
        if dossier is not None:
            enqueue(session, UPLOAD_OPERATION, att.uuid, att.upload_payload(dossier.uuid))
        session.refresh(att)
        session.expunge(att)
    return att


def get_attachment(session: Session, uuid: str) -> Attachment | None:
    return session.scalar(select(Attachment).where(Attachment.uuid == uuid))


def attachments_for_dossier(session: Session, dossier_code: str) -> list[Attachment]:
    return list(
        session.scalars(
            select(Attachment)
            .where(Attachment.dossier_code == dossier_code, Attachment.deleted.is_(False))
            .order_by(Attachment.document_code, Attachment.created_at)
        )
    )


def documents_for_applicant(session: Session, id_number: str) -> list[Attachment]:
    """Documents already digitized for this ID number, newest first, one per document code and content."""
    rows = session.scalars(
        select(Attachment)
        .where(Attachment.id_number == id_number, Attachment.deleted.is_(False))
        .order_by(Attachment.created_at.desc(), Attachment.id.desc())
    )
    seen: set[tuple[str | None, str]] = set()
    out = []
    for row in rows:
        key = (row.document_code, row.sha256)
        if key in seen:
            continue
        seen.add(key)
        out.append(row)
    return out


def reuse_attachment(ctx, attachment_uuid: str, dossier_code: str, document_code: str | None, officer: str) -> Attachment:
    """Link an earlier digitized document to a new dossier (same file, new record, queued upload)."""
    with ctx.sessions() as session:
        old = get_attachment(session, attachment_uuid)
        if old is None:
            raise DigitizeError("Không tìm thấy tài liệu đã số hóa / digitized document not found")
        path = old.path(ctx.files_dir)
        doc = document_code or old.document_code
        id_number, title, signed = old.id_number, old.title, old.signed
    with crypto.plain_path(path) as plain:
        return attach_pdf(ctx, dossier_code, doc, plain, officer, id_number=id_number, title=title, ocr=False,
                          signed=signed)


def signature_report(ctx, attachment_uuid: str):
    """Whether the stored file's signature is valid (for the dossier view)."""
    from counterapp.digitize.signing import verify_with_site_roots

    with ctx.sessions() as session:
        att = get_attachment(session, attachment_uuid)
        if att is None:
            raise DigitizeError("Không tìm thấy tài liệu / attachment not found")
        path = att.path(ctx.files_dir)
    return verify_with_site_roots(path, ctx.config)


def pending_ocr(session: Session) -> list[str]:
    """Attachments still waiting for their text layer (resubmit these at start)."""
    return list(session.scalars(select(Attachment.uuid).where(Attachment.ocr_state == OCR_PENDING)))


def run_attachment_ocr(
    ctx, attachment_uuid: str, *, lang: str | None = None, signer: Callable[[Path, Path], object] | None = None
) -> Attachment:
    """Add the searchable text layer (then the signature, if one was asked for), file the new
    version by its hash, and queue its upload. Meant for a background thread (ocr.OcrRunner)."""
    from counterapp.db import session_scope
    from counterapp.digitize.ocr import add_text_layer, ocr_settings, tesseract_setting
    from counterapp.outbox import enqueue

    lang = lang or ocr_settings(ctx.config)[1]
    with ctx.sessions() as session:
        att = get_attachment(session, attachment_uuid)
        if att is None:
            raise DigitizeError("Không tìm thấy tài liệu / attachment not found")
        source = att.path(ctx.files_dir)
        wants_sign = att.sign_pending
    with crypto.work_dir(ctx.files_dir, "counter-ocr-") as tmp, crypto.plain_path(source) as plain_source:
        work = Path(tmp) / "ocr.pdf"
        try:
            text = add_text_layer(plain_source, work, lang, tesseract=tesseract_setting(ctx.config)).text
        except Exception:
            with session_scope(ctx.writer_sessions) as session:
                row = get_attachment(session, attachment_uuid)
                row.ocr_state = OCR_FAILED
                row.updated_at = utcnow()
            raise
        signed_now = False
        if wants_sign and signer is not None:
            signed_path = Path(tmp) / "signed.pdf"
            signer(work, signed_path)
            work, signed_now = signed_path, True
        name, digest, size = store_file(ctx.files_dir, work)
        crypto.write_file(Path(ctx.files_dir) / (Path(name).stem + ".txt"), text.encode("utf-8"))
    with session_scope(ctx.writer_sessions) as session:
        row = get_attachment(session, attachment_uuid)
        old_name = row.file_name
        row.file_name, row.sha256, row.size = name, digest, size
        row.ocr_state = OCR_DONE
        if signed_now:
            row.signed, row.sign_pending = True, False
        row.updated_at = utcnow()
        session.flush()
        if row.dossier_id is not None:
            from counterapp.dossiers.models import Dossier

            dossier = session.get(Dossier, row.dossier_id)
            enqueue(session, UPLOAD_OPERATION, row.uuid, row.upload_payload(dossier.uuid if dossier else None))
        still_used = session.scalar(select(Attachment.id).where(Attachment.file_name == old_name).limit(1))
        session.refresh(row)
        session.expunge(row)
    if still_used is None and old_name != name:
        (Path(ctx.files_dir) / old_name).unlink(missing_ok=True)
        (Path(ctx.files_dir) / (Path(old_name).stem + ".txt")).unlink(missing_ok=True)
    return row


def attachment_text(ctx, attachment_uuid: str) -> str | None:
    """The text of an attachment's text layer (its sidecar), or None when it has none yet."""
    with ctx.sessions() as session:
        att = get_attachment(session, attachment_uuid)
        if att is None:
            raise DigitizeError("Không tìm thấy tài liệu / attachment not found")
        path = att.text_path(ctx.files_dir)
    if not path.exists():
        return None
    return crypto.read_plain(path).decode("utf-8")


def retry_ocr(ctx, attachment_uuid: str) -> Attachment:
    """Put a document whose text recognition failed back in the queue (`pending`); the caller
    runs `run_attachment_ocr` again. A document in any other state is left as it is."""
    from counterapp.db import session_scope

    with session_scope(ctx.writer_sessions) as session:
        row = get_attachment(session, attachment_uuid)
        if row is None:
            raise DigitizeError("Không tìm thấy tài liệu / attachment not found")
        if row.ocr_state == OCR_FAILED:
            row.ocr_state = OCR_PENDING
            row.updated_at = utcnow()
        session.flush()
        session.refresh(row)
        session.expunge(row)
    return row


def submit_pending_ocr(ctx, runner, signer=None) -> int:
    """Queue every pending OCR job on an `ocr.OcrRunner`; returns how many were queued."""
    with ctx.sessions() as session:
        uuids = pending_ocr(session)
    for uuid in uuids:
        runner.submit(lambda u=uuid: run_attachment_ocr(ctx, u, signer=signer))
    return len(uuids)


__all__ = [
    "Attachment", "attach_pdf", "attachment_text", "attachments_for_dossier", "retry_ocr", "documents_for_applicant", "get_attachment",
    "file_batch", "pending_ocr", "signature_report", "reuse_attachment", "run_attachment_ocr", "store_file", "submit_pending_ocr",
]


def file_batch(ctx, batch, officer: str, *, id_number: str | None = None, ocr: bool | None = None) -> list[Attachment]:
    """Split a finished scan batch at its separator sheets and attach one PDF/A per document.

    Pages before the first separator go to the batch's own dossier and component
    (`batch.set_target`). All groups are checked before anything is filed; the batch
    is marked finished only when every document is attached, so a failure leaves it
    to be offered back. Filing it again skips the groups already attached (the batch
    records each one as it is attached), so a retry never attaches a document twice.
    """
    from counterapp.digitize.pipeline import build_group

    groups = batch.groups()
    if not groups:
        raise DigitizeError("Lô quét không còn trang nào / the batch has no pages left")
    for group in groups:
        if not group.dossier_code or not group.document_code:
            raise DigitizeError(
                "Có trang chưa biết thuộc hồ sơ/thành phần nào (thiếu tờ phân cách?) "
                "/ some pages have no dossier or document component (separator sheet missing?)"
            )
    attached = []
    with crypto.work_dir(ctx.files_dir, "counter-file-") as tmp:
        for index, group in enumerate(groups, start=1):
            earlier = _still_attached(ctx, batch.filed_attachment(group))
            if earlier is not None:  # attached by an earlier try that failed further on
                attached.append(earlier)
                continue
            built = build_group(batch, group, Path(tmp) / f"{index:03d}.pdf", officer)
            attachment = attach_pdf(ctx, group.dossier_code, group.document_code, built.path, officer,
                                    id_number=id_number, ocr=ocr)
            batch.mark_filed(group, attachment.uuid)
            attached.append(attachment)
    batch.finish()
    return attached


def _still_attached(ctx, uuid: str | None) -> Attachment | None:
    if uuid is None:
        return None
    with ctx.sessions() as session:
        row = session.scalar(select(Attachment).where(Attachment.uuid == uuid, Attachment.deleted.is_(False)))
        if row is not None:
            session.expunge(row)
        return row
