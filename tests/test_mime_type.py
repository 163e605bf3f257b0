"""The `.contract` file type for Linux desktops: the shared-mime-info XML parses, claims
`*.contract` and the drafts the app writes, and the desktop file offers to open that type."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.model.draft import Draft
from app.model.files import save_draft

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "resources" / "linux"
MIME_XML = LINUX / "contract-editor-mime.xml"
DESKTOP_FILE = LINUX / "contract-editor.desktop"
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
DRAFT_TYPE = "application/x-contract-editor-draft"


def mime_type() -> ET.Element:
    root = ET.parse(MIME_XML).getroot()
    assert root.tag == f"{{{NS['m']}}}mime-info"
    [element] = root.findall("m:mime-type", NS)
    return element


def test_the_mime_xml_claims_contract_files_for_the_desktop_files_type():
    element = mime_type()
    assert element.get("type") == DRAFT_TYPE
    assert [g.get("pattern") for g in element.findall("m:glob", NS)] == ["*.contract"]
    comments = {c.get("{http://www.w3.org/XML/1998/namespace}lang"): c.text for c in
                element.findall("m:comment", NS)}  # fmt: skip
    assert comments[None] and comments["zh_CN"] == "合同草稿"

    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read(DESKTOP_FILE, encoding="utf-8")
    offered = parser["Desktop Entry"]["MimeType"].split(";")
    assert offered[-1] == "" and DRAFT_TYPE in offered


def test_the_magic_matches_a_draft_the_app_writes(tmp_path):
    [match] = mime_type().findall("m:magic/m:match", NS)
    start, end = (int(n) for n in match.get("offset").split(":"))
    path = tmp_path / "无后缀的草稿"
    save_draft(path, Draft(title="合同"))
    head = path.read_bytes()[: end + len(match.get("value").encode())]
    assert match.get("value").encode() in head[start:]


def test_readme_says_how_to_install_the_type():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "xdg-mime install --novendor resources/linux/contract-editor-mime.xml" in readme


def test_update_mime_database_accepts_it(tmp_path):
    tool = shutil.which("update-mime-database")
    if tool is None:
        pytest.skip("update-mime-database (shared-mime-info) is not installed")
    (tmp_path / "packages").mkdir()
    shutil.copy(MIME_XML, tmp_path / "packages")
    result = subprocess.run([tool, str(tmp_path)], capture_output=True, text=True)
    assert "error" not in result.stderr.lower(), result.stderr
    globs = (tmp_path / "globs2").read_text(encoding="utf-8")
    assert f"{DRAFT_TYPE}:*.contract" in globs
