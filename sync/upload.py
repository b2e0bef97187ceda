"""Uploading files: whole when small, else in chunks from the portal's acknowledged offset,
a few files at once (one client per worker thread), SHA-256 checked by the portal."""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import select

from counterapp.crypto import EncryptedFileError, open_plain, read_plain
from counterapp.db import session_scope, utcnow
from counterapp.outbox import UPLOAD_OPERATION, OutboxItem, OutboxState
from sync import protocol as p
from sync.client import AuthRequired, Conflict, Offline, PortalClient, Rejected, Retryable
from sync.state import SyncReport, _add_counts


class UploadMixin:
    """SyncEngine's upload half."""

    def _upload_many(self, seqs: list[int], report: SyncReport) -> list[str] | str:
        if self.upload_workers <= 1 or len(seqs) == 1:
            applied: list[str] = []
            for seq in seqs:
                outcome = self._upload_item(seq, report, self.client)
                if outcome == "stop":
                    return "stop"
                applied.extend(outcome)
            return applied
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.upload_workers, thread_name_prefix="sync-upload")

        def work(seq: int) -> tuple[list[str] | str, SyncReport]:
            client = getattr(self._local, "client", None)
            if client is None or client.token != self.client.token:
                client = self._local.client = self.client.clone()
            part = SyncReport()
            return self._upload_item(seq, part, client), part

        futures = [self._pool.submit(work, seq) for seq in seqs]
        applied, stop, failure = [], False, None
        for future in futures:
            try:
                outcome, part = future.result()
            except (Offline, AuthRequired) as exc:
                failure = failure or exc
                continue
            _add_counts(report, part)
            if outcome == "stop":
                stop = True
            else:
                applied.extend(outcome)
        if failure is not None:
            raise failure
        return "stop" if stop else applied

    def _upload_item(self, seq: int, report: SyncReport, client: PortalClient) -> list[str] | str:
        """Send one file ("attachment.upload"): whole if small, else in chunks from the portal's
        acknowledged offset."""
        with session_scope(self.ctx.writer_sessions) as s:
            item = s.get(OutboxItem, seq)
            item.state = OutboxState.SENDING
            item.attempts += 1
            entity_id, payload = item.entity_id, item.payload
            newer = s.scalar(select(OutboxItem.seq).where(OutboxItem.entity_id == entity_id, OutboxItem.seq > seq,
                                                          OutboxItem.operation == UPLOAD_OPERATION).limit(1))
        dossier_id = payload.get("dossier_id") or ""
        self._emit("items", (dossier_id,) if dossier_id else ())
        report.sent += 1
        name = payload.get("path") or payload.get("filename") or ""
        path = Path(name)
        if not path.is_absolute():
            path = self.ctx.files_dir / path
        if not name or not path.is_file():
            if newer is not None:  # replaced by a newer version (e.g. after OCR): that one goes instead
                return self._settle_upload(seq, {"superseded": True}, report, dossier_id, count_file=False)
            return self._park_upload(seq, f"Không tìm thấy tệp {path.name} trên máy / file missing on this PC: {path}",
                                     report)
        try:
            init = p.AttachmentInit(dossier_id=dossier_id or entity_id, filename=str(payload.get("filename") or path.name),
                                    size=int(payload["size"]), sha256=str(payload["sha256"]).lower(),
                                    document_code=payload.get("document_code"))
        except (KeyError, ValueError) as exc:
            return self._park_upload(seq, f"Thông tin tệp không đầy đủ / incomplete file record: {exc}", report)
        attachment_id = str(payload.get("attachment_id") or entity_id)
        try:
            if init.size <= self.chunk_size:
                data = read_plain(path)  # the plaintext: files may be encrypted at rest (counterapp/crypto.py)
                if hashlib.sha256(data).hexdigest() != init.sha256:
                    return self._park_upload(seq, f"Tệp {path.name} trên máy đã thay đổi (SHA-256 khác) / the local "
                                                  "file changed (SHA-256 differs)", report)
                status = client.attachment_put(attachment_id, init, data)
                report.bytes_sent += len(data)
            else:
                status = client.attachment_init(attachment_id, init)
            restarts = 0
            with open_plain(path) as fh:
                while not status.complete:
                    offset = status.offset
                    fh.seek(offset)
                    chunk = fh.read(self.chunk_size)
                    if not chunk:
                        return self._park_upload(seq, "Tệp trên máy ngắn hơn khai báo / local file shorter than "
                                                      "declared", report)
                    try:
                        status = client.attachment_chunk(status.attachment_id, offset, chunk)
                        report.bytes_sent += len(chunk)
                    except Conflict:
                        status = client.attachment_status(status.attachment_id)  # resume where the portal is
                    except Rejected as exc:
                        if exc.status == 422 and restarts == 0 and _sha256_file(path) == init.sha256:
                            restarts += 1  # the portal's copy did not hash right: send the file again, once
                            status = client.attachment_status(status.attachment_id)
                        else:
                            raise
        except (Offline, Retryable) as exc:
            self._retry_later([seq], exc, report)
            if isinstance(exc, Offline):
                raise
            return "stop"
        except AuthRequired:
            self._retry_later([seq], None, report, backoff=False)
            raise
        except (Rejected, Conflict) as exc:
            return self._park_upload(seq, exc.message, report)
        except EncryptedFileError as exc:  # altered or damaged on this PC
            return self._park_upload(seq, str(exc), report)
        return self._settle_upload(seq, status.model_dump(mode="json"), report, dossier_id)

    def _settle_upload(self, seq: int, result: dict, report: SyncReport, dossier_id: str, *,
                       count_file: bool = True) -> list[str]:
        with session_scope(self.ctx.writer_sessions) as s:
            item = s.get(OutboxItem, seq)
            item.state = OutboxState.SYNCED
            item.settled_at = utcnow()
            item.last_error = None
            item.result_json = json.dumps(result, ensure_ascii=False, default=str)
            entity_id = item.entity_id
        report.files += int(count_file)
        report.applied += 1
        self._emit("items", (dossier_id,) if dossier_id else (), done_delta=1)
        return [entity_id]

    def _park_upload(self, seq: int, message: str, report: SyncReport) -> list[str]:
        self._park(seq, OutboxState.NEEDS_ATTENTION, message)
        report.parked += 1
        return []


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open_plain(path) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

