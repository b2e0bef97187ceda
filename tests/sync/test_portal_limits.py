"""The reference portal's limits and the client's answers to them: attachment size (413),
chunk and body size (413 while reading), the failed sign-in throttle (429 + Retry-After, a
clear message at the command line), the same answer for an unknown user, safe file names,
no demo accounts without `--demo`, and a pull that meets a 5xx / 429 (a message, not a crash)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import uuid

import pytest
import requests

from sync import protocol as p
from sync.client import PortalClient

from .conftest import COUNTERAPP, REPO, receive, run_cli
from .test_auth_cli import site


def officer(portal) -> requests.Session:
    http = requests.Session()
    token = PortalClient(portal.url).login("officer", "officer-pass", counter_id="Q01").token
    http.headers["Authorization"] = f"Bearer {token}"
    return http


def api(portal, path: str) -> str:
    return portal.url + p.API_PREFIX + path


def test_a_declared_size_over_the_limit_is_refused_before_any_byte(portal):
    http = officer(portal)
    att = str(uuid.uuid4())
    declared = {"dossier_id": str(uuid.uuid4()), "size": 10**12, "sha256": "0" * 64, "filename": "big.pdf"}
    answer = http.put(api(portal, f"/attachments/{att}"), json=declared)
    assert answer.status_code == 413 and "50 MB" in answer.json()["detail"]
    whole = http.put(api(portal, f"/attachments/{att}/content"), params=declared, data=b"x")
    assert whole.status_code == 413
    assert http.get(api(portal, f"/attachments/{att}")).status_code == 404  # nothing was kept


def test_the_limit_is_configurable(tmp_path):
    from sync.portal.server import PortalThread

    from .conftest import small_catalog

    server = PortalThread(f"sqlite:///{tmp_path / 'p.db'}", catalog=small_catalog(), max_attachment_bytes=1000).start()
    try:
        http = officer(server)
        data = b"y" * 1001
        params = {"dossier_id": str(uuid.uuid4()), "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        answer = http.put(api(server, f"/attachments/{uuid.uuid4()}/content"), params=params, data=data)
        assert answer.status_code == 413 and "413" not in answer.json()["detail"]
        ok = http.put(api(server, f"/attachments/{uuid.uuid4()}/content"), data=data[:1000],
                      params=params | {"size": 1000, "sha256": hashlib.sha256(data[:1000]).hexdigest()})
        assert ok.status_code == 200 and ok.json()["complete"]
    finally:
        server.stop()


def test_a_chunk_over_the_protocol_size_is_refused_while_read(portal):
    http = officer(portal)
    att = str(uuid.uuid4())
    size = 20 * 1024 * 1024
    declared = {"dossier_id": str(uuid.uuid4()), "size": size, "sha256": "a" * 64, "filename": "scan.pdf"}
    assert http.put(api(portal, f"/attachments/{att}"), json=declared).status_code == 200
    big = b"z" * (p.MAX_CHUNK_BYTES + 1)
    answer = http.post(api(portal, f"/attachments/{att}/chunks"), params={"offset": 0}, data=big,
                       headers={"Content-Type": "application/octet-stream"})
    assert answer.status_code == 413 and "MB" in answer.json()["detail"]

    def pieces():  # no Content-Length: counted as it arrives
        for _ in range(5):
            yield b"z" * (1024 * 1024)

    streamed = http.post(api(portal, f"/attachments/{att}/chunks"), params={"offset": 0}, data=pieces(),
                         headers={"Content-Type": "application/octet-stream"})
    assert streamed.status_code == 413
    assert portal.store.attachment_status(att).offset == 0  # nothing stored
    huge_json = http.post(api(portal, "/operations"), data=b"{" + b" " * p.MAX_JSON_BYTES + b"}",
                          headers={"Content-Type": "application/json"})
    assert huge_json.status_code == 413


@pytest.mark.parametrize("name, kept", [("../../../../etc/passwd", "passwd"), ("..\\..\\Windows\\win.ini", "win.ini"),
                                        ("C:\\scans\\giấy khai sinh.pdf", "giấy khai sinh.pdf"), ("..", ""),
                                        (".hidden\x00.pdf", "hidden.pdf")])
def test_safe_filename(name, kept):
    assert p.safe_filename(name) == kept


def test_a_traversal_file_name_is_stored_and_forwarded_as_its_base_name(engine, sync_ctx, portal, admin):
    engine.run_until_idle(timeout=10)
    d = receive(sync_ctx)
    engine.run_until_idle(timeout=10)
    http = officer(portal)
    data = b"%PDF-1.4 traversal"
    att = str(uuid.uuid4())
    answer = http.put(api(portal, f"/attachments/{att}/content"), data=data, params={
        "dossier_id": d.uuid, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
        "filename": "../../../../etc/passwd"})
    assert answer.status_code == 200, answer.text
    from sync.portal.models import Attachment

    with portal.store.read() as s:
        assert s.get(Attachment, att).filename == "passwd"
    record = json.dumps(admin.national(d.code).data, ensure_ascii=False)
    assert "passwd" in record and "../" not in record and "etc/passwd" not in record
    from sync.national import dong_bo_ho_so

    forwarded = json.dumps(dong_bo_ho_so({"code": d.code, "status": 2}, [
        {"attachment_id": att, "filename": "../../../../etc/passwd"}]), ensure_ascii=False)
    assert "etc/passwd" not in forwarded and "passwd" in forwarded


def test_failed_sign_ins_are_throttled_with_a_growing_delay(portal):
    client = PortalClient(portal.url)
    from sync.client import AuthRequired, Retryable

    for _ in range(5):
        with pytest.raises(AuthRequired):
            client.login("officer", "wrong")
    with pytest.raises(Retryable) as blocked:
        client.login("officer", "officer-pass")  # even the right password waits out the delay
    assert blocked.value.status == 429 and blocked.value.retry_after >= 1
    assert "quá nhiều lần" in blocked.value.message
    # Another user from another address is not held back by this user's failures.
    from sync.portal.users import Throttle

    t = Throttle()
    assert [t.delay(n, 5) for n in (4, 5, 6, 7)] == [0, 1, 2, 4] and t.delay(60, 5) == t.cap


def test_failures_from_one_address_are_throttled_across_user_names(tmp_path):
    from sync.client import AuthRequired, Retryable
    from sync.portal.server import PortalThread
    from sync.portal.users import Throttle

    from .conftest import small_catalog

    server = PortalThread(f"sqlite:///{tmp_path / 'p.db'}", catalog=small_catalog(),
                          throttle=Throttle(ip_free=3)).start()
    try:
        client = PortalClient(server.url)
        for name in ("a", "b", "c"):
            with pytest.raises(AuthRequired):
                client.login(f"guess-{name}", "x")
        with pytest.raises(Retryable) as blocked:
            client.login("officer", "officer-pass")
        assert blocked.value.status == 429
    finally:
        server.stop()


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(portal):
    wrong = requests.post(api(portal, "/auth/login"), json={"username": "officer", "password": "sai"})
    unknown = requests.post(api(portal, "/auth/login"), json={"username": "khong-co-ai", "password": "sai"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_the_command_line_says_when_sign_in_is_throttled(keyring_bus, portal, tmp_path):
    data = site(tmp_path / "counter", portal.url)
    for _ in range(8):  # eight failures in a row (the portal's own record): the next try waits 8 s
        portal.store._failed(["user:officer", "ip:192.0.2.1"])
    out = run_cli(["--data-dir", str(data), "login", "--user", "officer", "--password-stdin"], dict(keyring_bus),
                  input_text="officer-pass\n")
    assert out.returncode == 2
    assert "quá nhiều lần" in out.stderr and "Traceback" not in out.stderr


def test_no_demo_accounts_without_demo_and_the_first_admin_from_stdin(tmp_path):
    from sync.client import AuthRequired
    from sync.portal.server import free_port

    db = f"sqlite:///{tmp_path / 'portal.db'}"
    env = {**__import__("os").environ, "COUNTERAPP_DATA_DIR": str(tmp_path / "data")}

    def serve(*extra: str):
        port = free_port()
        proc = subprocess.Popen(COUNTERAPP + ["portal", "serve", "--port", str(port), "--db", db, *extra], cwd=REPO,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert "http://127.0.0.1" in proc.stdout.readline()
        return proc, PortalClient(f"http://127.0.0.1:{port}")

    def wait_login(client, user, password):
        import time

        from sync.client import Offline

        deadline = time.monotonic() + 30
        while True:
            try:
                return client.login(user, password)
            except Offline:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    proc, client = serve()
    try:
        assert "add-user" in proc.stderr.readline()
        with pytest.raises(AuthRequired):
            wait_login(client, "officer", "officer-pass")
        with pytest.raises(AuthRequired):
            wait_login(client, "admin", "admin-pass")
    finally:
        proc.terminate()
        proc.wait(15)
    added = subprocess.run(COUNTERAPP + ["portal", "add-user", "--db", db, "chi.tran", "--role", "admin",
                                         "--password-stdin"], input="mot-mat-khau-dai\n", capture_output=True,
                           text=True, env=env, cwd=REPO, timeout=60)
    assert added.returncode == 0, added.stderr
    assert "H49.22" in added.stdout
    proc, client = serve()
    try:
        assert wait_login(client, "chi.tran", "mot-mat-khau-dai").role == "admin"
    finally:
        proc.terminate()
        proc.wait(15)
    proc, client = serve("--demo")
    try:
        warning = proc.stderr.readline()
        assert "CẢNH BÁO" in warning and "WARNING" in warning
        assert "officer / officer-pass" in proc.stderr.readline()
        assert wait_login(client, "officer", "officer-pass").role == "officer"
    finally:
        proc.terminate()
        proc.wait(15)


@pytest.mark.parametrize("fault", ["error", "rate_limit"])
def test_a_pull_meeting_5xx_or_429_backs_off_with_a_message(engine, sync_ctx, portal, admin, fault):
    receive(sync_ctx)
    admin.admin_set_faults(p.Faults(**{f"{fault}_next": 1}, retry_after=0, path_prefix="/agency"))
    report = engine.run_once()  # the push goes; the pull meets the fault
    assert report.applied == 1 and report.pull_error and "thử lại" in report.pull_error
    assert "Cổng tạm lỗi" in engine.state().status_text()
    counts = dict(portal.app.state.faults.counts)
    engine._pull_not_before += 3600  # still backing off: the next run does not ask again
    again = engine.run_once()
    assert again.pull_error and portal.app.state.faults.counts == counts
    engine._pull_not_before = 0.0
    assert not engine.run_once().pull_error
    assert "Cổng tạm lỗi" not in engine.state().status_text()


def test_sync_command_reports_a_failing_pull_without_a_traceback(keyring_bus, portal, admin, tmp_path):
    data = site(tmp_path / "counter", portal.url)
    env = dict(keyring_bus)
    assert run_cli(["--data-dir", str(data), "login", "--user", "officer", "--password-stdin"], env,
                   input_text="officer-pass\n").returncode == 0
    admin.admin_set_faults(p.Faults(error_rate=1.0, path_prefix="/agency"))
    out = run_cli(["--data-dir", str(data), "sync", "--once"], env)
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr and "thử lại" in out.stderr
    admin.admin_set_faults(p.Faults(rate_limit_rate=1.0, retry_after=0, path_prefix="/agency"))
    out = run_cli(["--data-dir", str(data), "sync", "--until-idle", "--timeout", "2"], env)
    assert out.returncode == 1 and "Traceback" not in out.stderr and "thử lại" in out.stderr


def test_a_file_over_the_portals_limit_is_parked_with_the_message(engine, sync_ctx, portal, tmp_path):
    from sqlalchemy import select

    from counterapp.outbox import UPLOAD_OPERATION, OutboxItem

    from .test_attachments_and_pull import attach

    portal.store.max_attachment_bytes = 1000  # as `portal serve --max-attachment-mb` would set it
    d = receive(sync_ctx)
    att = attach(sync_ctx, d, tmp_path, 3)
    assert att.size > 1000
    report = engine.run_until_idle(timeout=10)
    assert report.remaining == 0 and report.parked == 1
    with sync_ctx.sessions() as s:
        upload = s.scalar(select(OutboxItem).where(OutboxItem.operation == UPLOAD_OPERATION))
    assert upload.state == "needs_attention" and "vượt quá giới hạn" in upload.portal_message
    assert [x.id for x in portal.store.dossiers()] == [d.uuid]  # the dossier itself went
