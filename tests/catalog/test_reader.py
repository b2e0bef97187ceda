"""The start-up catalog reader: the catalog listed and searchable before SQLAlchemy loads."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from counterapp.app import open_app
from counterapp.catalog.reader import open_catalog_reader, preview_catalog
from counterapp.catalog.search import search_procedures


def test_reader_gives_the_same_answers_as_the_session(demo_ctx, data_dir):
    preview = preview_catalog(data_dir, limit=200)
    assert preview is not None
    try:
        with demo_ctx.sessions() as session:
            assert preview.first_page == search_procedures(session, "", limit=200)
            assert len(preview.first_page) >= 60
            for query in ("dat dai", "khai si", "1.001193", "chứng thực bản sao"):
                assert search_procedures(preview.connection, query, 50) == search_procedures(session, query, 50)
    finally:
        preview.close()


def test_reader_cannot_write(demo_ctx, data_dir):
    connection = open_catalog_reader(data_dir)
    assert connection is not None
    try:
        with pytest.raises(sqlite3.Error):
            connection.execute("DELETE FROM procedures")
    finally:
        connection.close()
    with demo_ctx.sessions() as session:
        assert search_procedures(session, "", 5)  # nothing was lost


def test_no_reader_for_a_new_folder_or_pending_migrations(data_dir):
    assert open_catalog_reader(data_dir) is None  # nothing there yet: open_app creates it
    ctx = open_app(data_dir, seed_demo=True)
    with ctx.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA user_version = 1")  # as if a newer version brought migrations
    ctx.close()
    assert open_catalog_reader(data_dir) is None
    ctx = open_app(data_dir)  # migrates (here: nothing to do) and stores the fingerprint again
    ctx.close()
    assert open_catalog_reader(data_dir) is not None


def test_no_reader_for_a_file_that_is_not_a_database(data_dir):
    (data_dir / "counter.db").write_bytes(b"not a database at all" * 100)
    assert open_catalog_reader(data_dir) is None


def test_reader_does_not_load_sqlalchemy(demo_ctx, data_dir):
    code = (
        "import sys\n"
        "from counterapp.catalog.reader import preview_catalog\n"
        "p = preview_catalog(sys.argv[1], 20)\n"
        "print(len(p.first_page), 'sqlalchemy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["20", "False"], out.stderr
