"""search index carries what a result line shows (code, name, field, level)

The result list is drawn straight from the full-text index, without a second query per
keystroke. The index is rebuilt from the catalog tables.

Revision ID: catalog_0002
Revises: catalog_0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "catalog_0002"
down_revision = "catalog_0001"
branch_labels = None
depends_on = None

_SPACES = re.compile(r"\s+")


def _fold(text: str | None) -> str:
    # A frozen copy of counterapp.catalog.folding.fold as of this migration.
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def _create(display: bool) -> None:
    extra = ", shown_code UNINDEXED, shown_name UNINDEXED, shown_field UNINDEXED, shown_level UNINDEXED" if display else ""
    op.execute(
        "CREATE VIRTUAL TABLE procedure_search USING fts5("
        f"code, name, fields, agencies{extra}, tokenize = 'unicode61', prefix = '1 2 3')"
    )
    op.execute("INSERT INTO procedure_search(procedure_search, rank) VALUES ('rank', 'bm25(4.0, 10.0, 1.0, 1.0)')")


def _rebuild(display: bool) -> None:
    conn = op.get_bind()
    fields: dict[int, list[str]] = {}
    for pid, name in conn.execute(sa.text("SELECT procedure_id, name FROM procedure_fields ORDER BY position")):
        fields.setdefault(pid, []).append(name)
    agencies: dict[int, list[str]] = {}
    for pid, name in conn.execute(sa.text("SELECT procedure_id, name FROM executing_agencies ORDER BY position")):
        agencies.setdefault(pid, []).append(name)
    rows = []
    for pid, code, name, level in conn.execute(sa.text("SELECT id, code, name, level FROM procedures")):
        row = {"id": pid, "c": _fold(code), "n": _fold(name), "f": _fold(" ; ".join(fields.get(pid, []))),
               "a": _fold(" ; ".join(agencies.get(pid, [])))}
        if display:
            row.update(sc=code, sn=name, sf="; ".join(fields.get(pid, [])), sl=level or "")
        rows.append(row)
    if not rows:
        return
    if display:
        conn.execute(sa.text(
            "INSERT INTO procedure_search(rowid, code, name, fields, agencies, shown_code, shown_name, shown_field, "
            "shown_level) VALUES (:id, :c, :n, :f, :a, :sc, :sn, :sf, :sl)"), rows)
    else:
        conn.execute(sa.text(
            "INSERT INTO procedure_search(rowid, code, name, fields, agencies) VALUES (:id, :c, :n, :f, :a)"), rows)


def upgrade() -> None:
    op.execute("DROP TABLE procedure_search")
    _create(display=True)
    _rebuild(display=True)


def downgrade() -> None:
    op.execute("DROP TABLE procedure_search")
    _create(display=False)
    _rebuild(display=False)
