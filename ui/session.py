"""Who is at the counter now: the one place the window asks, at the moment of an action.

Why: pages used to resolve the officer once when they were built, so a receipt printed
after signing in as someone else still named the OS account. Every action (saving a
dossier, a history line, a print, an access-log entry, a scan) reads `current_officer_name`
when it runs; nothing caches the name in a page. `OfficerSession.changed` tells widgets that
show the name (status bar, lock screen) to refresh.

Until a person signs in, the site's configured officer (site.toml [officer]) stands in;
never the OS account (counterapp/officer.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from counterapp.officer import Officer, configured_officer_or_none

if TYPE_CHECKING:
    from counterapp.app import AppContext


class OfficerSession(QObject):
    """The signed-in officer of this window (one per application)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._officer: Officer | None = None
        self._role: str = ""

    def officer(self) -> Officer | None:
        return self._officer

    def role(self) -> str:
        return self._role

    def set_officer(self, officer: Officer | None, role: str = "") -> None:
        """A person signed in (or out, with None): instant; listeners refresh on `changed`."""
        if officer == self._officer and role == self._role:
            return
        self._officer, self._role = officer, role
        self.changed.emit()


_session: OfficerSession | None = None


def officer_session() -> OfficerSession:
    """The application's session (created on first use)."""
    global _session
    if _session is None:
        _session = OfficerSession()
    return _session


def current_officer(ctx: AppContext | None) -> Officer | None:
    """The person signed in, else the site's configured officer, else None."""
    signed_in = officer_session().officer()
    if signed_in is not None:
        return signed_in
    return configured_officer_or_none(ctx.config) if ctx is not None else None


def current_officer_name(ctx: AppContext | None) -> str:
    """The full name to record and print for an action taken now ("" when no one: the core
    then refuses with a message saying how to sign in)."""
    officer = current_officer(ctx)
    return officer.full_name if officer is not None else ""
