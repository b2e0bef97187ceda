"""The `ratings` table (migration ratings_0001): one citizen's rating of one visit.

A rating belongs to a dossier (its id, and its uuid and code as they were, so a rating still
says which dossier after the code was confirmed) and to the officer who served (full name as
dossiers record it, and the user name when someone was signed in). `occasion` says which visit:
"intake" (the dossier was received) or "return" (the result was handed over); one rating per
dossier per occasion. Denormalised on purpose: `procedure_code` / `procedure_name` so counts by
procedure over a period need no join (see service.satisfaction).
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from counterapp.db.base import Base, UTCDateTime, new_uuid, utcnow

SCORES = ("satisfied", "normal", "unsatisfied")
OCCASIONS = ("intake", "return")


class Rating(Base):
    __tablename__ = "ratings"
    __table_args__ = (
        UniqueConstraint("dossier_id", "occasion"),
        Index("ix_ratings_rated_at", "rated_at"),
        Index("ix_ratings_officer_rated_at", "officer_name", "rated_at"),
        Index("ix_ratings_procedure_rated_at", "procedure_code", "rated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"))
    dossier_uuid: Mapped[str] = mapped_column(String(36))
    dossier_code: Mapped[str] = mapped_column(String(64))
    procedure_code: Mapped[str] = mapped_column(String(64), default="")
    procedure_name: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[str] = mapped_column(String(16))  # SCORES
    reasons_json: Mapped[str] = mapped_column(Text, default="[]")  # reason codes
    occasion: Mapped[str] = mapped_column(String(16))  # OCCASIONS
    officer_name: Mapped[str] = mapped_column(Text)
    officer_username: Mapped[str] = mapped_column(String(128), default="")
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def reasons(self) -> list[str]:
        return list(json.loads(self.reasons_json or "[]"))
