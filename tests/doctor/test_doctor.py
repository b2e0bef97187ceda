"""`counterapp doctor`: what IT sees on one misbehaving counter PC, run as IT would run it
(the real CLI in a subprocess, the real reference portal or a real HTTP server on 127.0.0.1)."""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from counterapp.app import open_app

COUNTERAPP = [sys.executable, "-m", "counterapp"]


def doctor(data_dir: Path, *extra: str) -> tuple[int, dict]:
    done = subprocess.run([*COUNTERAPP, "doctor", "--json", "--no-hardware", "--data-dir", str(data_dir), *extra],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout)


def by_id(report: dict) -> dict[str, dict]:
    return {c["id"]: c for c in report["checks"]}


def append_site(data_dir: Path, text: str) -> None:
    with open(data_dir / "site.toml", "a", encoding="utf-8") as handle:
        handle.write(text)


class _DateServer(BaseHTTPRequestHandler):
    offset = timedelta()

    def do_GET(self) -> None:  # noqa: N802
        body = b'{"api_version": "1", "server_time": "2026-01-01T00:00:00Z"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def date_time_string(self, timestamp=None) -> str:  # noqa: ANN001
        return format_datetime(datetime.now(UTC) + self.offset, usegmt=True)

    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


@pytest.fixture
def http_server():
    servers = []

    def start(offset: timedelta = timedelta(), context: ssl.SSLContext | None = None) -> str:
        handler = type("Handler", (_DateServer,), {"offset": offset})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        if context is not None:
            server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        scheme = "https" if context else "http"
        return f"{scheme}://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_healthy_counter_reports_ok_against_the_real_portal(data_dir: Path, tmp_path: Path) -> None:
    from sync.portal.server import PortalThread

    portal = PortalThread(f"sqlite:///{tmp_path / 'portal.db'}", catalog=[]).start()
    try:
        append_site(data_dir, f'\n[portal]\nurl = "{portal.url}"\n')
        open_app(data_dir, seed_demo=False).close()
        code, report = doctor(data_dir)
    finally:
        portal.stop()
    checks = by_id(report)
    assert report["schema"] == 1
    assert {"data_folder", "site_file", "database", "migrations", "keyring", "numbers", "outbox", "fonts",
            "tesseract", "memory", "portal", "clock"} <= set(checks)
    for name in ("data_folder", "site_file", "database", "migrations", "numbers", "outbox", "fonts", "portal", "clock"):
        assert checks[name]["status"] == "ok", checks[name]
    assert code == report["exit_code"] == {"ok": 0, "warning": 1, "error": 2}[report["status"]]
    assert checks["numbers"]["detail"]["left"] == 9999


def test_a_broken_site_file_is_an_error_with_what_to_fix(data_dir: Path) -> None:
    append_site(data_dir, "\n[privacy\nkeep_days = 30\n")
    code, report = doctor(data_dir, "--offline")
    check = by_id(report)["site_file"]
    assert check["status"] == "error"
    assert "site.toml" in check["action"]
    assert code == 2


def test_a_fresh_folder_is_not_created_by_the_doctor(data_dir: Path) -> None:
    code, report = doctor(data_dir, "--offline")
    assert by_id(report)["database"]["status"] == "warning"
    assert not (data_dir / "counter.db").exists()


def test_numbers_used_up_today_and_an_old_outbox_are_reported(data_dir: Path) -> None:
    from sqlalchemy import update

    from counterapp.dossiers.intake import create_dossier
    from counterapp.outbox import OutboxItem
    from tests.dossiers.conftest import add_procedure, request_dict  # the dossier tests' own builders

    append_site(data_dir, "\n[numbering]\nblocks = [[1, 1]]\n")
    ctx = open_app(data_dir, seed_demo=False)
    try:
        add_procedure(ctx)
        received = datetime.now(ctx.config.zone) - timedelta(minutes=1)
        create_dossier(ctx, request_dict(received_at=received.isoformat()))
        with ctx.sessions.begin() as session:  # as if the network had been down for four days
            session.execute(update(OutboxItem).values(created_at=datetime.now(UTC) - timedelta(days=4)))
    finally:
        ctx.close()
    code, report = doctor(data_dir, "--offline")
    checks = by_id(report)
    assert checks["numbers"]["status"] == "error" and checks["numbers"]["detail"]["left"] == 0
    assert checks["outbox"]["status"] == "error"
    assert checks["outbox"]["detail"]["oldest_hours"] >= 95
    assert code == 2


def test_a_pc_clock_ten_minutes_behind_the_portal_is_an_error(data_dir: Path, http_server) -> None:  # noqa: ANN001
    url = http_server(offset=timedelta(minutes=10))
    append_site(data_dir, f'\n[portal]\nurl = "{url}"\n')
    _, report = doctor(data_dir)
    clock = by_id(report)["clock"]
    assert clock["status"] == "error"
    assert "chậm 10 phút" in clock["message"]
    assert -610 < clock["detail"]["skew_seconds"] < -590


def test_a_self_signed_portal_certificate_is_named(data_dir: Path, tmp_path: Path, http_server) -> None:  # noqa: ANN001
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    url = http_server(context=context)
    append_site(data_dir, f'\n[portal]\nurl = "{url}"\n')
    code, report = doctor(data_dir)
    assert by_id(report)["portal_tls"]["status"] == "error"
    assert "ca_bundle" in by_id(report)["portal_tls"]["action"]
    assert code == 2


def test_text_output_is_for_people(data_dir: Path) -> None:
    done = subprocess.run([*COUNTERAPP, "doctor", "--offline", "--no-hardware", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr
    assert "Thư mục dữ liệu" in done.stdout
    assert done.stdout.strip().splitlines()[-1] in ("Máy ổn / all good", "Có cảnh báo / warnings", "Có lỗi / errors")
