"""Signed site files: the province issues one per counter, `counterapp provision FILE` installs
it machine-wide, and anything tampered with, unsigned, untrusted or invalid is refused with
nothing changed (the old machine file stays byte for byte)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counterapp.cli import main
from counterapp.config import load_site_config
from counterapp.settings.signing import load_private_key, sign_site_text

REPO = Path(__file__).resolve().parents[2]
OLD_MACHINE = b'# the file IT installed last year\n[site]\ncounter_id = "Q01"\n'


def free_port_url() -> str:
    """An address where nothing listens (the portal is down)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "counterapp", *args], capture_output=True, text=True, timeout=120,
                          cwd=REPO, env={**os.environ, **(env or {})})
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def province(tmp_path: Path) -> dict:
    key = tmp_path / "province" / "site-signing.pem"
    made = cli("portal", "site-key", "--key", str(key))
    assert made.returncode == 0 and "key created" in made.stderr
    public = made.stdout.strip()
    assert public.startswith("ed25519:")
    again = cli("portal", "site-key", "--key", str(key))  # an existing key: its public key again
    assert again.stdout.strip() == public and "created" not in again.stderr
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    return {"key": key, "public": public}


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "etc" / "counterapp" / "site.toml"
    path.parent.mkdir(parents=True)
    path.write_bytes(OLD_MACHINE)
    monkeypatch.setenv("COUNTERAPP_SITE_FILE", str(path))
    monkeypatch.delenv("COUNTERAPP_TRUSTED_KEYS", raising=False)
    return path


def issue(province: dict, out: Path, counter: str = "Q07", url: str = "http://127.0.0.1:9", base: Path | None = None):
    args = ["portal", "site-file", "--key", str(province["key"]), "--agency", "H49.22", "--counter", counter,
            "--portal-url", url, "--name", "UBND phường Hạ Long", "--out", str(out)]
    done = cli(*args, *(["--base", str(base)] if base else []))
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def test_a_signed_file_is_installed_machine_wide_exit_1_when_the_portal_is_down(tmp_path, province, machine, data_dir):
    base = tmp_path / "common.toml"
    base.write_text('[numbering]\nblocks = []\n[privacy]\nkeep_days = 365\n[lock]\nkeys = ["portal.url", "privacy"]\n',
                    encoding="utf-8")
    url = free_port_url()
    signed = issue(province, tmp_path / "Q07.toml", url=url, base=base)
    assert signed.splitlines()[-1].startswith(b"# signature: ed25519:")
    done = cli("provision", str(tmp_path / "Q07.toml"), "--trust-key", province["public"], "--json")
    assert done.returncode == 1, done.stderr  # installed; the portal did not answer
    report = json.loads(done.stdout)
    assert report["status"] == "installed_portal_unreachable" and report["counter_id"] == "Q07"
    assert report["replaced"] is True and report["signer"] == province["public"]
    assert machine.read_bytes() == signed  # the signed file itself, still checkable later
    config = load_site_config(data_dir)
    assert (config.counter_id, config.agency_name, config.portal_url) == ("Q07", "UBND phường Hạ Long", url)
    assert config.locked == ("portal.url", "privacy") and config.number_blocks == ()


def test_trusted_keys_come_from_the_environment_too(tmp_path, province, machine):
    signed = issue(province, tmp_path / "Q08.toml", counter="Q08")
    done = cli("provision", str(tmp_path / "Q08.toml"), "--quiet",
               env={"COUNTERAPP_TRUSTED_KEYS": f"ed25519:{'A' * 43}=, {province['public']}"})
    assert done.returncode == 1 and "Q08" in done.stderr  # --quiet still says the portal was not reached
    assert machine.read_bytes() == signed


def _refused(path: Path, machine: Path, *trust: str) -> str:
    args = ["provision", str(path)]
    for key in trust:
        args += ["--trust-key", key]
    done = cli(*args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert machine.read_bytes() == OLD_MACHINE  # nothing changed
    assert "nothing changed" in done.stderr
    return done.stderr


def test_a_file_with_one_byte_changed_is_refused(tmp_path, province, machine):
    signed = issue(province, tmp_path / "Q07.toml")
    tampered = tmp_path / "tampered.toml"
    tampered.write_bytes(signed.replace(b'counter_id = "Q07"', b'counter_id = "Q08"'))
    assert "the file was changed after signing" in _refused(tampered, machine, province["public"])
    body = bytearray(signed)
    body[-10] = ord("A") if body[-10] != ord("A") else ord("B")  # inside the signature itself
    tampered.write_bytes(bytes(body))
    assert "does not match" in _refused(tampered, machine, province["public"])


def test_unsigned_untrusted_and_invalid_files_are_refused(tmp_path, province, machine):
    signed = issue(province, tmp_path / "Q07.toml")
    assert "no trusted key" in _refused(tmp_path / "Q07.toml", machine)  # trusted_keys.txt ships empty
    other = tmp_path / "other.pem"
    assert cli("portal", "site-key", "--key", str(other)).returncode == 0
    other_public = cli("portal", "site-key", "--key", str(other)).stdout.strip()
    assert "does not match" in _refused(tmp_path / "Q07.toml", machine, other_public)
    unsigned = tmp_path / "unsigned.toml"
    unsigned.write_bytes(signed.rsplit(b"# signature", 1)[0])
    assert "not signed" in _refused(unsigned, machine, province["public"])
    typo = tmp_path / "typo.toml"  # properly signed, but with a key the schema does not know
    typo.write_bytes(sign_site_text(b'[site]\ncounter_id = "Q07"\n[privacy]\nkeep_dayz = 365\n',
                                    load_private_key(province["key"])))
    message = _refused(typo, machine, province["public"])
    assert "privacy.keep_dayz" in message and 'did you mean "keep_days"?' in message and "line 4" in message
    assert "cannot read" in _refused(tmp_path / "missing.toml", machine, province["public"])
    assert "not an Ed25519 public key" in _refused(tmp_path / "Q07.toml", machine, "ed25519:nonsense")


def test_a_site_file_is_not_issued_from_a_bad_base(tmp_path, province):
    base = tmp_path / "common.toml"
    base.write_text("[scanner]\ndpi = 100\n", encoding="utf-8")
    done = cli("portal", "site-file", "--key", str(province["key"]), "--agency", "H49.22", "--counter", "Q01",
               "--portal-url", "http://127.0.0.1:9", "--base", str(base), "--out", str(tmp_path / "out.toml"))
    assert done.returncode == 2 and "scanner.dpi" in done.stderr
    assert not (tmp_path / "out.toml").exists()


def test_provision_in_process_says_what_it_installed(tmp_path, province, machine, capsys):
    issue(province, tmp_path / "Q03.toml", counter="Q03")
    assert main(["provision", str(tmp_path / "Q03.toml"), "--trust-key", province["public"]]) == 1
    err = capsys.readouterr().err
    assert "site file installed" in err and "H49.22 Q03" in err and "cannot be reached" in err
    # An installer that runs before the network is up: installed is success.
    assert main(["provision", str(tmp_path / "Q03.toml"), "--trust-key", province["public"], "--offline-ok"]) == 0
    assert "cannot be reached" in capsys.readouterr().err


def test_provision_pulls_the_catalog_calendar_and_number_blocks_into_the_data_folder(tmp_path, province, machine,
                                                                                      data_dir):
    """With --pull and the counter's portal account, the counter starts with the province's data
    (not the demo catalog), and its own number blocks; the sign-in is not kept."""
    from counterapp.app import open_app
    from counterapp.catalog.models import Procedure
    from counterapp.dossiers.models import NumberBlock
    from sync.portal.server import PortalThread
    from sync.portal.store import load_demo_catalog

    catalog = [r for r in load_demo_catalog() if r.get("MATTHC") in ("1.001193", "1.000656")]
    portal = PortalThread(f"sqlite:///{tmp_path / 'portal.db'}", catalog=catalog).start()
    try:
        base = tmp_path / "common.toml"
        base.write_text("[numbering]\nblocks = []\n[catalog]\nseed_demo = false\n", encoding="utf-8")
        issue(province, tmp_path / "Q01.toml", counter="Q01", url=portal.url, base=base)
        done = subprocess.run([sys.executable, "-m", "counterapp", "--data-dir", str(data_dir), "provision",
                               str(tmp_path / "Q01.toml"), "--trust-key", province["public"], "--json", "--pull",
                               "--user", "officer", "--password-stdin"], input="officer-pass\n", capture_output=True,
                              text=True, timeout=120, cwd=REPO)
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert report["pulled"]["catalog"] == 2 and report["pulled"]["blocks"] >= 1
        ctx = open_app(data_dir, seed_demo=False)
        try:
            with ctx.sessions() as s:
                assert sorted(s.scalars(select(Procedure.code))) == ["1.000656", "1.001193"]
                assert s.scalar(select(func.count()).select_from(NumberBlock).where(NumberBlock.source != "config"))
        finally:
            ctx.close()
        wrong = subprocess.run([sys.executable, "-m", "counterapp", "--data-dir", str(data_dir), "provision",
                                str(tmp_path / "Q01.toml"), "--trust-key", province["public"], "--pull",
                                "--user", "officer", "--password-stdin"], input="wrong\n", capture_output=True,
                               text=True, timeout=120, cwd=REPO)
        assert wrong.returncode == 1 and "Traceback" not in wrong.stderr  # installed, nothing pulled
        assert "nothing pulled" in wrong.stderr
    finally:
        portal.stop()


def test_the_portal_keeps_its_own_signing_key_in_its_database(tmp_path, machine):
    """`portal site-key --db URL` makes the key once and keeps it with the portal's data (the same
    public key on every call); `portal site-file --db URL` signs with it, and a counter trusting that
    public key installs the file. Before any key exists, site-file says what to run first."""
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    args = ["--agency", "H49.22", "--counter", "Q09", "--portal-url", "http://127.0.0.1:9", "--out",
            str(tmp_path / "Q09.toml")]
    early = cli("portal", "site-file", "--db", url, *args)
    assert early.returncode == 2 and "portal site-key --db" in early.stderr
    assert not (tmp_path / "Q09.toml").exists()
    public = cli("portal", "site-key", "--db", url).stdout.strip()
    assert public.startswith("ed25519:")
    assert cli("portal", "site-key", "--db", url).stdout.strip() == public  # kept, not made again
    assert cli("portal", "site-file", "--db", url, *args).returncode == 0
    done = cli("provision", str(tmp_path / "Q09.toml"), "--trust-key", public, "--json", "--offline-ok")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counter_id"] == "Q09"
    other = cli("portal", "site-key", "--key", str(tmp_path / "other.pem")).stdout.strip()
    refused = cli("provision", str(tmp_path / "Q09.toml"), "--trust-key", other)
    assert refused.returncode == 2  # signed by the portal's key, not this one
    both = cli("portal", "site-key", "--db", url, "--key", str(tmp_path / "other.pem"))
    assert both.returncode == 2  # one source of the key, not two
