"""The report indexes of migration reports_0001, declared on the models' tables too, so the
models and the migrations describe one schema (tests/catalog/test_cli.py runs Alembic's check).
The migration keeps its own frozen copy of the list, as migrations do. Why these indexes and
what they cost: the migration's docstring."""

from __future__ import annotations

from sqlalchemy import Index, text

from counterapp.digitize.models import Attachment
from counterapp.dossiers.models import CompletionRequest, Dossier, DossierFee, StatusChange

D = Dossier.__table__.c
REPORT_INDEXES = (
    Index("ix_dossiers_report_received", D.received_at, D.status, D.ledger_line, D.procedure_code, D.field_code,
          D.officer, D.channel),
    Index("ix_dossiers_report_finished", D.finished_at, D.status, D.due_at, D.received_at, D.paused_minutes,
          D.procedure_code, D.field_code, D.officer, D.channel),
    Index("ix_dossiers_report_returned", D.returned_at, D.procedure_code, D.field_code, D.officer, D.channel),
    Index("ix_dossier_status_changes_to_status_at", StatusChange.to_status, StatusChange.at, StatusChange.dossier_id,
          sqlite_where=text("to_status IN (3, 5)")),
    Index("ix_dossier_fees_paid_at", DossierFee.paid_at, DossierFee.method, DossierFee.amount_vnd,
          DossierFee.dossier_id, sqlite_where=text("paid = 1")),
    Index("ix_attachments_dossier_id_deleted", Attachment.dossier_id, Attachment.deleted),
    Index("ix_completion_requests_created_at", CompletionRequest.created_at),
)
