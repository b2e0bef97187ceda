"""Finding dossiers: by code, and the list behind the dossier table (fast at 1,000,000 rows).

The list is ordered newest first by (received_at, id) and paged by keyset: pass the
`(received_at, id)` of the last row shown as `after` to get the next page (see
`next_page_key`). Every filter maps onto an index of `dossiers`:
- text: code prefix (uq code), ID number prefix, phone prefix, or words of the applicant's
  name in any order, the last one a prefix, diacritics ignored ("nguyen van an", "van an",
  "an" find "Nguyễn Văn An"; "dang" finds "Đặng ..."; FTS5 index dossier_name_search);
- status / due today / overdue: (status, current_due_at), the appointment in force (moved
  by clock pauses or a new date; see lifecycle.py);
- received dates: (received_at, id).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, column, func, literal, literal_column, or_, select, table, tuple_
from sqlalchemy.orm import Session, selectinload

from counterapp.catalog.folding import tokens
from counterapp.db.base import UTCDateTime, utcnow
from counterapp.dossiers.models import Dossier
from counterapp.dossiers.status import OPEN_STATUSES, RUNNING_STATUSES, DossierStatus, status_label
from counterapp.dossiers.subject import subject_to_dict

DEFAULT_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
_PHONE_JUNK = re.compile(r"[\s.\-()]")


def get_by_code(session: Session, code: str) -> Dossier | None:
    """The dossier with this code (or this former provisional code), with its lines loaded."""
    code = (code or "").strip()
    if not code:
        return None
    options = (selectinload(Dossier.documents), selectinload(Dossier.fees), selectinload(Dossier.status_changes))
    dossier = session.scalar(select(Dossier).where(Dossier.code == code).options(*options))
    if dossier is None:
        dossier = session.scalar(select(Dossier).where(Dossier.provisional_code == code).options(*options))
    return dossier


def get_by_uuid(session: Session, uuid: str) -> Dossier | None:
    return session.scalar(
        select(Dossier)
        .where(Dossier.uuid == uuid)
        .options(selectinload(Dossier.documents), selectinload(Dossier.fees), selectinload(Dossier.status_changes))
    )


def _prefix_range(column: Any, prefix: str) -> Any:
    """column starts with prefix, as an index range (works with the default BINARY index)."""
    stem = prefix.rstrip("\U0010ffff")  # the last code point has no successor: carry left
    if not stem:
        return column >= prefix
    upper = stem[:-1] + chr(ord(stem[-1]) + 1)
    return and_(column >= prefix, column < upper)


def _unindexed(column: Any) -> Any:
    """The same value, but SQLite cannot use an index for it (`column || ''`)."""
    return column.op("||")(literal(""))


def normalize_phone(text: str | None) -> str:
    """Digits only, national form: "+84 912 345 678" -> "0912345678"."""
    digits = _PHONE_JUNK.sub("", text or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def name_words(text: str | None) -> list[str]:
    """The folded words of a search text that can be words of a name (not bare numbers)."""
    return [w for w in tokens(text) if any(ch.isalpha() for ch in w)]


def _name_match(words: list[str], *, last_whole: bool = False) -> str:
    # Whole words, the last one a prefix (it is being typed): "van a" finds "Văn An", "Văn
    # Anh". Every word a prefix would cost 100 ms at a million names: FTS5 reads the whole
    # merged list of a prefix it has no prefix index for, but walks a word's list lazily.
    *whole, last = words  # [0-9a-z]+ words: nothing to escape
    return " ".join([f'"{w}"' for w in whole] + [f'"{last}"' if last_whole else f'"{last}"*'])


def _name_words_indexed(words: list[str]) -> Any:
    """Every word is a word of the name, the last one a word prefix, in any order
    (dossiers_0004's FTS5 index): for a rare name the matching ids are few, and they are
    read from the index."""
    ids = select(column("rowid")).select_from(table("dossier_name_search")).where(
        literal_column("dossier_name_search").op("MATCH")(_name_match(words))
    )
    return Dossier.id.in_(ids)


def _name_words_per_row(words: list[str]) -> Any:
    """The same test, row by row on the folded name: for a common name, while the list walks
    the receipt-time index and stops at the page size."""
    name = _unindexed(Dossier.applicant_name_folded)
    *whole, last = words
    tests = [or_(name == w, name.like(f"{w} %"), name.like(f"% {w}"), name.like(f"% {w} %")) for w in whole]
    tests.append(or_(name.like(f"{last}%"), name.like(f"% {last}%")))
    return and_(*tests)


def text_condition(text: str, *, use_indexes: bool = True, names: bool = True) -> Any | None:
    """The WHERE clause for the search box, or None for blank text.

    Matches a code prefix (any case), an ID-number or phone prefix (digits; phone
    typed with spaces, dots or +84 is fine) or words of the applicant's name (whole
    words, the last one a prefix, any order) with diacritics and case ignored. With use_indexes=False the
    same test is written so SQLite walks the (received_at, id) index instead (see
    list_dossiers). names=False leaves the name out.
    """
    raw = (text or "").strip()
    if not raw:
        return None

    def col(column: Any) -> Any:
        return column if use_indexes else _unindexed(column)

    terms = [_prefix_range(col(Dossier.code), raw.upper())]
    if raw.upper() != raw:
        terms.append(_prefix_range(col(Dossier.code), raw))
    digits = normalize_phone(raw)
    if digits.isdigit():
        terms.append(_prefix_range(col(Dossier.id_number), digits))
        terms.append(_prefix_range(col(Dossier.phone), digits))
    words = name_words(raw) if names else []
    if words:
        # "van an", "an", "nguyen van an" all find "Nguyễn Văn An".
        terms.append(_name_words_indexed(words) if use_indexes else _name_words_per_row(words))
    return or_(*terms)


COMMON_TEXT_THRESHOLD = 2000
"""A search text matching at least this many dossiers is "common": rather than
collecting and sorting every match, the list walks the receipt-time index newest
first and stops at the page size (a common text fills a page quickly)."""


def _matches_at_least(session: Session, condition: Any, count: int) -> bool:
    sub = select(literal(1)).select_from(Dossier).where(condition).limit(count).subquery()
    return int(session.scalar(select(func.count()).select_from(sub)) or 0) >= count


def _names_match_at_least(session: Session, match: str, count: int) -> bool:
    # Straight from the index, stopping at `count` (an IN over it would read every match).
    sub = (
        select(literal(1)).select_from(table("dossier_name_search"))
        .where(literal_column("dossier_name_search").op("MATCH")(match)).limit(count).subquery()
    )
    return int(session.scalar(select(func.count()).select_from(sub)) or 0) >= count


def _is_common_text(session: Session, text: str) -> bool:
    words = name_words(text)
    if words:
        # The last word taken whole first: a common name ("nguyen") is known in a few ms,
        # without reading the whole list of its prefix.
        for last_whole in (True, False):
            if _names_match_at_least(session, _name_match(words, last_whole=last_whole), COMMON_TEXT_THRESHOLD):
                return True
    return _matches_at_least(session, text_condition(text, names=False), COMMON_TEXT_THRESHOLD)


def _local_day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start, end


def list_dossiers(
    session: Session,
    *,
    text: str | None = None,
    status: int | Iterable[int] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    due_today: bool = False,
    overdue: bool = False,
    now: datetime | None = None,
    zone: ZoneInfo | None = None,
    procedure_code: str | None = None,
    limit: int = 100,
    offset: int = 0,
    after: tuple[datetime, int] | None = None,
    ascending: bool = False,
) -> list[Dossier]:
    """Dossiers newest first by (received_at, id).

    - text: code prefix, ID-number prefix, phone prefix or words of the applicant's
      name (any order, the last one a prefix; diacritics and case ignored);
    - status: one code or several;
    - date_from / date_to: receipt dates (inclusive) in `zone` (the site zone;
      Asia/Ho_Chi_Minh by default);
    - due_today: open dossiers (statuses 2, 4, 5, 6) whose appointment in force
      (`current_due_at`: moved by clock pauses or a new date) is today in `zone`;
    - overdue: dossiers with the administration (2, 4; not those waiting on the citizen,
      5 and 6, whose clock is paused) whose appointment in force is before `now`;
    - paging: `after=(received_at, id)` of the last row shown (keyset, fast at any
      depth), or `offset` (fine for the first pages);
    - ascending=True: oldest first (the ledger); `after` then means "later than".
    Documents, fees and history are not loaded (use get_by_code for one dossier).
    """
    zone = zone or DEFAULT_ZONE
    now = now or utcnow()
    query = select(Dossier)
    condition = text_condition(text) if text else None
    if condition is not None:
        if _is_common_text(session, text):
            condition = text_condition(text, use_indexes=False)
        query = query.where(condition)
    if status is not None:
        codes = [int(status)] if isinstance(status, int) else [int(s) for s in status]
        query = query.where(Dossier.status.in_(codes))
    if date_from is not None:
        query = query.where(Dossier.received_at >= _local_day_bounds(date_from, zone)[0])
    if date_to is not None:
        query = query.where(Dossier.received_at < _local_day_bounds(date_to, zone)[1])
    open_codes = sorted(int(s) for s in (RUNNING_STATUSES if overdue else OPEN_STATUSES))
    if due_today or overdue:
        query = query.where(Dossier.status.in_(open_codes))
    if due_today:
        start, end = _local_day_bounds(now.astimezone(zone).date(), zone)
        query = query.where(Dossier.current_due_at >= start, Dossier.current_due_at < end)
    if overdue:
        query = query.where(Dossier.current_due_at < now)
    if procedure_code:
        query = query.where(Dossier.procedure_code == procedure_code)
    if after is not None:
        received_at, last_id = after
        key = tuple_(Dossier.received_at, Dossier.id)
        bound = tuple_(literal(received_at, UTCDateTime()), literal(int(last_id)))
        query = query.where(key > bound if ascending else key < bound)
    if ascending:
        query = query.order_by(Dossier.received_at.asc(), Dossier.id.asc())
    else:
        query = query.order_by(Dossier.received_at.desc(), Dossier.id.desc())
    query = query.limit(max(1, int(limit)))
    if offset:
        query = query.offset(int(offset))
    return list(session.scalars(query))


def next_page_key(rows: list[Dossier]) -> tuple[datetime, int] | None:
    """The `after` value for the page following `rows` (None when `rows` is empty)."""
    return (rows[-1].received_at, rows[-1].id) if rows else None


def count_dossiers(session: Session, *, status: int | Iterable[int] | None = None) -> int:
    query = select(func.count()).select_from(Dossier)
    if status is not None:
        codes = [int(status)] if isinstance(status, int) else [int(s) for s in status]
        query = query.where(Dossier.status.in_(codes))
    return int(session.scalar(query) or 0)


def _iso(value: datetime | date | None) -> str | None:
    """ISO text; instants in UTC ("2026-03-02T02:00:00+00:00"), dates as "2026-03-02"."""
    if value is None:
        return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()
    return value.isoformat()


def dossier_to_dict(dossier: Dossier, *, history: bool = True) -> dict[str, Any]:
    """Everything about a dossier as JSON-able values (ISO dates, UTC instants).

    Used by `counterapp dossier show --json`, the outbox payloads and the sync
    mapping. Lines (documents, fees, history) are included when loaded or loadable.
    """
    try:
        status_text = DossierStatus(dossier.status).label_vi
    except ValueError:
        status_text = status_label(dossier.status)
    data: dict[str, Any] = {
        "uuid": dossier.uuid,
        "code": dossier.code,
        "code_provisional": bool(dossier.code_provisional),
        "provisional_code": dossier.provisional_code,
        "agency_code": dossier.agency_code,
        "counter_id": dossier.counter_id,
        "procedure_code": dossier.procedure_code,
        "procedure_name": dossier.procedure_name,
        "field_code": dossier.field_code,
        "field_name": dossier.field_name,
        "applicant": {
            "kind": dossier.applicant_kind,
            "name": dossier.applicant_name,
            "id_number": dossier.id_number,
            "old_id_number": dossier.old_id_number,
            "date_of_birth": _iso(dossier.date_of_birth),
            "sex": dossier.sex,
            "phone": dossier.phone,
            "email": dossier.email,
            "province_code": dossier.province_code,
            "province_name": dossier.province_name,
            "commune_code": dossier.commune_code,
            "commune_name": dossier.commune_name,
            "street": dossier.street,
            "address": dossier.address,
            "org_name": dossier.org_name,
            "tax_code": dossier.tax_code,
            "representative": dossier.representative,
        },
        "subject": subject_to_dict(dossier),  # dossiers_0010: None when the applicant is the only person
        "channel": dossier.channel,
        "summary": dossier.summary,
        "notes": dossier.notes,
        "sets_count": dossier.sets_count,
        "status": dossier.status,
        "status_label": status_text,
        "received_at": _iso(dossier.received_at),
        "due_at": _iso(dossier.due_at),
        "rescheduled_due_at": _iso(dossier.rescheduled_due_at),
        "reschedule_reason": dossier.reschedule_reason,
        "reschedule_count": int(dossier.reschedule_count or 0),
        "reschedule_supervisor": dossier.reschedule_supervisor,
        "current_due_at": _iso(dossier.current_due_at),
        "paused_since": _iso(dossier.paused_since),
        "paused_minutes": int(dossier.paused_minutes or 0),
        "duration_amount": dossier.duration_amount,
        "duration_unit": dossier.duration_unit,
        "due_rule": dossier.due_rule,
        "officer": dossier.officer,
        "ledger_book": dossier.ledger_book,
        "ledger_line": dossier.ledger_line,
        "lead_agency_name": dossier.lead_agency_name,
        "sent_at": _iso(dossier.sent_at),
        "result_received_at": _iso(dossier.result_received_at),
        "finished_at": _iso(dossier.finished_at),
        "returned_at": _iso(dossier.returned_at),
        "returned_to": dossier.returned_to,
        "returned_to_id_number": dossier.returned_to_id_number,
        "returned_to_applicant": bool(dossier.returned_to_applicant),
        "return_note": dossier.return_note,
        "refusal_reason": dossier.refusal_reason,
        "completion_request": dossier.completion_request,
        "created_at": _iso(dossier.created_at),
        "updated_at": _iso(dossier.updated_at),
        "version": dossier.version,
        "personal_data_removed_at": _iso(dossier.personal_data_removed_at),
    }
    data["documents"] = [
        {
            "position": d.position,
            "document_code": d.document_code,
            "name": d.name,
            "form": d.form,
            "originals_received": d.originals_received,
            "copies_received": d.copies_received,
            "required_originals": d.required_originals,
            "required_copies": d.required_copies,
            "note": d.note,
            "missing": bool(d.missing),
        }
        for d in dossier.documents
    ]
    data["fees"] = [
        {
            "position": f.position,
            "code": f.code,
            "name": f.name,
            "amount_vnd": f.amount_vnd,
            "quantity": int(f.quantity or 1),
            "unit_amount_vnd": f.unit_amount_vnd if f.unit_amount_vnd is not None else f.amount_vnd,
            "unit": f.unit,
            "method": f.method,
            "kind": f.kind,
            "paid": bool(f.paid),
            "paid_at": _iso(f.paid_at),
            "paid_by": f.paid_by,
        }
        for f in dossier.fees
    ]
    data["fees_total_vnd"] = sum(f["amount_vnd"] for f in data["fees"])
    if history:
        data["history"] = [
            {
                "uuid": c.uuid,
                "from_status": c.from_status,
                "to_status": c.to_status,
                "at": _iso(c.at),
                "by": c.by,
                "note": c.note,
                "clock_note": c.clock_note,
                "source": c.source,
                "handler": c.handler,
                "title": c.title,
                "department": c.department,
                "content": c.content,
                "step_started_at": _iso(c.step_started_at),
                "step_due_at": _iso(c.step_due_at),
                "supervisor": c.supervisor,
            }
            for c in dossier.status_changes
        ]
    return data


def dossier_summary(dossier: Dossier) -> dict[str, Any]:
    """The columns of a list row (no lines): cheap for 100 rows."""
    return {
        "uuid": dossier.uuid,
        "code": dossier.code,
        "code_provisional": bool(dossier.code_provisional),
        "procedure_code": dossier.procedure_code,
        "procedure_name": dossier.procedure_name,
        "applicant_name": dossier.applicant_name,
        "id_number": dossier.id_number,
        "phone": dossier.phone,
        "status": dossier.status,
        "status_label": status_label(dossier.status),
        "received_at": _iso(dossier.received_at),
        "due_at": _iso(dossier.due_at),
        "current_due_at": _iso(dossier.current_due_at),
        "returned_at": _iso(dossier.returned_at),
    }
