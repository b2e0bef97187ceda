"""completion_requests: the register of requests to complete (form 02) issued at intake
for paper dossiers not received because documents were missing (NĐ 118/2025, TT 03/2025)

A new table only: dossiers_0004's FTS triggers on `dossiers` are untouched.

Revision ID: dossiers_0007
Revises: dossiers_0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "dossiers_0007"
down_revision = "dossiers_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "completion_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("applicant_name", sa.Text(), nullable=False),
        sa.Column("applicant_phone", sa.String(20), nullable=True),
        sa.Column("procedure_code", sa.String(64), nullable=False),
        sa.Column("procedure_name", sa.Text(), nullable=False),
        sa.Column("request_json", sa.Text(), nullable=False),
        sa.Column("missing_json", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("officer", sa.Text(), nullable=False),
        sa.Column("officer_title", sa.Text(), nullable=True),
        sa.Column("officer_phone", sa.String(32), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.Text(), nullable=True),
        sa.Column("close_note", sa.Text(), nullable=True),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("dossier_code", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"],
            name=op.f("fk_completion_requests_dossier_id_dossiers"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_completion_requests")),
        sa.UniqueConstraint("uuid", name=op.f("uq_completion_requests_uuid")),
        sa.UniqueConstraint("number", name=op.f("uq_completion_requests_number")),
        sa.CheckConstraint(
            "status IN ('open', 'received', 'abandoned')", name=op.f("ck_completion_requests_completion_status")
        ),
    )
    op.create_index(
        "ix_completion_requests_status_created_at", "completion_requests", ["status", "created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_completion_requests_status_created_at", table_name="completion_requests")
    op.drop_table("completion_requests")
