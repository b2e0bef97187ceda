"""Mnemonics per language: in every menu, the main dialogs and each page, no two entries share an
Alt+letter, and each letter is one of its own label's (English labels get English letters,
never a Vietnamese letter in brackets like "Full name (&v)"). Run in Vietnamese and with the
shipped English translation (resources/i18n/counterapp_en.qm), real Qt offscreen."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QMenu, QTabBar, QWidget

from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from ui.i18n import install_language
from ui.session import officer_session

_BRACKETED = re.compile(r"\(&\w\)")


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand), or None."""
    i = 0
    while (i := text.find("&", i)) >= 0 and i + 1 < len(text):
        if text[i + 1] == "&":
            i += 2
            continue
        return text[i + 1]
    return None


def problems(where: str, texts: list[str], english: bool) -> list[str]:
    found, seen = [], {}
    for text in texts:
        letter = mnemonic(text)
        if letter is None:
            continue
        key = letter.casefold()
        if key in seen:
            found.append(f"{where}: \"{seen[key]}\" and \"{text}\" share Alt+{letter}")
        seen[key] = text
        if _BRACKETED.search(text):
            found.append(f"{where}: \"{text}\": the letter is not one of the label's own")
        if english and not (letter.isascii() and letter.isalnum()):
            found.append(f"{where}: \"{text}\": Alt+{letter} is not an English letter")
    return found


def menu_groups(window) -> Iterator[tuple[str, list[str]]]:
    bar = window.menuBar()
    yield "menu bar", [a.text() for a in bar.actions() if a.isVisible()]

    def walk(menu: QMenu) -> Iterator[tuple[str, list[str]]]:
        actions = [a for a in menu.actions() if not a.isSeparator()]
        yield f"menu {menu.title()!r}", [a.text() for a in actions]
        for action in actions:
            if action.menu() is not None:
                yield from walk(action.menu())

    for action in bar.actions():
        if action.menu() is not None:
            yield from walk(action.menu())


def widget_texts(root: QWidget) -> list[str]:
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
    return texts


def dialogs(window) -> Iterator[tuple[str, QWidget]]:
    from counterapp.users.accounts import add_user, list_users
    from ui.dossiers.access_dialog import AccessLogDialog
    from ui.dossiers.lifecycle_dialogs import ApologyDialog, PaymentDialog, ReturnDialog
    from ui.signin_dialog import SignInDialog
    from ui.sync_dialogs import ProblemsDialog
    from ui.sync_dialogs import SignInDialog as PortalSignInDialog
    from ui.users.password_form import PasswordForm
    from ui.users.screen import UsersScreen
    from ui.users.user_form import UserForm

    ctx = window.ctx
    zone = ctx.config.zone
    if not list_users(ctx.sessions()):
        add_user(ctx, "quantri", "Lê Thị Quản", "admin", "quan-tri-1")
    [admin] = list_users(ctx.sessions())
    yield "officer sign-in", SignInDialog(ctx, window, portal_sign_in=lambda: None)
    yield "portal sign-in", PortalSignInDialog("https://portal.example", "", window)
    yield "sync problems", ProblemsDialog(window.sync, window)
    yield "users screen", UsersScreen(ctx, window)
    yield "add a user", UserForm(ctx, None, window)
    yield "edit a user", UserForm(ctx, admin, window)
    yield "reset a password", PasswordForm("Lê Thị Quản", lambda _p: None, window)
    yield "return", ReturnDialog(window, "H01.01-260101-0001", "Nguyễn Văn A")
    yield "apology", ApologyDialog(window, "H01.01-260101-0001", None, zone)
    yield "payment", PaymentDialog(window, "H01.01-260101-0001", zone)
    yield "access log", AccessLogDialog(ctx, "", window)
    window.officer_controls.lock()
    yield "lock screen", window.officer_controls.overlay
    window.officer_controls.unlock()


@pytest.fixture(params=["vi", "en"])
def language(request, qapp):
    assert install_language(qapp, request.param)
    yield request.param
    install_language(qapp, "vi")


def test_no_shared_or_foreign_mnemonics_in_menus_and_dialogs(qtbot, main_window, language):
    officer_session().set_officer(None)
    QApplication.processEvents()
    english = language == "en"
    if english:  # the English translation is in force
        assert main_window.file_menu.title() == "&File"
    found: list[str] = []
    for where, texts in menu_groups(main_window):
        found += problems(where, texts, english)
    for where, dialog in dialogs(main_window):
        found += problems(where, widget_texts(dialog), english)
        dialog.deleteLater()
    # the pages (intake, dossier list, scanning), each on its own
    for tab in main_window.lazy_tabs:
        page = tab.built_page
        assert page is not None
        found += problems(type(page).__name__, widget_texts(page), english)
    assert not found, "\n".join(found)
