"""The UI language: Simplified Chinese or English, through Qt's translation system.

Texts are written in English in the code (``tr``); ``resources/translations`` holds the
Chinese ``.ts`` (source, edited with Qt Linguist) and the compiled ``.qm`` that is loaded.
The language follows the system locale unless the user chose one (View > Language).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from resources import RESOURCES

from .settings import app_settings

TRANSLATIONS = RESOURCES / "translations"
QM_FILE = TRANSLATIONS / "contract_editor_zh_CN.qm"
_state: dict = {"language": "en", "installed": []}


def chosen_language() -> str:
    """ "zh_CN" or "en": the user's choice, else the system's language."""
    choice = app_settings().value("ui/language", "")
    if choice in ("zh_CN", "en"):
        return choice
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install_translators(app: QCoreApplication, language: str | None = None) -> str:
    """Load our Chinese texts and Qt's own (dialog buttons) when the language is Chinese."""
    language = language or chosen_language()
    _state["language"] = language
    if language == "zh_CN":
        ours = QTranslator(app)
        if ours.load(str(QM_FILE)):
            app.installTranslator(ours)
            _state["installed"].append(ours)
        qt = QTranslator(app)
        if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):  # fmt: skip
            app.installTranslator(qt)
            _state["installed"].append(qt)
    return language


def remove_translators(app: QCoreApplication) -> None:
    """Undo ``install_translators``: back to the English texts of the code (tests use this)."""
    while _state["installed"]:
        app.removeTranslator(_state["installed"].pop())
    _state["language"] = "en"


def current_language_is_chinese() -> bool:
    return _state["language"] == "zh_CN"
