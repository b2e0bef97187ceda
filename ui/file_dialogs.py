"""Every "open a file" dialog of the app goes through here, so it speaks the officer's language.

Why: Qt ships no Vietnamese of its own (no qtbase_vi). On Linux the dialog Qt opens is its own
widget dialog (or a GTK/portal one that depends on the desktop's locale, not on the language
chosen in the app), and it came up in English in the Vietnamese window. Qt's own dialog takes its
texts from our translation (resources/i18n/qt_vi.ts: contexts QFileDialog, QFileSystemModel,
QAbstractFileIconProvider), so we ask for it explicitly (DontUseNativeDialog).

On Windows and macOS we keep the native dialog: it is the one the officer knows from every other
program, and it already speaks the operating system's language (Vietnamese on a Vietnamese
Windows). Forcing Qt's dialog there would trade a familiar dialog for a plainer one with nothing
gained. Only where there is no such OS dialog in the officer's language (Linux and the rest) is
Qt's own dialog used.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def use_qt_dialog(platform: str | None = None) -> bool:
    """True where Qt's own (translated) dialog is used instead of the operating system's."""
    platform = sys.platform if platform is None else platform
    return not platform.startswith(("win", "darwin"))


def build_open_dialog(
    parent: QWidget | None, caption: str, file_filter: str, directory: str | Path | None = None,
    many: bool = False,
) -> QFileDialog:
    """The dialog open_file_name / open_file_names show (not shown yet; tests open it non-modally)."""
    dialog = QFileDialog(parent, caption, str(directory if directory is not None else Path.home()),
                         file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, use_qt_dialog())
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return []
        return dialog.selectedFiles()
    finally:
        dialog.deleteLater()


def open_file_name(
    parent: QWidget | None, caption: str, file_filter: str, directory: str | Path | None = None,
) -> str:
    """One existing file chosen by the officer, or "" if cancelled."""
    files = _run(build_open_dialog(parent, caption, file_filter, directory))
    return files[0] if files else ""


def open_file_names(
    parent: QWidget | None, caption: str, file_filter: str, directory: str | Path | None = None,
) -> list[str]:
    """The existing files chosen by the officer ([] if cancelled)."""
    return _run(build_open_dialog(parent, caption, file_filter, directory, many=True))
