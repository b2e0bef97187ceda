"""dossier_fees.quantity, unit_amount_vnd, unit: a per-copy fee ("8.000 đồng/bản") records
how many copies were asked for and the price of one; amount_vnd stays the line's total.

Plain ADD COLUMNs with server defaults (not a batch rebuild, which would drop
dossiers_0004's triggers). Existing lines read as one at their own amount.

Revision ID: dossiers_0009
Revises: dossiers_0008
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "dossiers_0009"
down_revision = "dossiers_0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("dossier_fees", sa.Column("quantity", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("dossier_fees", sa.Column("unit_amount_vnd", sa.Integer(), nullable=True))
    op.add_column("dossier_fees", sa.Column("unit", sa.String(64), nullable=True))
    op.execute("UPDATE dossier_fees SET unit_amount_vnd = amount_vnd")


def downgrade() -> None:
    with op.batch_alter_table("dossier_fees") as batch:
        batch.drop_column("unit")
        batch.drop_column("unit_amount_vnd")
        batch.drop_column("quantity")
