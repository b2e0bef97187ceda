"""dossiers.personal_data_removed_at: personal data removed from the counter after the
retention period (the portal keeps the dossier)

A plain ADD COLUMN (not a batch rebuild, which would drop dossiers_0004's triggers).

Revision ID: dossiers_0006
Revises: dossiers_0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "dossiers_0006"
down_revision = "dossiers_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("dossiers", sa.Column("personal_data_removed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("personal_data_removed_at")
