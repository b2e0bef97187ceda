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

import sqlite3
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from counterapp.catalog.folding import fold, tokens

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TIER_CODE, TIER_PHRASE, TIER_ALL_WORDS, TIER_OTHER = 0, 1, 2, 3
# Each FTS query reads at most this many matches per result asked for, then orders them.
# A query matching most of a huge catalog ("cap") thus costs a bounded amount; the
# officer narrows it by typing on.
CANDIDATES_PER_RESULT = 1


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


# Every row read from the index carries what a result line shows: no second query.
_COLUMNS = "rowid, name, shown_code, shown_name, shown_field, shown_level"
_BOUNDED = f"SELECT {_COLUMNS} FROM procedure_search WHERE procedure_search MATCH ? LIMIT ?"
_BY_ID = f"SELECT {_COLUMNS} FROM procedure_search WHERE rowid = ?"
_EXACT_CODE = "SELECT id FROM procedures WHERE code = ? OR code = ?"
_FIRST = f"SELECT {_COLUMNS} FROM procedure_search ORDER BY rowid LIMIT ?"


def _cursor(source: Session | sqlite3.Connection):  # noqa: ANN202
    # Search runs on every keystroke: it talks to the DB-API connection of the session's
    # transaction directly, which is several times cheaper than going through Core. A plain
    # sqlite3 connection (the start-up catalog reader, counterapp/catalog/reader.py) is
    # used as it is.
    if isinstance(source, sqlite3.Connection):
        return source.cursor()
    return source.connection().connection.driver_connection.cursor()


def _hit(row: tuple, tier: int) -> SearchHit:
    return SearchHit(id=row[0], code=row[2], name=row[3], field=row[4], level=row[5], tier=tier)


def search_procedures(session: Session | sqlite3.Connection, query: str, limit: int = 50) -> list[SearchHit]:
    """The catalog's ranked answer to what the officer typed (through a session, or the
    start-up reader's sqlite3 connection)."""
    limit = max(1, limit)
    cursor = _cursor(session)
    words = tokens(query)
    stripped = query.strip()
    hits: list[SearchHit] = []
    seen: set[int] = set()

    if stripped:
        exact = cursor.execute(_EXACT_CODE, (stripped, stripped.upper())).fetchone()
        row = cursor.execute(_BY_ID, (exact[0],)).fetchone() if exact else None
        if row is not None:
            hits.append(_hit(row, TIER_CODE))
            seen.add(row[0])

    if not words:
        if not stripped:
            hits.extend(_hit(row, TIER_OTHER) for row in cursor.execute(_FIRST, (limit,)))
        return hits[:limit]

    cap = limit * CANDIDATES_PER_RESULT
    # Tier 1: the typed phrase in the name (words in order, the last one a prefix).
    phrase = '"' + " ".join(words) + '"*'
    for row in _bounded_matches(cursor, "{name} : " + phrase, cap):
        if row[0] not in seen:
            seen.add(row[0])
            hits.append(_hit(row, TIER_PHRASE))
    if len(hits) < limit:
        # Tiers 2 and 3: every word (as a prefix) somewhere; in the name, or elsewhere only.
        for row in _bounded_matches(cursor, _match_expression(words), cap + len(seen)):
            if row[0] in seen:
                continue
            seen.add(row[0])
            name_words = row[1].split()
            in_name = all(any(n.startswith(w) for n in name_words) for w in words)
            hits.append(_hit(row, TIER_ALL_WORDS if in_name else TIER_OTHER))
        hits.sort(key=lambda hit: hit.tier)  # stable: the length order is kept inside a tier
    return hits[:limit]


def _bounded_matches(cursor, expression: str, cap: int) -> list[tuple]:  # noqa: ANN001
    """At most `cap` matches of `expression`, shorter (folded) names first."""
    rows = cursor.execute(_BOUNDED, (expression, cap)).fetchall()
    rows.sort(key=lambda row: (len(row[1]), row[1]))
    return rows


def folded_phrase(query: str) -> str:
    """What the index compares against: useful for highlighting in the window."""
    return fold(query)
