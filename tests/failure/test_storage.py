"""A full disk and a read-only data folder, named for what they are (issue 13: "disk I/O
error", and a read-only folder broke even `dossier list`).

Real file systems where the machine allows it: a 3 MB tmpfs filled to the last byte, the
same remounted read-only (mount needs root; without it those tests are skipped and the
mapping is still tested below with real sqlite3 errors: SQLITE_FULL from a database
capped by `max_page_count`, SQLITE_READONLY from a `mode=ro` connection)."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from counterapp.db.errors import DiskFull, ReadOnlyFolder, classify
from tests.dossiers.conftest import request_dict
from tests.failure.conftest import copy_counter, mount_tmpfs, remount_read_only, run_cli, unmount


@pytest.fixture
def small_disk(tmp_path, counter):
    """The counter's data folder copied onto a 3 MB tmpfs: (folder, dossier code)."""
    ctx, code = counter
    ctx.close()
    folder = tmp_path / "small"
    if not mount_tmpfs(folder, "3M"):
        pytest.skip("mount -t tmpfs needs root here; the message mapping is tested with real sqlite3 errors below")
    try:
        copy_counter(ctx.data_dir, folder)
        yield folder, code
    finally:
        unmount(folder)


def _intake_file(tmp_path):
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(request_dict(received_at=None), ensure_ascii=False), encoding="utf-8")
    return path


def _fill(folder):
    with (folder / "filler").open("wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError:
            pass


def test_a_full_disk_says_so_and_exits_74(small_disk, tmp_path):
    folder, _ = small_disk
    _fill(folder)
    done = run_cli("dossier", "create", "--json", str(_intake_file(tmp_path)), data_dir=folder)
    err = done.stderr.decode()
    assert done.returncode == 74, err
    assert "Ổ đĩa đầy" in err and "The disk is full" in err
    assert "Traceback" not in err and "disk I/O error" not in err
    (folder / "filler").unlink()  # space again: the same command now works, nothing was lost
    done = run_cli("dossier", "create", "--json", str(_intake_file(tmp_path)), data_dir=folder)
    assert done.returncode == 0, done.stderr.decode()


@pytest.fixture
def read_only_counter(tmp_path, counter):
    """The counter's data folder, read-only: a tmpfs remounted read-only as root (root
    writes through file permissions), else a copy without write permission."""
    ctx, code = counter
    ctx.close()
    folder = tmp_path / "readonly"
    if mount_tmpfs(folder, "3M"):
        try:
            copy_counter(ctx.data_dir, folder)
            remount_read_only(folder)
            yield folder, code
        finally:
            unmount(folder)
        return
    if os.geteuid() == 0:
        pytest.skip("root without mount: no way to make a folder read-only for this process")
    folder.mkdir()
    copy_counter(ctx.data_dir, folder)
    for item in folder.iterdir():
        item.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield folder, code
    finally:
        folder.chmod(0o755)


def test_a_read_only_folder_reads_and_refuses_writes(read_only_counter, tmp_path):
    folder, code = read_only_counter
    listed = run_cli("dossier", "list", data_dir=folder)
    assert listed.returncode == 0, listed.stderr.decode()
    assert code in listed.stdout.decode()
    shown = run_cli("catalog", "show", "1.001193", data_dir=folder)
    assert shown.returncode == 0 and "Đăng ký khai sinh" in shown.stdout.decode()
    shown = run_cli("dossier", "show", code, "--officer", "Lê Văn Đọc", data_dir=folder)
    assert shown.returncode == 73  # every view is logged: not shown when the log cannot be written
    assert "The data folder is read-only" in shown.stderr.decode() and "Traceback" not in shown.stderr.decode()
    created = run_cli("dossier", "create", "--json", str(_intake_file(tmp_path)), data_dir=folder)
    err = created.stderr.decode()
    assert created.returncode == 73, err
    assert "Thư mục dữ liệu chỉ đọc" in err and "The data folder is read-only" in err
    assert "Traceback" not in err


def test_a_new_folder_on_a_read_only_disk(tmp_path):
    folder = tmp_path / "ro"
    if not mount_tmpfs(folder, "1M"):
        pytest.skip("mount -t tmpfs needs root here")
    try:
        remount_read_only(folder)
        done = run_cli("dossier", "list", data_dir=folder)
        err = done.stderr.decode()
        assert done.returncode == 73, err
        assert "The data folder is read-only" in err and "Traceback" not in err
    finally:
        unmount(folder)


# --------------------------------------------------------------------------- the mapping, with real errors
def test_sqlite_full_is_the_disk_is_full(tmp_path):
    connection = sqlite3.connect(tmp_path / "capped.db")
    connection.execute("CREATE TABLE t (x)")
    connection.execute("PRAGMA max_page_count = 2")  # the database cannot grow: SQLITE_FULL
    with pytest.raises(sqlite3.OperationalError) as caught:
        connection.executemany("INSERT INTO t VALUES (?)", [("x" * 4000,)] * 10)
    connection.close()
    error = classify(caught.value, tmp_path)
    assert isinstance(error, DiskFull) and error.exit_status == 74
    assert str(error).startswith("Ổ đĩa đầy") and "The disk is full" in str(error)


def test_sqlite_readonly_is_the_folder_is_read_only(tmp_path):
    path = tmp_path / "x.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        connection.execute("INSERT INTO t VALUES (1)")
    connection.close()
    error = classify(caught.value, tmp_path)
    assert isinstance(error, ReadOnlyFolder) and error.exit_status == 73
    assert "Thư mục dữ liệu chỉ đọc" in str(error)


def test_no_space_from_a_file_write_is_the_disk_is_full(tmp_path):
    import errno

    error = classify(OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "files" / "x.pdf")), tmp_path)
    assert isinstance(error, DiskFull)
