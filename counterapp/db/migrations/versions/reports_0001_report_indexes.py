"""Indexes for a period's figures (counterapp/reports/period_sql.py): each figure is one range
over the instant it counts (received, result settled, returned, refusal / documents requested,
fee paid, form 02 issued), covering the columns it reads so no table row is visited; the
status-change and fee indexes are partial (only the rows counted). Indexes, not summary tables:
they stay exact after any change to a dossier with nothing to keep in step.

Cost at 1,000,000 dossiers (bench/report.py, a 1.76 GB database): received 73 MB, finished
122 MB, returned 62 MB, fees 34 MB, attachments 8 MB; the status changes' index is partial
(0.6 MB at 100,000 dossiers instead of 12 MB).

Plain CREATE INDEX (no batch rebuild: dossiers_0004's FTS triggers stay).

Revision ID: reports_0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "reports_0001"
down_revision = None
branch_labels = ("reports",)
depends_on = ("dossiers_0010", "digitize_0001")

INDEXES = (
    # covering: received, resolved (with working time) and returned are counted from the index alone
    ("ix_dossiers_report_received", "dossiers",
     ["received_at", "status", "ledger_line", "procedure_code", "field_code", "officer", "channel"]),
    ("ix_dossiers_report_finished", "dossiers",
     ["finished_at", "status", "due_at", "received_at", "paused_minutes", "procedure_code", "field_code", "officer",
      "channel"]),
    ("ix_dossiers_report_returned", "dossiers", ["returned_at", "procedure_code", "field_code", "officer", "channel"]),
    # partial: only the changes the figures count (refused, documents requested), the paid fees
    ("ix_dossier_status_changes_to_status_at", "dossier_status_changes", ["to_status", "at", "dossier_id"],
     "to_status IN (3, 5)"),
    ("ix_dossier_fees_paid_at", "dossier_fees", ["paid_at", "method", "amount_vnd", "dossier_id"], "paid = 1"),
    ("ix_attachments_dossier_id_deleted", "attachments", ["dossier_id", "deleted"]),
    ("ix_completion_requests_created_at", "completion_requests", ["created_at"]),
)


def upgrade() -> None:
    for name, table, columns, *where in INDEXES:
        op.create_index(name, table, columns, sqlite_where=sa.text(where[0]) if where else None)


def downgrade() -> None:
    for name, table, *_ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
