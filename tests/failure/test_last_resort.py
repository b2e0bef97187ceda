"""The last resort (counterapp/cli/__init__.py): an error nobody foresaw is a short message
and the path of a log file holding the traceback, exit 70 (EX_SOFTWARE), never a traceback
on the officer's screen. The unforeseen error here is a real one: a damaged database whose
dossier table is gone (a hand "repair", a restore of half a backup)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.failure.conftest import run_cli


def test_an_unexpected_error_is_a_message_and_a_log_file(counter):
    ctx, _ = counter
    ctx.close()
    import sqlite3

    damaged = sqlite3.connect(ctx.database_path)
    damaged.executescript("PRAGMA foreign_keys=OFF; DROP TABLE dossiers;")
    damaged.close()
    done = run_cli("dossier", "list", data_dir=ctx.data_dir)
    err = done.stderr.decode()
    assert done.returncode == 70
    assert "Lỗi ngoài dự kiến" in err and "Unexpected error" in err
    assert "Traceback" not in err
    logged = re.search(r"(/\S+\.log)", err)
    assert logged, err
    log = Path(logged.group(1))
    assert log.parent == ctx.data_dir / "logs"
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "no such table: dossiers" in text and "dossier" in text


def test_usage_errors_keep_status_2(counter):
    ctx, _ = counter
    done = run_cli("dossier", "list", "--limit", "nhiều", data_dir=ctx.data_dir)
    assert done.returncode == 2 and "Traceback" not in done.stderr.decode()


def test_help_lists_the_exit_statuses(capsys):
    from tests.failure.conftest import run_main

    status, out, _ = run_main(capsys, "--help")
    assert status == 0
    for code in ("70", "73", "74", "75"):
        assert f"\n  {code}  " in out
    assert "The data folder is read-only" not in out and "the data folder is read-only" in out
