"""Work the dashboard runs off the GUI thread (as `ui.ops.BackgroundOp`s): each takes the
AppContext and plain values, asks the core, and returns plain data (no live ORM object)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counterapp.reports.marks import MarkInfo, mark_called, mark_followed_up
from counterapp.reports.queues import Queues, compute_queues
from counterapp.reports.today import DossierItem, TodayFigures, figure_dossiers, today_figures


@dataclass(frozen=True)
class Snapshot:
    today: TodayFigures
    queues: Queues


def load_snapshot(ctx, now: Any = None) -> Snapshot:  # noqa: ANN001
    """Today's figures and the queues, read in one session (one consistent moment); `now`
    None is the site's current instant."""
    with ctx.sessions() as session:
        today = today_figures(session, ctx.config, now=now)
        queues = compute_queues(session, ctx.config, now=today.at)
    return Snapshot(today, queues)


def dossiers_behind(ctx, key: str, at: Any = None) -> list[DossierItem]:  # noqa: ANN001
    """The dossiers behind figure `key`, at the instant the figure was computed."""
    with ctx.sessions() as session:
        return figure_dossiers(session, ctx.config, key, now=at, limit=None)


def call_made(ctx, code: str, officer: str, note: str | None = None) -> MarkInfo:  # noqa: ANN001
    return mark_called(ctx, code, officer, note)


def followed_up(ctx, number: str, officer: str, note: str | None = None) -> MarkInfo:  # noqa: ANN001
    return mark_followed_up(ctx, number, officer, note)


__all__ = ["Snapshot", "call_made", "dossiers_behind", "followed_up", "load_snapshot"]
