"""Shared bits of the intake and dossier list GUI tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_sane_discovery(monkeypatch):
    """The scanning page (another area, installed in the same window) looks for SANE
    devices in a background thread when the window opens; python-sane's discovery has
    aborted/segfaulted the whole test process when it runs alongside the window start-up
    (reported to the lead). These tests are not about scanners, so discovery finds none."""
    try:
        from counterapp.digitize.sources import SaneSource
    except ImportError:  # pragma: no cover
        return
    monkeypatch.setattr(SaneSource, "list_devices", lambda self, *a, **k: [])
