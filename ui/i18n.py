"""Interface language: Vietnamese is the source language; English comes from a .qm file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from counterapp.paths import resource

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
SETTINGS_KEY = "ui/language"

_installed: list[QTranslator] = []


def saved_language(settings: QSettings) -> str:
    value = str(settings.value(SETTINGS_KEY, "vi"))
    return value if value in LANGUAGES else "vi"


def remove_translations(app: QCoreApplication) -> None:
    """Take out the translations install_language put in (Qt's own texts fall back to English)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()


def install_language(app: QCoreApplication, language: str) -> bool:
    """Switch the running application's language. Returns False if the file is missing."""
    remove_translations(app)
    if language == "vi":
        # Our texts are Vietnamese already; Qt's own (OK/Hủy on standard buttons, the edit
        # menus, the file dialog of ui/file_dialogs.py) come from resources/i18n/qt_vi.qm,
        # as Qt ships no Vietnamese of its own.
        qt_texts = QTranslator(app)
        if qt_texts.load(str(resource("i18n", "qt_vi.qm"))):
            app.installTranslator(qt_texts)
            _installed.append(qt_texts)
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        return True
    translator = QTranslator(app)
    if not translator.load(str(resource("i18n", f"counterapp_{language}.qm"))):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return True
