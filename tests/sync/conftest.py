"""Fixtures for the sync tests: the real reference portal (uvicorn) on 127.0.0.1, a signed-in
engine, dossiers made through the real intake service, a D-Bus session with gnome-keyring."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from counterapp.app import AppContext, open_app
from sync import protocol as p
from sync.client import PortalClient
from sync.engine import SyncEngine
from sync.portal.server import PortalThread

REPO = Path(__file__).resolve().parents[2]
COUNTERAPP = [sys.executable, "-m", "counterapp"]
SITE_TOML = """
[site]
agency_code = "H49.22"
counter_id = "Q01"

[portal]
url = "{url}"

[numbering]
blocks = []

[sync]
backoff_base = 0.02
backoff_cap = 0.2
poll_interval = 0.5
block_days = 3
block_size = 50
"""


def small_catalog() -> list[dict]:
    """The demo catalog's birth registration only (the full import takes a second or two)."""
    from sync.portal.store import load_demo_catalog

    return [r for r in load_demo_catalog() if r.get("MATTHC") == "1.001193"]


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated counter database and a seeded portal database, made once and copied per test
    (migrating and hashing the seeded passwords again for every test is most of the setup)."""
    from sync.portal.store import PortalStore

    root = tmp_path_factory.mktemp("templates")
    ctx = open_app(root / "counter", seed_demo=False)
    ctx.close()
    store = PortalStore(f"sqlite:///{root / 'portal.db'}")
    store.seed(catalog_records=small_catalog(), demo_users=True)
    store.engine.dispose()
    return root


def _copy_db(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


# Set COUNTERAPP_TEST_PORTAL_DB=postgresql+psycopg://user@host:port/db to run every portal of
# these tests on PostgreSQL instead of SQLite (the database is emptied before each test).
PORTAL_DB_ENV = "COUNTERAPP_TEST_PORTAL_DB"


@pytest.fixture
def portal(tmp_path: Path, templates: Path):
    url = os.environ.get(PORTAL_DB_ENV)
    if url:
        from sync.portal.models import PortalBase
        from sync.portal.store import _make_engine

        engine = _make_engine(url)
        PortalBase.metadata.drop_all(engine)
        engine.dispose()
    else:
        _copy_db(templates / "portal.db", tmp_path / "portal.db")
        url = f"sqlite:///{tmp_path / 'portal.db'}"
    server = PortalThread(url, catalog=small_catalog(), files_dir=str(tmp_path / "portal-files")).start()
    yield server
    server.stop()


@pytest.fixture
def admin(portal: PortalThread) -> PortalClient:
    client = PortalClient(portal.url)
    client.token = client.login("admin", "admin-pass").token
    yield client
    client.admin_set_faults(p.Faults())
    client.close()


@pytest.fixture
def sync_ctx(data_dir: Path, portal: PortalThread, templates: Path) -> AppContext:
    (data_dir / "site.toml").write_text(SITE_TOML.format(url=portal.url), encoding="utf-8")
    _copy_db(templates / "counter" / "counter.db", data_dir / "counter.db")
    ctx = open_app(data_dir, seed_demo=False)
    yield ctx
    ctx.close()


def make_engine(ctx: AppContext, portal: PortalThread, **kwargs) -> SyncEngine:
    """An engine signed in as the seeded officer (token held in memory: no keyring here)."""
    client = PortalClient(portal.url)
    client.token = client.login("officer", "officer-pass", counter_id="Q01", agency_code="H49.22").token
    kwargs.setdefault("backoff_base", 0.02)
    kwargs.setdefault("backoff_cap", 0.2)
    return SyncEngine(ctx, client, **kwargs)


@pytest.fixture
def engine(sync_ctx: AppContext, portal: PortalThread) -> SyncEngine:
    eng = make_engine(sync_ctx, portal)
    eng.run_once()  # first pull: catalog, calendar, agency, number blocks
    yield eng
    eng.stop()
    eng.client.close()


def receive(ctx: AppContext, name: str = "Nguyễn Văn An", **extra):
    """A dossier received through the real intake service (outbox row in the same transaction)."""
    from counterapp.dossiers.intake import create_dossier

    request = {
        "procedure_code": "1.001193",
        "applicant": {"name": name, "id_number": "001203004567", "phone": "0912345678",
                      "address": "Tổ 1, phường Hạ Long"},
        "officer": "Trần Thị Bình",
        **extra,
    }
    return create_dossier(ctx, request)


@pytest.fixture(scope="session")
def keyring_bus(tmp_path_factory: pytest.TempPathFactory):
    """A private D-Bus session with an unlocked gnome-keyring (the real Secret Service).

    Yields the environment for subprocesses: HOME in a temp folder, DBUS_SESSION_BUS_ADDRESS.
    """
    if not shutil.which("dbus-run-session") or not shutil.which("gnome-keyring-daemon"):
        pytest.skip("dbus-run-session / gnome-keyring-daemon missing: apt install dbus gnome-keyring")
    home = tmp_path_factory.mktemp("home")
    script = ("echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; "
              "echo \"$DBUS_SESSION_BUS_ADDRESS\"; exec sleep 600")
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_RUNTIME_DIR": str(home)}
    proc = subprocess.Popen(["dbus-run-session", "--", "sh", "-c", script], stdout=subprocess.PIPE, env=env,
                            text=True, start_new_session=True)
    address = proc.stdout.readline().strip()
    if not address:
        proc.kill()
        pytest.skip("could not start a D-Bus session")
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    env.pop("PYTHON_KEYRING_BACKEND", None)
    yield env
    import signal

    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(5)


def run_cli(args: list[str], env: dict, *, input_text: str | None = None, timeout: float = 60):
    return subprocess.run(COUNTERAPP + args, env=env, input=input_text, capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)
