"""the access log: who saw a dossier's personal data, when, and how (NĐ 13/2023)

Revision ID: dossiers_0005
Revises: dossiers_0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "dossiers_0005"
down_revision = "dossiers_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossier_access_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id", ondelete="SET NULL"), nullable=True),
        sa.Column("dossier_code", sa.String(64), nullable=False),
        sa.Column("officer", sa.Text(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_dossier_access_log_dossier_id_at", "dossier_access_log", ["dossier_id", "at"])
    op.create_index("ix_dossier_access_log_at", "dossier_access_log", ["at"])


def downgrade() -> None:
    op.drop_index("ix_dossier_access_log_at", table_name="dossier_access_log")
    op.drop_index("ix_dossier_access_log_dossier_id_at", table_name="dossier_access_log")
    op.drop_table("dossier_access_log")
