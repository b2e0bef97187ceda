"""calendar days (days off and make-up working days)

Revision ID: calendar_0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "calendar_0001"
down_revision = None
branch_labels = ("calendar",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_days",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_days")),
        sa.UniqueConstraint("day", name=op.f("uq_calendar_days_day")),
        sa.CheckConstraint("kind IN ('off', 'work')", name=op.f("ck_calendar_days_kind")),
        sa.CheckConstraint("source IN ('import', 'portal')", name=op.f("ck_calendar_days_source")),
    )


def downgrade() -> None:
    op.drop_table("calendar_days")
