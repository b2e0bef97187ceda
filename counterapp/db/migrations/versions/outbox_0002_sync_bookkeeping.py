"""outbox: portal message, conflict body, sync state, offline verifiers

Revision ID: outbox_0002
Revises: outbox_0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "outbox_0002"
down_revision = "outbox_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("portal_message", sa.Text(), nullable=True))
        batch.add_column(sa.Column("conflict_json", sa.Text(), nullable=True))
        batch.add_column(sa.Column("result_json", sa.Text(), nullable=True))
        batch.add_column(sa.Column("resolved_by", sa.Text(), nullable=True))
        batch.add_column(sa.Column("resolution", sa.String(16), nullable=True))
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_offline_verifiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("portal_url", sa.Text(), nullable=False),
        sa.Column("username", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("verifier", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_offline_verifiers")),
    )


def downgrade() -> None:
    op.drop_table("sync_offline_verifiers")
    op.drop_table("sync_state")
    with op.batch_alter_table("outbox") as batch:
        for name in ("resolution", "resolved_by", "result_json", "conflict_json", "portal_message"):
            batch.drop_column(name)
