"""The dossier's life after receipt: the appointment in force (moved by clock pauses or a new
date), who collected the result, who approved a late new date, who recorded a payment

Plain ADD COLUMN and CREATE INDEX (not a batch rebuild, which would drop dossiers_0004's
triggers). Existing dossiers get `current_due_at` = their new date if they had one, else
their appointment.

Revision ID: dossiers_0008
Revises: dossiers_0007
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "dossiers_0008"
down_revision = "dossiers_0007"
branch_labels = None
depends_on = None

_DOSSIER_COLUMNS = (
    sa.Column("current_due_at", sa.DateTime(), nullable=True),
    sa.Column("paused_since", sa.DateTime(), nullable=True),
    sa.Column("paused_minutes", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("returned_to_id_number", sa.String(20), nullable=True),
    sa.Column("returned_to_applicant", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("reschedule_count", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("reschedule_supervisor", sa.Text(), nullable=True),
)


def upgrade() -> None:
    for column in _DOSSIER_COLUMNS:
        op.add_column("dossiers", column)
    op.add_column("dossier_status_changes", sa.Column("supervisor", sa.Text(), nullable=True))
    op.add_column("dossier_status_changes", sa.Column("clock_note", sa.Text(), nullable=True))
    op.add_column("dossier_fees", sa.Column("paid_by", sa.Text(), nullable=True))
    op.execute("UPDATE dossiers SET current_due_at = COALESCE(rescheduled_due_at, due_at), "
               "reschedule_count = CASE WHEN rescheduled_due_at IS NULL THEN 0 ELSE 1 END")
    op.create_index("ix_dossiers_status_current_due_at", "dossiers", ["status", "current_due_at"])


def downgrade() -> None:
    op.drop_index("ix_dossiers_status_current_due_at", table_name="dossiers")
    with op.batch_alter_table("dossier_fees") as batch:
        batch.drop_column("paid_by")
    with op.batch_alter_table("dossier_status_changes") as batch:
        batch.drop_column("supervisor")
        batch.drop_column("clock_note")
    with op.batch_alter_table("dossiers") as batch:
        for column in reversed(_DOSSIER_COLUMNS):
            batch.drop_column(column.name)
