"""digitized documents (attachments)

Revision ID: digitize_0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "digitize_0001"
down_revision = None
branch_labels = ("digitize",)
depends_on = ("dossiers_0001",)


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("dossier_code", sa.String(64), nullable=True),
        sa.Column("document_code", sa.String(64), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("dpi", sa.Integer(), nullable=False),
        sa.Column("officer", sa.String(128), nullable=False),
        sa.Column("id_number", sa.String(12), nullable=True),
        sa.Column("ocr_state", sa.String(16), nullable=False),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("sign_pending", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_attachments_dossier_id_dossiers"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
        sa.UniqueConstraint("uuid", name=op.f("uq_attachments_uuid")),
    )
    op.create_index("ix_attachments_dossier_id", "attachments", ["dossier_id"])
    op.create_index("ix_attachments_id_number", "attachments", ["id_number"])
    op.create_index("ix_attachments_ocr_state", "attachments", ["ocr_state"])


def downgrade() -> None:
    op.drop_table("attachments")
