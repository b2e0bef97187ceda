"""Dossier codes: `<agency code>-<yymmdd>-<nnnn>` from number blocks, never twice.

- A number block is a range of running numbers this counter may use: from the site
  config (`config.number_blocks`, valid every day; mirrored into `number_blocks` with
  source "config" on each allocation) or from the portal (`add_number_block`, usually
  for one day, source "portal").
- For a day with any portal block (dated that day, or undated), only portal blocks are
  used: the portal hands numbers to every counter of the agency, so a config range
  would collide with another counter's portal block. On other days the config blocks
  apply (a stand-alone counter, or disjoint per-counter ranges set by IT). Dated blocks
  come before undated ones, then by `first`; `daily_sequences` keeps the next number
  of each block per day. Sites synced with a portal should set `numbering.blocks = []`
  or give each counter ranges the portal never hands out.
- Allocation runs inside a BEGIN IMMEDIATE transaction (`ctx.writer_sessions`), so two
  processes on one database file serialise and never mint the same code.
- With no number left, the code is provisional and says so:
  `<agency>-<yymmdd>-TAM<counter id>-<nnnn>` ("TAM" = tạm, provisional), numbered per
  counter per day. The portal later confirms a final code (`confirm_code`); the
  provisional one stays in `Dossier.provisional_code`.
- Blocks should not overlap. If they do, a number whose code already belongs to a
  dossier is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, sessionmaker

from counterapp.config import SiteConfig
from counterapp.db.engine import session_scope
from counterapp.dossiers.models import DailySequence, Dossier, NumberBlock

PROVISIONAL_MARK = "TAM"
MAX_NUMBER = 9999  # four digits in the code
DEFAULT_LOW_THRESHOLD = 20
_PROVISIONAL_RE = re.compile(rf"-{PROVISIONAL_MARK}[^-]*-\d+$")


@dataclass(frozen=True)
class AllocatedCode:
    code: str
    provisional: bool
    day: date
    number: int
    block_id: int | None = None


class NumberingError(ValueError):
    """A number block that cannot be used; message Vietnamese / English."""


def format_code(agency_code: str, day: date, number: int) -> str:
    return f"{agency_code}-{day:%y%m%d}-{number:04d}"


def format_provisional_code(agency_code: str, day: date, counter_id: str, number: int) -> str:
    return f"{agency_code}-{day:%y%m%d}-{PROVISIONAL_MARK}{counter_id}-{number:04d}"


def is_provisional_code(code: str) -> bool:
    return bool(_PROVISIONAL_RE.search(code or ""))


def low_threshold(config: SiteConfig) -> int:
    """Warn the officer when fewer numbers than this are left (site.toml [numbering] warn_below)."""
    try:
        return int(config.section("numbering").get("warn_below", DEFAULT_LOW_THRESHOLD))
    except (TypeError, ValueError):
        return DEFAULT_LOW_THRESHOLD


def _check_range(first: int, last: int) -> None:
    if not (1 <= int(first) <= int(last) <= MAX_NUMBER):
        raise NumberingError(
            f"Dải số không hợp lệ: {first}–{last} (cần 1 ≤ đầu ≤ cuối ≤ {MAX_NUMBER}) / "
            f"invalid number block {first}-{last} (need 1 <= first <= last <= {MAX_NUMBER})"
        )


def add_number_block(
    session: Session,
    *,
    first: int,
    last: int,
    valid_on: date | None = None,
    source: str = "portal",
    agency_code: str,
) -> NumberBlock:
    """Add a block (idempotent: the same block again returns the existing row). Not committed."""
    _check_range(first, last)
    existing = session.scalar(
        select(NumberBlock).where(
            NumberBlock.agency_code == agency_code,
            NumberBlock.valid_on.is_(None) if valid_on is None else NumberBlock.valid_on == valid_on,
            NumberBlock.first == int(first),
            NumberBlock.last == int(last),
            NumberBlock.source == source,
        )
    )
    if existing is not None:
        existing.active = True
        return existing
    block = NumberBlock(
        agency_code=agency_code, valid_on=valid_on, first=int(first), last=int(last), source=source, active=True
    )
    session.add(block)
    session.flush()
    return block


def sync_config_blocks(session: Session, config: SiteConfig) -> None:
    """Make the active "config" rows match `config.number_blocks` for `config.agency_code`.

    Rows of blocks no longer configured are deactivated, not deleted (their daily
    sequences stay, so re-adding a block never restarts a day's numbering).
    """
    wanted = {(b.first, b.last) for b in config.number_blocks}
    for first, last in wanted:
        _check_range(first, last)
    rows = session.scalars(select(NumberBlock).where(NumberBlock.source == "config")).all()
    seen: set[tuple[int, int]] = set()
    for row in rows:
        key = (row.first, row.last)
        keep = row.agency_code == config.agency_code and row.valid_on is None and key in wanted and key not in seen
        if keep:
            seen.add(key)
        if row.active != keep:
            row.active = keep
    for first, last in sorted(wanted - seen):
        session.add(
            NumberBlock(agency_code=config.agency_code, valid_on=None, first=first, last=last, source="config", active=True)
        )
    session.flush()


def _blocks_for(session: Session, agency_code: str, day: date) -> list[NumberBlock]:
    rows = session.scalars(
        select(NumberBlock).where(
            NumberBlock.agency_code == agency_code,
            NumberBlock.active.is_(True),
            or_(NumberBlock.valid_on.is_(None), NumberBlock.valid_on == day),
        )
    ).all()
    portal = [b for b in rows if b.source != "config"]
    if portal:
        # The portal numbers this day: config ranges would collide with other counters'
        # portal blocks, so once its blocks are used up the codes are provisional.
        rows = portal
    return sorted(rows, key=lambda b: (b.valid_on is None, b.first, b.id))


def _sequence(session: Session, day: date, series: str, start: int, block_id: int | None) -> DailySequence:
    seq = session.scalar(select(DailySequence).where(DailySequence.day == day, DailySequence.series == series))
    if seq is None:
        seq = DailySequence(day=day, series=series, block_id=block_id, next_number=start)
        session.add(seq)
    return seq


def _code_taken(session: Session, code: str) -> bool:
    return bool(session.scalar(select(exists().where(Dossier.code == code))))


def _allocate_in(session: Session, config: SiteConfig, day: date) -> AllocatedCode:
    sync_config_blocks(session, config)
    agency = config.agency_code
    for block in _blocks_for(session, agency, day):
        seq = _sequence(session, day, f"block:{block.id}", block.first, block.id)
        while seq.next_number <= block.last:
            number = max(seq.next_number, block.first)
            seq.next_number = number + 1
            code = format_code(agency, day, number)
            if not _code_taken(session, code):
                session.flush()
                return AllocatedCode(code=code, provisional=False, day=day, number=number, block_id=block.id)
    seq = _sequence(session, day, f"provisional:{config.counter_id}", 1, None)
    while True:
        number = seq.next_number
        seq.next_number = number + 1
        code = format_provisional_code(agency, day, config.counter_id, number)
        if not _code_taken(session, code):
            session.flush()
            return AllocatedCode(code=code, provisional=True, day=day, number=number, block_id=None)


def allocate_code(
    target: sessionmaker[Session] | Session, config: SiteConfig, received_local_date: date
) -> AllocatedCode:
    """The next dossier code for `received_local_date` (a date in the site zone).

    `target` is either `ctx.writer_sessions` (a transaction is opened with BEGIN
    IMMEDIATE and committed here) or a Session already inside such a transaction (the
    caller commits: the number is consumed only if that transaction commits).
    """
    if isinstance(target, Session):
        return _allocate_in(target, config, received_local_date)
    with session_scope(target) as session:
        return _allocate_in(session, config, received_local_date)


def blocks_remaining(session: Session, config: SiteConfig, day: date) -> int:
    """How many regular (non-provisional) codes can still be made for `day`. Read-only."""
    agency = config.agency_code
    portal = [b for b in _blocks_for(session, agency, day) if b.source != "config"]
    total = 0
    if portal:
        blocks = portal
    else:
        blocks = []
        config_rows = {
            (b.first, b.last): b
            for b in session.scalars(
                select(NumberBlock).where(
                    NumberBlock.source == "config", NumberBlock.agency_code == agency, NumberBlock.valid_on.is_(None)
                )
            )
        }
        for first, last in {(b.first, b.last) for b in config.number_blocks}:
            row = config_rows.get((first, last))
            if row is None:  # not mirrored yet: nothing used
                total += last - first + 1
            else:
                blocks.append(row)
    for block in blocks:
        seq = session.scalar(
            select(DailySequence.next_number).where(
                DailySequence.day == day, DailySequence.series == f"block:{block.id}"
            )
        )
        next_number = block.first if seq is None else max(seq, block.first)
        total += max(0, block.last - next_number + 1)
    return total


def numbers_running_low(session: Session, config: SiteConfig, day: date) -> bool:
    """True when the GUI should warn: fewer than `low_threshold(config)` codes left for `day`."""
    return blocks_remaining(session, config, day) < low_threshold(config)


def confirm_code(session: Session, dossier_uuid: str, final_code: str) -> Dossier:
    """The portal confirmed (or replaced) a dossier's code. Keeps the old provisional code.

    Not committed here. Raises LookupError for an unknown uuid, NumberingError if
    `final_code` belongs to another dossier.
    """
    dossier = session.scalar(select(Dossier).where(Dossier.uuid == dossier_uuid))
    if dossier is None:
        raise LookupError(f"Không tìm thấy hồ sơ {dossier_uuid} / no dossier with uuid {dossier_uuid}")
    final_code = final_code.strip()
    if not final_code:
        raise NumberingError("Mã hồ sơ chính thức trống / final code is empty")
    if dossier.code == final_code:
        if dossier.code_provisional:
            dossier.code_provisional = False
        return dossier
    other = session.scalar(select(Dossier.uuid).where(Dossier.code == final_code))
    if other is not None:
        raise NumberingError(
            f"Mã {final_code} đã thuộc hồ sơ khác / code {final_code} already belongs to another dossier"
        )
    if dossier.code_provisional or dossier.provisional_code is None:
        dossier.provisional_code = dossier.code
    dossier.code = final_code
    dossier.code_provisional = False
    session.flush()
    return dossier
