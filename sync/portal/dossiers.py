"""Dossiers on the reference portal: the counters' operations applied at most once, the back
office's status changes, and the national record (DongBoHoSoMC).

- Each operation is applied once by its id; the same id with the same body gets the first
  answer again (`duplicate`); the same id with another body refuses the whole request with
  HTTP 409 (ODK Central's rule), before anything of the batch is written.
- Every operation is checked against the user's scope before anything is written: a write
  to another agency's or counter's dossier refuses the whole request with 403 (the engine
  then sends each item alone, so only the offending one is parked).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync import protocol as p
from sync.national import NATIONAL_ZONE, completion_register, dong_bo_ho_so, merge_history
from sync.portal.access import check_back_office, check_counter_role, check_read, check_write
from sync.portal.attachments import att_status
from sync.portal.errors import ConflictError, NotFound, PortalError, ReplayMismatch
from sync.portal.feeds import dumps, next_number_row, progress_out
from sync.portal.models import Attachment, DossierLog, PortalDossierRow, Progress, StoredOperation, now

# What the counter sends: the dossier, then every later change (status, return of results,
# reprint log, ...). Anything else is refused so it is parked, not lost or guessed at.
KNOWN_OPERATIONS = frozenset({
    "dossier.create", "dossier.update", "dossier.status", "dossier.return", "dossier.print",
    "dossier.result", "dossier.send", "dossier.note",
})


def body_hash(operation: p.Operation) -> str:
    body = {"operation": operation.operation, "entity_id": operation.entity_id, "payload": operation.payload}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def no_dossier(key: str) -> str:
    return f"Không có hồ sơ {key} / no dossier {key}"


@dataclass
class _BatchCache:
    stored: dict[str, StoredOperation]
    dossiers: dict[str, PortalDossierRow]
    codes: set[str]


def _status(value: Any) -> int:
    try:
        status = int(value)
    except (TypeError, ValueError):
        status = 0
    if not 1 <= status <= 10:
        raise PortalError(f"Trạng thái không hợp lệ: {value!r} / invalid status {value!r}")
    return status


class DossiersMixin:
    """PortalStore's dossiers."""

    # --- push ---------------------------------------------------------------------------
    def push(self, req: p.PushRequest, who: p.WhoAmI) -> p.PushResponse:
        """Apply a batch in one transaction; each operation at most once (by operation_id). A
        batch that lost a race (another request inserted one of its operation ids or dossiers
        first) is replayed, and then answers those as duplicates."""
        return self.retrying(lambda: self._push(req, who))

    def _push(self, req: p.PushRequest, who: p.WhoAmI) -> p.PushResponse:
        results = []
        ops = req.operations
        with self.write() as s:
            # Look up, in three queries, what the batch needs: earlier answers, dossiers, codes.
            cache = _BatchCache(
                stored={r.operation_id: r for r in s.scalars(select(StoredOperation).where(
                    StoredOperation.operation_id.in_([o.operation_id for o in ops])))},
                # Locked until the batch commits (in id order: no deadlock between two batches).
                dossiers={r.id: r for r in s.scalars(select(PortalDossierRow).where(
                    PortalDossierRow.id.in_(list({o.entity_id for o in ops})))
                    .order_by(PortalDossierRow.id).with_for_update())},
                codes=set(s.scalars(select(PortalDossierRow.code).where(PortalDossierRow.code.in_(
                    [str(o.payload.get("code") or "") for o in ops if o.operation == "dossier.create"])))),
            )
            for op in ops:  # the whole request is refused before anything is written
                self._check_op(op, who, cache)
            with s.no_autoflush:
                for op in ops:
                    results.append(self._apply_once(s, op, who, cache))
        return p.PushResponse(results=results)

    def _check_op(self, op: p.Operation, who: p.WhoAmI, cache: _BatchCache) -> None:
        stored = cache.stored.get(op.operation_id)
        if stored is not None and stored.body_hash != body_hash(op):
            raise ReplayMismatch(f"Mã thao tác {op.operation_id} đã dùng cho nội dung khác: cổng không nhận lại / "
                                 f"operation id {op.operation_id} was already used with a different body: refused")
        row = cache.dossiers.get(op.entity_id)
        if row is not None:
            check_write(who, row.agency_code, row.counter_id)
        elif op.operation == "dossier.create":
            data = op.payload.get("dossier", op.payload)
            data = data if isinstance(data, dict) else {}
            check_write(who, str(data.get("agency_code") or who.agency_code),
                        str(data.get("counter_id") or who.counter_id))
        else:
            check_counter_role(who)

    def _apply_once(self, s: Session, op: p.Operation, who: p.WhoAmI, cache: _BatchCache) -> p.OperationResult:
        stored = cache.stored.get(op.operation_id)
        if stored is not None:  # same body (checked above): the first answer again
            first = p.OperationResult.model_validate_json(stored.result_json)
            return first.model_copy(update={"duplicate": True})
        try:
            # Every rule is checked before anything is written, so a refusal leaves no trace.
            result = self._apply(s, op, who, cache)
        except PortalError as exc:
            outcome = p.OperationOutcome.CONFLICT if isinstance(exc, ConflictError) else p.OperationOutcome.REJECTED
            result = p.OperationResult(operation_id=op.operation_id, outcome=outcome, message=exc.detail,
                                       server_version=exc.server_version)
        row = StoredOperation(operation_id=op.operation_id, body_hash=body_hash(op), operation=op.operation,
                              entity_id=op.entity_id, result_json=result.model_dump_json(),
                              counter_id=who.counter_id)
        s.add(row)
        cache.stored[op.operation_id] = row
        return result

    def _apply(self, s: Session, op: p.Operation, who: p.WhoAmI, cache: _BatchCache) -> p.OperationResult:
        payload = op.payload
        if op.operation == "dossier.create":
            return self._create(s, op, who, cache)
        if op.operation not in KNOWN_OPERATIONS:
            raise PortalError(f"Thao tác không được hỗ trợ / unsupported operation {op.operation!r}")
        row = cache.dossiers.get(op.entity_id)
        if row is None:
            raise PortalError("Hồ sơ chưa có trên cổng / dossier not on the portal yet")
        data = json.loads(row.data_json)
        if op.operation == "dossier.status":
            to_status = _status(payload.get("to_status", payload.get("status", payload.get("new_status"))))
            expected = payload.get("from_status")
            if expected is not None and int(expected) != row.status and row.last_change_by == "back_office":
                raise ConflictError(
                    f"Bộ phận xử lý đã chuyển hồ sơ sang trạng thái {row.status} / the back office moved the "
                    f"dossier to status {row.status}",
                    server_version=self._dossier_view(row, data),
                )
            row.status = int(to_status)
            data["status"] = row.status
            row.last_change_by = "counter"
        elif op.operation == "dossier.return":
            row.status = _status(payload.get("to_status", payload.get("status", 10)))
            data["status"] = row.status
            for key in ("returned_at", "returned_to", "return_note", "finished_at", "result_received_at"):
                if key in payload:
                    data[key] = payload[key]
            row.last_change_by = "counter"
        elif op.operation == "dossier.update":
            fields = payload.get("dossier", payload)
            for key, value in fields.items():
                if key not in ("uuid", "code", "status", "agency_code", "counter_id"):
                    data[key] = value
        snapshot = payload.get("dossier")
        if isinstance(snapshot, dict) and op.operation != "dossier.update":
            # The counter's full copy after the change (NgayTra, ThongTinTra, ...): keep it,
            # except what the portal owns (code, the status it just ruled on, the owner).
            for key, value in snapshot.items():
                if key not in ("code", "status", "code_provisional", "provisional_code", "agency_code", "counter_id"):
                    data[key] = value
        s.add(DossierLog(dossier_id=row.id, operation_id=op.operation_id, operation=op.operation,
                         payload_json=dumps(payload)))
        row.data_json = dumps(data)
        row.version += 1
        row.updated_at = now()
        return p.OperationResult(operation_id=op.operation_id, outcome=p.OperationOutcome.APPLIED,
                                 data={"status": row.status, "version": row.version})

    def _create(self, s: Session, op: p.Operation, who: p.WhoAmI, cache: _BatchCache) -> p.OperationResult:
        data = dict(op.payload.get("dossier", op.payload))
        code = str(data.get("code") or "").strip()
        provisional = bool(data.get("code_provisional"))
        existing = cache.dossiers.get(op.entity_id)
        if existing is not None:
            held = json.loads(existing.data_json)
            if {k: v for k, v in held.items() if k != "code"} == {k: v for k, v in data.items() if k != "code"}:
                return p.OperationResult(operation_id=op.operation_id, outcome=p.OperationOutcome.APPLIED,
                                         data={"code": existing.code})
            raise ConflictError("Hồ sơ đã có trên cổng với nội dung khác / the portal holds another version",
                                server_version=self._dossier_view(existing, held))
        agency = who.agency_code  # the user's, as the portal assigned it (a different claim was refused)
        if provisional or not code:
            code = self._mint_code(s, agency, data.get("received_at"))
            data.setdefault("provisional_code", data.get("code"))
            data["code"] = code
            data["code_provisional"] = False
        elif code in cache.codes:
            raise PortalError(f"Mã hồ sơ {code} đã được dùng / dossier code {code} already used")
        status = _status(data.get("status") or 2)
        row = PortalDossierRow(id=op.entity_id, code=code, agency_code=agency,
                               counter_id=str(data.get("counter_id") or who.counter_id or ""),
                               status=status, data_json=dumps(data), version=1)
        s.add(row)
        cache.dossiers[row.id] = row
        cache.codes.add(code)
        return p.OperationResult(operation_id=op.operation_id, outcome=p.OperationOutcome.APPLIED,
                                 data={"code": code, "confirmed": provisional})

    def _mint_code(self, s: Session, agency: str, received_at: Any) -> str:
        from sync.national import parse_instant

        moment = parse_instant(received_at) or now()
        day = moment.astimezone(NATIONAL_ZONE).date()
        counter = next_number_row(s, agency, day)
        number = counter.next_number
        counter.next_number += 1
        return f"{agency}-{day:%y%m%d}-{number:04d}"

    def _dossier_view(self, row: PortalDossierRow, data: dict[str, Any] | None = None) -> dict[str, Any]:
        data = data if data is not None else json.loads(row.data_json)
        return {"id": row.id, "code": row.code, "status": row.status, "version": row.version,
                "last_change_by": row.last_change_by, "data": data}

    # --- back office ------------------------------------------------------------------------
    def find_dossier(self, s: Session, key: str) -> PortalDossierRow:
        row = s.get(PortalDossierRow, key) or s.scalar(select(PortalDossierRow).where(PortalDossierRow.code == key))
        if row is None:
            raise NotFound(no_dossier(key))
        return row

    def back_office_status(self, key: str, change: p.AdminStatusChange, who: p.WhoAmI | None = None) -> p.ProgressEvent:
        with self.write() as s:
            row = self.find_dossier(s, key)
            if who is not None:
                check_back_office(who, row.agency_code)
            at = now()
            event = Progress(dossier_id=row.id, counter_id=row.counter_id, agency_code=row.agency_code, code=row.code,
                             handler=change.handler, title=change.title, department=change.department,
                             content=change.content, status=change.status, at=at, step_started_at=at,
                             step_due_at=change.step_due_at)
            s.add(event)
            data = json.loads(row.data_json)
            data["status"] = change.status
            if change.status == 9 and not data.get("finished_at"):
                data["finished_at"] = at.isoformat()
            row.status = change.status
            row.data_json = dumps(data)
            row.last_change_by = "back_office"
            row.version += 1
            row.updated_at = at
            s.flush()
            return progress_out(event)

    def dossiers(self, *, include_data: bool = True, agency_code: str | None = None) -> list[p.PortalDossier]:
        """Every dossier (the CLI), or one agency's (the admin listing)."""
        with self.read() as s:
            atts: dict[str, list[p.AttachmentStatus]] = {}
            for a in s.scalars(select(Attachment).order_by(Attachment.created_at)):
                atts.setdefault(a.dossier_id, []).append(att_status(a))
            query = select(PortalDossierRow).order_by(PortalDossierRow.created_at, PortalDossierRow.id)
            if agency_code is not None:
                query = query.where(PortalDossierRow.agency_code == agency_code)
            return [
                p.PortalDossier(id=r.id, code=r.code, counter_id=r.counter_id, status=r.status, version=r.version,
                                created_at=r.created_at, updated_at=r.updated_at, attachments=atts.get(r.id, []),
                                data=json.loads(r.data_json) if include_data else {})
                for r in s.scalars(query)
            ]

    def operation_count(self) -> int:
        with self.read() as s:
            return s.scalar(select(func.count()).select_from(StoredOperation)) or 0

    # --- national record ----------------------------------------------------------------------
    def national(self, key: str, file_url_base: str = "", who: p.WhoAmI | None = None) -> p.NationalPayload:
        with self.read() as s:
            row = self.find_dossier(s, key)
            if who is not None:
                check_read(who, row.agency_code, row.counter_id, no_dossier(key))
            data = json.loads(row.data_json)
            data["code"] = row.code
            data["status"] = row.status
            # Each request to complete the dossier the counter sent (its copy keeps the latest only).
            sent = [json.loads(log.payload_json).get("completion_request") for log in s.scalars(
                select(DossierLog).where(DossierLog.dossier_id == row.id, DossierLog.operation == "dossier.status")
                .order_by(DossierLog.id))]
            data["completion_request"] = completion_register(data.get("completion_request"), sent)
            # What the back office decided and the counter's copy may not show yet.
            data["history"] = merge_history(data.get("history") or [], [
                {"to_status": e.status, "at": e.at.isoformat(), "by": e.handler, "content": e.content, "source": "portal"}
                for e in s.scalars(select(Progress).where(Progress.dossier_id == row.id).order_by(Progress.cursor))])
            rows = list(s.scalars(select(Attachment).where(Attachment.dossier_id == row.id)
                                  .order_by(Attachment.created_at, Attachment.id)))
            # The dossier's result files (its `results` list, counterapp/digitize/results.py) are
            # DanhSachGiayToKetQua, not components handed in (TaiLieuNop).
            result_ids = {str(r.get("attachment_id")) for r in data.get("results") or [] if isinstance(r, dict)}
            # Reused: the same file (SHA-256) was filed for another dossier before this one.
            others = list(s.scalars(select(Attachment).where(
                Attachment.sha256.in_({a.sha256 for a in rows}), Attachment.dossier_id != row.id))) if rows else []
            atts = [att_status(a).model_dump(mode="json") | {
                "filename": p.safe_filename(a.filename), "document_code": a.document_code,
                "created_at": a.created_at.isoformat() if a.created_at else None,
                "reused": any(o.sha256 == a.sha256 and o.created_at <= a.created_at for o in others)}
                | ({"kind": "result"} if a.id in result_ids else {})
                for a in rows]
            return p.NationalPayload(service="DongBoHoSoMC", data=[dong_bo_ho_so(data, atts, file_url_base=file_url_base)])
