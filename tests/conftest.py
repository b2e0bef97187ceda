"""Shared fixtures: a real SQLite file in a temporary data folder, Qt offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The machine-wide site file (/etc/counterapp/site.toml on Linux) of the machine running the
# tests must not leak into them: point it at a path that does not exist (tests/settings set it).
os.environ.setdefault("COUNTERAPP_SITE_FILE", os.path.join(os.path.dirname(__file__), ".no-machine-site.toml"))

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from counterapp.app import AppContext, open_app  # noqa: E402


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    # A counter names its officer (site.toml [officer]): the tests run as root, and "root" is
    # refused on dossiers and forms. A test that writes its own site.toml appends to this one.
    (folder / "site.toml").write_text('[officer]\nfull_name = "Nguyễn Văn Kiểm"\n', encoding="utf-8")
    monkeypatch.setenv("COUNTERAPP_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def app_ctx(data_dir: Path) -> AppContext:
    """An empty, migrated counter database (no demo catalog)."""
    ctx = open_app(data_dir, seed_demo=False)
    yield ctx
    ctx.close()


@pytest.fixture
def demo_ctx(data_dir: Path) -> AppContext:
    """A migrated counter database with the shipped demo catalog loaded."""
    ctx = open_app(data_dir, seed_demo=True)
    yield ctx
    ctx.close()
