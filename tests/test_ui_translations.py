"""The Chinese UI: the .ts is complete and matches the code, the shipped .qm matches the .ts,
a window built with the translator installed speaks Chinese, and no Chinese UI text hides in
the code outside Qt's translation system.

How to update the translation: resources/translations/README.md.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from app.ui import translations
from app.ui.main_window import WINDOW_TITLE, MainWindow

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "app" / "ui"
TS = translations.TRANSLATIONS / "contract_editor_zh_CN.ts"
QM = translations.QM_FILE
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
PLACEHOLDER = re.compile(r"\{\w*\}|%n")
MNEMONIC = re.compile(r"&([^&\s])")
ALLOWED_CJK = {
    WINDOW_TITLE,  # the product's name, bilingual on purpose
    "简体中文",  # a language is listed under its own name in the Language menu
}
UPDATE_HINT = "see resources/translations/README.md"


def messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(c.findtext("name"), m) for c in root.iter("context") for m in c.iter("message")]


def run_pyside_tool(tool: str, *args: str) -> subprocess.CompletedProcess:
    """pyside6-lupdate / pyside6-lrelease of this environment, whatever the platform."""
    code = f"import sys; from PySide6.scripts.pyside_tool import {tool}; sys.exit({tool}())"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )


# -- the .ts and .qm ---------------------------------------------------------------------------


def test_every_message_is_translated() -> None:
    found = messages()
    assert len(found) > 100
    problems = []
    for context, message in found:
        source = message.findtext("source")
        translation = message.find("translation")
        forms = [f.text for f in translation.iter("numerusform")]
        texts = forms if message.get("numerus") == "yes" else [translation.text]
        where = f"{context}: {source!r}"
        if translation.get("type"):  # unfinished, obsolete or vanished
            problems.append(f"{where} is {translation.get('type')}")
        if not texts or not all(t and t.strip() for t in texts):
            problems.append(f"{where} has no translation")
            continue
        for text in texts:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"{where}: the placeholders differ in {text!r}")
            for key in MNEMONIC.findall(source):
                if f"(&{key.upper()})" not in text:
                    problems.append(f"{where}: {text!r} lacks the mnemonic (&{key.upper()})")
            if not HAN.search(text):
                problems.append(f"{where}: {text!r} is not Chinese")
    assert not problems, "\n".join(problems)


def test_ts_matches_the_texts_in_the_code(tmp_path: Path) -> None:
    """lupdate over app/ui leaves the .ts as it is: no text is missing or left over."""
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    sources = [str(p) for p in sorted(UI.glob("*.py"))]
    run_pyside_tool(
        "lupdate",
        *sources,
        *("-source-language", "en", "-target-language", "zh_CN"),
        *("-locations", "none", "-no-obsolete", "-silent", "-ts", str(copy)),
    )
    assert copy.read_bytes() == TS.read_bytes(), f"the .ts is out of date: {UPDATE_HINT}"


def test_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / QM.name
    run_pyside_tool("lrelease", "-silent", str(TS), "-qm", str(fresh))
    assert QM.is_file() and QM.read_bytes() == fresh.read_bytes(), (
        f"the .qm is stale: {UPDATE_HINT}"
    )
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("MainWindow", "&File") == "文件(&F)"
    numerus = translator.translate("FieldsTab", "%n field(s) left to fill in", "", 3)
    assert numerus == "还有 %n 项未填写"  # QCoreApplication.translate puts the 3 in


# -- the window in both languages ------------------------------------------------------------


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_window_speaks_chinese_with_the_translator_and_english_without(
    qtbot, library_path: Path
) -> None:
    app = QApplication.instance()
    try:
        assert translations.install_translators(app, "zh_CN") == "zh_CN"
        assert translations.current_language_is_chinese()
        window = MainWindow(library_path)
        qtbot.addWidget(window)
        assert menu_titles(window) == ["文件(&F)", "编辑(&E)", "视图(&V)", "条款库(&L)", "帮助(&H)"]
        assert window.library_dock.windowTitle() == "条款库"
        assert window.outline_dock.windowTitle() == "大纲"
        assert window.inspector_dock.windowTitle() == "检查器"
        assert window.findChild(QLineEdit, "librarySearch").placeholderText() == "搜索条款…"
        modes = window.findChild(QComboBox, "libraryMode")
        assert [modes.itemText(i) for i in range(modes.count())] == ["按主题", "按来源"]
        assert "份合同" in window._stats.text()
        assert "查看全文" in window.preview.toPlainText()
        window.new_draft()
        assert window.tabs.tabText(0) == "未命名"  # a new draft's title is typed on its page
        assert window.windowTitle() == WINDOW_TITLE
        window.close()
    finally:
        translations.remove_translators(app)
    assert not translations.current_language_is_chinese()
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"

    english = MainWindow(library_path)
    qtbot.addWidget(english)
    assert menu_titles(english) == ["&File", "&Edit", "&View", "&Library", "&Help"]
    assert english.library_dock.windowTitle() == "Clause library"
    assert english.findChild(QLineEdit, "librarySearch").placeholderText() == "Search clauses…"
    english.close()


# -- no Chinese UI text outside the translation system ---------------------------------------


def literal_strings(tree: ast.Module) -> list[ast.Constant]:
    """String constants of the module, except docstrings and other bare string statements."""
    bare = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in bare
    ]


def test_no_hardcoded_chinese_in_ui_code() -> None:
    """UI texts are English in tr()/translate() and Chinese only in the .ts; Chinese in the
    code is allowed only for ALLOWED_CJK. Comments and docstrings may use Chinese examples."""
    found = []
    for path in sorted(UI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in literal_strings(tree):
            if HAN.search(node.value) and node.value not in ALLOWED_CJK:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not found, "Chinese text outside tr(); write it in English in tr():\n" + "\n".join(found)
