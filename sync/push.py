"""Pushing the outbox: operations in batches, one per dossier per batch, in order.

Ratings ("rating.create", counterapp/ratings/) go to their own endpoint (POST /ratings, sync/portal/
ratings.py) in batches, after the operations of the same round; each is its own chain.

A batch the portal refuses as a whole (403, 409 for a reused operation id with another body,
an unreadable body) is split and each item sent alone, so one bad operation parks alone with
the portal's message and holds back only the later operations of its own dossier.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict, deque
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from counterapp.db import session_scope, utcnow
from counterapp.outbox import UPLOAD_OPERATION, OutboxItem, OutboxState
from counterapp.ratings.service import RATING_OPERATION
from sync import protocol as p
from sync.client import AuthRequired, Conflict, Offline, Rejected, Retryable
from sync.state import SyncReport

log = logging.getLogger("sync.engine")

ALONE_AFTER_ATTEMPTS = 3
OUTCOME_STATE = {
    p.OperationOutcome.APPLIED: OutboxState.SYNCED,
    p.OperationOutcome.CONFLICT: OutboxState.CONFLICT,
    p.OperationOutcome.REJECTED: OutboxState.NEEDS_ATTENTION,
}


class PushMixin:
    """SyncEngine's push half (uses the engine's session factories, client and backoff)."""

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
            ops_ready = [e for e in ready if chains[e][0].operation not in (UPLOAD_OPERATION, RATING_OPERATION)]
            rated = [e for e in ready if chains[e][0].operation == RATING_OPERATION]
            sent_alone = False
            if rated and not ops_ready:
                fresh = [e for e in rated if chains[e][0].attempts < ALONE_AFTER_ATTEMPTS]
                sent_alone = not fresh
                batch_entities = fresh[: self.batch_size] if fresh else rated[:1]
                self._last_failure = None
                outcome = self._send_ratings([chains[e][0].seq for e in batch_entities], report)
            elif ops_ready:
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
                '{"operation_id":%s,"operation":%s,"entity_id":%s,"created_at":%s,"payload":%s}' % (  # noqa: UP031 - the hot path
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

    def _send_ratings(self, seqs: list[int], report: SyncReport) -> list[str] | str:
        """POST /ratings: the payloads spliced as they are queued; each answer settles its row."""
        with session_scope(self.ctx.writer_sessions) as s:
            items = s.scalars(select(OutboxItem).where(OutboxItem.seq.in_(seqs)).order_by(OutboxItem.seq)).all()
            s.execute(update(OutboxItem).where(OutboxItem.seq.in_(seqs))
                      .values(state=OutboxState.SENDING, attempts=OutboxItem.attempts + 1))
        report.sent += len(items)
        try:
            answer = self.client.push_ratings_json(
                ('{"ratings":[' + ",".join(i.payload_json for i in items) + "]}").encode("utf-8"))
        except (Offline, Retryable) as exc:
            self._retry_later(seqs, exc, report)
            if isinstance(exc, Offline):
                raise
            self._last_failure = exc
            return "stop"
        except AuthRequired:
            self._retry_later(seqs, None, report, backoff=False)
            raise
        except (Rejected, Conflict) as exc:  # refused as a whole: each alone, so one bad rating parks alone
            if len(items) > 1:
                self._retry_later(seqs, None, report, backoff=False, alone=True)
                return "stop"
            self._park(items[0].seq, OutboxState.NEEDS_ATTENTION, exc.message)
            report.parked += 1
            return []
        results = {r.uuid: r for r in answer.results}
        applied: list[str] = []
        now = utcnow()
        with session_scope(self.ctx.writer_sessions) as s:
            for item in items:
                row = s.get(OutboxItem, item.seq)
                result = results.get(item.entity_id)
                if result is None:
                    row.state, row.last_error = OutboxState.WAITING, "Cổng không trả lời / no answer for this rating"
                    row.next_attempt_at = now + timedelta(seconds=self._backoff(row.attempts))
                    report.retry_later += 1
                elif result.outcome == p.OperationOutcome.APPLIED:
                    row.state, row.settled_at, row.last_error = OutboxState.SYNCED, now, None
                    row.result_json = result.model_dump_json()
                    applied.append(item.entity_id)
                    report.applied += 1
                    report.duplicates += int(result.duplicate)
                else:
                    row.state = OutboxState.NEEDS_ATTENTION
                    row.portal_message = row.last_error = result.message
                    report.parked += 1
        self._emit("items", (), done_delta=len(seqs))
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

