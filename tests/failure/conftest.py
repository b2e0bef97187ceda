"""Fixtures for the failure tests: a counter with one received dossier, the CLI run in a
real child process, a second process holding SQLite's write lock, small tmpfs mounts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from counterapp.app import AppContext, open_app
from counterapp.cli import main
from tests.dossiers.conftest import add_procedure, request_dict

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*argv: str | bytes, data_dir: Path, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m counterapp ARGS` in a child process (argv may hold raw bytes: invalid UTF-8)."""
    env = {**os.environ, "COUNTERAPP_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "counterapp", *argv], input=stdin, capture_output=True,
                          env=env, cwd=ROOT, timeout=timeout)


def run_main(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    """The CLI in this process (for the many-input tests): (status, stdout, stderr)."""
    try:
        status = main(list(argv))
    except SystemExit as exc:  # argparse's usage errors
        status = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def counter(app_ctx: AppContext) -> tuple[AppContext, str]:
    """A migrated counter with procedure 1.001193 and one received dossier: (ctx, its code)."""
    from counterapp.dossiers.intake import create_dossier

    add_procedure(app_ctx)
    dossier = create_dossier(app_ctx, request_dict(received_at=None))
    return app_ctx, dossier.code


HOLDER = r"""
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")            # the write lock, as sync holds it while it commits
connection.execute("CREATE TABLE IF NOT EXISTS holder_probe (x)")
connection.execute("INSERT INTO holder_probe VALUES (1)")
print("locked", flush=True)
sys.stdin.readline()                            # until the test says so
connection.execute("COMMIT")
print("released", flush=True)
"""


class LockHolder:
    """Another process holding the database's write lock (BEGIN IMMEDIATE) until release()."""

    def __init__(self, database: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", HOLDER, str(database)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("\n")
            self.process.stdin.flush()
            self.process.wait(timeout=30)


@pytest.fixture
def lock_holder() -> Iterator[type[LockHolder]]:
    holders: list[LockHolder] = []

    def make(database: Path) -> LockHolder:
        holder = LockHolder(database)
        holders.append(holder)
        return holder

    yield make  # type: ignore[misc]
    for holder in holders:
        holder.release()


def release_later(holder: LockHolder, seconds: float) -> subprocess.Popen:
    """Release `holder` after `seconds` from another thread (while this one waits for the lock)."""
    import threading

    def later() -> None:
        time.sleep(seconds)
        holder.release()

    thread = threading.Thread(target=later, daemon=True)
    thread.start()
    return thread


def mount_tmpfs(path: Path, size: str) -> bool:
    """A small tmpfs at `path` (root only); False when this machine does not allow it."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    return done.returncode == 0


def remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True, capture_output=True)


def unmount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True)


def copy_counter(source: Path, target: Path) -> None:
    """The data folder's files (database, site.toml), as a backup copy would take them."""
    for item in source.iterdir():
        if item.is_file():
            shutil.copy2(item, target / item.name)


def reopen(data_dir: Path) -> AppContext:
    return open_app(data_dir, seed_demo=False)
