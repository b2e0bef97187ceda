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

import logging
import os
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from counterapp.db import session_scope, utcnow
from counterapp.outbox import OutboxItem, OutboxState, get_state, outbox_counts, set_state
from sync import protocol as p
from sync.client import AuthRequired, Conflict, Offline, PortalClient, Rejected, Retryable
from sync.problems import ProblemItem, problems, resolve_conflict, retry_item
from sync.pull import PullMixin
from sync.push import ALONE_AFTER_ATTEMPTS, OUTCOME_STATE, PushMixin, _confirm_codes
from sync.state import SyncEvent, SyncReport, SyncState, _add_counts
from sync.upload import UploadMixin, _sha256_file

log = logging.getLogger(__name__)


class SyncEngine(PushMixin, UploadMixin, PullMixin):
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
        # Never above the protocol's chunk size: the portal refuses a larger body (413).
        self.chunk_size = max(1, min(int(chunk_size or cfg.get("chunk_size", 256 * 1024)), p.MAX_CHUNK_BYTES))
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
        self._pull_streak = 0
        self._pull_not_before = 0.0
        self._pull_message = ""
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
                self._pull_or_back_off(report)
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

    def _pull_or_back_off(self, report: SyncReport) -> None:
        """Pull, unless an earlier pull met a 5xx / 429 and its backoff is not over. A failing
        pull waits like a failing push (capped exponential backoff with jitter, Retry-After
        honoured) and ends as a message in the report, never as an exception."""
        wait = self._pull_not_before - time.monotonic()
        if wait > 0:
            report.pull_error = self._pull_message
            report.pull_retry_in = wait
            return
        try:
            self._pull(report)
        except AuthRequired:
            raise
        except Retryable as exc:
            self._pull_streak += 1
            wait = self._backoff(self._pull_streak, exc.retry_after)
            self._pull_message = (f"Cổng tạm lỗi khi nhận dữ liệu, thử lại sau {wait:.0f} giây / the portal failed "
                                  f"while pulling, retrying in {wait:.0f} s ({exc.message})")
        except (Rejected, Conflict) as exc:  # a refusal: asking again at once cannot help
            self._pull_streak += 1
            wait = max(self.poll_interval, self._backoff(self._pull_streak))
            self._pull_message = f"Cổng từ chối khi nhận dữ liệu / the portal refused a pull: {exc.message}"
        else:
            self._pull_streak, self._pull_not_before, self._pull_message = 0, 0.0, ""
            return
        log.info("%s", self._pull_message)
        self._pull_not_before = time.monotonic() + wait
        report.pull_error = self._pull_message
        report.pull_retry_in = wait
        report.errors.append(self._pull_message)

    def _finish(self, report: SyncReport, **extra: Any) -> None:
        now = utcnow()
        with self.ctx.sessions() as s:
            report.remaining = s.scalar(select(func.count()).select_from(OutboxItem).where(
                OutboxItem.state.in_([OutboxState.WAITING, OutboxState.SENDING]))) or 0
            due = [self._due_in(s, OutboxItem, now)]
        report.due_now = sum(d[0] for d in due)
        waits = [d[1] for d in due if d[1] is not None]
        if report.pull_retry_in is not None:
            waits.append(report.pull_retry_in)
        report.next_attempt_in = min(waits) if waits else None
        if report.online and report.remaining == 0:
            with session_scope(self.ctx.writer_sessions) as s:
                set_state(s, "last_synced_at", now.isoformat())
        self._refresh_counts(online=report.online, sending=False, pull_error=report.pull_error,
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


def engine_for(ctx, *, backend: Any = None, **kwargs: Any) -> SyncEngine:  # noqa: ANN001
    """An engine for the signed-in officer (token from the keyring)."""
    from sync.auth import current_user, load_token, portal_client

    who = current_user(ctx)
    url = who.portal_url if who else ctx.config.portal_url
    token = load_token(ctx, backend=backend) if who else None
    return SyncEngine(ctx, portal_client(ctx, url, token=token), **kwargs)


__all__ = ["ALONE_AFTER_ATTEMPTS", "OUTCOME_STATE", "ProblemItem", "SyncEngine", "SyncEvent", "SyncReport",
           "SyncState", "_add_counts", "_confirm_codes", "_sha256_file", "engine_for", "problems",
           "resolve_conflict", "retry_item"]
