"""Typed models of dossiers received at the counter, their checklist, fees, status
history, print log, access log, intake drafts, the register of requests to complete
(form 02, for dossiers not received) and the number blocks dossier codes come from.

Conventions shared by every area:
- instants are `UTCDateTime` (aware UTC in, aware UTC out); calendar days are `Date`
  in the site zone (`config.zone`);
- money is VND as int;
- `Dossier.uuid` is the identity the portal and the outbox use; `Dossier.code` is the
  human code (`<agency>-<yymmdd>-<nnnn>`), possibly provisional (see numbering.py);
- `Dossier.version` goes up by one on every ORM update of the row (SQLAlchemy
  version counter: an update made from a stale copy raises StaleDataError).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from counterapp.db.base import Base, UTCDateTime, new_uuid, utcnow


def _due_in_force_default(context: Any) -> datetime | None:
    """A new dossier's appointment in force is its appointment (dossiers_0008)."""
    params = context.get_current_parameters()
    return params.get("rescheduled_due_at") or params.get("due_at")

APPLICANT_KINDS = ("citizen", "organization")
DOCUMENT_FORMS = ("original", "certified_copy", "photocopy")
PRINT_TARGETS = ("pdf", "printer", "preview")
CHANNEL_COUNTER = 1
CHANNEL_POST = 3


class Dossier(Base):
    """One dossier (hồ sơ) received at this counter."""

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_received_at_id", "received_at", "id"),
        Index("ix_dossiers_status_due_at", "status", "due_at"),
        Index("ix_dossiers_applicant_name_folded", "applicant_name_folded"),
        Index("ix_dossiers_id_number", "id_number"),
        Index("ix_dossiers_phone", "phone"),
        Index("ix_dossiers_procedure_id", "procedure_id"),
        Index("ix_dossiers_provisional_code", "provisional_code"),  # dossiers_0002
        Index("ix_dossiers_status_current_due_at", "status", "current_due_at"),  # dossiers_0008
        CheckConstraint("status BETWEEN 1 AND 10", name="status_range"),
        CheckConstraint("applicant_kind IN ('citizen', 'organization')", name="applicant_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    code_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    provisional_code: Mapped[str | None] = mapped_column(String(64))
    """The provisional code this dossier had before the portal confirmed `code`."""
    agency_code: Mapped[str] = mapped_column(String(64))
    counter_id: Mapped[str | None] = mapped_column(String(32))

    # What it was received under (snapshot; the catalog may change later).
    procedure_id: Mapped[int | None] = mapped_column(ForeignKey("procedures.id", ondelete="SET NULL"))
    procedure_code: Mapped[str] = mapped_column(String(64))
    procedure_name: Mapped[str] = mapped_column(Text)
    field_code: Mapped[str | None] = mapped_column(String(64))
    field_name: Mapped[str | None] = mapped_column(Text)

    # Applicant (chủ hồ sơ).
    applicant_kind: Mapped[str] = mapped_column(String(16), default="citizen")
    applicant_name: Mapped[str] = mapped_column(Text)
    applicant_name_folded: Mapped[str] = mapped_column(Text, default="")
    id_number: Mapped[str | None] = mapped_column(String(12))
    old_id_number: Mapped[str | None] = mapped_column(String(12))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(20))  # digits only, national form (0...)
    email: Mapped[str | None] = mapped_column(String(254))
    province_code: Mapped[str | None] = mapped_column(String(16))
    province_name: Mapped[str | None] = mapped_column(Text)
    commune_code: Mapped[str | None] = mapped_column(String(16))
    commune_name: Mapped[str | None] = mapped_column(Text)
    street: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    org_name: Mapped[str | None] = mapped_column(Text)
    tax_code: Mapped[str | None] = mapped_column(String(20))
    representative: Mapped[str | None] = mapped_column(Text)

    # dossiers_0010 (counterapp/dossiers/subject.py): the person the procedure is about when it
    # is not the applicant (the child in khai sinh, the deceased in khai tử); all None otherwise.
    subject_name: Mapped[str | None] = mapped_column(Text)
    subject_date_of_birth: Mapped[date | None] = mapped_column(Date)
    subject_sex: Mapped[str | None] = mapped_column(String(16))
    subject_id_number: Mapped[str | None] = mapped_column(String(20))  # a newborn has none
    subject_note: Mapped[str | None] = mapped_column(Text)
    applicant_relationship: Mapped[str | None] = mapped_column(String(64))  # the applicant is the subject's "mẹ"
    authorisation: Mapped[str | None] = mapped_column(Text)  # "Giấy ủy quyền số ..., ngày ..."

    # The request.
    channel: Mapped[int] = mapped_column(Integer, default=CHANNEL_COUNTER)  # 1 counter, 3 post
    summary: Mapped[str | None] = mapped_column(Text)  # trích yếu
    notes: Mapped[str | None] = mapped_column(Text)
    sets_count: Mapped[int] = mapped_column(Integer, default=1)

    # Status and times.
    status: Mapped[int] = mapped_column(Integer, default=2)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A new date promised with an apology (Phiếu xin lỗi và hẹn lại): due_at keeps the original
    # appointment, against which on-time is judged.
    rescheduled_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reschedule_reason: Mapped[str | None] = mapped_column(Text)
    due_rule_json: Mapped[str | None] = mapped_column(Text)
    duration_amount: Mapped[float | None] = mapped_column(Float)
    duration_unit: Mapped[str | None] = mapped_column(String(32))
    officer: Mapped[str] = mapped_column(Text, default="")
    ledger_book: Mapped[str | None] = mapped_column(String(64))
    ledger_line: Mapped[int | None] = mapped_column(Integer)
    lead_agency_name: Mapped[str | None] = mapped_column(Text)  # cơ quan chủ trì (ledger)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # handed to the lead agency
    result_received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # result back at counter
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # NgayKetThucXuLy
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # NgayTra
    returned_to: Mapped[str | None] = mapped_column(Text)
    return_note: Mapped[str | None] = mapped_column(Text)  # ThongTinTra
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    completion_request_json: Mapped[str | None] = mapped_column(Text)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # dossiers_0006: when the applicant's personal data was removed from this counter
    # (counterapp/retention.py); the portal keeps the dossier.
    personal_data_removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # dossiers_0008 (counterapp/dossiers/lifecycle.py, new_date.py): the appointment in force for
    # the due / overdue lists: `due_at` moved by the working time the dossier waited on the
    # citizen (statuses 5, 6), or the new date promised with form 04. On time is still judged
    # against `due_at`.
    current_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=_due_in_force_default)
    paused_since: Mapped[datetime | None] = mapped_column(UTCDateTime)  # waiting on the citizen since
    paused_minutes: Mapped[int] = mapped_column(Integer, default=0)  # working minutes waited so far
    returned_to_id_number: Mapped[str | None] = mapped_column(String(20))  # ID of who collected
    returned_to_applicant: Mapped[bool] = mapped_column(Boolean, default=False)  # the applicant in person
    reschedule_count: Mapped[int] = mapped_column(Integer, default=0)  # new dates given (form 04)
    reschedule_supervisor: Mapped[str | None] = mapped_column(Text)  # who approved the last new date

    __mapper_args__ = {"version_id_col": version}

    documents: Mapped[list[DossierDocument]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="DossierDocument.position"
    )
    fees: Mapped[list[DossierFee]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="DossierFee.position"
    )
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="StatusChange.id"
    )

    @property
    def due_rule(self) -> dict[str, Any] | None:
        return json.loads(self.due_rule_json) if self.due_rule_json else None

    @property
    def completion_request(self) -> dict[str, Any] | None:
        return json.loads(self.completion_request_json) if self.completion_request_json else None

    @property
    def fees_total_vnd(self) -> int:
        return sum(f.amount_vnd for f in self.fees)

    @property
    def missing_documents(self) -> list[DossierDocument]:
        return [d for d in self.documents if d.missing]


class DossierDocument(Base):
    """One line of the checklist: a document component and what was handed in."""

    __tablename__ = "dossier_documents"
    __table_args__ = (
        CheckConstraint("form IN ('original', 'certified_copy', 'photocopy')", name="form"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    document_code: Mapped[str | None] = mapped_column(String(64))  # MaThanhPhanHoSo
    name: Mapped[str] = mapped_column(Text)
    form: Mapped[str] = mapped_column(String(16), default="original")
    originals_received: Mapped[int] = mapped_column(Integer, default=0)
    copies_received: Mapped[int] = mapped_column(Integer, default=0)
    required_originals: Mapped[int] = mapped_column(Integer, default=0)
    required_copies: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)
    missing: Mapped[bool] = mapped_column(Boolean, default=False)
    dossier: Mapped[Dossier] = relationship(back_populates="documents")

    @property
    def count_received(self) -> int:
        return self.originals_received + self.copies_received


class DossierFee(Base):
    """A fee or charge (phí / lệ phí) on the dossier."""

    __tablename__ = "dossier_fees"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str | None] = mapped_column(String(64))  # MaPhiLePhi
    name: Mapped[str] = mapped_column(Text)  # TenPhiLePhi
    amount_vnd: Mapped[int] = mapped_column(Integer, default=0)  # Gia (the line's total: unit price x quantity)
    quantity: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # dossiers_0009: copies asked for
    unit_amount_vnd: Mapped[int | None] = mapped_column(Integer)  # dossiers_0009: price of one (None: = amount_vnd)
    unit: Mapped[str | None] = mapped_column(String(64))  # dossiers_0009: the catalog's DONVI, "Đồng/bản"
    method: Mapped[str] = mapped_column(String(16), default="cash")  # HinhThucThu: cash|transfer|online|...
    kind: Mapped[str | None] = mapped_column(String(16))  # LoaiPhiLePhi: "fee" (phí) | "charge" (lệ phí)
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when the applicant paid
    paid_by: Mapped[str | None] = mapped_column(Text)  # dossiers_0008: the officer who recorded it
    dossier: Mapped[Dossier] = relationship(back_populates="fees")


class StatusChange(Base):
    """One step of a dossier's history; also carries back-office progress (CapNhatTienDoHoSoMC)."""

    __tablename__ = "dossier_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[int | None] = mapped_column(Integer)
    to_status: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # ThoiDiemXuLy for progress rows
    by: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16), default="counter")  # "counter" | "portal"
    handler: Mapped[str | None] = mapped_column(Text)  # NguoiXuLy
    title: Mapped[str | None] = mapped_column(Text)  # ChucDanh
    department: Mapped[str | None] = mapped_column(Text)  # PhongBanXuLy
    content: Mapped[str | None] = mapped_column(Text)  # NoiDungXuLy
    step_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # NgayBatDau
    step_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # NgayKetThucTheoQuyDinh
    supervisor: Mapped[str | None] = mapped_column(Text)  # dossiers_0008: who approved (a late new date)
    # dossiers_0008: what the counter's clock did (a pause ended, the appointment moved), kept apart
    # from the officer's note, which goes to the national system as it was written.
    clock_note: Mapped[str | None] = mapped_column(Text)
    dossier: Mapped[Dossier] = relationship(back_populates="status_changes")


class PrintRecord(Base):
    """A form printed (or saved as PDF / previewed): the reprint log."""

    __tablename__ = "print_records"
    __table_args__ = (Index("ix_print_records_dossier_id_form", "dossier_id", "form"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id", ondelete="SET NULL"))
    form: Mapped[str] = mapped_column(String(64))  # "receipt", "ledger", "refusal", ...
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    printed_by: Mapped[str] = mapped_column(Text, default="")
    copies: Mapped[int] = mapped_column(Integer, default=1)
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    target: Mapped[str] = mapped_column(String(16), default="pdf")  # "pdf" | "printer" | "preview"
    details_json: Mapped[str | None] = mapped_column(Text)  # e.g. ledger date range, printer name, file


class AccessRecord(Base):
    """Someone saw a dossier's personal data (NĐ 13/2023: log who saw what): its details in
    the window, `dossier show` on the command line. Prints are in `print_records`.
    counterapp/dossiers/access_log.py writes and reads it."""

    __tablename__ = "dossier_access_log"
    __table_args__ = (Index("ix_dossier_access_log_dossier_id_at", "dossier_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id", ondelete="SET NULL"))
    dossier_code: Mapped[str] = mapped_column(String(64))  # kept if the dossier row goes
    officer: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(String(16), default="view")
    channel: Mapped[str] = mapped_column(String(16), default="window")  # "window" | "cli"
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class IntakeDraft(Base):
    """A half-filled intake saved every few seconds so a crash loses nothing."""

    __tablename__ = "intake_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    payload_json: Mapped[str] = mapped_column(Text)
    officer: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, index=True)

    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.payload_json)


COMPLETION_STATUSES = ("open", "received", "abandoned")


class CompletionRequest(Base):
    """A request to complete (form 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ) issued at
    intake for a paper dossier that was NOT received because documents were missing
    (dossiers_0007). It keeps the intake as the officer filled it, so the form can be
    reprinted and the applicant received in one step on return; `dossier_id` links the
    dossier it became. counterapp/dossiers/completion.py writes and reads it."""

    __tablename__ = "completion_requests"
    __table_args__ = (
        Index("ix_completion_requests_status_created_at", "status", "created_at"),
        CheckConstraint("status IN ('open', 'received', 'abandoned')", name="completion_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    applicant_name: Mapped[str] = mapped_column(Text, default="")
    applicant_phone: Mapped[str | None] = mapped_column(String(20))
    procedure_code: Mapped[str] = mapped_column(String(64))
    procedure_name: Mapped[str] = mapped_column(Text, default="")
    request_json: Mapped[str] = mapped_column(Text)  # the IntakeRequest as filled in
    missing_json: Mapped[str] = mapped_column(Text)  # [{name, document_code, originals, copies, note}]
    reason: Mapped[str | None] = mapped_column(Text)
    officer: Mapped[str] = mapped_column(Text, default="")
    officer_title: Mapped[str | None] = mapped_column(Text)
    officer_phone: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="open")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(Text)
    close_note: Mapped[str | None] = mapped_column(Text)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id", ondelete="SET NULL"))
    dossier_code: Mapped[str | None] = mapped_column(String(64))  # kept if the dossier row goes

    @property
    def request(self) -> dict[str, Any]:
        return json.loads(self.request_json)

    @property
    def missing(self) -> list[dict[str, Any]]:
        return json.loads(self.missing_json)


class NumberBlock(Base):
    """A range of running numbers this counter may use in dossier codes, inclusive.

    `valid_on` None = every day (site config blocks); a date = that day only (portal).
    """

    __tablename__ = "number_blocks"
    __table_args__ = (
        Index("ix_number_blocks_agency_code_valid_on", "agency_code", "valid_on"),
        CheckConstraint("first >= 1 AND last >= first", name="range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(64))
    valid_on: Mapped[date | None] = mapped_column(Date)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16), default="config")  # "config" | "portal"
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def size(self) -> int:
        return self.last - self.first + 1


class DailySequence(Base):
    """The next running number of one series on one day.

    `series` is "block:<id>" for a number block or "provisional:<counter id>" for
    provisional codes made when no block is left.
    """

    __tablename__ = "daily_sequences"
    __table_args__ = (UniqueConstraint("day", "series", name="uq_daily_sequences_day_series"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    series: Mapped[str] = mapped_column(String(64))
    block_id: Mapped[int | None] = mapped_column(ForeignKey("number_blocks.id", ondelete="CASCADE"), index=True)
    next_number: Mapped[int] = mapped_column(Integer)


__all__ = [
    "APPLICANT_KINDS",
    "CHANNEL_COUNTER",
    "COMPLETION_STATUSES",
    "CHANNEL_POST",
    "DOCUMENT_FORMS",
    "PRINT_TARGETS",
    "CompletionRequest",
    "DailySequence",
    "Dossier",
    "DossierDocument",
    "DossierFee",
    "IntakeDraft",
    "NumberBlock",
    "PrintRecord",
    "StatusChange",
]
