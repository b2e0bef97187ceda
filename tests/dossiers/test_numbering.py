"""Dossier codes: number blocks, per-day numbering, provisional codes, two processes at once."""

from __future__ import annotations

import multiprocessing
from datetime import date
from pathlib import Path

import pytest

from counterapp.app import open_app
from counterapp.db.engine import session_scope
from counterapp.dossiers.numbering import (
    NumberingError,
    add_number_block,
    allocate_code,
    blocks_remaining,
    confirm_code,
    is_provisional_code,
    numbers_running_low,
)

DAY = date(2026, 3, 2)


def _site(data_dir: Path, blocks: str, extra: str = "") -> None:
    (data_dir / "site.toml").write_text(
        f'[site]\nagency_code = "H49.22"\ncounter_id = "Q01"\n[numbering]\nblocks = {blocks}\n{extra}',
        encoding="utf-8",
    )


def test_codes_run_per_day_with_four_digits(app_ctx):
    codes = [allocate_code(app_ctx.writer_sessions, app_ctx.config, DAY).code for _ in range(3)]
    assert codes == ["H49.22-260302-0001", "H49.22-260302-0002", "H49.22-260302-0003"]
    next_day = allocate_code(app_ctx.writer_sessions, app_ctx.config, date(2026, 3, 3))
    assert next_day.code == "H49.22-260303-0001"
    assert not next_day.provisional


def test_provisional_codes_after_blocks_run_out_and_warning_before(data_dir):
    _site(data_dir, "[[1, 3]]", "warn_below = 2\n")
    ctx = open_app(data_dir, seed_demo=False)
    try:
        with ctx.sessions() as s:
            assert blocks_remaining(s, ctx.config, DAY) == 3
            assert not numbers_running_low(s, ctx.config, DAY)
        got = [allocate_code(ctx.writer_sessions, ctx.config, DAY) for _ in range(2)]
        with ctx.sessions() as s:
            assert blocks_remaining(s, ctx.config, DAY) == 1
            assert numbers_running_low(s, ctx.config, DAY)  # warned while one number is still left
        got += [allocate_code(ctx.writer_sessions, ctx.config, DAY) for _ in range(2)]
        assert [g.provisional for g in got] == [False, False, False, True]
        assert got[3].code == "H49.22-260302-TAMQ01-0001"
        assert is_provisional_code(got[3].code) and not is_provisional_code(got[2].code)
        with ctx.sessions() as s:
            assert blocks_remaining(s, ctx.config, DAY) == 0
            # another day has its own numbers
            assert blocks_remaining(s, ctx.config, date(2026, 3, 3)) == 3
    finally:
        ctx.close()


def test_portal_blocks_take_over_their_day(data_dir):
    _site(data_dir, "[[1, 2]]")
    ctx = open_app(data_dir, seed_demo=False)
    try:
        with session_scope(ctx.sessions) as s:
            add_number_block(s, first=500, last=501, valid_on=DAY, agency_code="H49.22")
            add_number_block(s, first=500, last=501, valid_on=DAY, agency_code="H49.22")  # idempotent
            add_number_block(s, first=700, last=700, valid_on=DAY, agency_code="H57.132")  # another agency
            # on a day the portal numbers, only its blocks count; other days keep the config range
            assert blocks_remaining(s, ctx.config, DAY) == 2
            assert blocks_remaining(s, ctx.config, date(2026, 3, 3)) == 2
        got = [allocate_code(ctx.writer_sessions, ctx.config, DAY) for _ in range(3)]
        assert [g.code for g in got] == ["H49.22-260302-0500", "H49.22-260302-0501", "H49.22-260302-TAMQ01-0001"]
        assert allocate_code(ctx.writer_sessions, ctx.config, date(2026, 3, 3)).code == "H49.22-260303-0001"
        with pytest.raises(NumberingError, match="Dải số không hợp lệ"):
            with session_scope(ctx.sessions) as s:
                add_number_block(s, first=10, last=5, agency_code="H49.22")
    finally:
        ctx.close()


def _allocate_many(data_dir: str, count: int, queue, barrier) -> None:  # noqa: ANN001
    ctx = open_app(data_dir, seed_demo=False)
    try:
        barrier.wait(timeout=60)  # both processes start allocating together
        out = []
        for _ in range(count):
            got = allocate_code(ctx.writer_sessions, ctx.config, DAY)
            out.append((got.code, got.provisional))
        queue.put(out)
    finally:
        ctx.close()


def test_two_processes_never_mint_the_same_code(data_dir):
    _site(data_dir, "[[1, 150]]")
    open_app(data_dir, seed_demo=False).close()  # migrate once before the race
    mp = multiprocessing.get_context("spawn")
    queue = mp.Queue()
    barrier = mp.Barrier(2)
    workers = [mp.Process(target=_allocate_many, args=(str(data_dir), 100, queue, barrier)) for _ in range(2)]
    for w in workers:
        w.start()
    results = [queue.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    codes = [code for result in results for code, _ in result]
    assert len(codes) == 200
    assert len(set(codes)) == 200, "a code was minted twice"
    regular = sorted(code for result in results for code, provisional in result if not provisional)
    assert regular == [f"H49.22-260302-{n:04d}" for n in range(1, 151)]
    for result in results:
        flags = [provisional for _, provisional in result]
        # once a process got a provisional code, it never got a regular one again
        if True in flags:
            assert all(flags[flags.index(True):])


def test_confirm_code_keeps_the_provisional_one(proc_ctx):
    from counterapp.dossiers.intake import create_dossier
    from counterapp.dossiers.queries import get_by_code
    from tests.dossiers.conftest import request_dict

    (proc_ctx.data_dir / "site.toml").write_text("[numbering]\nblocks = []\n", encoding="utf-8")
    ctx = open_app(proc_ctx.data_dir, seed_demo=False)
    try:
        dossier = create_dossier(ctx, request_dict(), "Cán bộ A")
        assert dossier.code_provisional and "TAMQ01" in dossier.code
        with session_scope(ctx.sessions) as s:
            confirm_code(s, dossier.uuid, "H49.22-260302-0042")
        with ctx.sessions() as s:
            again = get_by_code(s, "H49.22-260302-0042")
            assert again.uuid == dossier.uuid and not again.code_provisional
            assert again.provisional_code == dossier.code
            assert get_by_code(s, dossier.code).uuid == dossier.uuid  # the old code still finds it
    finally:
        ctx.close()
