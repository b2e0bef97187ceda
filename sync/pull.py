"""Pulling what the portal decides: agency data, catalog, calendar, number blocks and the
back office's progress, each from its own cursor (kept in sync_state)."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select

from counterapp.db import session_scope
from counterapp.outbox import get_state, set_state
from sync.state import SyncReport

log = logging.getLogger("sync.engine")


class PullMixin:
    """SyncEngine's pull half."""

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

