"""ratings: the citizen's rating of a visit to the counter (counterapp/ratings/)

A new branch of its own (it references dossiers, hence depends_on dossiers_0010). Indexes for
the period counts: by moment, by officer then moment, by procedure then moment.

Revision ID: ratings_0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ratings_0001"
down_revision = None
branch_labels = ("ratings",)
depends_on = "dossiers_0010"


def upgrade() -> None:
    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("dossier_uuid", sa.String(36), nullable=False),
        sa.Column("dossier_code", sa.String(64), nullable=False),
        sa.Column("procedure_code", sa.String(64), nullable=False),
        sa.Column("procedure_name", sa.Text(), nullable=False),
        sa.Column("score", sa.String(16), nullable=False),
        sa.Column("reasons_json", sa.Text(), nullable=False),
        sa.Column("occasion", sa.String(16), nullable=False),
        sa.Column("officer_name", sa.Text(), nullable=False),
        sa.Column("officer_username", sa.String(128), nullable=False),
        sa.Column("rated_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], name=op.f("fk_ratings_dossier_id_dossiers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ratings")),
        sa.UniqueConstraint("uuid", name=op.f("uq_ratings_uuid")),
        sa.UniqueConstraint("dossier_id", "occasion", name=op.f("uq_ratings_dossier_id")),
    )
    op.create_index("ix_ratings_rated_at", "ratings", ["rated_at"])
    op.create_index("ix_ratings_officer_rated_at", "ratings", ["officer_name", "rated_at"])
    op.create_index("ix_ratings_procedure_rated_at", "ratings", ["procedure_code", "rated_at"])


def downgrade() -> None:
    op.drop_table("ratings")
