"""index on dossiers.provisional_code (a confirmed dossier is still found by its old code)

Revision ID: dossiers_0002
Revises: dossiers_0001
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "dossiers_0002"
down_revision = "dossiers_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_dossiers_provisional_code", "dossiers", ["provisional_code"])


def downgrade() -> None:
    op.drop_index("ix_dossiers_provisional_code", table_name="dossiers")
