"""The `calendar_days` table: days off and make-up working days loaded as data.

One row per date. `kind` is "off" (a weekday that is a day off) or "work" (a weekend
day that is a make-up working day, or a default holiday that is worked after all).
`source` says where the row came from: "import" (an IT file) or "portal" (synced).
The statutory defaults from the `holidays` library are not stored; rows here overlay them.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from counterapp.db.base import Base, UTCDateTime, utcnow


class DayKind(StrEnum):
    OFF = "off"
    WORK = "work"


class DaySource(StrEnum):
    IMPORT = "import"
    PORTAL = "portal"


class CalendarDay(Base):
    __tablename__ = "calendar_days"
    __table_args__ = (
        CheckConstraint("kind IN ('off', 'work')", name="kind"),
        CheckConstraint("source IN ('import', 'portal')", name="source"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(255), default="")
    source: Mapped[str] = mapped_column(String(16), default=DaySource.IMPORT)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"CalendarDay({self.day.isoformat()} {self.kind} {self.name!r} {self.source})"
