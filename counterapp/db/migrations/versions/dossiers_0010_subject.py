"""dossiers.subject_*: the person the procedure is about when it is not the applicant (the
child in khai sinh, the deceased in khai tử), and the applicant's relationship to them
(applicant_relationship, authorisation). See counterapp/dossiers/subject.py.

Plain ADD COLUMNs, all nullable (not a batch rebuild, which would drop dossiers_0004's
triggers). Existing dossiers have no subject: the applicant is the only person.

Revision ID: dossiers_0010
Revises: dossiers_0009
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "dossiers_0010"
down_revision = "dossiers_0009"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("subject_name", sa.Text()),
    ("subject_date_of_birth", sa.Date()),
    ("subject_sex", sa.String(16)),
    ("subject_id_number", sa.String(20)),
    ("subject_note", sa.Text()),
    ("applicant_relationship", sa.String(64)),
    ("authorisation", sa.Text()),
)


def upgrade() -> None:
    for name, type_ in _COLUMNS:
        op.add_column("dossiers", sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+), not a batch rebuild: dossiers_0004's triggers stay.
    for name, _type in reversed(_COLUMNS):
        op.execute(f"ALTER TABLE dossiers DROP COLUMN {name}")
