"""`counterapp rate`: the rating recorded from the command line as the window records it."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import select

from counterapp.ratings.models import Rating
from tests.ratings.conftest import receive


def _rate(data_dir, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "counterapp", "--data-dir", str(data_dir), "rate", *args],
                          capture_output=True, text=True, timeout=60)


def test_rate_records_and_refuses_with_exit_statuses(data_dir, proc_ctx) -> None:
    code = receive(proc_ctx).code
    done = _rate(data_dir, code, "--score", "unsatisfied", "--reason", "time", "--reason", "attitude", "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert (shown["dossier_code"], shown["score"], shown["reasons"]) == (code, "unsatisfied", ["time", "attitude"])
    with proc_ctx.sessions() as s:
        [row] = s.scalars(select(Rating)).all()
        assert row.officer_name == "Nguyễn Văn Kiểm" and row.occasion == "intake"

    again = _rate(data_dir, code, "--score", "satisfied")
    assert again.returncode == 1 and "already rated" in again.stderr
    unknown = _rate(data_dir, "H49.22-000000-9999", "--score", "satisfied")
    assert unknown.returncode == 1 and "no dossier" in unknown.stderr
    reason = _rate(data_dir, code, "--score", "normal", "--occasion", "return", "--reason", "weather")
    assert reason.returncode == 1 and "unknown reason" in reason.stderr
    assert _rate(data_dir, code, "--score", "great").returncode == 2  # argparse: not a score
    assert _rate(data_dir, code).returncode == 2  # no score
    listing = _rate(data_dir, "--reasons")
    assert listing.returncode == 0 and listing.stdout.splitlines()[0].startswith("attitude\tThái độ")
    with proc_ctx.sessions() as s:
        assert len(s.scalars(select(Rating)).all()) == 1
