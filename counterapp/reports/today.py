"""Today at this counter: the seven numbers a supervisor opens the day with, and the list of
dossiers behind each one.

Every figure is one SQL condition on `dossiers` (`figure_condition`): the number is a COUNT
under it and the list behind the number is a SELECT under the very same condition, so a list
can never disagree with its tile. "Today" is the site's day (`counterapp.clock`), never the
PC's. All is read from this counter's own database, offline: each figure carries
`scope = "counter"` and the counter's id, so the window says whose figure it is (the portal's
agency-wide figures, when pulled, would say "agency").

The figures (the dossier list's own filters agree with three of them: "Hẹn trả hôm nay" is
`due_today`, "Quá hạn" is `overdue`, a status filter 5 or 6 is `waiting_citizen`):
- received: received today (site zone), refusals (status 3, "không được tiếp nhận") left out;
- returned: result handed over today (`returned_at`);
- due_today: still open (2, 4, 5, 6) with the appointment in force (`current_due_at`) today;
- overdue: with the administration (2, 4) and the appointment in force already passed;
- waiting_citizen: waiting on the citizen, status 5 (documents) or 6 (financial obligation);
- not_synced: something of the dossier (its operations or files) not yet acknowledged by the
  portal: waiting, sending, needing attention or in conflict (counterapp/outbox.py);
- provisional: the code was made without a number block and the portal has not confirmed it.

Each is one COUNT: received on (received_at, id), returned on reports_0001's returned_at index,
due today / overdue / waiting on (status, current_due_at), "not synced" through the outbox's
(state, seq) and upload-owner indexes; provisional codes have no index of their own (the flag is
read row by row). Measured with bench/dashboard.py at 1,000,000 dossiers: the seven figures in
5 ms (median), the figures and the four queues together in 49 ms (target 200 ms).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, literal_column, or_, select
from sqlalchemy.orm import Session, load_only

from counterapp.clock import site_now
from counterapp.config import SiteConfig
from counterapp.dossiers.models import Dossier
from counterapp.dossiers.status import OPEN_STATUSES, PAUSED_STATUSES, RUNNING_STATUSES, DossierStatus
from counterapp.outbox import UPLOAD_OPERATION, OutboxItem, OutboxState

SCOPE_COUNTER = "counter"
"""Computed from this counter's own database (the portal's figures would be "agency")."""

FIGURE_KEYS = ("received", "returned", "due_today", "overdue", "waiting_citizen", "not_synced", "provisional")

LABELS: dict[str, tuple[str, str]] = {
    "received": ("Tiếp nhận hôm nay", "Received today"),
    "returned": ("Đã trả kết quả hôm nay", "Returned today"),
    "due_today": ("Hẹn trả hôm nay", "Due today"),
    "overdue": ("Quá hạn", "Overdue"),
    "waiting_citizen": ("Chờ công dân bổ sung", "Waiting on the citizen"),
    "not_synced": ("Chưa đồng bộ", "Not yet synced"),
    "provisional": ("Mã tạm chưa xác nhận", "Provisional codes unconfirmed"),
}


class UnknownFigure(KeyError):
    def __init__(self, key: str) -> None:
        super().__init__(f"Không có số liệu {key!r} ({', '.join(FIGURE_KEYS)}) / no figure {key!r}")
        self.key = key

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Figure:
    key: str
    count: int
    label_vi: str
    label_en: str
    scope: str = SCOPE_COUNTER


@dataclass(frozen=True)
class TodayFigures:
    day: date  # the site's today
    at: datetime  # when computed (aware, site zone)
    counter_id: str
    agency_code: str
    figures: tuple[Figure, ...]
    scope: str = SCOPE_COUNTER

    def count(self, key: str) -> int:
        for f in self.figures:
            if f.key == key:
                return f.count
        raise UnknownFigure(key)

    @property
    def scope_text(self) -> str:
        """Whose figures (vi / en), to print beside them."""
        return (f"Số liệu của quầy {self.counter_id} ({self.agency_code}), tính trên máy này / "
                f"this counter's figures ({self.counter_id}, {self.agency_code}), computed on this PC")

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "at": self.at.isoformat(),
            "scope": self.scope,
            "counter_id": self.counter_id,
            "agency_code": self.agency_code,
            "figures": {f.key: {"count": f.count, "label_vi": f.label_vi, "label_en": f.label_en,
                                "scope": f.scope} for f in self.figures},
        }


@dataclass(frozen=True)
class DossierItem:
    """One dossier behind a figure or in a queue, as plain data (no ORM object)."""

    code: str
    uuid: str
    applicant_name: str
    phone: str | None
    procedure_code: str
    procedure_name: str
    status: int
    received_at: datetime
    due_at: datetime | None  # the original appointment (on time is judged against it)
    due_in_force: datetime | None  # the appointment in force (moved by pauses or a new date)
    provisional: bool
    returned_at: datetime | None = None
    result_received_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        def iso(v: datetime | None) -> str | None:
            return v.astimezone(UTC).isoformat() if v is not None else None

        return {
            "code": self.code, "uuid": self.uuid, "applicant_name": self.applicant_name, "phone": self.phone,
            "procedure_code": self.procedure_code, "procedure_name": self.procedure_name, "status": self.status,
            "received_at": iso(self.received_at), "due_at": iso(self.due_at),
            "due_in_force": iso(self.due_in_force), "provisional": self.provisional,
            "returned_at": iso(self.returned_at), "result_received_at": iso(self.result_received_at),
            **{k: (iso(v) if isinstance(v, datetime) else v) for k, v in self.extra.items()},
        }


ITEM_COLUMNS = (
    Dossier.id, Dossier.code, Dossier.uuid, Dossier.applicant_name, Dossier.org_name, Dossier.phone,
    Dossier.procedure_code, Dossier.procedure_name, Dossier.status, Dossier.received_at, Dossier.due_at,
    Dossier.current_due_at, Dossier.code_provisional, Dossier.returned_at, Dossier.result_received_at,
    Dossier.finished_at, Dossier.version,
)
"""What `item_of` reads: lists load only these (a dossier row has some 70 columns)."""


def item_options() -> Any:
    return load_only(*ITEM_COLUMNS)


def item_of(d: Dossier, **extra: Any) -> DossierItem:
    return DossierItem(
        code=d.code, uuid=d.uuid, applicant_name=d.applicant_name or d.org_name or "", phone=d.phone,
        procedure_code=d.procedure_code or "", procedure_name=d.procedure_name or "", status=int(d.status),
        received_at=d.received_at, due_at=d.due_at, due_in_force=d.current_due_at or d.due_at,
        provisional=bool(d.code_provisional), returned_at=d.returned_at, result_received_at=d.result_received_at,
        extra=dict(extra),
    )


# --------------------------------------------------------------------------- conditions
def day_bounds(day: date, config: SiteConfig) -> tuple[datetime, datetime]:
    """[start, end) of a local day at the site, as aware instants."""
    zone = config.zone
    return (datetime.combine(day, time(0), tzinfo=zone),
            datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone))


def _codes(statuses: frozenset[DossierStatus]) -> list[int]:
    return sorted(int(s) for s in statuses)


def _not_synced_condition() -> Any:
    pending = [s.value for s in OutboxState if s is not OutboxState.SYNCED]
    own = select(OutboxItem.entity_id).where(OutboxItem.state.in_(pending))
    # Spelled as outbox.dossier_sync_states spells it (the partial index ix_outbox_upload_owner).
    owner = func.json_extract(OutboxItem.payload_json, literal_column("'$.dossier_id'"))
    files = select(owner).where(OutboxItem.operation == UPLOAD_OPERATION, OutboxItem.state.in_(pending))
    return or_(Dossier.uuid.in_(own), Dossier.uuid.in_(files))


def figure_condition(key: str, config: SiteConfig, now: datetime) -> Any:
    """The WHERE clause on `dossiers` behind figure `key` at instant `now` (aware)."""
    start, end = day_bounds(now.astimezone(config.zone).date(), config)
    if key == "received":
        return (Dossier.received_at >= start) & (Dossier.received_at < end) & (
            Dossier.status != int(DossierStatus.REFUSED))
    if key == "returned":
        return (Dossier.returned_at >= start) & (Dossier.returned_at < end)
    if key == "due_today":
        return (Dossier.status.in_(_codes(OPEN_STATUSES)) & (Dossier.current_due_at >= start)
                & (Dossier.current_due_at < end))
    if key == "overdue":
        return Dossier.status.in_(_codes(RUNNING_STATUSES)) & (Dossier.current_due_at < now)
    if key == "waiting_citizen":
        return Dossier.status.in_(_codes(PAUSED_STATUSES))
    if key == "not_synced":
        return _not_synced_condition()
    if key == "provisional":
        return Dossier.code_provisional == literal_column("1")  # spelled as ix_dossiers_code_provisional_true
    raise UnknownFigure(key)


def _now(config: SiteConfig, now: datetime | None) -> datetime:
    if now is None:
        return site_now(config.zone)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware / thời điểm thiếu múi giờ")
    return now.astimezone(config.zone)


# --------------------------------------------------------------------------- the figures
def today_figures(session: Session, config: SiteConfig, *, now: datetime | None = None) -> TodayFigures:
    """The seven figures of the site's today (`now`: for tests and reports; default the
    site's current instant)."""
    at = _now(config, now)
    figures = []
    for key in FIGURE_KEYS:
        count = session.scalar(select(func.count()).select_from(Dossier).where(figure_condition(key, config, at)))
        vi, en = LABELS[key]
        figures.append(Figure(key, int(count or 0), vi, en))
    return TodayFigures(day=at.date(), at=at, counter_id=config.counter_id or "",
                        agency_code=config.agency_code or "", figures=tuple(figures))


def figure_dossiers(session: Session, config: SiteConfig, key: str, *, now: datetime | None = None,
                    limit: int | None = 1000) -> list[DossierItem]:
    """The dossiers behind figure `key`: due ones by their appointment in force, the others
    newest received first. `limit` None = all of them."""
    at = _now(config, now)
    query = select(Dossier).options(item_options()).where(figure_condition(key, config, at))
    if key in ("due_today", "overdue"):
        query = query.order_by(Dossier.current_due_at.asc(), Dossier.id.asc())
    elif key == "returned":
        query = query.order_by(Dossier.returned_at.desc(), Dossier.id.desc())
    else:
        query = query.order_by(Dossier.received_at.desc(), Dossier.id.desc())
    if limit is not None:
        query = query.limit(int(limit))
    return [item_of(d) for d in session.scalars(query)]


def figure_codes(session: Session, config: SiteConfig, key: str, *, now: datetime | None = None) -> list[str]:
    """Only the codes behind figure `key` (every one)."""
    at = _now(config, now)
    return list(session.scalars(select(Dossier.code).where(figure_condition(key, config, at))
                                .order_by(Dossier.code)))


__all__ = [
    "FIGURE_KEYS", "LABELS", "SCOPE_COUNTER", "DossierItem", "Figure", "TodayFigures", "UnknownFigure",
    "day_bounds", "figure_codes", "figure_condition", "figure_dossiers", "item_of", "today_figures",
]
