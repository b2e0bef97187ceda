"""Attachments on the reference portal: declared (size, SHA-256, safe base name), then sent
whole or in chunks from the acknowledged offset, checked by SHA-256 when complete.

Limits: a declared size above `max_attachment_bytes` (default 50 MB, `portal serve
--max-attachment-mb`) is refused with 413 before a byte is stored, and a chunk above the
protocol's `MAX_CHUNK_BYTES` too (the body limit middleware stops a larger body while it is
being read). Every write is checked against the declaring counter: another counter's file
cannot be replaced (403); another agency's is not seen (404).

The bytes live in the content-addressed file store (`files.py`), chunks in progress in its
staging folder; the database holds what was declared and how much has arrived. A chunk's
write is serialized by locking the attachment's row. Databases from before keep their
`portal_attachment_chunks` blobs readable (`attachment_bytes` falls back to them).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync import protocol as p
from sync.portal.access import check_read, check_write
from sync.portal.errors import ConflictError, HashMismatch, NotFound, PortalError, TooLarge
from sync.portal.files import FileStore
from sync.portal.models import Attachment, AttachmentChunk, PortalDossierRow

NO_ATTACHMENT = "Không có tệp đính kèm này / no such attachment"


def att_status(a: Attachment) -> p.AttachmentStatus:
    return p.AttachmentStatus(attachment_id=a.id, dossier_id=a.dossier_id, size=a.size, sha256=a.sha256,
                              offset=a.received, complete=a.complete)


class AttachmentsMixin:
    """PortalStore's attachments."""

    max_attachment_bytes: int
    files: FileStore

    def _check_size(self, size: int) -> None:
        if size > self.max_attachment_bytes:
            mb = self.max_attachment_bytes / (1024 * 1024)
            raise TooLarge(f"Tệp {size:,} byte vượt quá giới hạn {mb:g} MB của cổng / file of {size:,} bytes is over "
                           f"the portal's {mb:g} MB limit".replace(",", "."))

    def attachment_init(self, attachment_id: str, req: p.AttachmentInit, who: p.WhoAmI | None = None) -> p.AttachmentStatus:
        self._check_size(req.size)
        return self.retrying(lambda: self._attachment_init(attachment_id, req, who))

    def _attachment_init(self, attachment_id: str, req: p.AttachmentInit, who: p.WhoAmI | None) -> p.AttachmentStatus:
        with self.write() as s:
            a = self._init_row(s, attachment_id, req, who)
            if a.size == 0 and not a.complete and not self._finish(s, a):
                raise PortalError("SHA-256 của tệp rỗng không khớp / empty file SHA-256 does not match")
            return att_status(a)

    def _init_row(self, s: Session, attachment_id: str, req: p.AttachmentInit, who: p.WhoAmI | None = None) -> Attachment:
        filename = p.safe_filename(req.filename)
        a = s.get(Attachment, attachment_id, with_for_update=True)
        if a is not None:
            check_write(who, a.agency_code, a.counter_id)
        dossier = s.get(PortalDossierRow, req.dossier_id)
        if dossier is not None:
            check_write(who, dossier.agency_code, dossier.counter_id)
            agency, counter = dossier.agency_code, dossier.counter_id
        else:  # the file may arrive before its dossier: it belongs to the counter declaring it
            agency, counter = (who.agency_code, who.counter_id) if who is not None else ("", "")
            check_write(who, agency, counter)
        if a is None:
            a = Attachment(id=attachment_id, dossier_id=req.dossier_id, filename=filename, size=req.size,
                           sha256=req.sha256, document_code=req.document_code, received=0, complete=False,
                           agency_code=agency, counter_id=counter)
            s.add(a)
            s.flush()
        elif a.dossier_id != req.dossier_id:
            raise ConflictError("Tệp đính kèm thuộc hồ sơ khác / attachment belongs to another dossier")
        elif (a.sha256, a.size) != (req.sha256, req.size):
            # A new version of the same document (e.g. with its OCR text layer): it replaces the old.
            s.execute(delete(AttachmentChunk).where(AttachmentChunk.attachment_id == a.id))
            self.files.discard(a.id)
            a.sha256, a.size, a.filename, a.document_code = req.sha256, req.size, filename, req.document_code
            a.received, a.complete = 0, False
            s.flush()
        return a

    def attachment_put(self, attachment_id: str, req: p.AttachmentInit, data: bytes,
                       who: p.WhoAmI | None = None) -> p.AttachmentStatus:
        """A whole (small) file in one request; the same checks as chunks, nothing kept if the hash is wrong."""
        self._check_size(req.size)
        if len(data) != req.size:
            raise PortalError(f"Nhận {len(data)} byte, khai {req.size} / got {len(data)} bytes, declared {req.size}")
        if hashlib.sha256(data).hexdigest() != req.sha256:
            raise HashMismatch(p.AttachmentStatus(attachment_id=attachment_id, dossier_id=req.dossier_id,
                                                  size=req.size, sha256=req.sha256, offset=0, complete=False))
        return self.retrying(lambda: self._attachment_put(attachment_id, req, data, who))

    def _attachment_put(self, attachment_id: str, req: p.AttachmentInit, data: bytes,
                        who: p.WhoAmI | None) -> p.AttachmentStatus:
        with self.write() as s:
            a = self._init_row(s, attachment_id, req, who)  # may refuse: nothing written yet
            if not a.complete:
                # On disk before the row says so (a failed commit leaves a file no row names,
                # never a row without its file); named by its hash: kept once, whoever sends it.
                self.files.put(data, req.sha256)
                self.files.discard(a.id)
                a.received, a.complete = req.size, True
            return att_status(a)

    def attachment_status(self, attachment_id: str, who: p.WhoAmI | None = None) -> p.AttachmentStatus:
        with self.read() as s:
            a = s.get(Attachment, attachment_id)
            if a is None:
                raise NotFound(NO_ATTACHMENT)
            check_read(who, a.agency_code, a.counter_id, NO_ATTACHMENT)
            return att_status(a)

    def attachment_chunk(self, attachment_id: str, offset: int, data: bytes, who: p.WhoAmI | None = None) -> p.AttachmentStatus:
        if len(data) > p.MAX_CHUNK_BYTES:
            raise TooLarge(f"Phần tệp lớn hơn {p.MAX_CHUNK_BYTES} byte / chunk over {p.MAX_CHUNK_BYTES} bytes")
        return self.retrying(lambda: self._attachment_chunk(attachment_id, offset, data, who))

    def _attachment_chunk(self, attachment_id: str, offset: int, data: bytes, who: p.WhoAmI | None) -> p.AttachmentStatus:
        with self.write() as s:
            a = s.get(Attachment, attachment_id, with_for_update=True)  # one chunk at a time per file
            if a is None:
                raise NotFound(NO_ATTACHMENT)
            check_write(who, a.agency_code, a.counter_id)
            if a.complete or (offset < a.received and offset + len(data) <= a.received):
                return att_status(a)  # a chunk sent again: already have it
            if offset != a.received:
                raise ConflictError(f"Vị trí {offset} sai, cổng đã nhận {a.received} byte / offset {offset} "
                                    f"does not follow the {a.received} bytes received",
                                    server_version=att_status(a).model_dump(mode="json"))
            if offset + len(data) > a.size:
                raise PortalError("Tệp dài hơn kích thước đã khai / more bytes than the declared size")
            self.files.stage(a.id, offset, data)
            a.received = offset + len(data)
            ok = True
            if a.received == a.size:
                s.flush()
                ok = self._finish(s, a)
            status = att_status(a)
        if not ok:  # the reset to zero is committed; the client starts the file again
            raise HashMismatch(status)
        return status

    def _finish(self, s: Session, a: Attachment) -> bool:
        """The last byte arrived: keep the file if its hash matches, else start it again."""
        if not self.files.promote(a.id, a.sha256, a.size):
            s.execute(delete(AttachmentChunk).where(AttachmentChunk.attachment_id == a.id))
            a.received = 0
            s.flush()
            return False
        a.complete = True
        return True

    def attachment_bytes(self, attachment_id: str) -> bytes:
        """The file's bytes (as far as they have arrived); b"" for an unknown id."""
        with self.read() as s:
            a = s.get(Attachment, attachment_id)
            if a is None:
                return b""
            if a.complete and self.files.has(a.sha256):
                return self.files.read(a.sha256)
            legacy = b"".join(s.scalars(select(AttachmentChunk.data).where(AttachmentChunk.attachment_id == a.id)
                                        .order_by(AttachmentChunk.offset)))
            return legacy or self.files.staged_bytes(a.id, a.received)
