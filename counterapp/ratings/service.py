"""Recording a rating and counting them (core: no Qt, no network).

- `record_rating(ctx, code, score, ...)`: one rating of one visit (intake or return) of the
  dossier `code`, by the officer who served. The rating and its outbox row ("rating.create",
  entity = the rating's own uuid, so a rating the portal refuses never holds back the dossier's
  own operations) commit in one transaction. A second rating of the same visit is refused.
- `satisfaction(session, date_from, date_to, zone, by=...)`: counts per officer or per procedure
  over a period of site-zone days, with the satisfaction rate = satisfied / rated (the share the
  province's SIPAS index reports); `reason_counts` for the reasons ticked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from counterapp.db.base import new_uuid, utcnow
from counterapp.db.engine import session_scope
from counterapp.officer import Officer, configured_officer_or_none
from counterapp.outbox import enqueue
from counterapp.ratings.models import OCCASIONS, SCORES, Rating
from counterapp.ratings.reasons import reason_codes

if TYPE_CHECKING:
    from counterapp.app import AppContext

RATING_OPERATION = "rating.create"
SCORE_LABELS = {"satisfied": "Hài lòng", "normal": "Bình thường", "unsatisfied": "Không hài lòng"}
OCCASION_LABELS = {"intake": "Tiếp nhận", "return": "Trả kết quả"}


class RatingError(ValueError):
    """A rating refused; nothing was written. The message is for the officer (vi / en)."""


@dataclass(frozen=True)
class RatingInfo:
    uuid: str
    dossier_code: str
    dossier_uuid: str
    procedure_code: str
    score: str
    reasons: tuple[str, ...]
    occasion: str
    officer_name: str
    officer_username: str
    rated_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid, "dossier_code": self.dossier_code, "dossier_uuid": self.dossier_uuid,
            "procedure_code": self.procedure_code, "score": self.score, "reasons": list(self.reasons),
            "occasion": self.occasion, "officer_name": self.officer_name,
            "officer_username": self.officer_username, "rated_at": self.rated_at.isoformat(),
        }


def _info(row: Rating) -> RatingInfo:
    return RatingInfo(uuid=row.uuid, dossier_code=row.dossier_code, dossier_uuid=row.dossier_uuid,
                      procedure_code=row.procedure_code, score=row.score, reasons=tuple(row.reasons),
                      occasion=row.occasion, officer_name=row.officer_name,
                      officer_username=row.officer_username, rated_at=row.rated_at)


def _check_choice(value: str, allowed: Iterable[str], vi: str, en: str) -> str:
    text = (value or "").strip().lower()
    allowed = tuple(allowed)
    if text not in allowed:
        raise RatingError(f"{vi} không hợp lệ: {value!r} (chọn {', '.join(allowed)}) / invalid {en} {value!r} "
                          f"(one of {', '.join(allowed)})")
    return text


def _reasons(reasons: Iterable[str], config: Any) -> list[str]:
    known = reason_codes(config)
    chosen: list[str] = []
    for reason in reasons:
        code = (reason or "").strip()
        if not code:
            continue
        if code not in known:
            raise RatingError(f"Lý do không có trong danh sách: {code!r} (có: {', '.join(known)}) / unknown reason "
                              f"{code!r} (known: {', '.join(known)})")
        if code not in chosen:
            chosen.append(code)
    return chosen


def _officer(officer: Officer | str | None, config: Any, fallback: str) -> tuple[str, str]:
    """(full name, user name) of who served: the one given, else the site's configured officer,
    else the dossier's receiving officer."""
    if isinstance(officer, Officer):
        return officer.full_name, officer.username
    name = " ".join(str(officer or "").split())
    if name:
        return name, ""
    configured = configured_officer_or_none(config)
    if configured is not None:
        return configured.full_name, configured.username
    if fallback:
        return fallback, ""
    raise RatingError("Thiếu họ tên cán bộ phục vụ / the serving officer's name is missing")


def record_rating(
    ctx: AppContext,
    code: str,
    score: str,
    *,
    reasons: Iterable[str] = (),
    occasion: str = "intake",
    officer: Officer | str | None = None,
    at: datetime | None = None,
) -> RatingInfo:
    """Store the citizen's rating of a visit and queue it for the portal, in one transaction.

    `score`: satisfied | normal | unsatisfied; `reasons`: codes of `reasons.load_reasons`;
    `occasion`: intake | return (a return needs the result handed over). RatingError (nothing
    written) for bad input or a visit already rated; DossierNotFound for an unknown code."""
    from counterapp.dossiers.intake_request import DossierNotFound
    from counterapp.dossiers.queries import get_by_code

    score = _check_choice(score, SCORES, "Mức đánh giá", "score")
    occasion = _check_choice(occasion, OCCASIONS, "Lần đánh giá", "occasion")
    chosen = _reasons(reasons, ctx.config)
    moment = at or utcnow()
    if moment.tzinfo is None:
        raise RatingError("Thời điểm đánh giá thiếu múi giờ / the rating's moment has no time zone")
    with session_scope(ctx.writer_sessions) as session:
        dossier = get_by_code(session, code)
        if dossier is None:
            raise DossierNotFound(code)
        if occasion == "return" and dossier.returned_at is None:
            raise RatingError(f"Hồ sơ {dossier.code} chưa trả kết quả: chưa thể đánh giá lần trả / dossier "
                              f"{dossier.code} has not been returned yet: no return to rate")
        if session.scalar(select(Rating.id).where(Rating.dossier_id == dossier.id, Rating.occasion == occasion)):
            raise RatingError(f"Hồ sơ {dossier.code} đã được đánh giá lần {OCCASION_LABELS[occasion].lower()} / "
                              f"dossier {dossier.code} was already rated at {occasion}")
        name, username = _officer(officer, ctx.config, dossier.officer)
        row = Rating(uuid=new_uuid(), dossier_id=dossier.id, dossier_uuid=dossier.uuid, dossier_code=dossier.code,
                     procedure_code=dossier.procedure_code or "", procedure_name=dossier.procedure_name or "",
                     score=score, reasons_json=json.dumps(chosen, ensure_ascii=False), occasion=occasion,
                     officer_name=name, officer_username=username, rated_at=moment, created_at=utcnow())
        session.add(row)
        session.flush()
        info = _info(row)
        enqueue(session, RATING_OPERATION, row.uuid, {
            **info.to_dict(), "procedure_name": row.procedure_name,
            "agency_code": dossier.agency_code, "counter_id": dossier.counter_id or ctx.config.counter_id,
        })
    return info


def ratings_of(session: Session, code: str) -> list[RatingInfo]:
    """The ratings of a dossier (by its code or former provisional code), oldest first."""
    from counterapp.dossiers.queries import get_by_code

    dossier = get_by_code(session, code)
    if dossier is None:
        return []
    rows = session.scalars(select(Rating).where(Rating.dossier_id == dossier.id).order_by(Rating.rated_at, Rating.id))
    return [_info(r) for r in rows]


# --------------------------------------------------------------------------- counts
@dataclass(frozen=True)
class SatisfactionRow:
    """Counts of one officer's or one procedure's ratings (key "" = every rating of the period)."""

    key: str
    label: str
    satisfied: int
    normal: int
    unsatisfied: int

    @property
    def total(self) -> int:
        return self.satisfied + self.normal + self.unsatisfied

    @property
    def rate(self) -> float | None:
        """Satisfied / rated, None when nothing was rated."""
        return self.satisfied / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "satisfied": self.satisfied, "normal": self.normal,
                "unsatisfied": self.unsatisfied, "total": self.total, "rate": self.rate}


def period_bounds(date_from: date, date_to: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) instants of the site-zone days date_from..date_to (inclusive)."""
    if date_to < date_from:
        raise RatingError(f"Khoảng ngày ngược: {date_from} > {date_to} / the period ends before it starts")
    start = datetime.combine(date_from, time(0), tzinfo=zone)
    end = datetime.combine(date_to + timedelta(days=1), time(0), tzinfo=zone)
    return start, end


def satisfaction(
    session: Session,
    date_from: date,
    date_to: date,
    zone: ZoneInfo,
    *,
    by: Literal["officer", "procedure", "total"] = "officer",
    occasion: str | None = None,
) -> list[SatisfactionRow]:
    """Ratings given on the site-zone days date_from..date_to (inclusive), per officer (key =
    full name), per procedure (key = code, label = name) or in total (one row, key ""); most
    rated first. `occasion` ("intake" | "return") counts one kind of visit only."""
    start, end = period_bounds(date_from, date_to, zone)
    if by == "officer":
        key, label = Rating.officer_name, func.max(Rating.officer_name)
    elif by == "procedure":
        key, label = Rating.procedure_code, func.max(Rating.procedure_name)
    elif by == "total":
        key, label = None, None
    else:
        raise RatingError(f"Không đếm theo {by!r} được (officer, procedure, total) / cannot count by {by!r}")
    counts = [func.coalesce(func.sum(case((Rating.score == s, 1), else_=0)), 0) for s in SCORES]
    query = select(*( [key, label] if key is not None else []), *counts).where(
        Rating.rated_at >= start, Rating.rated_at < end)
    if occasion:
        query = query.where(Rating.occasion == _check_choice(occasion, OCCASIONS, "Lần đánh giá", "occasion"))
    if key is not None:
        query = query.group_by(key)
        rows = [SatisfactionRow(str(k or ""), str(lbl or ""), int(a), int(b), int(c))
                for k, lbl, a, b, c in session.execute(query)]
    else:
        a, b, c = session.execute(query).one()
        rows = [SatisfactionRow("", "", int(a), int(b), int(c))]
    rows.sort(key=lambda r: (-r.total, r.key))
    return rows


def reason_counts(session: Session, date_from: date, date_to: date, zone: ZoneInfo,
                  *, score: str | None = None) -> dict[str, int]:
    """How often each reason was ticked in the period (optionally for one score only)."""
    start, end = period_bounds(date_from, date_to, zone)
    query = select(Rating.reasons_json).where(Rating.rated_at >= start, Rating.rated_at < end,
                                              Rating.reasons_json != "[]")
    if score:
        query = query.where(Rating.score == _check_choice(score, SCORES, "Mức đánh giá", "score"))
    counts: dict[str, int] = {}
    for text in session.scalars(query):
        for code in json.loads(text or "[]"):
            counts[code] = counts.get(code, 0) + 1
    return counts
