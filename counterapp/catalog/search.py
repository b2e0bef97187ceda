"""Ranked, diacritic-insensitive, prefix-matching catalog search over SQLite FTS5.

Ranking, as an officer expects it:
  0. the exact procedure code;
  1. names containing the whole typed phrase (words in order, last word a prefix);
  2. names containing all the words (each a prefix), in any order;
  3. matches found only through the field, agency or code columns.
Inside a tier, shorter names come first (the closer match to what was typed).

FTS5's bm25 is not used: it scores every match before the LIMIT applies, which costs
100 ms and more on a 100,000-procedure catalog for a two-letter prefix. Reading a bounded
number of matches and ordering those costs under a millisecond (bench/catalog_search.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from counterapp.catalog.folding import fold, tokens

TIER_CODE, TIER_PHRASE, TIER_ALL_WORDS, TIER_OTHER = 0, 1, 2, 3
# Each FTS query reads at most this many matches per result asked for, then orders them.
# A query matching most of a huge catalog ("cap") thus costs a bounded amount; the
# officer narrows it by typing on.
CANDIDATES_PER_RESULT = 2


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


_DETAILS = (
    "SELECT p.id, p.code, p.name, coalesce(p.level, ''), "
    "coalesce((SELECT group_concat(f.name, '; ') FROM procedure_fields f WHERE f.procedure_id = p.id), '') "
    "FROM procedures p WHERE p.id IN (SELECT value FROM json_each(?))"
)
_BOUNDED = "SELECT rowid, name FROM procedure_search WHERE procedure_search MATCH ? LIMIT ?"
_EXACT_CODE = "SELECT id FROM procedures WHERE code = ? OR code = ?"
_FIRST = "SELECT id FROM procedures ORDER BY id LIMIT ?"


def _cursor(session: Session):  # noqa: ANN202
    # Search runs on every keystroke: it talks to the DB-API connection of the session's
    # transaction directly, which is several times cheaper than going through Core.
    return session.connection().connection.driver_connection.cursor()


def search_procedures(session: Session, query: str, limit: int = 50) -> list[SearchHit]:
    """The catalog's ranked answer to what the officer typed."""
    limit = max(1, limit)
    cursor = _cursor(session)
    words = tokens(query)
    stripped = query.strip()
    ranked: list[tuple[int, int]] = []  # (procedure id, tier)
    seen: set[int] = set()

    if stripped:
        exact = cursor.execute(_EXACT_CODE, (stripped, stripped.upper())).fetchone()
        if exact is not None:
            ranked.append((exact[0], TIER_CODE))
            seen.add(exact[0])

    if not words:
        if not stripped:
            ranked.extend((row[0], TIER_OTHER) for row in cursor.execute(_FIRST, (limit,)))
        return _with_details(cursor, ranked[:limit])

    cap = limit * CANDIDATES_PER_RESULT
    # Tier 1: the typed phrase in the name (words in order, the last one a prefix).
    phrase = '"' + " ".join(words) + '"*'
    for rowid, _name in _bounded_matches(cursor, "{name} : " + phrase, cap):
        if rowid not in seen:
            seen.add(rowid)
            ranked.append((rowid, TIER_PHRASE))
    if len(ranked) < limit:
        # Tiers 2 and 3: every word (as a prefix) somewhere; in the name, or elsewhere only.
        for rowid, folded_name in _bounded_matches(cursor, _match_expression(words), cap + len(seen)):
            if rowid in seen:
                continue
            seen.add(rowid)
            name_words = folded_name.split()
            in_name = all(any(n.startswith(w) for n in name_words) for w in words)
            ranked.append((rowid, TIER_ALL_WORDS if in_name else TIER_OTHER))
        ranked.sort(key=lambda item: item[1])  # stable: the length order is kept inside a tier
    return _with_details(cursor, ranked[:limit])


def _bounded_matches(cursor, expression: str, cap: int) -> list[tuple[int, str]]:  # noqa: ANN001
    """At most `cap` matches of `expression`, shorter (folded) names first."""
    rows = cursor.execute(_BOUNDED, (expression, cap)).fetchall()
    rows.sort(key=lambda row: (len(row[1]), row[1]))
    return rows


def _with_details(cursor, ranked: list[tuple[int, int]]) -> list[SearchHit]:  # noqa: ANN001
    if not ranked:
        return []
    ids = "[" + ",".join(str(i) for i, _ in ranked) + "]"
    rows = {row[0]: row for row in cursor.execute(_DETAILS, (ids,))}
    return [
        SearchHit(id=i, code=rows[i][1], name=rows[i][2], level=rows[i][3], field=rows[i][4], tier=tier)
        for i, tier in ranked
        if i in rows
    ]


def folded_phrase(query: str) -> str:
    """What the index compares against: useful for highlighting in the window."""
    return fold(query)
