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


def install_language(app: QCoreApplication, language: str) -> bool:
    """Switch the running application's language. Returns False if the file is missing."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "vi":
        # Our texts are Vietnamese already; Qt's own (OK/Hủy on standard buttons, the edit
        # menus) come from resources/i18n/qt_vi.qm, as Qt ships no Vietnamese of its own.
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
