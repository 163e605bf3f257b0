"""The UI language: Simplified Chinese or English, through Qt's translation system.

Texts are written in English in the code (``tr``); ``resources/translations`` holds the
Chinese ``.ts`` (source, edited with Qt Linguist) and the compiled ``.qm`` that is loaded.
Qt's own texts (dialog buttons, a text box's context menu, the file dialog) come from the
``qtbase`` translation shipped with Qt. The model's texts (undo step names, edit errors)
carry both languages (``clause_db.messages``): ``model_text`` picks the UI's. The language
follows the system locale unless the user chose one (View > Language).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from clause_db.messages import Msg
from resources import RESOURCES

from .settings import app_settings

if TYPE_CHECKING:
    from clause_db.rows import TopicRow

TRANSLATIONS = RESOURCES / "translations"
QM_FILE = TRANSLATIONS / "contract_editor_zh_CN.qm"
_state: dict = {"language": "en", "installed": [], "locale": None}
CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def chosen_language() -> str:
    """ "zh_CN" or "en": the user's choice, else the system's language."""
    choice = app_settings().value("ui/language", "")
    if choice in ("zh_CN", "en"):
        return choice
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install_translators(app: QCoreApplication, language: str | None = None) -> str:
    """Load our Chinese texts and Qt's own (dialog buttons) when the language is Chinese.

    The default locale follows too, so what Qt writes by the locale (month and day names,
    numbers) is in the same language as the rest, not the system's.
    """
    language = language or chosen_language()
    _state["language"] = language
    if _state["locale"] is None:
        _state["locale"] = QLocale()
    QLocale.setDefault(CHINESE if language == "zh_CN" else ENGLISH)
    if language == "zh_CN":
        ours = QTranslator(app)
        if ours.load(str(QM_FILE)):
            app.installTranslator(ours)
            _state["installed"].append(ours)
        qt = QTranslator(app)
        if qt.load(CHINESE, "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):  # fmt: skip
            app.installTranslator(qt)
            _state["installed"].append(qt)
    return language


def remove_translators(app: QCoreApplication) -> None:
    """Undo ``install_translators``: back to the English texts of the code (tests use this)."""
    while _state["installed"]:
        app.removeTranslator(_state["installed"].pop())
    _state["language"] = "en"
    if _state["locale"] is not None:  # the locale from before install_translators
        QLocale.setDefault(_state["locale"])
        _state["locale"] = None


def current_language_is_chinese() -> bool:
    return _state["language"] == "zh_CN"


def model_text(message: Msg | str) -> str:
    """A model's text (a step name, an edit error) in the UI's language; a ``str`` is
    already in it (a text the window wrote with ``tr``)."""
    return message if isinstance(message, str) else message.text(current_language_is_chinese())


def topic_name(topic: TopicRow) -> str:
    """A library topic's name in the UI's language (the library stores both)."""
    return topic.name_en if topic.name_en and not current_language_is_chinese() else topic.name


def error_text(error: Exception) -> str:
    """The sentence of an error for a message box or the status bar, in the UI's language
    when the error carries both (``message``: the model's edit and file errors)."""
    message = getattr(error, "message", None)
    return model_text(message) if isinstance(message, str | Msg) else str(error)
