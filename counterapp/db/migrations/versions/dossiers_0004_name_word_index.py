"""find a dossier by any word of the applicant's name: an FTS5 index over the folded name

"van an" or "an" finds "Nguyễn Văn An", not only "nguyen van...". External content: the
index holds no copy of the names; triggers keep it in step with `dossiers` inside the same
transaction as the change.

Mind: a later batch migration that rebuilds the `dossiers` table (SQLite "move and copy")
drops these triggers with the old table. Such a migration must create them again
(`create_name_index_triggers`); tests/dossiers/test_name_search.py fails otherwise.

Revision ID: dossiers_0004
Revises: dossiers_0003
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "dossiers_0004"
down_revision = "dossiers_0003"
branch_labels = None
depends_on = None

TRIGGERS = (
    """CREATE TRIGGER dossiers_name_search_insert AFTER INSERT ON dossiers BEGIN
        INSERT INTO dossier_name_search(rowid, applicant_name_folded)
        VALUES (new.id, new.applicant_name_folded);
    END""",
    """CREATE TRIGGER dossiers_name_search_delete AFTER DELETE ON dossiers BEGIN
        INSERT INTO dossier_name_search(dossier_name_search, rowid, applicant_name_folded)
        VALUES ('delete', old.id, old.applicant_name_folded);
    END""",
    """CREATE TRIGGER dossiers_name_search_update AFTER UPDATE OF applicant_name_folded ON dossiers BEGIN
        INSERT INTO dossier_name_search(dossier_name_search, rowid, applicant_name_folded)
        VALUES ('delete', old.id, old.applicant_name_folded);
        INSERT INTO dossier_name_search(rowid, applicant_name_folded)
        VALUES (new.id, new.applicant_name_folded);
    END""",
)


def create_name_index_triggers() -> None:
    for statement in TRIGGERS:
        op.execute(statement)


def upgrade() -> None:
    # detail=none: the words' presence only (no positions), the smallest index; prefix='1 2'
    # keeps one- and two-letter prefixes ("a", "ng") cheap.
    op.execute(
        "CREATE VIRTUAL TABLE dossier_name_search USING fts5("
        "applicant_name_folded, content='dossiers', content_rowid='id', "
        "tokenize='unicode61', detail='none', prefix='1 2')"
    )
    create_name_index_triggers()
    op.execute("INSERT INTO dossier_name_search(dossier_name_search) VALUES ('rebuild')")


def downgrade() -> None:
    for name in ("dossiers_name_search_update", "dossiers_name_search_delete", "dossiers_name_search_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS dossier_name_search")
