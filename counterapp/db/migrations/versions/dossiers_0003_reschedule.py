"""a new appointment promised with an apology (rescheduled_due_at, reschedule_reason)

Revision ID: dossiers_0003
Revises: dossiers_0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "dossiers_0003"
down_revision = "dossiers_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("rescheduled_due_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("reschedule_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("reschedule_reason")
        batch.drop_column("rescheduled_due_at")
