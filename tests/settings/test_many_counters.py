"""Twenty counters provisioned unattended from twenty signed site files against one real
reference portal; each receives dossiers and syncs them, and no two dossiers share a code.

Sign-in: each counter's officer is a portal user assigned to that counter (the portal refuses
an officer at a counter it was not given), as a province's IT would set them up.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from counterapp.app import open_app
from counterapp.cli import main
from counterapp.dossiers.intake import create_dossier
from sync.client import PortalClient
from sync.engine import SyncEngine
from sync.portal.server import PortalThread
from sync.portal.store import PortalStore, load_demo_catalog

COUNTERS = [f"Q{i:02d}" for i in range(1, 21)]
DOSSIERS_PER_COUNTER = 2
COMMON = """
[numbering]
blocks = []          # the portal hands out number blocks

[sync]
backoff_base = 0.02
backoff_cap = 0.2
block_days = 1
block_size = 5

[lock]
keys = ["portal.url", "site.agency_code", "site.counter_id", "numbering"]
"""


def small_catalog() -> list[dict]:
    return [r for r in load_demo_catalog() if r.get("MATTHC") == "1.001193"]


@pytest.fixture
def portal(tmp_path: Path):
    store = PortalStore(f"sqlite:///{tmp_path / 'portal.db'}")
    store.seed(catalog_records=small_catalog())
    for number in range(1, 21):  # one officer per counter, bound to it by the portal
        store.add_user(f"officer{number:02d}", "officer", "officer-pass", f"Cán bộ quầy {number}",
                       counters=[f"Q{number:02d}"])
    store.engine.dispose()
    server = PortalThread(f"sqlite:///{tmp_path / 'portal.db'}", catalog=small_catalog()).start()
    yield server
    server.stop()


def test_twenty_counters_provisioned_from_signed_files_sync_without_code_collisions(
        tmp_path: Path, portal: PortalThread, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    portal_db = f"sqlite:///{tmp_path / 'portal.db'}"  # the portal's own signing key, kept in its database
    assert main(["portal", "site-key", "--db", portal_db]) == 0
    public = capsys.readouterr().out.strip()
    assert public.startswith("ed25519:")
    (tmp_path / "common.toml").write_text(COMMON, encoding="utf-8")
    template = tmp_path / "template"
    monkeypatch.setenv("COUNTERAPP_SITE_FILE", str(tmp_path / "none.toml"))
    open_app(template, seed_demo=False).close()  # migrate once, copy per counter

    counters = []
    for counter in COUNTERS:
        site_file = tmp_path / "issued" / f"{counter}.toml"
        assert main(["portal", "site-file", "--db", portal_db, "--agency", "H49.22", "--counter", counter,
                     "--portal-url", portal.url, "--name", "UBND phường Hạ Long", "--base",
                     str(tmp_path / "common.toml"), "--out", str(site_file)]) == 0
        machine = tmp_path / "pcs" / counter / "etc" / "site.toml"
        monkeypatch.setenv("COUNTERAPP_SITE_FILE", str(machine))
        assert main(["provision", str(site_file), "--trust-key", public, "--quiet"]) == 0  # installed, portal ok
        assert machine.read_bytes() == site_file.read_bytes()
        data = tmp_path / "pcs" / counter / "data"
        data.mkdir()
        # The officer's own file: a name, and a counter id that the locked one overrides.
        (data / "site.toml").write_text('[officer]\nfull_name = "Nguyễn Văn Kiểm"\n[site]\ncounter_id = "Q99"\n',
                                        encoding="utf-8")
        shutil.copyfile(template / "counter.db", data / "counter.db")
        ctx = open_app(data, seed_demo=False)
        assert (ctx.config.counter_id, ctx.config.portal_url, ctx.config.number_blocks) == (counter, portal.url, ())
        client = PortalClient(ctx.config.portal_url)
        client.token = client.login(f"officer{counter[1:]}", "officer-pass", counter_id=ctx.config.counter_id,
                                    agency_code=ctx.config.agency_code).token
        engine = SyncEngine(ctx, client)
        assert engine.run_once().errors == []  # first pull: catalog, calendar, number blocks
        counters.append((counter, ctx, engine))
    capsys.readouterr()

    made: dict[str, str] = {}
    for round_ in range(DOSSIERS_PER_COUNTER):  # round by round: the counters' numbers interleave
        for counter, ctx, engine in counters:
            dossier = create_dossier(ctx, {
                "procedure_code": "1.001193",
                "applicant": {"name": f"Người {counter} {round_}", "id_number": "001203004567", "phone": "0912345678",
                              "address": "Tổ 1, phường Hạ Long"},
                "officer": "Nguyễn Văn Kiểm",
            })
            made[dossier.uuid] = counter
            assert engine.run_until_idle(timeout=20).remaining == 0
    for _, ctx, engine in counters:
        engine.stop()
        engine.client.close()
        ctx.close()

    held = portal.store.dossiers()
    assert len(held) == len(COUNTERS) * DOSSIERS_PER_COUNTER == len(made)
    codes = [d.code for d in held]
    assert len(set(codes)) == len(codes), sorted(codes)
    assert {d.id: d.counter_id for d in held} == made  # each arrived from the counter it was provisioned as
