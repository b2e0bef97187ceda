"""What the engine tells its listeners and the CLI: the status bar's `SyncState`, the
`SyncEvent` a listener receives, and the `SyncReport` of one run."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class SyncState:
    """What the status bar shows. `online` is None before the first contact."""

    online: bool | None = None
    sending: bool = False
    total: int = 0  # items in the current run
    done: int = 0  # of which settled so far
    waiting: int = 0  # operations + files not yet acknowledged
    last_synced_at: datetime | None = None
    needs_attention: int = 0
    conflicts: int = 0
    signed_in: bool = True
    last_error: str = ""
    pull_error: str = ""  # the last pull met a 5xx / 429 / refusal: retried later (a message, not a crash)

    def status_text(self, zone: Any = None) -> str:
        """Offline / Syncing n of m / Last synced hh:mm, then N need attention."""
        if not self.signed_in:
            text = "Cần đăng nhập cổng / sign in to the portal"
        elif self.online is False:
            text = "Ngoại tuyến / Offline"
        elif self.sending and self.total:
            text = f"Đang đồng bộ {self.done}/{self.total} / Syncing {self.done} of {self.total}"
        elif self.last_synced_at is not None:
            hhmm = (self.last_synced_at.astimezone(zone) if zone else self.last_synced_at.astimezone()).strftime("%H:%M")
            text = f"Đồng bộ lúc {hhmm} / Last synced {hhmm}"
        else:
            text = "Chưa đồng bộ / Not synced yet"
        if self.pull_error and self.online is not False:
            text += " · Cổng tạm lỗi, sẽ thử lại / portal failing, will retry"
        problems = self.needs_attention + self.conflicts
        if problems:
            text += f" · {problems} cần xử lý / {problems} need attention"
        return text


@dataclass(frozen=True)
class SyncEvent:
    kind: str  # "state" | "items" | "pulled"
    state: SyncState
    entity_ids: tuple[str, ...] = ()  # dossiers whose sync state or data changed
    detail: str = ""


@dataclass
class SyncReport:
    online: bool = True
    sent: int = 0
    applied: int = 0
    duplicates: int = 0
    parked: int = 0
    conflicts: int = 0
    retry_later: int = 0
    files: int = 0
    bytes_sent: int = 0
    pulled: dict[str, int] = field(default_factory=dict)
    remaining: int = 0  # not yet acknowledged (waiting or sending)
    due_now: int = 0  # of which could go immediately
    next_attempt_in: float | None = None  # seconds until the next scheduled retry
    errors: list[str] = field(default_factory=list)
    pull_error: str = ""  # the pull failed (or waits out its backoff): the message for the officer
    pull_retry_in: float | None = None  # seconds until the pull is tried again

    def merge(self, other: SyncReport) -> None:
        for name in ("sent", "applied", "duplicates", "parked", "conflicts", "retry_later", "files", "bytes_sent"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, n in other.pulled.items():
            self.pulled[key] = self.pulled.get(key, 0) + n
        self.online = other.online
        self.remaining, self.due_now, self.next_attempt_in = other.remaining, other.due_now, other.next_attempt_in
        self.pull_error, self.pull_retry_in = other.pull_error, other.pull_retry_in
        self.errors.extend(other.errors)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)



def _add_counts(total: SyncReport, part: SyncReport) -> None:
    for name in ("sent", "applied", "duplicates", "parked", "conflicts", "retry_later", "files", "bytes_sent"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.errors.extend(part.errors)

