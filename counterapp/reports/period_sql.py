"""The SQL behind a period's figures (counterapp/reports/period.py), written for speed at a
million dossiers (bench/report.py): each figure is one pass over an index range of the
reports_0001 covering indexes (no table row read for received, resolved, returned, fees), with
integer arithmetic instead of date strings:
- an instant's local time is a count of minutes (`local_minutes`: the stored UTC text's date
  through julianday, its hour and minute through substr, plus the zone's offset); its local
  day is that / 1440 (a day number), its minute of the day that % 1440;
- working time r -> f is W(f) - W(r), W(t) = cum(day of t) + (t's day works ? minutes of its
  sessions already past : 0). `cum` comes from a TEMP table of the calendar's days (one row a
  day, filled per report: the main database is never written), joined by its integer key;
- rows are grouped by (group, week), so the weekly series comes from the same pass.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from counterapp.db.base import UTCDateTime

if TYPE_CHECKING:
    from counterapp.calendar.working_time import WorkingCalendar

KEY_SQL = {None: "''", "procedure": "d.procedure_code", "field": "coalesce(d.field_code, '')",
           "officer": "d.officer", "channel": "d.channel"}
"""The group key on `dossiers d` per grouping (a fixed whitelist: nothing typed reaches the SQL)."""
EPOCH = date(1970, 1, 1)
NOT_REFUSED_AT_INTAKE = "NOT (d.status = 3 AND d.ledger_line IS NULL)"


def day_number(day: date) -> int:
    return (day - EPOCH).days


def day_of(number: int) -> date:
    return EPOCH + timedelta(days=number)


def _bounds(sql: str) -> Any:
    return text(sql).bindparams(bindparam("a", type_=UTCDateTime()), bindparam("b", type_=UTCDateTime()))


def local_minutes(column: str) -> str:
    """Minutes since 1970-01-01 00:00 local of a stored naive-UTC instant ('YYYY-MM-DD HH:MM:SS...'),
    seconds dropped as working_minutes_between drops them; exact integer arithmetic (julianday of
    the date part alone is exact), cheaper than strftime."""
    return (f"(CAST((julianday(substr({column}, 1, 10)) - 2440587.5) * 1440 AS INTEGER) "
            f"+ CAST(substr({column}, 12, 2) AS INTEGER) * 60 + CAST(substr({column}, 15, 2) AS INTEGER) + :off)")


def _session_part(minute: str, sessions: tuple[tuple[int, int], ...]) -> str:
    """Working minutes of a working day's sessions before `minute` (SQL, integer arithmetic)."""
    return " + ".join(f"max(0, min({minute}, {closing}) - {opening})" for opening, closing in sessions)


def received_rows(session: Session, by: str | None, first: datetime, after: datetime, off: int,
                  monday: int) -> list[tuple]:
    """(key, week index, received, digitized) per group and week (week 0 starts on `monday`)."""
    sql = f"""
        SELECT {KEY_SQL[by]}, ({local_minutes('d.received_at')} / 1440 - :monday) / 7 AS wk, count(*),
               sum(EXISTS (SELECT 1 FROM attachments a WHERE a.dossier_id = d.id AND a.deleted = 0))
        FROM dossiers d
        WHERE d.received_at >= :a AND d.received_at < :b AND {NOT_REFUSED_AT_INTAKE}
        GROUP BY 1, 2"""
    return session.execute(_bounds(sql), {"a": first, "b": after, "off": off, "monday": monday}).all()


RESOLVED = "d.finished_at >= :a AND d.finished_at < :b AND d.status IN (9, 10)"


def resolved_days(session: Session, first: datetime, after: datetime, off: int) -> tuple[int, int] | None:
    """(first, last) local day numbers the day table must cover for the dossiers resolved in the
    period: from the counter's first receipt (the head of the receipt index: no scan) to the
    period's end; None when nothing was resolved in the period."""
    sql = f"SELECT 1 FROM dossiers d WHERE {RESOLVED} LIMIT 1"
    if session.execute(_bounds(sql), {"a": first, "b": after}).first() is None:
        return None
    oldest = min(session.execute(text("SELECT min(received_at) FROM dossiers")).scalar(),
                 first.replace(tzinfo=None).isoformat(" ", "microseconds"))  # a result before any receipt
    low = session.execute(text(f"SELECT {local_minutes(':t')} / 1440"), {"t": oldest, "off": off}).scalar()
    last = after - timedelta(microseconds=1)
    high = session.execute(text(f"SELECT {local_minutes(':t')} / 1440"),
                           {"t": last.replace(tzinfo=None).isoformat(" ", "microseconds"), "off": off}).scalar()
    return int(low), int(high)


def load_days(session: Session, calendar: WorkingCalendar, low: int, high: int) -> int:
    """Fill the connection's TEMP table `report_days` (day number, working minutes before the
    day since `low`, whether it works) from `calendar`; returns the minutes of a working day."""
    day_minutes = calendar.day_minutes
    rows, total = [], 0
    for number in range(low, high + 1):
        works = calendar.is_working_day(day_of(number))
        rows.append((number, total, 1 if works else 0))
        total += day_minutes if works else 0
    connection = session.connection()
    connection.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS report_days (day INTEGER PRIMARY KEY, cum INTEGER NOT NULL, "
        "working INTEGER NOT NULL)")
    connection.exec_driver_sql("DELETE FROM temp.report_days")
    connection.exec_driver_sql("INSERT INTO temp.report_days (day, cum, working) VALUES (?, ?, ?)", rows)
    return day_minutes


def resolved_rows(session: Session, by: str | None, first: datetime, after: datetime, off: int, monday: int,
                  sessions: tuple[tuple[int, int], ...]) -> list[tuple]:
    """(key, week index, resolved, on time, working minutes) per group and week of the result;
    `load_days` must have filled `report_days` for the span first."""
    part_f = _session_part("(uf % 1440)", sessions)
    part_r = _session_part("(ur % 1440)", sessions)
    # The instants are computed once per row in the subquery (SQLite materializes it for the
    # join); repeating the arithmetic in a flat join measured 1.5-2x slower on bench/report.py.
    sql = f"""
        SELECT k, (uf / 1440 - :monday) / 7 AS wk, count(*), sum(ot),
               sum(fd.cum - rd.cum + fd.working * ({part_f}) - rd.working * ({part_r}) - paused)
        FROM (
            SELECT {KEY_SQL[by]} AS k, {local_minutes('d.finished_at')} AS uf, {local_minutes('d.received_at')} AS ur,
                   (d.due_at IS NULL OR d.finished_at <= d.due_at) AS ot, d.paused_minutes AS paused
            FROM dossiers d WHERE {RESOLVED}
            LIMIT -1) x
        JOIN temp.report_days fd ON fd.day = x.uf / 1440
        JOIN temp.report_days rd ON rd.day = x.ur / 1440
        GROUP BY k, wk"""
    return session.execute(_bounds(sql), {"a": first, "b": after, "off": off, "monday": monday}).all()


def returned_rows(session: Session, by: str | None, first: datetime, after: datetime) -> list[tuple]:
    sql = f"""SELECT {KEY_SQL[by]}, count(*) FROM dossiers d WHERE d.returned_at >= :a AND d.returned_at < :b
              GROUP BY 1"""
    return session.execute(_bounds(sql), {"a": first, "b": after}).all()


def status_rows(session: Session, by: str | None, first: datetime, after: datetime) -> list[tuple]:
    """(key, to_status, count) of the changes to 3 (refused) and 5 (documents requested)."""
    sql = f"""SELECT {KEY_SQL[by]}, c.to_status, count(*) FROM dossier_status_changes c
              JOIN dossiers d ON d.id = c.dossier_id
              WHERE c.to_status IN (3, 5) AND c.at >= :a AND c.at < :b GROUP BY 1, 2"""
    return session.execute(_bounds(sql), {"a": first, "b": after}).all()


def fee_rows(session: Session, by: str | None, first: datetime, after: datetime) -> list[tuple]:
    join = "" if by is None else "JOIN dossiers d ON d.id = f.dossier_id"
    sql = f"""SELECT {KEY_SQL[by]}, sum(f.amount_vnd) FROM dossier_fees f {join}
              WHERE f.paid_at >= :a AND f.paid_at < :b AND f.paid = 1 AND f.method <> 'free' GROUP BY 1"""
    return session.execute(_bounds(sql), {"a": first, "b": after}).all()


def completion_rows(session: Session, by: str | None, first: datetime, after: datetime) -> list[tuple]:
    """(key, count) of the form 02 requests: their procedure, its first field in the catalog, the
    officer who issued them; channel 1 (a paper dossier at the counter)."""
    key = {None: "''", "procedure": "r.procedure_code", "officer": "r.officer", "channel": "1",
           "field": "coalesce((SELECT f.code FROM procedure_fields f JOIN procedures p ON p.id = f.procedure_id "
                    "WHERE p.code = r.procedure_code ORDER BY f.position LIMIT 1), '')"}[by]
    sql = f"""SELECT {key}, count(*) FROM completion_requests r WHERE r.created_at >= :a AND r.created_at < :b
              GROUP BY 1"""
    return session.execute(_bounds(sql), {"a": first, "b": after}).all()


def labels(session: Session, by: str | None, keys: list[str], first: datetime, after: datetime) -> dict[str, str]:
    """Names for procedure and field codes: the catalog's, else a dossier's snapshot (looked up in
    the period's receipts, then anywhere)."""
    if by not in ("procedure", "field") or not keys:
        return {}
    wanted = list(keys)
    if by == "procedure":
        catalog = "SELECT code, name FROM procedures WHERE code IN :keys"
        snapshot = "SELECT procedure_name FROM dossiers d WHERE d.procedure_code = :k AND {where} LIMIT 1"
    else:
        catalog = "SELECT code, min(name) FROM procedure_fields WHERE code IN :keys GROUP BY code"
        snapshot = "SELECT field_name FROM dossiers d WHERE d.field_code = :k AND {where} LIMIT 1"
    found = dict(session.execute(text(catalog).bindparams(bindparam("keys", expanding=True)), {"keys": wanted}).all())
    for key in wanted:
        if found.get(key) or not key:
            continue
        name = session.execute(_bounds(snapshot.format(where="d.received_at >= :a AND d.received_at < :b")),
                               {"k": key, "a": first, "b": after}).scalar()
        if name is None:
            name = session.execute(text(snapshot.format(where="1")), {"k": key}).scalar()
        if name:
            found[key] = name
    return {k: v for k, v in found.items() if v}
