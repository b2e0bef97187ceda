"""One schema for every site.toml key: a typo or a wrong type stops the counter with the file,
line and key named (and the nearest key suggested), instead of being silently ignored."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from counterapp.app import open_app
from counterapp.config import ConfigError, load_site_config
from counterapp.settings.schema import NationalSection, ScannerSection, SiteSettings, section_models

REPO = Path(__file__).resolve().parents[2]


def append_site(data_dir: Path, text: str) -> None:
    with open(data_dir / "site.toml", "a", encoding="utf-8") as handle:
        handle.write(text)


def _reads_in_source() -> set[tuple[str, str]]:
    """(section, key) for every `section("x").get("y"` in the source, and for every
    `v = ...section("x")...` followed in the same function by `v.get("y"` or `v["y"]`."""
    pairs: set[tuple[str, str]] = set()
    for folder in ("counterapp", "sync", "ui"):
        for path in (REPO / folder).rglob("*.py"):
            if "settings" in path.relative_to(REPO).parts[:2]:
                continue  # the schema's own docstrings quote the pattern
            text = path.read_text(encoding="utf-8")
            pairs |= set(re.findall(r'section\("(\w+)"\)\)?\.get\(\s*"(\w+)"', text))
            for function in re.split(r"\n(?=def |    def )", text):
                for var, section in re.findall(r"(\w+) = [^\n]*section\(\"(\w+)\"\)", function):
                    pairs |= {(section, k) for k in re.findall(rf'\b{var}\.get\(\s*"(\w+)"', function)}
                    pairs |= {(section, k) for k in re.findall(rf'\b{var}\["(\w+)"\]', function)}
            pairs |= {("signing", k) for k in re.findall(r'signing_settings\([^)]*\)\.get\("(\w+)"', text)}
            for reader in ("def make_signer", "def site_sign_options"):  # both read the [signing] mapping
                if path.name == "signing.py" and reader in text:
                    body = text.split(reader, 1)[1].split("\ndef ", 1)[0]
                    pairs |= {("signing", k) for k in re.findall(r'settings(?:\.get\(|\[)"(\w+)"', body)}
    return pairs


def test_every_key_the_code_reads_is_in_the_schema():
    reads = _reads_in_source()
    sections = section_models()
    assert len(reads) > 40, sorted(reads)  # the grep still finds the readers
    missing = sorted(f"{s}.{k}" for s, k in reads
                     if s not in sections or (sections[s] is not None and k not in sections[s].model_fields))
    assert missing == []


def test_the_scanner_and_national_tables_match_their_readers():
    from counterapp.digitize.sources import ScanSettings
    from sync.national_codes import DEFAULTS

    assert set(ScanSettings.__dataclass_fields__) <= set(ScannerSection.model_fields)
    assert set(DEFAULTS) == set(NationalSection.model_fields)


def test_the_defaults_are_the_code_defaults():
    from counterapp.config import SiteConfig
    from counterapp.digitize.cleanup import BlankThresholds, CleanupOptions
    from counterapp.digitize.common import MIN_DPI
    from counterapp.digitize.sources import ScanSettings
    from counterapp.dossiers.completion import DEFAULT_REASON
    from counterapp.dossiers.numbering import DEFAULT_LOW_THRESHOLD
    from counterapp.forms.specs import DEFAULT_TEMPLATE_SET
    from sync.national_codes import DEFAULTS
    from ui.officer_controls import DEFAULT_LOCK_MINUTES

    d = SiteSettings().model_dump()
    code = SiteConfig()
    assert {k: d["site"][k] for k in ("agency_code", "agency_name", "counter_id", "timezone", "language")} == {
        "agency_code": code.agency_code, "agency_name": code.agency_name, "counter_id": code.counter_id,
        "timezone": code.timezone, "language": code.language}
    assert d["portal"]["url"] == code.portal_url
    assert d["numbering"]["blocks"] == [[b.first, b.last] for b in code.number_blocks]
    assert d["numbering"]["warn_below"] == DEFAULT_LOW_THRESHOLD
    assert d["forms"]["completion_reason"] == DEFAULT_REASON
    assert d["forms"]["template_set"] == DEFAULT_TEMPLATE_SET
    assert d["session"]["lock_minutes"] == DEFAULT_LOCK_MINUTES
    scan = ScanSettings()
    assert (d["scanner"]["dpi"], d["scanner"]["mode"], d["scanner"]["source"], d["scanner"]["backend"]) == (
        MIN_DPI, scan.mode, scan.source, scan.backend)
    clean, blank = CleanupOptions(), BlankThresholds()
    assert (d["digitize"]["deskew"], d["digitize"]["crop"], d["digitize"]["drop_blank"]) == (
        clean.deskew, clean.crop, clean.drop_blank)
    assert (d["digitize"]["blank_ink_ratio"], d["digitize"]["blank_ink_delta"], d["digitize"]["blank_margin"]) == (
        blank.ink_ratio, blank.ink_delta, blank.margin)
    assert d["national"]["list_paper_documents"] == DEFAULTS["list_paper_documents"]
    assert d["national"]["omit_fields"] == DEFAULTS["omit_fields"]


def test_a_typo_is_refused_naming_file_line_and_key_with_a_suggestion(data_dir):
    append_site(data_dir, "\n[privacy]\nkeep_dayz = 365\n")
    with pytest.raises(ConfigError) as refused:
        open_app(data_dir)
    message = str(refused.value)
    assert str(data_dir / "site.toml") in message and "dòng 5 / line 5" in message
    assert 'privacy.keep_dayz' in message and 'có phải "keep_days"?' in message and 'did you mean "keep_days"?' in message
    assert not (data_dir / "counter.db").exists()  # refused before anything was created


def test_a_wrong_type_and_an_unknown_section_are_refused(data_dir):
    append_site(data_dir, '\n[scanner]\nescl_verify_tls = "yes"\ndpi = "300"\n[sinc]\npoll_interval = 5\n')
    with pytest.raises(ConfigError) as refused:
        load_site_config(data_dir)
    lines = str(refused.value).splitlines()
    assert len(lines) == 3
    assert "scanner.escl_verify_tls: cần true hoặc false / expected true or false, got 'yes'" in lines[0]
    assert "scanner.dpi" in lines[1] and "got '300'" in lines[1]
    assert '[sinc]' in lines[2] and 'did you mean "sync"?' in lines[2]


def test_bounds_and_times_are_checked(data_dir):
    append_site(data_dir, '\n[numbering]\nblocks = [[50, 1]]\n[working_time]\nsessions = [["7h30", "11:30"]]\n'
                          '[due_rules."1.001193"]\nsame_dai = true\n')
    with pytest.raises(ConfigError) as refused:
        load_site_config(data_dir)
    message = str(refused.value)
    assert "numbering.blocks" in message and "first is after last" in message
    assert "working_time.sessions" in message and "'7h30'" in message
    assert 'due_rules."1.001193".same_dai' in message and '"same_day"' in message


def test_sections_give_only_the_keys_set_already_checked(data_dir):
    append_site(data_dir, "\n[privacy]\nkeep_days = 30\n[sync]\nbackoff_base = 1\n")
    config = load_site_config(data_dir)
    assert config.section("privacy") == {"keep_days": 30}
    assert config.section("sync") == {"backoff_base": 1.0}
    assert config.section("scanner") == {}  # unset: each reader keeps its own default
    assert config.section("officer") == {"full_name": "Nguyễn Văn Kiểm"}


def test_the_readme_example_is_a_valid_site_file(data_dir):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Configuration", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    (data_dir / "site.toml").write_text(block, encoding="utf-8")
    config = load_site_config(data_dir)
    assert config.section("privacy")["keep_days"] == 0 and config.counter_id == "Q01"


def test_config_show_refuses_a_bad_file_with_exit_2_and_no_traceback(data_dir):
    append_site(data_dir, "\n[privacy]\nkeep_dayz = 365\n")
    done = subprocess.run([sys.executable, "-m", "counterapp", "config", "show", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and 'did you mean "keep_days"?' in done.stderr
