"""Two layers: IT's machine-wide site file, then the officer's own; keys IT locks stay IT's,
and `counterapp config show` says where every value came from."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from counterapp.app import open_app
from counterapp.config import ConfigError, load_site_config
from counterapp.retention import retention_days

REPO = Path(__file__).resolve().parents[2]

MACHINE = """
[site]
agency_code = "H22.01"
counter_id = "Q05"

[portal]
url = "https://dichvucong.example.vn"

[privacy]
keep_days = 365

[sync]
poll_interval = 30

[lock]
keys = ["portal.url", "privacy"]
"""


@pytest.fixture
def machine_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "etc" / "site.toml"
    path.parent.mkdir()
    path.write_text(MACHINE, encoding="utf-8")
    monkeypatch.setenv("COUNTERAPP_SITE_FILE", str(path))
    return path


def append_site(data_dir: Path, text: str) -> None:
    with open(data_dir / "site.toml", "a", encoding="utf-8") as handle:
        handle.write(text)


def config_show(data_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "counterapp", "config", "show", "--data-dir", str(data_dir), *extra],
                          capture_output=True, text=True, timeout=120, cwd=REPO)


def test_the_user_file_overrides_key_by_key_but_not_locked_keys(data_dir, machine_file):
    append_site(data_dir, '\n[site]\ncounter_id = "Q09"\n[portal]\nurl = "http://evil.example"\n'
                          '[privacy]\nkeep_days = 0\n[sync]\npoll_interval = 5\n')
    ctx = open_app(data_dir, seed_demo=False)  # a locked key set by the user is no reason not to start
    try:
        config = ctx.config
        assert config.portal_url == "https://dichvucong.example.vn"  # locked: IT's
        assert retention_days(config) == 365  # the whole [privacy] section is locked
        assert config.counter_id == "Q09" and config.agency_code == "H22.01"  # not locked: the user's, key by key
        assert config.section("sync") == {"poll_interval": 5.0}
        assert len(config.ignored) == 2
        assert "portal.url" in config.ignored[0] and "privacy.keep_days" in config.ignored[1]
    finally:
        ctx.close()


def test_config_show_says_where_each_value_came_from(data_dir, machine_file):
    append_site(data_dir, '\n[portal]\nurl = "http://evil.example"\n[sync]\npoll_interval = 5\n')
    done = config_show(data_dir, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    rows = {row["key"]: row for row in report["settings"]}
    assert rows["portal.url"] == {"key": "portal.url", "value": "https://dichvucong.example.vn", "source": "locked"}
    assert rows["privacy.keep_days"]["source"] == "locked"
    assert rows["privacy.encrypt_database"] == {"key": "privacy.encrypt_database", "value": False, "source": "locked"}
    assert rows["site.agency_code"]["source"] == "machine"
    assert rows["sync.poll_interval"] == {"key": "sync.poll_interval", "value": 5.0, "source": "user"}
    assert rows["officer.full_name"]["source"] == "user"
    assert rows["scanner.dpi"] == {"key": "scanner.dpi", "value": 200, "source": "default"}
    assert report["files"] == {"machine": str(machine_file), "user": str(data_dir / "site.toml")}
    assert report["locked"] == ["portal.url", "privacy"]
    assert len(report["ignored"]) == 1 and "portal.url" in report["ignored"][0]
    text = config_show(data_dir)
    assert text.returncode == 0
    assert "locked by IT" in text.stdout and "portal.url" in text.stdout.splitlines()[-1]


def test_config_show_masks_secrets(data_dir):
    append_site(data_dir, '\n[portal]\nurl = "https://counter:s3cret@portal.example:8443/api"\n')
    done = config_show(data_dir, "--json")
    assert done.returncode == 0, done.stderr
    assert "s3cret" not in done.stdout
    rows = {row["key"]: row for row in json.loads(done.stdout)["settings"]}
    assert rows["portal.url"]["value"] == "https://counter:***@portal.example:8443/api"


def test_a_bad_machine_file_is_refused_naming_it(data_dir, machine_file):
    machine_file.write_text(MACHINE.replace('keys = ["portal.url", "privacy"]', 'keys = ["portal.adress", "privacyy"]'),
                            encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_site_config(data_dir)
    first, second = str(refused.value).splitlines()
    assert first.startswith(f"{machine_file}, dòng 16 / line 16: lock.keys")
    assert '"portal.adress"' in first and "(valid: url, ca_bundle)" in first
    assert '"privacyy"' in second and 'did you mean "privacy"?' in second
    machine_file.write_text(MACHINE + '\n[scanner]\ndpi = "cao"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="scanner.dpi"):
        load_site_config(data_dir)


def test_only_the_machine_file_may_lock(data_dir):
    append_site(data_dir, '\n[lock]\nkeys = ["privacy"]\n')
    with pytest.raises(ConfigError, match="only the machine-wide site file may lock"):
        load_site_config(data_dir)


def test_with_no_machine_file_the_user_file_is_all(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTERAPP_SITE_FILE", str(tmp_path / "absent" / "site.toml"))
    append_site(data_dir, "\n[privacy]\nkeep_days = 30\n")
    config = load_site_config(data_dir)
    assert retention_days(config) == 30 and config.sources["privacy.keep_days"] == "user" and config.locked == ()


def test_the_machine_file_lives_where_each_os_keeps_machine_settings(monkeypatch):
    # sys.platform is switched to compute the other OSes' paths here (they cannot run on this machine).
    from counterapp.settings.layers import machine_site_path

    monkeypatch.delenv("COUNTERAPP_SITE_FILE")
    monkeypatch.setattr(sys, "platform", "linux")
    assert machine_site_path() == Path("/etc/counterapp/site.toml")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert machine_site_path() == Path("/Library/Application Support/counterapp/site.toml")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", "D:\\ProgramData")
    assert str(machine_site_path()).replace("/", "\\") == "D:\\ProgramData\\counterapp\\site.toml"
