from __future__ import annotations

import json
import subprocess
import sys

import pytest
from alembic import command
from sqlalchemy import inspect

from counterapp.cli import main
from counterapp.db import make_engine, upgrade_to_head
from counterapp.db.migrate import alembic_config, pending_revisions
from tests.catalog.conftest import procedure


def run(capsys, *argv):
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


def test_import_exit_statuses_and_messages(capsys, data_dir, write_json, tmp_path):
    good = write_json([procedure("1.001193", "Đăng ký khai sinh")], "good.json")
    status, out, _ = run(capsys, "catalog", "import", str(good))
    assert status == 0 and "added: 1" in out

    partly = write_json([procedure("1.001193", "Đăng ký khai sinh"), {"MATTHC": "9.9"}], "partly.json")
    status, out, err = run(capsys, "catalog", "import", str(partly))
    assert status == 1
    assert "updated: 1" in out and "refused: 1" in out
    assert "9.9" in err and "TENTTHC" in err

    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    status, out, err = run(capsys, "catalog", "import", str(broken))
    assert status == 2
    assert "không phải JSON" in err and "nothing was changed" in err


def test_search_and_show_json(capsys, data_dir, write_json):
    run(capsys, "catalog", "import", str(write_json([
        procedure("1.001193", "Đăng ký khai sinh"),
        procedure("1.004227", "Đăng ký biến động đất đai", field="Đất đai", level="Cấp tỉnh"),
    ])))
    status, out, _ = run(capsys, "catalog", "search", "dat", "dai", "--json", "--limit", "5")
    results = json.loads(out)
    assert status == 0
    assert results[0]["code"] == "1.004227"
    assert {"code", "name", "field", "level"} <= set(results[0])
    assert results[0]["field"] == "Đất đai" and results[0]["level"] == "Cấp tỉnh"

    status, out, _ = run(capsys, "catalog", "show", "1.001193", "--json")
    record = json.loads(out)
    assert record["name"] == "Đăng ký khai sinh"
    assert record["documents"][1]["copies"] == 1

    status, out, err = run(capsys, "catalog", "show", "0.000000")
    assert status == 1 and "0.000000" in err


def test_data_dir_option_after_the_command_wins(capsys, data_dir, tmp_path, write_json):
    other = tmp_path / "other"
    run(capsys, "catalog", "import", str(write_json([procedure("5.5", "Thủ tục riêng")])), "--data-dir", str(other))
    assert (other / "counter.db").exists()
    status, out, _ = run(capsys, "--data-dir", str(other), "catalog", "search", "thu tuc rieng", "--json")
    assert json.loads(out)[0]["code"] == "5.5"
    # the default data dir (COUNTERAPP_DATA_DIR from the fixture) did not get it
    status, out, _ = run(capsys, "catalog", "search", "thu tuc rieng", "--json")
    assert json.loads(out) == [] or json.loads(out)[0]["code"] != "5.5"


# SQLite's expression indexes (the outbox's JSON index) cannot be reflected; Alembic says so.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_migrations_build_every_table_from_an_empty_database(tmp_path):
    engine = make_engine(tmp_path / "empty.db")
    upgrade_to_head(engine)
    assert pending_revisions(engine) == set()
    tables = set(inspect(engine).get_table_names())
    assert {"procedures", "required_documents", "fees", "procedure_search", "outbox"} <= tables
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    upgrade_to_head(engine)  # running again is a no-op
    # the models and the migrations describe the same schema
    command.check(alembic_config(engine))


def test_console_script_version():
    out = subprocess.run([sys.executable, "-m", "counterapp", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("counterapp ")
