"""The printer each form goes to (counterapp/forms/printers.py): site.toml's `[printing] printers`,
the choice remembered from the print dialog per user, IT's lock; and the ledger's "today"."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from counterapp.app import open_app
from counterapp.clock import site_today
from counterapp.config import ConfigError, load_site_config
from counterapp.dossiers.intake import create_dossier
from counterapp.forms.contexts import ledger_context
from counterapp.forms.printers import (
    PrinterNotFound,
    is_locked,
    open_printer,
    printer_for,
    remember_printer,
    remembered_printer,
)
from tests.forms.test_dossier_forms import PROCEDURE, intake


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def test_each_form_has_its_printer_and_the_dialog_choice_is_remembered(data_dir: Path) -> None:
    _append(data_dir / "site.toml", '\n[printing]\nprinters = {receipt = "Quay-01", default = "Van-phong"}\n')
    config = load_site_config(data_dir)
    assert printer_for(config, data_dir, "receipt") == "Quay-01"
    assert printer_for(config, data_dir, "ledger") == "Van-phong"  # the default for the others
    assert remember_printer(data_dir, config, "ledger", "May-tang-2")
    assert printer_for(config, data_dir, "ledger") == "May-tang-2"
    assert printer_for(config, data_dir, "receipt") == "Quay-01"  # per form
    assert "May-tang-2" in (data_dir / "ui.ini").read_text(encoding="utf-8")  # the window's own preferences file


def test_a_printer_it_locked_is_not_overridden_by_the_dialog(data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    machine = tmp_path / "machine-site.toml"
    machine.write_text('[printing]\nprinters = {ledger = "IT-Van-phong"}\n\n[lock]\nkeys = ["printing.printers"]\n',
                       encoding="utf-8")
    monkeypatch.setenv("COUNTERAPP_SITE_FILE", str(machine))
    unlocked = load_site_config(data_dir)  # the same user file, remembered before the lock
    (data_dir / "ui.ini").write_text("[printing]\nledger=May-rieng\n", encoding="utf-8")
    config = load_site_config(data_dir)
    assert is_locked(config) and unlocked.locked == config.locked
    assert remembered_printer(data_dir, "ledger") == "May-rieng"
    assert printer_for(config, data_dir, "ledger") == "IT-Van-phong"
    assert remember_printer(data_dir, config, "ledger", "May-khac") is False
    assert remembered_printer(data_dir, "ledger") == "May-rieng"  # nothing written


def test_a_misspelt_form_in_printing_is_refused(data_dir: Path) -> None:
    _append(data_dir / "site.toml", '\n[printing]\nprinters = {reciept = "Quay-01"}\n')
    with pytest.raises(ConfigError, match="reciept"):
        load_site_config(data_dir)


def test_an_unknown_printer_is_named(gui) -> None:
    with pytest.raises(PrinterNotFound, match="Khong-co") as caught:
        open_printer("Khong-co")
    assert "--pdf" in str(caught.value)


def test_a_ledger_ending_today_at_the_site_includes_the_dossiers_received_today(data_dir: Path) -> None:
    """The ledger button once printed a range that silently left out today's dossiers: "today"
    was the PC's. With the site 25 hours ahead of the PC, the PC's date is never the site's."""
    from counterapp.catalog.importer import import_catalog_records

    _append(data_dir / "site.toml", '\n[site]\ntimezone = "Pacific/Kiritimati"\n')
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Pacific/Pago_Pago"
    time.tzset()
    ctx = open_app(data_dir, seed_demo=False)
    try:
        import_catalog_records(ctx.sessions, [PROCEDURE])
        request = intake()
        request.pop("received_at")  # received now
        code = create_dossier(ctx, request, officer="Trần Văn Bình").code
        today = site_today(ctx.config.zone)
        from datetime import date

        assert date.today() != today
        with ctx.sessions() as session:
            assert [r["code"] for r in ledger_context(session, ctx.config, today, today)["rows"]] == [code]
            assert ledger_context(session, ctx.config, date.today(), date.today())["rows"] == []  # the old bug
    finally:
        ctx.close()
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()
