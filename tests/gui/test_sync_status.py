"""The status bar through signed out, syncing, synced, needs attention and offline, with
the real reference portal on 127.0.0.1 and the real engine in its own thread.

The engine is handed to the window's controller with its token in memory: signing in
through the OS keyring is covered by tests/sync (gnome-keyring in a D-Bus session)."""

from __future__ import annotations

import pytest

from counterapp.db import session_scope
from counterapp.outbox import enqueue
from sync import protocol as p
from sync.auth import SignedIn
from sync.client import PortalClient
from sync.portal.server import PortalThread
from tests.sync.conftest import SITE_TOML, make_engine, receive, small_catalog
from ui.main_window import open_window
from ui.sync_dialogs import ProblemsDialog


@pytest.fixture
def portal(tmp_path):
    server = PortalThread(f"sqlite:///{tmp_path / 'portal.db'}", catalog=small_catalog()).start()
    yield server
    server.stop()


def test_status_bar_follows_the_engine(qtbot, data_dir, portal):
    (data_dir / "site.toml").write_text(SITE_TOML.format(url=portal.url), encoding="utf-8")
    window = open_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        window.show()
    label = window.sync_label
    qtbot.waitUntil(lambda: label.text() == "Chưa đăng nhập cổng", timeout=5000)

    ctx = window.ctx
    for i in range(12):
        receive(ctx, f"Nguyễn Văn Số {i}")
    seen: list[str] = []
    window.sync.state_changed.connect(lambda _state: seen.append(label.text()))

    engine = make_engine(ctx, portal, batch_size=1)
    who = SignedIn(portal.url, "officer", "officer", "Cán bộ tiếp nhận")
    window.sync._engine_ready((who, engine))
    assert window.user_label.text() == "Cán bộ tiếp nhận"
    qtbot.waitUntil(lambda: label.text().startswith("Đồng bộ lúc"), timeout=20_000)
    assert any(text.startswith("Đang đồng bộ") for text in seen), seen
    assert len(portal.store.dossiers()) == 12

    # The back office moves a dossier on: the list in front of the officer shows it.
    first = portal.store.dossiers()[0]
    window.dossier_pages.show_list()
    dossier_list = window.dossier_pages.dossiers
    admin = PortalClient(portal.url)
    admin.token = admin.login("admin", "admin-pass").token
    admin.admin_set_status(first.id, p.AdminStatusChange(status=4, department="Phòng Tư pháp",
                                                        content="Đang thẩm định"))
    admin.close()
    window.sync.sync_now()
    status_col = dossier_list.model.COLUMNS.index("status")

    def shown_status() -> str | None:
        for i in range(dossier_list.model.rowCount()):
            if dossier_list.model.row(i).uuid == first.id:
                return dossier_list.model.index(i, status_col).data()
        return None

    qtbot.waitUntil(lambda: shown_status() == "Đang xử lý", timeout=20_000)

    # An operation the portal refuses is parked and counted, the others go on.
    dossier = receive(ctx, "Trần Thị Cần Xem")
    with session_scope(ctx.sessions) as s:
        enqueue(s, "dossier.teleport", dossier.uuid, {"where": "moon"})
    window.sync.sync_now()
    qtbot.waitUntil(lambda: "1 cần xử lý" in label.text(), timeout=20_000)
    problems = ProblemsDialog(window.sync, window)
    qtbot.addWidget(problems)
    assert problems.items.count() == 1
    assert "dossier.teleport" in problems.items.item(0).text()
    assert '"where": "moon"' in problems.mine.toPlainText()  # what the counter sent, shown in full
    assert problems.retry.isEnabled() and not problems.keep_mine.isEnabled()

    # The portal goes away: the counter says so and keeps working.
    portal.stop()
    receive(ctx, "Lê Văn Ngoại Tuyến")
    window.sync.sync_now()
    qtbot.waitUntil(lambda: label.text().startswith("Ngoại tuyến"), timeout=20_000)
    assert "chờ gửi" in label.text()

    window.sync.shutdown()
    window.ctx.close()


def test_status_bar_says_when_a_pull_fails(qtbot, data_dir, portal):
    """A pull meeting a 5xx: the window keeps running and the status bar says the portal is
    failing and will be asked again (before, the engine's thread logged a traceback)."""
    (data_dir / "site.toml").write_text(SITE_TOML.format(url=portal.url), encoding="utf-8")
    window = open_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        window.show()
    admin = PortalClient(portal.url)
    admin.token = admin.login("admin", "admin-pass").token
    admin.admin_set_faults(p.Faults(error_rate=1.0, path_prefix="/agency"))
    engine = make_engine(window.ctx, portal)
    window.sync._engine_ready((SignedIn(portal.url, "officer", "officer", "Cán bộ tiếp nhận"), engine))
    qtbot.waitUntil(lambda: "Cổng tạm lỗi, sẽ thử lại" in window.sync_label.text(), timeout=20_000)
    admin.admin_set_faults(p.Faults())
    admin.close()
