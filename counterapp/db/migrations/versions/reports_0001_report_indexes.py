"""Indexes for a period's figures (counterapp/reports/period.py): each figure is one range
over the instant it counts (result settled, returned, refusal / documents requested, fee
paid, form 02 issued). Indexes, not summary tables: they stay exact after any change to a
dossier with nothing to keep in step. Measured with bench/report.py (1,000,000 dossiers):
see the README's figures.

Plain CREATE INDEX (no batch rebuild: dossiers_0004's FTS triggers stay).

Revision ID: reports_0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "reports_0001"
down_revision = None
branch_labels = ("reports",)
depends_on = ("dossiers_0010", "digitize_0001")

INDEXES = (
    ("ix_dossiers_finished_at", "dossiers", ["finished_at"]),
    ("ix_dossiers_returned_at", "dossiers", ["returned_at"]),
    ("ix_dossier_status_changes_to_status_at", "dossier_status_changes", ["to_status", "at"]),
    ("ix_dossier_fees_paid_at", "dossier_fees", ["paid_at"]),
    ("ix_completion_requests_created_at", "completion_requests", ["created_at"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
