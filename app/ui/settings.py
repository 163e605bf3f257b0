"""Where the window remembers its layout between runs."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = APPLICATION = "contract-editor"


def app_settings() -> QSettings:
    """The user's settings file, named explicitly so it is the same one whether or not a
    QApplication with our names exists (tests build windows without ``launch``)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )
