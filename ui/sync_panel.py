"""The window's side of sync: the engine in its thread, re-emitted as Qt signals
(Electrum-style), the status-bar text, sign-in, and the supervisor's problems view.

The engine calls its listeners on its own thread; `SyncController` turns each call into
a signal, which Qt queues to the GUI thread (the engine keeps its own long-lived thread, which
a pool op cannot be). Sign-in and keyring access (network, D-Bus) run as `ui.ops.BackgroundOp`s. The GUI never waits on the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ui.messages import for_window
from ui.ops import BackgroundOp

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from counterapp.app import AppContext


class SyncController(QObject):
    state_changed = Signal(object)  # sync.engine.SyncState
    entities_changed = Signal(object)  # tuple of dossier uuids whose data or sync state changed
    user_changed = Signal(object)  # sync.auth.SignedIn | None
    message = Signal(str)  # something the officer should read (keyring missing, sign-in failed)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.engine = None
        self.user = None
        self._remove_listener = None

    # --- life cycle ---------------------------------------------------------------
    def attach(self, ctx: AppContext) -> None:
        """Resume the signed-in officer's session (token from the keyring) in the background."""
        self.ctx = ctx
        BackgroundOp(self, self._resume, ctx).success(self._engine_ready).failure(self._failed).run()

    @staticmethod
    def _resume(ctx: AppContext) -> tuple[Any, Any]:
        from sync.auth import current_user
        from sync.engine import engine_for

        who = current_user(ctx)
        if who is None:
            return None, None
        return who, engine_for(ctx)

    def _engine_ready(self, result: tuple[Any, Any]) -> None:
        who, engine = result
        self.user = who
        self.user_changed.emit(who)
        if engine is None:
            return
        self._stop_engine()
        self.engine = engine
        # Not a BackgroundOp: the engine runs its own thread for the session's life; its events become signals.
        self._remove_listener = engine.add_listener(self._on_engine_event)  # engine thread -> signal
        self.state_changed.emit(engine.state())
        if engine.client.token:
            engine.start()

    def _on_engine_event(self, event: Any) -> None:  # runs on the engine's thread
        self.state_changed.emit(event.state)
        if event.entity_ids:
            self.entities_changed.emit(tuple(event.entity_ids))

    def _failed(self, exc: BaseException) -> None:
        self.message.emit(for_window(str(exc)))

    def _stop_engine(self) -> None:
        if self._remove_listener is not None:
            self._remove_listener()
            self._remove_listener = None
        if self.engine is not None:
            self.engine.stop(timeout=5)
            self.engine = None

    def shutdown(self) -> None:
        self._stop_engine()

    # --- actions --------------------------------------------------------------------
    def sign_in(self, portal_url: str, username: str, password: str) -> None:
        if self.ctx is None:
            return
        ctx = self.ctx

        def work() -> tuple[Any, Any]:
            from sync.auth import sign_in
            from sync.engine import engine_for

            who = sign_in(ctx, portal_url, username, password)
            return who, engine_for(ctx)

        BackgroundOp(self, work).success(self._engine_ready).failure(self._failed).run()

    def sign_out(self) -> None:
        if self.ctx is None:
            return
        self._stop_engine()
        ctx = self.ctx

        def work() -> None:
            from sync.auth import sign_out

            sign_out(ctx)

        def done(_result: Any) -> None:
            self.user = None
            self.user_changed.emit(None)

        BackgroundOp(self, work).success(done).failure(self._failed).run()

    def sync_now(self) -> None:
        if self.engine is not None:
            self.engine.wake()


def status_text(widget: QWidget, state: Any, zone: Any) -> str:
    """Offline / Syncing n of m / Last synced hh:mm, then N need attention (translated)."""
    tr = widget.tr
    if not getattr(state, "signed_in", True):
        text = tr("Chưa đăng nhập cổng")
    elif state.online is False:
        text = tr("Ngoại tuyến")
    elif state.sending and state.total:
        text = tr("Đang đồng bộ {n}/{m}").replace("{n}", str(state.done)).replace("{m}", str(state.total))
    elif state.last_synced_at is not None:
        text = tr("Đồng bộ lúc {t}").replace("{t}", state.last_synced_at.astimezone(zone).strftime("%H:%M"))
    else:
        text = tr("Chưa đồng bộ")
    if state.waiting and not state.sending:
        text += " · " + tr("{n} chờ gửi").replace("{n}", str(state.waiting))
    if getattr(state, "pull_error", "") and state.online is not False:
        text += " · " + tr("Cổng tạm lỗi, sẽ thử lại")
    problems = state.needs_attention + state.conflicts
    if problems:
        text += " · " + tr("{n} cần xử lý").replace("{n}", str(problems))
    return text
