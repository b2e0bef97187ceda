"""Sign-in through the command line with a real Secret Service (gnome-keyring in a private
D-Bus session), offline sign-in, sign-out, and the no-keyring message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sync.portal.models import Token

from .conftest import SITE_TOML, run_cli


def site(folder: Path, url: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.toml").write_text(SITE_TOML.format(url=url), encoding="utf-8")
    return folder


def keyring_token(env: dict, url: str, user: str = "officer") -> str | None:
    import subprocess
    import sys

    code = f"import keyring; print(keyring.get_password('counterapp', {url + '#' + user!r}) or '')"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip() or None


def files_containing(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_sign_in_token_lives_only_in_the_keyring(keyring_bus, portal, tmp_path):
    data = site(tmp_path / "counter", portal.url)
    env = dict(keyring_bus)
    out = run_cli(["--data-dir", str(data), "login", "--user", "officer", "--password-stdin"], env,
                  input_text="officer-pass\n")
    assert out.returncode == 0, out.stderr
    assert "officer" in out.stdout and "online" in out.stdout
    token = keyring_token(env, portal.url)
    assert token
    from sync.client import PortalClient

    assert PortalClient(portal.url, token=token).me().role == "officer"
    # Nowhere in clear: not in the data folder (database, WAL, settings), not in HOME
    # (gnome-keyring keeps its file encrypted), not in what the commands print.
    home = Path(env["HOME"])
    sync_out = run_cli(["--data-dir", str(data), "sync", "--until-idle", "--timeout", "20"], env)
    assert sync_out.returncode == 0, sync_out.stderr
    for root in (data, home):
        assert files_containing(root, token.encode()) == []
        assert files_containing(root, b"officer-pass") == []
    assert token not in out.stdout + out.stderr + sync_out.stdout + sync_out.stderr
    # Sign-out forgets the token; sync then asks to sign in.
    gone = run_cli(["--data-dir", str(data), "logout"], env)
    assert gone.returncode == 0
    assert keyring_token(env, portal.url) is None
    after = run_cli(["--data-dir", str(data), "sync", "--once"], env)
    assert after.returncode != 0 and "counterapp login" in after.stderr


def test_offline_sign_in_after_one_online_sign_in(keyring_bus, portal, tmp_path):
    data = site(tmp_path / "counter", portal.url)
    env = dict(keyring_bus)
    args = ["--data-dir", str(data), "login", "--user", "supervisor", "--password-stdin"]
    never = run_cli(args, env, input_text="supervisor-pass\n")
    assert never.returncode == 0
    portal.stop()  # the network is gone
    offline = run_cli(args, env, input_text="supervisor-pass\n")
    assert offline.returncode == 0, offline.stderr
    assert "offline" in offline.stdout and "supervisor" in offline.stdout
    wrong = run_cli(args, env, input_text="not-the-password\n")
    assert wrong.returncode != 0 and "wrong username or password" in wrong.stderr
    stranger = run_cli(["--data-dir", str(data), "login", "--user", "officer", "--password-stdin"], env,
                       input_text="officer-pass\n")
    assert stranger.returncode != 0 and "never signed in online" in stranger.stderr
    # What is kept locally is a salted verifier, not the password.
    with sqlite3.connect(data / "counter.db") as db:
        [(verifier,)] = db.execute("SELECT verifier FROM sync_offline_verifiers").fetchall()
    assert verifier.startswith("scrypt$") and "supervisor-pass" not in verifier
    assert files_containing(data, b"supervisor-pass") == []


def test_no_keyring_says_what_to_install_and_stores_nothing(portal, tmp_path):
    import os

    data = site(tmp_path / "counter", portal.url)
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "HOME": str(tmp_path)}
    out = run_cli(["--data-dir", str(data), "login", "--user", "officer", "--password-stdin"], env,
                  input_text="officer-pass\n")
    assert out.returncode != 0
    assert "gnome-keyring" in out.stderr and "No usable OS keyring" in out.stderr
    assert "Không có kho mật khẩu" in out.stderr
    with sqlite3.connect(data / "counter.db") as db:
        assert db.execute("SELECT count(*) FROM sync_offline_verifiers").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM sync_state WHERE key = 'session' AND value_json != 'null'"
                          ).fetchone() == (0,)
    with portal.store.read() as s:
        assert s.query(Token).count() == 0  # refused before anything was asked of the portal
    assert files_containing(data, b"officer-pass") == []
