"""time_limits.same_day / time_limits.cutoff_time: the appointment rule read from the time text

The national time text (MOTA) states same-day procedures ("ngay trong ngày tiếp nhận") and
their cut-off ("trường hợp nhận hồ sơ sau 15 giờ ..."); the importer records what it read.
Rows imported before stay NULL: the rule is then read from the description when needed.
A plain ADD COLUMN.

Revision ID: catalog_0003
Revises: catalog_0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "catalog_0003"
down_revision = "catalog_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("time_limits", sa.Column("same_day", sa.Boolean(), nullable=True))
    op.add_column("time_limits", sa.Column("cutoff_time", sa.String(length=5), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("time_limits") as batch:
        batch.drop_column("cutoff_time")
        batch.drop_column("same_day")
