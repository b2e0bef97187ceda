"""Fixtures for the rating tests: the dossier tests' small procedure, dossiers received through
the real intake service."""

from __future__ import annotations

from datetime import datetime

import pytest

from counterapp.app import AppContext
from tests.dossiers.conftest import HCM, add_procedure, request_dict  # noqa: F401


@pytest.fixture
def proc_ctx(app_ctx: AppContext) -> AppContext:
    add_procedure(app_ctx)
    add_procedure(app_ctx, "2.000001")
    return app_ctx


def receive(ctx: AppContext, *, officer: str = "Nguyễn Văn Kiểm", procedure: str = "1.001193",
            at: datetime | None = None):
    from counterapp.dossiers.intake import create_dossier

    extra = {"received_at": at.isoformat()} if at is not None else {}
    return create_dossier(ctx, request_dict(procedure_code=procedure, **extra), officer)
