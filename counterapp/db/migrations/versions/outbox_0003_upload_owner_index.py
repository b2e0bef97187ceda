"""outbox: index the dossier an attachment upload belongs to (dossier list sync column)

Revision ID: outbox_0003
Revises: outbox_0002
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "outbox_0003"
down_revision = "outbox_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A partial expression index (SQLite 3.9+): the query in counterapp.outbox must spell the
    # expression and the WHERE the same way to use it.
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_outbox_upload_owner ON outbox "
        "(json_extract(payload_json, '$.dossier_id'), state) WHERE operation = 'attachment.upload'"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_outbox_upload_owner")
