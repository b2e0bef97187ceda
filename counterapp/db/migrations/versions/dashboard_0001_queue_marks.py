"""queue_marks: what the counter did about a dashboard queue row (a citizen called to collect
a result, a request to complete followed up); two partial indexes on dossiers for the dashboard
(results waiting to be collected, provisional codes); see counterapp/reports/marks.py

A new table of a new branch ("dashboard"); `dossiers` gets two indexes only (no column, no
rebuild), so dossiers_0004's FTS triggers are untouched.

Revision ID: dashboard_0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "dashboard_0001"
down_revision = None
branch_labels = ("dashboard",)
depends_on = "dossiers_0010"


def upgrade() -> None:
    op.create_table(
        "queue_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("completion_request_id", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"],
                                name=op.f("fk_queue_marks_dossier_id_dossiers"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["completion_request_id"], ["completion_requests.id"],
                                name=op.f("fk_queue_marks_completion_request_id_completion_requests"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_marks")),
        sa.CheckConstraint("kind IN ('called', 'followed_up')", name=op.f("ck_queue_marks_kind")),
    )
    op.create_index("ix_queue_marks_dossier_id_at", "queue_marks", ["dossier_id", "at"])
    op.create_index("ix_queue_marks_request_id_at", "queue_marks", ["completion_request_id", "at"])
    # Partial indexes on `dossiers` (plain CREATE INDEX: dossiers_0004's FTS triggers untouched):
    # results back and waiting (status 9), by when they came back; provisional codes.
    op.execute("CREATE INDEX ix_dossiers_result_back_waiting ON dossiers "
               "(coalesce(result_received_at, finished_at)) WHERE status = 9")
    op.execute("CREATE INDEX ix_dossiers_code_provisional_true ON dossiers (code_provisional) "
               "WHERE code_provisional = 1")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_dossiers_code_provisional_true")
    op.execute("DROP INDEX IF EXISTS ix_dossiers_result_back_waiting")
    op.drop_index("ix_queue_marks_request_id_at", table_name="queue_marks")
    op.drop_index("ix_queue_marks_dossier_id_at", table_name="queue_marks")
    op.drop_table("queue_marks")
