"""`counterapp support-bundle`: what IT gets, and what it must never carry (citizens' data, secrets)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from counterapp.app import open_app
from counterapp.dossiers.intake import create_dossier
from tests.dossiers.conftest import add_procedure, request_dict

COUNTERAPP = [sys.executable, "-m", "counterapp"]


def test_bundle_has_doctor_versions_settings_and_logs_without_personal_data_or_secrets(data_dir: Path, tmp_path: Path) -> None:
    with open(data_dir / "site.toml", "a", encoding="utf-8") as handle:
        handle.write('\n[portal]\nurl = "http://it:s3cret-123456@127.0.0.1:9"\n')
    ctx = open_app(data_dir, seed_demo=False)
    add_procedure(ctx)
    create_dossier(ctx, request_dict())
    ctx.close()
    # A log line as an older version might have written it, with a citizen's ID and phone.
    (data_dir / "logs").mkdir(exist_ok=True)
    (data_dir / "logs" / "counterapp-error-old.log").write_text(
        "ValueError: bad id 001090012345 for phone 0912 345 678\n", encoding="utf-8")

    out = tmp_path / "support.zip"
    done = subprocess.run([*COUNTERAPP, "support-bundle", "--out", str(out), "--offline", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(n) for n in names).decode("utf-8")
        doctor = json.loads(archive.read("doctor.json"))
        counts = json.loads(archive.read("counts.json"))
        versions = json.loads(archive.read("versions.json"))
        settings = next(archive.read(n).decode() for n in names if n.startswith("settings/"))
    assert {"versions.json", "doctor.json", "counts.json"} <= set(names)
    assert any(n.startswith("logs/") for n in names)
    assert doctor["schema"] == 1 and counts["dossiers"] == 1
    assert versions["counterapp"] and "PySide6-Essentials" in versions["packages"]
    assert 'url = "http://it:***@127.0.0.1:9"' in settings and "s3cret" not in everything
    assert "001090012345" not in everything and "0912 345 678" not in everything
    assert "Nguyễn Văn An" not in everything  # the applicant (request_dict)
