"""What the counters pull from the reference portal, each from a cursor: the catalog and the
calendar (province data, any signed-in user), the agency's data, number blocks and the back
office's progress (scoped: an officer reads its own counters, a supervisor or admin its agency)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync import protocol as p
from sync.portal.access import check_back_office, check_read, check_write
from sync.portal.errors import ConflictError, PortalError
from sync.portal.models import CalendarEntry, CatalogEntry, NumberCounter, PortalNumberBlock, Progress, Setting

DEFAULT_AGENCY = {
    "agency_code": "H49.22",
    "agency_name": "UBND phường Hạ Long",
    "parent_agency_name": "UBND TỈNH QUẢNG NINH",
    "place_name": "Hạ Long",
    "form_headers": {"unit": "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"},
}
NO_COUNTER = "Không có quầy này / no such counter"


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def block_out(b: PortalNumberBlock) -> p.NumberBlockOut:
    return p.NumberBlockOut(id=b.id, agency_code=b.agency_code, counter_id=b.counter_id, valid_on=b.valid_on,
                            first=b.first, last=b.last)


def progress_out(r: Progress) -> p.ProgressEvent:
    return p.ProgressEvent(cursor=r.cursor, dossier_id=r.dossier_id, code=r.code, handler=r.handler, title=r.title,
                           department=r.department, content=r.content, at=r.at, status=r.status,
                           step_started_at=r.step_started_at, step_due_at=r.step_due_at)


def next_number_row(s: Session, agency: str, day: date) -> NumberCounter:
    """The day's number counter, locked until the transaction ends (two workers minting codes
    at once would otherwise both read the same next number)."""
    query = select(NumberCounter).where(NumberCounter.agency_code == agency, NumberCounter.day == day).with_for_update()
    counter = s.scalar(query)
    if counter is None:
        counter = NumberCounter(agency_code=agency, day=day, next_number=1)
        s.add(counter)
        s.flush()  # a concurrent first insert of the day breaks the unique key: the caller replays
    return counter


class FeedsMixin:
    """PortalStore's pull side and the back office's publishing."""

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

    # --- agency -------------------------------------------------------------------------
    def agency(self, who: p.WhoAmI | None = None) -> p.AgencyInfo:
        """The portal's own agency, or the signed-in user's (its data if published, else its code)."""
        with self.read() as s:
            row = s.get(Setting, "agency")
            own = p.AgencyInfo.model_validate(json.loads(row.value_json) if row else DEFAULT_AGENCY)
            if who is None or who.agency_code == own.agency_code:
                return own
            other = s.get(Setting, f"agency:{who.agency_code}")
            if other is not None:
                return p.AgencyInfo.model_validate_json(other.value_json)
            return p.AgencyInfo(agency_code=who.agency_code, agency_name=who.agency_code)

    def set_agency(self, info: p.AgencyInfo, who: p.WhoAmI | None = None) -> None:
        if who is not None:
            check_back_office(who, info.agency_code)
        with self.write() as s:
            row = s.get(Setting, "agency")
            own = json.loads(row.value_json)["agency_code"] if row else None
            key = "agency" if own in (None, info.agency_code) or who is None else f"agency:{info.agency_code}"
            held = s.get(Setting, key)
            if held is None:
                s.add(Setting(key=key, value_json=info.model_dump_json()))
            else:
                held.value_json = info.model_dump_json()

    # --- number blocks --------------------------------------------------------------------
    def reserve_blocks(self, req: p.BlockReserveRequest, who: p.WhoAmI | None = None) -> p.NumberBlocks:
        check_write(who, req.agency_code, req.counter_id)
        return self.retrying(lambda: self._reserve_blocks(req))

    def _reserve_blocks(self, req: p.BlockReserveRequest) -> p.NumberBlocks:
        out = []
        with self.write() as s:
            for day in sorted(set(req.days)):
                block = s.scalar(select(PortalNumberBlock).where(
                    PortalNumberBlock.agency_code == req.agency_code, PortalNumberBlock.counter_id == req.counter_id,
                    PortalNumberBlock.valid_on == day).order_by(PortalNumberBlock.id.desc()))
                if block is None:
                    counter = next_number_row(s, req.agency_code, day)
                    first = counter.next_number
                    last = min(first + req.size - 1, 9999)
                    if first > 9999:
                        continue
                    counter.next_number = last + 1
                    block = PortalNumberBlock(agency_code=req.agency_code, counter_id=req.counter_id, valid_on=day,
                                              first=first, last=last)
                    s.add(block)
                    s.flush()
                out.append(block_out(block))
        return p.NumberBlocks(blocks=out, cursor=max((b.id for b in out), default=0))

    def blocks_since(self, agency_code: str, counter_id: str, since: int, who: p.WhoAmI | None = None) -> p.NumberBlocks:
        check_read(who, agency_code, counter_id, NO_COUNTER)
        with self.read() as s:
            rows = s.scalars(select(PortalNumberBlock).where(
                PortalNumberBlock.agency_code == agency_code, PortalNumberBlock.counter_id == counter_id,
                PortalNumberBlock.id > since).order_by(PortalNumberBlock.id)).all()
            return p.NumberBlocks(blocks=[block_out(b) for b in rows], cursor=rows[-1].id if rows else since)

    def publish_block(self, req: p.AdminBlockPublish, who: p.WhoAmI | None = None) -> p.NumberBlockOut:
        if who is not None:
            check_back_office(who, req.agency_code)
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
            counter = next_number_row(s, req.agency_code, req.valid_on)
            counter.next_number = max(counter.next_number, req.last + 1)
            s.flush()
            return block_out(block)

    # --- progress -----------------------------------------------------------------------
    def progress_since(self, counter_id: str, since: int, who: p.WhoAmI | None = None, limit: int = 500) -> p.ProgressEvents:
        query = select(Progress).where(Progress.counter_id == counter_id, Progress.cursor > since)
        if who is not None:
            check_read(who, who.agency_code, counter_id, NO_COUNTER)
            query = query.where(Progress.agency_code == who.agency_code)
        with self.read() as s:
            rows = s.scalars(query.order_by(Progress.cursor).limit(limit + 1)).all()
            more = len(rows) > limit
            rows = rows[:limit]
            return p.ProgressEvents(events=[progress_out(r) for r in rows],
                                    cursor=rows[-1].cursor if rows else since, more=more)

    # --- province data (admin) --------------------------------------------------------------
    def publish_catalog(self, records: list[dict[str, Any]]) -> int:
        with self.write() as s:
            for record in records:
                code = str(record.get("MATTHC") or "").strip()
                if not code:
                    raise PortalError("Thiếu MATTHC / procedure code missing")
                s.add(CatalogEntry(code=code, record_json=dumps(record)))
            s.flush()
            return s.scalar(select(func.max(CatalogEntry.cursor))) or 0

    def publish_calendar(self, days: list[p.CalendarDayOut]) -> int:
        with self.write() as s:
            for d in days:
                s.add(CalendarEntry(day=d.date, kind=d.kind, name=d.name))
            s.flush()
            return s.scalar(select(func.max(CalendarEntry.cursor))) or 0
