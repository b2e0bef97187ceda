"""The counter's own users (table `users`, migration users_0001): who may sign in here.

Why a local table when the portal has users: a counter works offline and many sites run
without the portal's accounts; the site's admin adds the officers of this counter
(`counterapp user add`). A portal user who signs in is mirrored here with source "portal"
(the portal stays the authority for those; the offline verifier is in
sync_offline_verifiers).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from counterapp.db.base import Base, UTCDateTime, utcnow


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(128), unique=True)
    full_name: Mapped[str] = mapped_column(Text)  # printed on forms, recorded on dossiers
    title: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    role: Mapped[str] = mapped_column(String(16), default="officer")  # officer | supervisor | admin
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    verifier: Mapped[str | None] = mapped_column(Text)  # "scrypt$n$r$p$salt$hash"; None for portal users
    source: Mapped[str] = mapped_column(String(16), default="local")  # local | portal
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
