"""The sync engine: push the outbox, upload files in resumable chunks, pull what the portal
decides (catalog, calendar, agency data, number blocks, back-office progress).

Runs headless (`run_once`, `run_until_idle`) or in its own worker thread (`start`, `wake`,
`stop`). The GUI never waits on it: it reads `state()` and subscribes with
`add_listener(callback)`; callbacks run on the engine's thread with a `SyncEvent`, and the
GUI re-emits them as Qt signals (queued connection).

Rules:
- Every operation keeps its client-made id; resending after a crash, a timeout or a lost
  answer is answered by the portal as the first time (exactly once).
- Network errors, 5xx and 429 go back to "waiting" with capped exponential backoff and
  jitter (Retry-After honoured). Other 4xx park the item as "needs_attention" with the
  portal's message; conflicts park it as "conflict" with the portal's version. Nothing is
  retried blindly; a supervisor decides conflicts (`resolve_conflict`).
- Operations of one dossier go in order, one per batch; a parked item holds back only the
  later operations of its own dossier. An item that keeps failing is sent alone, so it
  cannot hold back its batch neighbours.
- The portal is authoritative for the catalog, the calendar and back-office statuses.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from counterapp.db import session_scope, utcnow
from counterapp.outbox import (
    OutboxItem,
    OutboxState,
    UPLOAD_OPERATION,
    enqueue,
    get_state,
    outbox_counts,
    set_state,
)
from sync import protocol as p
from sync.client import AuthRequired, Conflict, Offline, PortalClient, Rejected, Retryable

log = logging.getLogger(__name__)

ALONE_AFTER_ATTEMPTS = 3
OUTCOME_STATE = {
    p.OperationOutcome.APPLIED: OutboxState.SYNCED,
    p.OperationOutcome.CONFLICT: OutboxState.CONFLICT,
    p.OperationOutcome.REJECTED: OutboxState.NEEDS_ATTENTION,
}


@dataclass(frozen=True)
class SyncState:
    """What the status bar shows. `online` is None before the first contact."""

    online: bool | None = None
    sending: bool = False
    total: int = 0  # items in the current run
    done: int = 0  # of which settled so far
    waiting: int = 0  # operations + files not yet acknowledged
    last_synced_at: datetime | None = None
    needs_attention: int = 0
    conflicts: int = 0
    signed_in: bool = True
    last_error: str = ""

    def status_text(self, zone: Any = None) -> str:
        """Offline / Syncing n of m / Last synced hh:mm, then N need attention."""
        if not self.signed_in:
            text = "Cần đăng nhập cổng / sign in to the portal"
        elif self.online is False:
            text = "Ngoại tuyến / Offline"
        elif self.sending and self.total:
            text = f"Đang đồng bộ {self.done}/{self.total} / Syncing {self.done} of {self.total}"
        elif self.last_synced_at is not None:
            hhmm = (self.last_synced_at.astimezone(zone) if zone else self.last_synced_at.astimezone()).strftime("%H:%M")
            text = f"Đồng bộ lúc {hhmm} / Last synced {hhmm}"
        else:
            text = "Chưa đồng bộ / Not synced yet"
        problems = self.needs_attention + self.conflicts
        if problems:
            text += f" · {problems} cần xử lý / {problems} need attention"
        return text


@dataclass(frozen=True)
class SyncEvent:
    kind: str  # "state" | "items" | "pulled"
    state: SyncState
    entity_ids: tuple[str, ...] = ()  # dossiers whose sync state or data changed
    detail: str = ""


@dataclass
class SyncReport:
    online: bool = True
    sent: int = 0
    applied: int = 0
    duplicates: int = 0
    parked: int = 0
    conflicts: int = 0
    retry_later: int = 0
    files: int = 0
    bytes_sent: int = 0
    pulled: dict[str, int] = field(default_factory=dict)
    remaining: int = 0  # not yet acknowledged (waiting or sending)
    due_now: int = 0  # of which could go immediately
    next_attempt_in: float | None = None  # seconds until the next scheduled retry
    errors: list[str] = field(default_factory=list)

    def merge(self, other: SyncReport) -> None:
        for name in ("sent", "applied", "duplicates", "parked", "conflicts", "retry_later", "files", "bytes_sent"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, n in other.pulled.items():
            self.pulled[key] = self.pulled.get(key, 0) + n
        self.online = other.online
        self.remaining, self.due_now, self.next_attempt_in = other.remaining, other.due_now, other.next_attempt_in
        self.errors.extend(other.errors)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class SyncEngine:
    def __init__(self, ctx, client: PortalClient, *, batch_size: int | None = None,  # noqa: ANN001
                 chunk_size: int | None = None, backoff_base: float | None = None,
                 backoff_cap: float | None = None, poll_interval: float | None = None,
                 block_days: int | None = None, block_size: int | None = None,
                 pull: bool = True, rng: random.Random | None = None) -> None:
        cfg = dict(ctx.config.section("sync"))
        if os.environ.get("COUNTERAPP_SYNC_BATCH"):  # tests and benches: smaller or larger batches
            cfg["batch_size"] = int(os.environ["COUNTERAPP_SYNC_BATCH"])
        self.ctx = ctx
        self.client = client
        self.batch_size = int(batch_size or cfg.get("batch_size", 200))
        self.chunk_size = int(chunk_size or cfg.get("chunk_size", 256 * 1024))
        self.backoff_base = float(backoff_base if backoff_base is not None else cfg.get("backoff_base", 2.0))
        self.backoff_cap = float(backoff_cap if backoff_cap is not None else cfg.get("backoff_cap", 300.0))
        self.poll_interval = float(poll_interval or cfg.get("poll_interval", 60.0))
        self.block_days = int(block_days or cfg.get("block_days", 7))
        self.block_size = int(block_size or cfg.get("block_size", 200))
        self.pull_enabled = pull
        self.upload_workers = int(cfg.get("upload_workers", 3))
        self._last_failure: Exception | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self.rng = rng or random.Random()
        self._listeners: list[Callable[[SyncEvent], None]] = []
        self._lock = threading.RLock()
        self._run_lock = threading.Lock()
        self._state = SyncState(signed_in=bool(client.token))
        self._recovered = False
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._offline_streak = 0
        self._refresh_counts()

    # --- listeners and state -------------------------------------------------------------
    def add_listener(self, callback: Callable[[SyncEvent], None]) -> Callable[[], None]:
        """Call `callback(event)` on every change (from the engine's thread). Returns a remover."""
        with self._lock:
            self._listeners.append(callback)

        def remove() -> None:
            with self._lock:
                if callback in self._listeners:
                    self._listeners.remove(callback)

        return remove

    def state(self) -> SyncState:
        with self._lock:
            return self._state

    def _emit(self, kind: str, entity_ids: tuple[str, ...] = (), detail: str = "", **changes: Any) -> None:
        with self._lock:
            delta = changes.pop("done_delta", 0)
            if delta:
                changes["done"] = self._state.done + delta
            if changes:
                self._state = replace(self._state, **changes)
            event = SyncEvent(kind, self._state, entity_ids, detail)
            listeners = list(self._listeners)
        for callback in listeners:
            try:
                callback(event)
            except Exception:  # noqa: BLE001 - a listener's bug must not stop the sync
                log.exception("sync listener failed")

    def _refresh_counts(self, **extra: Any) -> None:
        with self.ctx.sessions() as s:
            counts = outbox_counts(s)
            last = get_state(s, "last_synced_at")
        with self._lock:
            self._state = replace(
                self._state, waiting=counts["waiting"] + counts["sending"], needs_attention=counts["needs_attention"],
                conflicts=counts["conflict"], last_synced_at=datetime.fromisoformat(last) if last else None, **extra)

    # --- the worker thread ------------------------------------------------------------------
    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="sync-engine", daemon=True)
        self._thread.start()

    def set_token(self, token: str | None) -> None:
        """After a (re-)sign-in or a sign-out: use this token from now on, and run soon."""
        self.client.token = token
        self._emit("state", signed_in=bool(token))
        self.wake()

    def wake(self) -> None:
        """Something was queued (or the officer asked): run now rather than at the next tick."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                report = self.run_once()
                delay = self._next_delay(report)
            except Exception as exc:  # noqa: BLE001 - the loop must survive anything
                log.exception("sync run failed")
                self._emit("state", detail=str(exc), sending=False, last_error=str(exc))
                delay = self.poll_interval
            self._wake.wait(delay)
            self._wake.clear()

    def _next_delay(self, report: SyncReport) -> float:
        if not self.state().signed_in:
            return self.poll_interval  # until set_token() wakes us
        if not report.online:
            # Probe again with backoff; the queue restarts as soon as the portal answers.
            return self._backoff(self._offline_streak)
        if report.due_now:
            return 0.0
        if report.next_attempt_in is not None:
            return max(0.05, min(self.poll_interval, report.next_attempt_in))
        return self.poll_interval

    def _backoff(self, attempts: int, retry_after: float | None = None) -> float:
        delay = min(self.backoff_cap, self.backoff_base * (2 ** max(0, attempts - 1)))
        delay *= self.rng.uniform(0.5, 1.0)  # jitter: counters that lost the network together do not return together
        if retry_after is not None:
            delay = max(delay, retry_after)
        return delay

    # --- one run ---------------------------------------------------------------------------
    def run_until_idle(self, timeout: float | None = None) -> SyncReport:
        """Run until nothing is left to send (or only parked items), or until `timeout`."""
        deadline = None if timeout is None else time.monotonic() + timeout
        total = SyncReport()
        while True:
            report = self.run_once()
            total.merge(report)
            if report.remaining == 0 or not self.state().signed_in:
                return total  # done, or the portal wants a new sign-in: retrying cannot help
            if not report.online and deadline is None:
                return total
            wait = 0.0 if report.due_now else self._next_delay(report)
            if deadline is not None and time.monotonic() + wait > deadline:
                return total
            if wait:
                time.sleep(wait)

    def run_once(self) -> SyncReport:
        with self._run_lock:
            return self._run_once()

    def _run_once(self) -> SyncReport:
        report = SyncReport()
        if not self._recovered:
            self._recover_sending()
        if not self.client.token:
            report.online = False
            report.errors.append("Chưa đăng nhập cổng / not signed in to the portal")
            self._finish(report, signed_in=False)
            return report
        try:
            with self.ctx.sessions() as s:
                todo = s.scalar(select(func.count()).select_from(OutboxItem).where(OutboxItem.state == OutboxState.WAITING)) or 0
            self._emit("state", sending=bool(todo), total=todo, done=0)
            self._push(report)
            if self.pull_enabled:
                self._pull(report)
            self._offline_streak = 0
        except Offline as exc:
            report.online = False
            self._offline_streak += 1
            report.errors.append(exc.message)
        except AuthRequired as exc:
            report.online = True
            report.errors.append(exc.message)
            self._finish(report, signed_in=False)
            return report
        self._finish(report, signed_in=True)
        return report

    def _finish(self, report: SyncReport, **extra: Any) -> None:
        now = utcnow()
        with self.ctx.sessions() as s:
            report.remaining = s.scalar(select(func.count()).select_from(OutboxItem).where(
                OutboxItem.state.in_([OutboxState.WAITING, OutboxState.SENDING]))) or 0
            due = [self._due_in(s, OutboxItem, now)]
        report.due_now = sum(d[0] for d in due)
        waits = [d[1] for d in due if d[1] is not None]
        report.next_attempt_in = min(waits) if waits else None
        if report.online and report.remaining == 0:
            with session_scope(self.ctx.writer_sessions) as s:
                set_state(s, "last_synced_at", now.isoformat())
        self._refresh_counts(online=report.online, sending=False,
                             last_error=report.errors[-1] if report.errors else "", **extra)
        self._emit("state")

    def _due_in(self, s, model, now: datetime) -> tuple[int, float | None]:  # noqa: ANN001
        waiting = model.state == OutboxState.WAITING
        due = s.scalar(select(func.count()).select_from(model).where(waiting, (model.next_attempt_at.is_(None)) | (model.next_attempt_at <= now))) or 0
        nxt = s.scalar(select(model.next_attempt_at).where(waiting, model.next_attempt_at > now)
                       .order_by(model.next_attempt_at).limit(1))
        return due, (nxt - now).total_seconds() if nxt else None

    def _recover_sending(self) -> None:
        """Rows left "sending" by a crash go again, under the same operation id."""
        with session_scope(self.ctx.writer_sessions) as s:
            s.execute(update(OutboxItem).where(OutboxItem.state == OutboxState.SENDING).values(state=OutboxState.WAITING))
        self._recovered = True

    # --- push -------------------------------------------------------------------------------
    def _pending_by_entity(self) -> OrderedDict[str, deque]:
        with self.ctx.sessions() as s:
            rows = s.execute(select(OutboxItem.seq, OutboxItem.entity_id, OutboxItem.operation, OutboxItem.state,
                                    OutboxItem.next_attempt_at,
                                    OutboxItem.attempts)
                             .where(OutboxItem.state != OutboxState.SYNCED).order_by(OutboxItem.seq)).all()
        chains: OrderedDict[str, deque] = OrderedDict()
        for row in rows:
            chains.setdefault(row.entity_id, deque()).append(row)
        return chains

    def _push(self, report: SyncReport) -> None:
        chains = self._pending_by_entity()
        now = utcnow()

        def head_ready(entity: str) -> Any:
            chain = chains.get(entity)
            if not chain:
                return None
            head = chain[0]
            if head.state != OutboxState.WAITING:
                return None  # parked: later operations of this dossier wait behind it
            if head.next_attempt_at is not None and head.next_attempt_at > now:
                return None
            return head

        ready = [e for e in chains if head_ready(e) is not None]
        while ready:
            ops_ready = [e for e in ready if chains[e][0].operation != UPLOAD_OPERATION]
            sent_alone = False
            if ops_ready:
                # Operations that keep failing go last and one by one, so they hold back no one.
                fresh = [e for e in ops_ready if chains[e][0].attempts < ALONE_AFTER_ATTEMPTS]
                sent_alone = not fresh
                batch_entities = fresh[: self.batch_size] if fresh else ops_ready[:1]
                self._last_failure = None
                outcome = self._send_batch([chains[e][0].seq for e in batch_entities], report)
            else:  # files: a few at a time, each in order of its chunks
                batch_entities = ready[: self.upload_workers * 4]
                outcome = self._upload_many([chains[e][0].seq for e in batch_entities], report)
            if outcome == "stop":
                failure = self._last_failure
                if sent_alone and isinstance(failure, Retryable) and failure.status >= 500:
                    ready = [e for e in ready if e not in batch_entities]  # that item waits; the rest go on
                    continue
                return
            for e in batch_entities:
                chains[e].popleft()
            applied = set(outcome)
            ready = [e for e in ready if e not in batch_entities]
            # An entity whose operation just went through may send its next one.
            ready.extend(e for e in batch_entities if e in applied and head_ready(e) is not None)

    def _send_batch(self, seqs: list[int], report: SyncReport) -> list[str] | str:
        with session_scope(self.ctx.writer_sessions) as s:
            items = s.scalars(select(OutboxItem).where(OutboxItem.seq.in_(seqs)).order_by(OutboxItem.seq)).all()
            # The payloads are already JSON in the queue: splice them in rather than decode and
            # re-encode thousands of them (the portal validates the body with the shared schema).
            ops = [
                '{"operation_id":%s,"operation":%s,"entity_id":%s,"created_at":%s,"payload":%s}' % (
                    json.dumps(i.operation_id), json.dumps(i.operation), json.dumps(i.entity_id),
                    json.dumps(i.created_at.isoformat()), i.payload_json)
                for i in items
            ]
            s.execute(update(OutboxItem).where(OutboxItem.seq.in_(seqs))
                      .values(state=OutboxState.SENDING, attempts=OutboxItem.attempts + 1))
        entity_ids = tuple(i.entity_id for i in items)
        self._emit("items", entity_ids)
        report.sent += len(ops)
        try:
            answer = self.client.push_json(('{"operations":[' + ",".join(ops) + "]}").encode("utf-8"))
        except (Offline, Retryable) as exc:
            self._retry_later([i.seq for i in items], exc, report)
            if isinstance(exc, Offline):
                raise
            self._last_failure = exc
            return "stop"
        except AuthRequired:
            self._retry_later([i.seq for i in items], None, report, backoff=False)
            raise
        except (Rejected, Conflict) as exc:
            # The whole request was refused (e.g. a body the portal cannot read): park each item
            # alone, so that one bad operation does not park its neighbours.
            if len(items) > 1:
                self._retry_later([i.seq for i in items], None, report, backoff=False, alone=True)
                return "stop"
            self._park(items[0].seq, OutboxState.NEEDS_ATTENTION, exc.message, getattr(exc, "server_version", None))
            report.parked += 1
            return []
        results = {r.operation_id: r for r in answer.results}
        applied: list[str] = []
        confirmations: list[tuple[str, str]] = []
        now = utcnow()
        rows: list[dict[str, Any]] = []
        for item in items:
            result = results.get(item.operation_id)
            row = {"seq": item.seq, "state": OutboxState.WAITING, "portal_message": None, "settled_at": None,
                   "last_error": None, "result_json": None, "conflict_json": None, "next_attempt_at": None}
            rows.append(row)
            if result is None:
                row["next_attempt_at"] = now + timedelta(seconds=self._backoff(item.attempts + 1))
                row["last_error"] = "Cổng không trả lời thao tác này / no answer for this operation"
                report.retry_later += 1
                continue
            row["state"] = OUTCOME_STATE[result.outcome]
            row["portal_message"] = result.message or None
            if result.outcome == p.OperationOutcome.APPLIED:
                row["settled_at"] = now
                row["result_json"] = json.dumps(result.data, ensure_ascii=False, default=str)
                applied.append(item.entity_id)
                report.applied += 1
                report.duplicates += int(result.duplicate)
                code = result.data.get("code") if item.operation == "dossier.create" else None
                if code:
                    confirmations.append((item.entity_id, str(code)))
            elif result.outcome == p.OperationOutcome.CONFLICT:
                if result.server_version is not None:
                    row["conflict_json"] = json.dumps(result.server_version, ensure_ascii=False, default=str)
                row["last_error"] = result.message
                report.conflicts += 1
            else:
                row["last_error"] = result.message
                report.parked += 1
        with session_scope(self.ctx.writer_sessions) as s:
            s.execute(update(OutboxItem), rows)  # one executemany by primary key
            if confirmations:
                _confirm_codes(s, confirmations)
        self._emit("items", entity_ids, done_delta=len(seqs))
        return applied

    def _retry_later(self, seqs: list[int], exc: Exception | None, report: SyncReport, *,
                     backoff: bool = True, alone: bool = False) -> None:
        retry_after = getattr(exc, "retry_after", None)
        now = utcnow()
        with session_scope(self.ctx.writer_sessions) as s:
            for row in s.scalars(select(OutboxItem).where(OutboxItem.seq.in_(seqs))):
                row.state = OutboxState.WAITING
                if alone:
                    row.attempts = max(row.attempts, ALONE_AFTER_ATTEMPTS)
                if backoff:
                    row.next_attempt_at = now + timedelta(seconds=self._backoff(row.attempts, retry_after))
                if exc is not None:
                    row.last_error = getattr(exc, "message", str(exc))
        report.retry_later += len(seqs)

    def _park(self, seq: int, state: OutboxState, message: str, server_version: dict | None = None) -> None:
        with session_scope(self.ctx.writer_sessions) as s:
            item = s.get(OutboxItem, seq)
            item.state = state
            item.portal_message = message
            item.last_error = message
            if server_version is not None:
                item.conflict_json = json.dumps(server_version, ensure_ascii=False, default=str)

    # --- uploads ----------------------------------------------------------------------------
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
                data = path.read_bytes()
                if hashlib.sha256(data).hexdigest() != init.sha256:
                    return self._park_upload(seq, f"Tệp {path.name} trên máy đã thay đổi (SHA-256 khác) / the local "
                                                  "file changed (SHA-256 differs)", report)
                status = client.attachment_put(attachment_id, init, data)
                report.bytes_sent += len(data)
            else:
                status = client.attachment_init(attachment_id, init)
            restarts = 0
            with path.open("rb") as fh:
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

    # --- pull -------------------------------------------------------------------------------
    def _pull(self, report: SyncReport) -> None:
        cfg = self.ctx.config
        agency = self.client.agency()
        with session_scope(self.ctx.writer_sessions) as s:
            set_state(s, "portal_agency", agency.model_dump(mode="json"))
        report.pulled["agency"] = 1
        report.pulled["catalog"] = self._pull_catalog()
        report.pulled["calendar"] = self._pull_calendar()
        report.pulled["blocks"] = self._pull_blocks(cfg.agency_code, cfg.counter_id)
        changed = self._pull_progress(cfg.counter_id)
        report.pulled["progress"] = len(changed)
        self._emit("pulled", tuple(changed), detail=json.dumps(report.pulled))

    def _pull_catalog(self) -> int:
        with self.ctx.sessions() as s:
            cursor = int(get_state(s, "cursor.catalog", 0))
        total = 0
        while True:
            page = self.client.catalog_changes(cursor)
            if page.changes:
                from counterapp.catalog.importer import import_catalog_records

                report = import_catalog_records(self.ctx.sessions, [c.record for c in page.changes])
                for refused in getattr(report, "refused", []):
                    log.warning("catalog record refused from the portal: %s", refused)
                total += len(page.changes)
            cursor = page.cursor
            with session_scope(self.ctx.writer_sessions) as s:
                set_state(s, "cursor.catalog", cursor)
            if not page.more:
                return total

    def _pull_calendar(self) -> int:
        with self.ctx.sessions() as s:
            cursor = int(get_state(s, "cursor.calendar", 0))
        page = self.client.calendar_changes(cursor)
        if page.days:
            from counterapp.calendar.service import upsert_days

            with session_scope(self.ctx.writer_sessions) as s:
                upsert_days(s, [d.model_dump(mode="json") for d in page.days], source="portal")
                set_state(s, "cursor.calendar", page.cursor)
        return len(page.days)

    def _pull_blocks(self, agency_code: str, counter_id: str) -> int:
        from counterapp.dossiers.models import NumberBlock
        from counterapp.dossiers.numbering import add_number_block

        today = datetime.now(self.ctx.config.zone).date()
        days = [today + timedelta(days=i) for i in range(self.block_days)]
        with self.ctx.sessions() as s:
            have = set(s.scalars(select(NumberBlock.valid_on).where(
                NumberBlock.agency_code == agency_code, NumberBlock.source == "portal",
                NumberBlock.valid_on.in_(days))).all())
            cursor = int(get_state(s, "cursor.blocks", 0))
        missing = [d for d in days if d not in have]
        if missing:
            self.client.reserve_blocks(agency_code, counter_id, missing, self.block_size)
        page = self.client.blocks_since(agency_code, counter_id, cursor)
        if page.blocks:
            with session_scope(self.ctx.writer_sessions) as s:
                for b in page.blocks:
                    add_number_block(s, first=b.first, last=b.last, valid_on=b.valid_on, source="portal",
                                     agency_code=b.agency_code)
                set_state(s, "cursor.blocks", page.cursor)
        return len(page.blocks)

    def _pull_progress(self, counter_id: str) -> list[str]:
        from counterapp.dossiers.lifecycle import record_progress
        from counterapp.dossiers.models import Dossier, StatusChange

        changed: list[str] = []
        with self.ctx.sessions() as s:
            cursor = int(get_state(s, "cursor.progress", 0))
        portal = self.client.base_url
        while True:
            page = self.client.progress(counter_id, cursor)
            with session_scope(self.ctx.writer_sessions) as s:
                for ev in page.events:
                    marker = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{portal}/progress/{ev.cursor}"))
                    if s.scalar(select(StatusChange.id).where(StatusChange.uuid == marker)) is not None:
                        continue
                    dossier = s.scalar(select(Dossier).where(Dossier.uuid == ev.dossier_id))
                    if dossier is None:
                        continue
                    # The portal is authoritative for back-office statuses (no outbox row: it came from there).
                    change = record_progress(s, dossier, status=ev.status, at=ev.at, handler=ev.handler or None,
                                             title=ev.title or None, department=ev.department or None,
                                             content=ev.content or None, started_at=ev.step_started_at,
                                             step_due_at=ev.step_due_at, config=self.ctx.config)
                    change.uuid = marker  # pulled once only, however often asked
                    changed.append(ev.dossier_id)
                set_state(s, "cursor.progress", page.cursor)
            cursor = page.cursor
            if not page.more:
                return changed


# --- needs attention and conflicts (for the GUI's views and the CLI) -----------------------


@dataclass(frozen=True)
class ProblemItem:
    seq: int
    operation: str
    entity_id: str
    state: str
    message: str
    mine: dict[str, Any]
    theirs: dict[str, Any] | None
    attempts: int
    created_at: datetime


def problems(ctx) -> list[ProblemItem]:  # noqa: ANN001
    """Operations parked as needs_attention or conflict, oldest first (both versions for conflicts)."""
    with ctx.sessions() as s:
        rows = s.scalars(select(OutboxItem).where(OutboxItem.state.in_([OutboxState.NEEDS_ATTENTION,
                                                                         OutboxState.CONFLICT]))
                         .order_by(OutboxItem.seq)).all()
        return [ProblemItem(r.seq, r.operation, r.entity_id, r.state, r.portal_message or r.last_error or "",
                            r.payload, r.conflict, r.attempts, r.created_at) for r in rows]


def retry_item(ctx, seq: int) -> None:  # noqa: ANN001
    """Send a needs-attention item again (after the cause was fixed), same operation id."""
    with session_scope(ctx.writer_sessions) as s:
        item = s.get(OutboxItem, seq)
        if item is None or item.state != OutboxState.NEEDS_ATTENTION:
            raise ValueError("Không có mục cần xử lý này / no such needs-attention item")
        item.state, item.next_attempt_at, item.attempts = OutboxState.WAITING, None, 0


def resolve_conflict(ctx, seq: int, choice: str, *, supervisor: str, role: str) -> OutboxItem | None:  # noqa: ANN001
    """A supervisor decides a conflict. "mine": the counter's version goes again as a new
    operation (forced, e.g. `from_status` dropped; a create becomes an update); "theirs": the
    portal's version is kept and applied locally. Returns the new outbox item for "mine"."""
    from counterapp.users.roles import PermissionDenied, can

    if not can(str(role), "override"):  # the core's role table; the refusal says who may
        raise PermissionDenied("override", supervisor, str(role))
    if choice not in ("mine", "theirs"):
        raise ValueError("choice: mine | theirs")
    with session_scope(ctx.writer_sessions) as s:
        item = s.get(OutboxItem, seq)
        if item is None or item.state != OutboxState.CONFLICT:
            raise ValueError("Không có xung đột này / no such conflict")
        new = None
        theirs = item.conflict or {}
        if choice == "mine":
            payload = dict(item.payload)
            payload.pop("from_status", None)
            payload["resolves"] = item.operation_id
            operation = "dossier.update" if item.operation == "dossier.create" else item.operation
            new = enqueue(s, operation, item.entity_id, payload)
        elif theirs.get("status") is not None:
            from counterapp.dossiers.lifecycle import adopt_portal_status
            from counterapp.dossiers.models import Dossier

            dossier = s.scalar(select(Dossier).where(Dossier.uuid == item.entity_id))
            if dossier is not None and dossier.status != int(theirs["status"]):
                adopt_portal_status(s, dossier, int(theirs["status"]), by=supervisor, at=utcnow(),
                                    note="Giữ bản của cổng / kept the portal's version", config=ctx.config)
        item.state = OutboxState.SYNCED
        item.settled_at = utcnow()
        item.resolution = choice
        item.resolved_by = supervisor
        return new


def _confirm_codes(session, confirmations: list[tuple[str, str]]) -> None:  # noqa: ANN001
    try:
        from counterapp.dossiers.numbering import confirm_code
    except ImportError:  # pragma: no cover - dossiers area not installed
        return
    from counterapp.dossiers.models import Dossier

    wanted = dict(confirmations)
    rows = session.execute(select(Dossier.uuid, Dossier.code, Dossier.code_provisional)
                           .where(Dossier.uuid.in_(list(wanted)))).all()
    for uuid_, code, provisional in rows:
        if code != wanted[uuid_] or provisional:
            try:
                confirm_code(session, uuid_, wanted[uuid_])
            except (LookupError, ValueError) as exc:
                log.warning("could not confirm code %s for %s: %s", wanted[uuid_], uuid_, exc)


def _add_counts(total: SyncReport, part: SyncReport) -> None:
    for name in ("sent", "applied", "duplicates", "parked", "conflicts", "retry_later", "files", "bytes_sent"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.errors.extend(part.errors)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def engine_for(ctx, *, backend: Any = None, **kwargs: Any) -> SyncEngine:  # noqa: ANN001
    """An engine for the signed-in officer (token from the keyring)."""
    from sync.auth import current_user, load_token, portal_client

    who = current_user(ctx)
    url = who.portal_url if who else ctx.config.portal_url
    token = load_token(ctx, backend=backend) if who else None
    return SyncEngine(ctx, portal_client(ctx, url, token=token), **kwargs)


__all__ = ["SyncEngine", "SyncEvent", "SyncReport", "SyncState", "engine_for", "problems", "resolve_conflict",
           "retry_item"]
