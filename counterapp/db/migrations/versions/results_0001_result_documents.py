"""attachments.kind / attachments.result_code: a digitized file can be the dossier's RESULT
(giấy tờ kết quả, DanhSachGiayToKetQua), not only a component the applicant handed in.

NĐ 45/2020/NĐ-CP and Thông tư 01/2023/TT-VPCP ask that the results of administrative
procedures be digitized too (counterapp/digitize/results.py). A new branch of its own: it
adds columns to digitize_0001's table and its rows name dossiers, hence depends_on both.

Plain ADD COLUMNs (no batch rebuild). Existing rows are the applicant's documents: kind
'document' by server default; result_code stays NULL for them.

Revision ID: results_0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "results_0001"
down_revision = None
branch_labels = ("results",)
depends_on = ("dossiers_0010", "digitize_0001")


def upgrade() -> None:
    op.add_column("attachments", sa.Column("kind", sa.String(16), nullable=False, server_default="document"))
    op.add_column("attachments", sa.Column("result_code", sa.String(64), nullable=True))
    op.create_index("ix_attachments_kind", "attachments", ["kind"])


def downgrade() -> None:
    op.drop_index("ix_attachments_kind", "attachments")
    op.execute("ALTER TABLE attachments DROP COLUMN result_code")
    op.execute("ALTER TABLE attachments DROP COLUMN kind")
