"""Qt's own texts that Qt's Chinese translation (qtbase_zh_CN.qm) lacks.

Qt 6 gave these labels of its file dialog a mnemonic (``&Look in:``), and the Chinese
translation shipped with PySide6 still has only the old texts, so a Chinese file dialog
showed them in English. Listed here, in Qt's own context, they reach our ``.ts`` through
lupdate like any other text; our translator answers for them at run time (Qt asks every
installed translator). Nothing imports this module: it is read by lupdate only.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

MISSING_FROM_QTBASE = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
