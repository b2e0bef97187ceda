"""Ranked, diacritic-insensitive, prefix-matching catalog search over SQLite FTS5.

Ranking, as an officer expects it:
  0. the exact procedure code;
  1. names containing the whole typed phrase (words in order, last word a prefix);
  2. names containing all the words (each a prefix), in any order;
  3. matches found only through the field, agency or code columns.
Inside a tier, FTS5's bm25 (name weighted highest) orders the rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from counterapp.catalog.folding import fold, tokens

TIER_CODE, TIER_PHRASE, TIER_ALL_WORDS, TIER_OTHER = 0, 1, 2, 3
# How many name matches bm25 hands over for tiering, per result asked for.
_NAME_CANDIDATES_PER_RESULT = 4


@dataclass(frozen=True)
class SearchHit:
    id: int
    code: str
    name: str
    field: str
    level: str
    tier: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _match_expression(words: list[str]) -> str:
    # Words are [0-9a-z]+ after folding, so quoting cannot be broken out of.
    return " ".join(f'"{w}"*' for w in words)


_DETAILS = text(
    "SELECT p.id, p.code, p.name, coalesce(p.level, ''), "
    "coalesce((SELECT group_concat(f.name, '; ') FROM procedure_fields f WHERE f.procedure_id = p.id), '') "
    "FROM procedures p WHERE p.id IN :ids"
).bindparams(bindparam("ids", expanding=True))


def search_procedures(session: Session, query: str, limit: int = 50) -> list[SearchHit]:
    """The catalog's ranked answer to what the officer typed."""
    limit = max(1, limit)
    words = tokens(query)
    stripped = query.strip()
    ranked: list[tuple[int, int]] = []  # (procedure id, tier)
    seen: set[int] = set()

    if stripped:
        exact = session.execute(
            text("SELECT id FROM procedures WHERE code = :q OR code = :upper"),
            {"q": stripped, "upper": stripped.upper()},
        ).scalar()
        if exact is not None:
            ranked.append((exact, TIER_CODE))
            seen.add(exact)

    if not words:
        if not stripped:
            rows = session.execute(text("SELECT id FROM procedures ORDER BY id LIMIT :n"), {"n": limit})
            ranked.extend((row[0], TIER_OTHER) for row in rows)
        return _with_details(session, ranked[:limit])

    expression = _match_expression(words)
    phrase = " " + " ".join(words)
    name_rows = session.execute(
        text(
            "SELECT rowid, name FROM procedure_search WHERE procedure_search MATCH :m "
            "ORDER BY rank LIMIT :n"
        ),
        {"m": "{name} : " + expression, "n": limit * _NAME_CANDIDATES_PER_RESULT},
    ).all()
    phrase_hits, word_hits = [], []
    for rowid, folded_name in name_rows:
        if rowid in seen:
            continue
        seen.add(rowid)
        (phrase_hits if phrase in " " + folded_name else word_hits).append(rowid)
    ranked.extend((i, TIER_PHRASE) for i in phrase_hits)
    ranked.extend((i, TIER_ALL_WORDS) for i in word_hits)

    if len(ranked) < limit:
        others = session.execute(
            text("SELECT rowid FROM procedure_search WHERE procedure_search MATCH :m ORDER BY rank LIMIT :n"),
            {"m": expression, "n": limit + len(seen)},
        ).scalars()
        for rowid in others:
            if rowid not in seen:
                seen.add(rowid)
                ranked.append((rowid, TIER_OTHER))
    return _with_details(session, ranked[:limit])


def _with_details(session: Session, ranked: list[tuple[int, int]]) -> list[SearchHit]:
    if not ranked:
        return []
    rows = {row[0]: row for row in session.execute(_DETAILS, {"ids": [i for i, _ in ranked]})}
    return [
        SearchHit(id=i, code=rows[i][1], name=rows[i][2], level=rows[i][3], field=rows[i][4], tier=tier)
        for i, tier in ranked
        if i in rows
    ]


def folded_phrase(query: str) -> str:
    """What the index compares against: useful for highlighting in the window."""
    return fold(query)
