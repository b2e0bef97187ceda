"""The logs of a whole intake-sync-print run, from the command line as a counter runs it,
carry no citizen's name or ID number (counterapp/logs.py; NĐ 13/2023)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from .conftest import SITE_TOML, run_cli

NAME = "Phạm Thị Huyền Trang"
ID_NUMBER = "036187004321"
PHONE = "0987 654 321"


def test_logs_of_intake_sync_print_have_no_name_or_id(keyring_bus, portal, tmp_path: Path) -> None:
    data = tmp_path / "counter"
    data.mkdir()
    (data / "site.toml").write_text(SITE_TOML.format(url=portal.url).replace("blocks = []", "blocks = [[1, 99]]")
                                    + '\n[officer]\nfull_name = "Nguyễn Văn Kiểm"\n', encoding="utf-8")
    env = dict(keyring_bus)
    assert run_cli(["--data-dir", str(data), "catalog", "search", "khai sinh"], env).returncode == 0
    received = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")) - timedelta(minutes=5)
    request = {
        "procedure_code": "1.001193",
        "applicant": {"kind": "citizen", "name": NAME, "id_number": ID_NUMBER, "date_of_birth": "12/03/1987",
                      "sex": "Nữ", "phone": PHONE, "province_code": "22", "commune_code": "06688", "street": "Tổ 3"},
        "channel": 1,
        "documents": [{"document_code": d, "name": d, "form": "original", "originals": 1}
                      for d in ("1.001193.TP01", "1.001193.TP02", "1.001193.TP06")],
        "received_at": received.isoformat(),
    }
    (tmp_path / "req.json").write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    created = run_cli(["--data-dir", str(data), "dossier", "create", "--json", str(tmp_path / "req.json")], env)
    assert created.returncode == 0, created.stderr
    code = created.stdout.strip().splitlines()[0]
    steps = [
        (["login", "--user", "officer", "--password-stdin"], "officer-pass\n"),
        (["sync", "--until-idle", "--timeout", "30"], None),
        (["print", "receipt", code, "--pdf", str(tmp_path / "r.pdf")], None),
        (["dossier", "show", code], None),
        (["dossier", "list", "--text", "Huyen Trang"], None),
        (["dossier", "show", "KHONG-CO-MA"], None),  # an error path logs too
    ]
    for args, stdin in steps:
        out = run_cli(["--data-dir", str(data), *args], env, input_text=stdin)
        assert "Traceback" not in out.stderr, out.stderr
    assert NAME in run_cli(["--data-dir", str(data), "dossier", "show", code], env).stdout  # the data is there

    logs = "".join(p.read_text(encoding="utf-8") for p in sorted((data / "logs").glob("*.log*")))
    assert "command sync" in logs and "command print" in logs  # the run was logged
    for personal in (NAME, "Huyền Trang", ID_NUMBER, PHONE, PHONE.replace(" ", "")):
        assert personal not in logs, personal
