"""Typed models of the procedure catalog (the national LayThuTuc shape, normalised)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from counterapp.db.base import Base, UTCDateTime, utcnow

CHANNEL_NAMES = {1: "Trực tiếp", 2: "Trực tuyến", 3: "Dịch vụ bưu chính"}


class Procedure(Base):
    __tablename__ = "procedures"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    publishing_agency_code: Mapped[str | None] = mapped_column(String(64))
    level: Mapped[str | None] = mapped_column(String(32))  # "Cấp tỉnh" | "Cấp xã"
    online_level: Mapped[str | None] = mapped_column(String(32))  # "Toàn trình" | "Một phần"
    requirements: Mapped[str | None] = mapped_column(Text)  # YEUCAU: conditions
    cutoff_time: Mapped[str | None] = mapped_column(String(5))  # "HH:MM"
    publication_status: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    fields: Mapped[list[ProcedureField]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="ProcedureField.position"
    )
    agencies: Mapped[list[ExecutingAgency]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="ExecutingAgency.position"
    )
    steps: Mapped[list[ProcedureStep]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="ProcedureStep.position"
    )
    channels: Mapped[list[Channel]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="Channel.position"
    )
    documents: Mapped[list[RequiredDocument]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="RequiredDocument.position"
    )
    target_groups: Mapped[list[TargetGroup]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="TargetGroup.position"
    )
    results: Mapped[list[ProcedureResult]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="ProcedureResult.position"
    )
    legal_bases: Mapped[list[LegalBasis]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="LegalBasis.position"
    )

    @property
    def field_names(self) -> str:
        return "; ".join(f.name for f in self.fields)

    def channel(self, kind: int) -> Channel | None:
        return next((c for c in self.channels if c.kind == kind), None)


class _Child:
    """Columns every child row of a procedure has."""

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ProcedureField(_Child, Base):
    __tablename__ = "procedure_fields"
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    code: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    procedure: Mapped[Procedure] = relationship(back_populates="fields")


class ExecutingAgency(_Child, Base):
    __tablename__ = "executing_agencies"
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    code: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    procedure: Mapped[Procedure] = relationship(back_populates="agencies")


class ProcedureStep(_Child, Base):
    __tablename__ = "procedure_steps"
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    case_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    procedure: Mapped[Procedure] = relationship(back_populates="steps")


class Channel(_Child, Base):
    """A way to submit (1 direct, 2 online, 3 post) with its time limits and fees."""

    __tablename__ = "channels"
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    kind: Mapped[int] = mapped_column(Integer)
    procedure: Mapped[Procedure] = relationship(back_populates="channels")
    time_limits: Mapped[list[TimeLimit]] = relationship(
        back_populates="channel", cascade="all, delete-orphan", order_by="TimeLimit.position"
    )

    @property
    def kind_name(self) -> str:
        return CHANNEL_NAMES.get(self.kind, str(self.kind))


class TimeLimit(_Child, Base):
    __tablename__ = "time_limits"
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"), index=True)
    amount: Mapped[float] = mapped_column()  # THOIGIANGIAIQUYET; may be fractional (0.5 day)
    unit: Mapped[str] = mapped_column(String(32))  # "Ngày làm việc" | "Ngày" | "Giờ làm việc"
    description: Mapped[str | None] = mapped_column(Text)
    # The appointment rule the importer read from the time text (MOTA): "ngay trong ngày"
    # -> same_day; "nhận hồ sơ sau 15 giờ" -> cutoff_time "15:00". NULL = not read (an
    # import older than catalog_0003): the rule is then read from `description` when needed.
    same_day: Mapped[bool | None] = mapped_column(Boolean)
    cutoff_time: Mapped[str | None] = mapped_column(String(5))
    channel: Mapped[Channel] = relationship(back_populates="time_limits")
    fees: Mapped[list[Fee]] = relationship(
        back_populates="time_limit", cascade="all, delete-orphan", order_by="Fee.position"
    )


class Fee(_Child, Base):
    __tablename__ = "fees"
    time_limit_id: Mapped[int] = mapped_column(ForeignKey("time_limits.id", ondelete="CASCADE"), index=True)
    code: Mapped[str | None] = mapped_column(String(64))
    amount_vnd: Mapped[int] = mapped_column(Integer, default=0)
    unit: Mapped[str | None] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(Text)
    time_limit: Mapped[TimeLimit] = relationship(back_populates="fees")


class RequiredDocument(_Child, Base):
    """A document component (thành phần hồ sơ) with how many originals and copies."""

    __tablename__ = "required_documents"
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    case_name: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    form_name: Mapped[str | None] = mapped_column(Text)
    form_url: Mapped[str | None] = mapped_column(Text)
    originals: Mapped[int] = mapped_column(Integer, default=0)
    copies: Mapped[int] = mapped_column(Integer, default=0)
    procedure: Mapped[Procedure] = relationship(back_populates="documents")


class TargetGroup(_Child, Base):
    __tablename__ = "target_groups"
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    procedure: Mapped[Procedure] = relationship(back_populates="target_groups")


class ProcedureResult(_Child, Base):
    __tablename__ = "procedure_results"
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    code: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    procedure: Mapped[Procedure] = relationship(back_populates="results")


class LegalBasis(_Child, Base):
    __tablename__ = "legal_bases"
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    number: Mapped[str | None] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(Text)
    procedure: Mapped[Procedure] = relationship(back_populates="legal_bases")


__all__ = [
    "Channel",
    "ExecutingAgency",
    "Fee",
    "LegalBasis",
    "Procedure",
    "ProcedureField",
    "ProcedureResult",
    "ProcedureStep",
    "RequiredDocument",
    "TargetGroup",
    "TimeLimit",
]
