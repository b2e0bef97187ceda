"""The reference portal's data and rules: users, tokens, idempotent operations, dossiers,
chunked attachments, catalog and calendar with cursors, number blocks, progress."""

from __future__ import annotations

import functools
import hashlib
import json
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from sync import protocol as p
from sync.national import NATIONAL_ZONE, completion_register, dong_bo_ho_so, merge_history
from sync.passwords import hash_password, verify_password
from sync.portal.models import (
    Attachment,
    AttachmentChunk,
    CalendarEntry,
    CatalogEntry,
    DossierLog,
    NumberCounter,
    PortalBase,
    PortalDossierRow,
    PortalNumberBlock,
    Progress,
    Setting,
    StoredOperation,
    Token,
    User,
    now,
)

TOKEN_LIFETIME = timedelta(days=30)
DEFAULT_DB_URL = "sqlite:///portal.db"
SEED_USERS = (
    ("officer", "officer", "officer-pass", "Cán bộ tiếp nhận"),
    ("supervisor", "supervisor", "supervisor-pass", "Tổ trưởng"),
    ("admin", "admin", "admin-pass", "Quản trị"),
)
DEFAULT_AGENCY = {
    "agency_code": "H49.22",
    "agency_name": "UBND phường Hạ Long",
    "parent_agency_name": "UBND TỈNH QUẢNG NINH",
    "place_name": "Hạ Long",
    "form_headers": {"unit": "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"},
}


# What the counter sends: the dossier, then every later change (status, return of results,
# reprint log, ...). Anything else is refused so it is parked, not lost or guessed at.
KNOWN_OPERATIONS = frozenset({
    "dossier.create", "dossier.update", "dossier.status", "dossier.return", "dossier.print",
    "dossier.result", "dossier.send", "dossier.note",
})


class PortalError(Exception):
    status = 400
    code = "rejected"

    def __init__(self, detail: str, *, server_version: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.server_version = server_version


class NotFound(PortalError):
    status = 404
    code = "not_found"


class ConflictError(PortalError):
    status = 409
    code = "conflict"


class Unauthorized(PortalError):
    status = 401
    code = "unauthorized"


class Forbidden(PortalError):
    status = 403
    code = "forbidden"


@functools.lru_cache(maxsize=8)
def _seed_hash(password: str) -> str:
    """The seeded demo users' hashes, made once per process (scrypt is slow on purpose)."""
    return hash_password(password)


def body_hash(operation: p.Operation) -> str:
    body = {"operation": operation.operation, "entity_id": operation.entity_id, "payload": operation.payload}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class PortalStore:
    def __init__(self, url: str = DEFAULT_DB_URL) -> None:
        self.url = url
        self.engine = _make_engine(url)
        PortalBase.metadata.create_all(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite has one writer: serialise writes here rather than fight over the lock.
        self._write_lock = threading.RLock() if self.engine.dialect.name == "sqlite" else None

    @contextmanager
    def write(self) -> Iterator[Session]:
        if self._write_lock is not None:
            self._write_lock.acquire()
        try:
            with self.sessions() as session, session.begin():
                yield session
        finally:
            if self._write_lock is not None:
                self._write_lock.release()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    # --- seed and users -------------------------------------------------------------

    def seed(self, *, catalog_records: list[dict[str, Any]] | None = None) -> None:
        with self.write() as s:
            if s.scalar(select(func.count()).select_from(User)) == 0:
                for username, role, password, name in SEED_USERS:
                    s.add(User(username=username, role=role, display_name=name, password_hash=_seed_hash(password)))
            if s.get(Setting, "agency") is None:
                s.add(Setting(key="agency", value_json=_dumps(DEFAULT_AGENCY)))
            if catalog_records and s.scalar(select(func.count()).select_from(CatalogEntry)) == 0:
                for record in catalog_records:
                    s.add(CatalogEntry(code=str(record.get("MATTHC", "")), record_json=_dumps(record)))

    def add_user(self, username: str, role: str, password: str, display_name: str = "") -> None:
        role = p.Role(role).value
        with self.write() as s:
            user = s.scalar(select(User).where(User.username == username))
            if user is None:
                s.add(User(username=username, role=role, display_name=display_name, password_hash=hash_password(password)))
            else:
                user.role = role
                user.password_hash = hash_password(password)

    def login(self, req: p.LoginRequest) -> p.LoginResponse:
        with self.write() as s:
            user = s.scalar(select(User).where(User.username == req.username))
            if user is None or not verify_password(req.password, user.password_hash):
                raise Unauthorized("Sai tên đăng nhập hoặc mật khẩu / wrong username or password")
            token = secrets.token_urlsafe(32)
            expires = now() + TOKEN_LIFETIME
            s.add(Token(token_hash=hashlib.sha256(token.encode()).hexdigest(), user_id=user.id,
                        counter_id=req.counter_id, agency_code=req.agency_code, expires_at=expires))
            return p.LoginResponse(token=token, role=p.Role(user.role), username=user.username,
                                   display_name=user.display_name, expires_at=expires)

    def who(self, token: str) -> p.WhoAmI:
        with self.read() as s:
            row = s.get(Token, hashlib.sha256(token.encode()).hexdigest())
            if row is None or row.expires_at < now():
                raise Unauthorized("Phiên đăng nhập hết hạn, hãy đăng nhập lại / session expired, sign in again")
            user = s.get(User, row.user_id)
            return p.WhoAmI(username=user.username, role=p.Role(user.role), counter_id=row.counter_id,
                            agency_code=row.agency_code)

    def logout(self, token: str) -> None:
        with self.write() as s:
            s.execute(delete(Token).where(Token.token_hash == hashlib.sha256(token.encode()).hexdigest()))

    # --- push ------------------------------------------------------------------------------

    def push(self, req: p.PushRequest, who: p.WhoAmI) -> p.PushResponse:
        """Apply a batch in one transaction; each operation at most once (by operation_id)."""
        results = []
        ops = req.operations
        with self.write() as s:
            # Look up, in three queries, what the batch needs: earlier answers, dossiers, codes.
            cache = _BatchCache(
                stored={r.operation_id: r for r in s.scalars(select(StoredOperation).where(
                    StoredOperation.operation_id.in_([o.operation_id for o in ops])))},
                dossiers={r.id: r for r in s.scalars(select(PortalDossierRow).where(
                    PortalDossierRow.id.in_(list({o.entity_id for o in ops}))))},
                codes=set(s.scalars(select(PortalDossierRow.code).where(PortalDossierRow.code.in_(
                    [str(o.payload.get("code") or "") for o in ops if o.operation == "dossier.create"])))),
            )
            with s.no_autoflush:
                for op in ops:
                    results.append(self._apply_once(s, op, who, cache))
        return p.PushResponse(results=results)

    def _apply_once(self, s: Session, op: p.Operation, who: p.WhoAmI, cache: _BatchCache) -> p.OperationResult:
        digest = body_hash(op)
        stored = cache.stored.get(op.operation_id)
        if stored is not None:
            if stored.body_hash != digest:
                return p.OperationResult(
                    operation_id=op.operation_id, outcome=p.OperationOutcome.CONFLICT,
                    message="Mã thao tác đã dùng cho nội dung khác / operation id already used with a different body",
                )
            first = p.OperationResult.model_validate_json(stored.result_json)
            return first.model_copy(update={"duplicate": True})
        try:
            # Every rule is checked before anything is written, so a refusal leaves no trace.
            result = self._apply(s, op, who, cache)
        except PortalError as exc:
            outcome = p.OperationOutcome.CONFLICT if isinstance(exc, ConflictError) else p.OperationOutcome.REJECTED
            result = p.OperationResult(operation_id=op.operation_id, outcome=outcome, message=exc.detail,
                                       server_version=exc.server_version)
        row = StoredOperation(operation_id=op.operation_id, body_hash=digest, operation=op.operation,
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
                if key not in ("uuid", "code", "status"):
                    data[key] = value
        snapshot = payload.get("dossier")
        if isinstance(snapshot, dict) and op.operation != "dossier.update":
            # The counter's full copy after the change (NgayTra, ThongTinTra, ...): keep it,
            # except what the portal owns (code, and the status it just ruled on).
            for key, value in snapshot.items():
                if key not in ("code", "status", "code_provisional", "provisional_code"):
                    data[key] = value
        s.add(DossierLog(dossier_id=row.id, operation_id=op.operation_id, operation=op.operation,
                         payload_json=_dumps(payload)))
        row.data_json = _dumps(data)
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
        agency = str(data.get("agency_code") or who.agency_code or "")
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
                               status=status, data_json=_dumps(data), version=1)
        s.add(row)
        cache.dossiers[row.id] = row
        cache.codes.add(code)
        return p.OperationResult(operation_id=op.operation_id, outcome=p.OperationOutcome.APPLIED,
                                 data={"code": code, "confirmed": provisional})

    def _mint_code(self, s: Session, agency: str, received_at: Any) -> str:
        from sync.national import parse_instant

        moment = parse_instant(received_at) or now()
        day = moment.astimezone(NATIONAL_ZONE).date()
        counter = self._counter(s, agency, day)
        number = counter.next_number
        counter.next_number += 1
        return f"{agency}-{day:%y%m%d}-{number:04d}"

    def _counter(self, s: Session, agency: str, day: date) -> NumberCounter:
        counter = s.scalar(select(NumberCounter).where(NumberCounter.agency_code == agency, NumberCounter.day == day))
        if counter is None:
            counter = NumberCounter(agency_code=agency, day=day, next_number=1)
            s.add(counter)
            s.flush()
        return counter

    def _dossier_view(self, row: PortalDossierRow, data: dict[str, Any] | None = None) -> dict[str, Any]:
        data = data if data is not None else json.loads(row.data_json)
        return {"id": row.id, "code": row.code, "status": row.status, "version": row.version,
                "last_change_by": row.last_change_by, "data": data}

    # --- attachments ---------------------------------------------------------------

    def _att_status(self, a: Attachment) -> p.AttachmentStatus:
        return p.AttachmentStatus(attachment_id=a.id, dossier_id=a.dossier_id, size=a.size, sha256=a.sha256,
                                  offset=a.received, complete=a.complete)

    def attachment_init(self, attachment_id: str, req: p.AttachmentInit) -> p.AttachmentStatus:
        with self.write() as s:
            a = self._init_row(s, attachment_id, req)
            if a.size == 0 and not a.complete and not self._finish(s, a):
                raise PortalError("SHA-256 của tệp rỗng không khớp / empty file SHA-256 does not match")
            return self._att_status(a)

    def _init_row(self, s: Session, attachment_id: str, req: p.AttachmentInit) -> Attachment:
        a = s.get(Attachment, attachment_id)
        if a is None:
            a = Attachment(id=attachment_id, dossier_id=req.dossier_id, filename=req.filename, size=req.size,
                           sha256=req.sha256, document_code=req.document_code, received=0, complete=False)
            s.add(a)
            s.flush()
        elif a.dossier_id != req.dossier_id:
            raise ConflictError("Tệp đính kèm thuộc hồ sơ khác / attachment belongs to another dossier")
        elif (a.sha256, a.size) != (req.sha256, req.size):
            # A new version of the same document (e.g. with its OCR text layer): it replaces the old.
            s.execute(delete(AttachmentChunk).where(AttachmentChunk.attachment_id == a.id))
            a.sha256, a.size, a.filename, a.document_code = req.sha256, req.size, req.filename, req.document_code
            a.received, a.complete = 0, False
            s.flush()
        return a

    def attachment_put(self, attachment_id: str, req: p.AttachmentInit, data: bytes) -> p.AttachmentStatus:
        """A whole (small) file in one request; the same checks as chunks, nothing kept if the hash is wrong."""
        if len(data) != req.size:
            raise PortalError(f"Nhận {len(data)} byte, khai {req.size} / got {len(data)} bytes, declared {req.size}")
        if hashlib.sha256(data).hexdigest() != req.sha256:
            raise _HashMismatch(p.AttachmentStatus(attachment_id=attachment_id, dossier_id=req.dossier_id,
                                                   size=req.size, sha256=req.sha256, offset=0, complete=False))
        with self.write() as s:
            a = self._init_row(s, attachment_id, req)
            if not a.complete:
                if a.received:
                    s.execute(delete(AttachmentChunk).where(AttachmentChunk.attachment_id == a.id))
                s.add(AttachmentChunk(attachment_id=a.id, offset=0, data=data))
                a.received, a.complete = len(data), True
            return self._att_status(a)

    def attachment_status(self, attachment_id: str) -> p.AttachmentStatus:
        with self.read() as s:
            a = s.get(Attachment, attachment_id)
            if a is None:
                raise NotFound("Không có tệp đính kèm này / no such attachment")
            return self._att_status(a)

    def attachment_chunk(self, attachment_id: str, offset: int, data: bytes) -> p.AttachmentStatus:
        with self.write() as s:
            a = s.get(Attachment, attachment_id)
            if a is None:
                raise NotFound("Không có tệp đính kèm này / no such attachment")
            if a.complete or (offset < a.received and offset + len(data) <= a.received):
                return self._att_status(a)  # a chunk sent again: already have it
            if offset != a.received:
                raise ConflictError(f"Vị trí {offset} sai, cổng đã nhận {a.received} byte / offset {offset} "
                                    f"does not follow the {a.received} bytes received",
                                    server_version=self._att_status(a).model_dump(mode="json"))
            if offset + len(data) > a.size:
                raise PortalError("Tệp dài hơn kích thước đã khai / more bytes than the declared size")
            s.add(AttachmentChunk(attachment_id=a.id, offset=offset, data=data))
            a.received = offset + len(data)
            ok = True
            if a.received == a.size:
                s.flush()
                ok = self._finish(s, a)
            status = self._att_status(a)
        if not ok:  # the reset to zero is committed; the client starts the file again
            raise _HashMismatch(status)
        return status

    def _finish(self, s: Session, a: Attachment) -> bool:
        digest = hashlib.sha256()
        for chunk in s.scalars(select(AttachmentChunk.data).where(AttachmentChunk.attachment_id == a.id)
                               .order_by(AttachmentChunk.offset)):
            digest.update(chunk)
        if digest.hexdigest() != a.sha256:
            s.execute(delete(AttachmentChunk).where(AttachmentChunk.attachment_id == a.id))
            a.received = 0
            s.flush()
            return False
        a.complete = True
        return True

    def attachment_bytes(self, attachment_id: str) -> bytes:
        with self.read() as s:
            chunks = s.scalars(select(AttachmentChunk.data).where(AttachmentChunk.attachment_id == attachment_id)
                               .order_by(AttachmentChunk.offset))
            return b"".join(chunks)

    # --- pull --------------------------------------------------------------------------------

    def catalog_changes(self, since: int, limit: int = 500) -> p.CatalogChanges:
        with self.read() as s:
            rows = s.scalars(select(CatalogEntry).where(CatalogEntry.cursor > since)
                             .order_by(CatalogEntry.cursor).limit(limit + 1)).all()
            more = len(rows) > limit
            rows = rows[:limit]
            return p.CatalogChanges(
                changes=[p.CatalogChange(cursor=r.cursor, code=r.code, record=json.loads(r.record_json)) for r in rows],
                cursor=rows[-1].cursor if rows else since, more=more)

    def calendar_changes(self, since: int) -> p.CalendarChanges:
        with self.read() as s:
            rows = s.scalars(select(CalendarEntry).where(CalendarEntry.cursor > since).order_by(CalendarEntry.cursor)).all()
            return p.CalendarChanges(days=[p.CalendarDayOut(date=r.day, kind=r.kind, name=r.name) for r in rows],
                                     cursor=rows[-1].cursor if rows else since)

    def agency(self) -> p.AgencyInfo:
        with self.read() as s:
            row = s.get(Setting, "agency")
            return p.AgencyInfo.model_validate(json.loads(row.value_json) if row else DEFAULT_AGENCY)

    def set_agency(self, info: p.AgencyInfo) -> None:
        with self.write() as s:
            row = s.get(Setting, "agency")
            if row is None:
                s.add(Setting(key="agency", value_json=info.model_dump_json()))
            else:
                row.value_json = info.model_dump_json()

    def reserve_blocks(self, req: p.BlockReserveRequest) -> p.NumberBlocks:
        out = []
        with self.write() as s:
            for day in sorted(set(req.days)):
                block = s.scalar(select(PortalNumberBlock).where(
                    PortalNumberBlock.agency_code == req.agency_code, PortalNumberBlock.counter_id == req.counter_id,
                    PortalNumberBlock.valid_on == day).order_by(PortalNumberBlock.id.desc()))
                if block is None:
                    counter = self._counter(s, req.agency_code, day)
                    first = counter.next_number
                    last = min(first + req.size - 1, 9999)
                    if first > 9999:
                        continue
                    counter.next_number = last + 1
                    block = PortalNumberBlock(agency_code=req.agency_code, counter_id=req.counter_id, valid_on=day,
                                              first=first, last=last)
                    s.add(block)
                    s.flush()
                out.append(_block_out(block))
        return p.NumberBlocks(blocks=out, cursor=max((b.id for b in out), default=0))

    def blocks_since(self, agency_code: str, counter_id: str, since: int) -> p.NumberBlocks:
        with self.read() as s:
            rows = s.scalars(select(PortalNumberBlock).where(
                PortalNumberBlock.agency_code == agency_code, PortalNumberBlock.counter_id == counter_id,
                PortalNumberBlock.id > since).order_by(PortalNumberBlock.id)).all()
            return p.NumberBlocks(blocks=[_block_out(b) for b in rows], cursor=rows[-1].id if rows else since)

    def progress_since(self, counter_id: str, since: int, limit: int = 500) -> p.ProgressEvents:
        with self.read() as s:
            rows = s.scalars(select(Progress).where(Progress.counter_id == counter_id, Progress.cursor > since)
                             .order_by(Progress.cursor).limit(limit + 1)).all()
            more = len(rows) > limit
            rows = rows[:limit]
            return p.ProgressEvents(events=[_progress_out(r) for r in rows],
                                    cursor=rows[-1].cursor if rows else since, more=more)

    # --- back office (admin) -------------------------------------------------------------

    def find_dossier(self, s: Session, key: str) -> PortalDossierRow:
        row = s.get(PortalDossierRow, key) or s.scalar(select(PortalDossierRow).where(PortalDossierRow.code == key))
        if row is None:
            raise NotFound(f"Không có hồ sơ {key} / no dossier {key}")
        return row

    def back_office_status(self, key: str, change: p.AdminStatusChange) -> p.ProgressEvent:
        with self.write() as s:
            row = self.find_dossier(s, key)
            at = now()
            event = Progress(dossier_id=row.id, counter_id=row.counter_id, code=row.code, handler=change.handler,
                             title=change.title, department=change.department, content=change.content,
                             status=change.status, at=at, step_started_at=at, step_due_at=change.step_due_at)
            s.add(event)
            data = json.loads(row.data_json)
            data["status"] = change.status
            if change.status == 9 and not data.get("finished_at"):
                data["finished_at"] = at.isoformat()
            row.status = change.status
            row.data_json = _dumps(data)
            row.last_change_by = "back_office"
            row.version += 1
            row.updated_at = at
            s.flush()
            return _progress_out(event)

    def publish_catalog(self, records: list[dict[str, Any]]) -> int:
        with self.write() as s:
            for record in records:
                code = str(record.get("MATTHC") or "").strip()
                if not code:
                    raise PortalError("Thiếu MATTHC / procedure code missing")
                s.add(CatalogEntry(code=code, record_json=_dumps(record)))
            s.flush()
            return s.scalar(select(func.max(CatalogEntry.cursor))) or 0

    def publish_calendar(self, days: list[p.CalendarDayOut]) -> int:
        with self.write() as s:
            for d in days:
                s.add(CalendarEntry(day=d.date, kind=d.kind, name=d.name))
            s.flush()
            return s.scalar(select(func.max(CalendarEntry.cursor))) or 0

    def publish_block(self, req: p.AdminBlockPublish) -> p.NumberBlockOut:
        if req.last < req.first or req.last > 9999:
            raise PortalError("Khối số không hợp lệ / invalid number block")
        with self.write() as s:
            clash = s.scalar(select(PortalNumberBlock).where(
                PortalNumberBlock.agency_code == req.agency_code, PortalNumberBlock.valid_on == req.valid_on,
                PortalNumberBlock.first <= req.last, PortalNumberBlock.last >= req.first))
            if clash is not None:
                raise ConflictError("Khối số trùng với khối đã cấp / block overlaps one already given")
            block = PortalNumberBlock(agency_code=req.agency_code, counter_id=req.counter_id, valid_on=req.valid_on,
                                      first=req.first, last=req.last)
            s.add(block)
            counter = self._counter(s, req.agency_code, req.valid_on)
            counter.next_number = max(counter.next_number, req.last + 1)
            s.flush()
            return _block_out(block)

    def dossiers(self, *, include_data: bool = True) -> list[p.PortalDossier]:
        with self.read() as s:
            atts: dict[str, list[p.AttachmentStatus]] = {}
            for a in s.scalars(select(Attachment).order_by(Attachment.created_at)):
                atts.setdefault(a.dossier_id, []).append(self._att_status(a))
            return [
                p.PortalDossier(id=r.id, code=r.code, counter_id=r.counter_id, status=r.status, version=r.version,
                                created_at=r.created_at, updated_at=r.updated_at, attachments=atts.get(r.id, []),
                                data=json.loads(r.data_json) if include_data else {})
                for r in s.scalars(select(PortalDossierRow).order_by(PortalDossierRow.created_at, PortalDossierRow.id))
            ]

    def operation_count(self) -> int:
        with self.read() as s:
            return s.scalar(select(func.count()).select_from(StoredOperation)) or 0

    def national(self, key: str, file_url_base: str = "") -> p.NationalPayload:
        with self.read() as s:
            row = self.find_dossier(s, key)
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
            # Reused: the same file (SHA-256) was filed for another dossier before this one.
            others = list(s.scalars(select(Attachment).where(
                Attachment.sha256.in_({a.sha256 for a in rows}), Attachment.dossier_id != row.id))) if rows else []
            atts = [self._att_status(a).model_dump(mode="json") | {
                "filename": a.filename, "document_code": a.document_code,
                "created_at": a.created_at.isoformat() if a.created_at else None,
                "reused": any(o.sha256 == a.sha256 and o.created_at <= a.created_at for o in others)}
                for a in rows]
            return p.NationalPayload(service="DongBoHoSoMC", data=[dong_bo_ho_so(data, atts, file_url_base=file_url_base)])


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


class _HashMismatch(PortalError):
    status = 422
    code = "sha256_mismatch"

    def __init__(self, status: p.AttachmentStatus) -> None:
        super().__init__("SHA-256 của tệp không khớp, gửi lại từ đầu / file SHA-256 does not match, send it again",
                         server_version=status.model_dump(mode="json"))


def _block_out(b: PortalNumberBlock) -> p.NumberBlockOut:
    return p.NumberBlockOut(id=b.id, agency_code=b.agency_code, counter_id=b.counter_id, valid_on=b.valid_on,
                            first=b.first, last=b.last)


def _progress_out(r: Progress) -> p.ProgressEvent:
    return p.ProgressEvent(cursor=r.cursor, dossier_id=r.dossier_id, code=r.code, handler=r.handler, title=r.title,
                           department=r.department, content=r.content, at=r.at, status=r.status,
                           step_started_at=r.step_started_at, step_due_at=r.step_due_at)


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _configure(dbapi_connection, _record) -> None:  # noqa: ANN001
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn) -> None:  # noqa: ANN001
            conn.exec_driver_sql("BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True)


def load_demo_catalog() -> list[dict[str, Any]]:
    try:
        from counterapp.paths import resource

        path = resource("catalog", "demo_catalog.json")
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            return data if isinstance(data, list) else [data]
    except Exception:  # noqa: BLE001 - the demo catalog is optional for the portal
        pass
    return [{"MATTHC": "1.001193", "TENTTHC": "Đăng ký khai sinh", "CAPTHUCHIEN": "Cấp xã", "TRANGTHAI": 1,
             "LINHVUCTHUCHIEN": [{"MALINHVUC": "HT", "TENLINHVUC": "Hộ tịch"}],
             "CACHTHUCTHUCHIEN": [{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 1, "DONVITINH": "Ngày làm việc",
                                                               "PHILEPHI": []}]}]}]


__all__ = ["PortalStore", "PortalError", "IntegrityError"]
