"""Running the reference portal: `serve()` for the CLI, `PortalThread` for tests and benches.

`serve(workers=N)` runs N uvicorn worker processes on one socket. Each builds its own store
from the environment (`app_from_env`, an import-string factory, since uvicorn starts workers
by import); the parent seeds the database once before they start, so they never race to
create tables. The workers share everything through the database and the file store; the
injected faults (`/admin/faults`) are per process.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
import time

import uvicorn

from sync import protocol as p
from sync.portal.app import create_app
from sync.portal.store import DEMO_USERS, PortalStore, Throttle, load_demo_catalog


def build(db_url: str, *, seed: bool = True, catalog: list[dict] | None = None, demo: bool = False,
          max_attachment_bytes: int = p.DEFAULT_MAX_ATTACHMENT_BYTES, throttle: Throttle | None = None,
          files_dir: str | None = None):  # noqa: ANN201
    """The store (seeded with agency data and `catalog`, by default the shipped demo catalog;
    the demo users of each role only with `demo`) and its app."""
    store = PortalStore(db_url, max_attachment_bytes=max_attachment_bytes, throttle=throttle, files_dir=files_dir)
    if seed:
        store.seed(catalog_records=load_demo_catalog() if catalog is None else catalog, demo_users=demo)
    return store, create_app(store)


DEMO_WARNING = ("CẢNH BÁO: tài khoản mẫu với mật khẩu ai cũng biết, chỉ để thử trên máy này / WARNING: demo "
                "accounts with well-known passwords, for trying things out on this machine only")


SHUTDOWN_GRACE_S = 3
ENV_DB, ENV_MAX_BYTES, ENV_FILES = "COUNTERAPP_PORTAL_DB", "COUNTERAPP_PORTAL_MAX_BYTES", "COUNTERAPP_PORTAL_FILES"


def app_from_env():  # noqa: ANN201
    """One worker's app (uvicorn `factory=True`): the store named by the environment `serve` set."""
    store = PortalStore(os.environ[ENV_DB], max_attachment_bytes=int(os.environ[ENV_MAX_BYTES]),
                        files_dir=os.environ[ENV_FILES])
    return create_app(store)


def serve(host: str = "127.0.0.1", port: int = 8765, db_url: str = "sqlite:///portal.db", *,
          ssl_certfile: str | None = None, ssl_keyfile: str | None = None, demo: bool = False,
          max_attachment_bytes: int = p.DEFAULT_MAX_ATTACHMENT_BYTES, workers: int = 1,
          files_dir: str | None = None) -> None:
    """Serve until interrupted; HTTPS when a certificate (PEM) and its key are given. With
    `demo`, the demo accounts are created and printed with a warning; without, a portal with
    no user says how to add the first admin. `workers` > 1: that many processes."""
    store, app = build(db_url, demo=demo, max_attachment_bytes=max_attachment_bytes, files_dir=files_dir)
    if demo:
        print(DEMO_WARNING, file=sys.stderr, flush=True)
        for username, role, password, _name, counters in DEMO_USERS:
            where = f", quầy/counter {counters}" if counters else ""
            print(f"  {username} / {password} ({role}{where})", file=sys.stderr, flush=True)
    elif store.user_count() == 0:
        print("Cổng chưa có người dùng: tạo quản trị viên đầu tiên bằng `counterapp portal add-user NAME --role admin "
              "--password-stdin` / the portal has no users yet: add the first admin with `counterapp portal add-user "
              "NAME --role admin --password-stdin`", file=sys.stderr, flush=True)
    # A keep-alive TLS connection would hold a graceful shutdown (Ctrl+C, SIGTERM) open.
    options = {"host": host, "port": port, "log_level": "warning", "ssl_certfile": ssl_certfile,
               "ssl_keyfile": ssl_keyfile, "timeout_graceful_shutdown": SHUTDOWN_GRACE_S}
    if workers <= 1:
        uvicorn.run(app, **options)
        return
    store.engine.dispose()  # the workers open their own connections
    os.environ[ENV_DB] = db_url
    os.environ[ENV_MAX_BYTES] = str(max_attachment_bytes)
    os.environ[ENV_FILES] = str(store.files.root)  # one folder for every worker
    uvicorn.run("sync.portal.server:app_from_env", factory=True, workers=workers, **options)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class _QuietDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "InjectedDrop" not in (record.getMessage() + str(record.exc_info))


class PortalThread:
    """The real portal (uvicorn) on 127.0.0.1 in a background thread (for tests and benches:
    with the demo users unless `demo=False`)."""

    def __init__(self, db_url: str, *, host: str = "127.0.0.1", port: int | None = None,
                 catalog: list[dict] | None = None, ssl_certfile: str | None = None,
                 ssl_keyfile: str | None = None, demo: bool = True,
                 max_attachment_bytes: int = p.DEFAULT_MAX_ATTACHMENT_BYTES, throttle: Throttle | None = None,
                 files_dir: str | None = None) -> None:
        self.store, self.app = build(db_url, catalog=catalog, demo=demo, max_attachment_bytes=max_attachment_bytes,
                                     throttle=throttle, files_dir=files_dir)
        self.host = host
        self.port = port or free_port(host)
        self.scheme = "https" if ssl_certfile else "http"
        config = uvicorn.Config(self.app, host=host, port=self.port, log_level="critical", lifespan="off",
                                ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="portal", daemon=True)
        logging.getLogger("uvicorn.error").addFilter(_QuietDrops())

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    def start(self) -> PortalThread:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("reference portal did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=2)
        if self.thread.is_alive():  # idle keep-alive connections still open: do not wait for them
            self.server.force_exit = True
            self.thread.join(timeout=10)
        self.store.engine.dispose()
