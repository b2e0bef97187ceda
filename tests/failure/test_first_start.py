"""Several processes starting at once on a new data folder (the window, `sync` from a
scheduled task, a script): 12 of 18 crashed in the migrations (issue 13). The migrations and
the demo catalog now load under a file lock; the others wait, and all of them work."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from counterapp.paths import resource
from tests.failure.conftest import ROOT, reopen

STARTS = 6


def test_simultaneous_first_starts_all_succeed(tmp_path):
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "site.toml").write_text('[officer]\nfull_name = "Nguyễn Văn Kiểm"\n', encoding="utf-8")
    env = {**os.environ, "COUNTERAPP_DATA_DIR": str(folder), "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    commands = [["dossier", "list"], ["catalog", "search", "khai sinh"], ["calendar", "show", "--year", "2026"]]
    processes = [
        subprocess.Popen([sys.executable, "-m", "counterapp", *commands[i % len(commands)]], env=env, cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for i in range(STARTS)
    ]
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in processes]
    for process in processes:
        process.stdout.close()
        process.stderr.close()
    assert [status for status, _ in results] == [0] * STARTS, [err for _, err in results]
    assert not any("Traceback" in err for _, err in results)

    ctx = reopen(folder)  # migrated once, and the demo catalog loaded once, not once per start
    try:
        with ctx.engine.connect() as conn:
            procedures = conn.exec_driver_sql("SELECT count(*), count(DISTINCT code) FROM procedures").one()
        shipped = json.loads(resource("catalog", "demo_catalog.json").read_text(encoding="utf-8"))
        shipped_count = len(shipped) if isinstance(shipped, list) else 1
        assert procedures == (shipped_count, shipped_count)
    finally:
        ctx.close()
