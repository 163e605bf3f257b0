"""Shipping: the ``--smoke-test``, the PyInstaller spec's data files, the icons, the .desktop file.

By default these run against the source tree (fast, for CI). With CONTRACT_EDITOR_BUILD_TEST=1
the same checks run against a freshly built bundle instead (about a minute):

    CONTRACT_EDITOR_BUILD_TEST=1 uv run pytest tests/test_packaging.py

(packaging/build.py makes its own build environment, build/venv-pyinstaller, with uv.)
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from glob import glob
from pathlib import Path

import pytest

from app import __version__ as VERSION
from app import main as entry
from app import smoke
from resources import RESOURCES, SEED_FILES

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = RESOURCES / "icons"
DESKTOP_FILE = RESOURCES / "linux" / "contract-editor.desktop"
BUILD_REQUESTED = os.environ.get("CONTRACT_EDITOR_BUILD_TEST", "") == "1"


def _load_build_module():
    spec = importlib.util.spec_from_file_location("packaging_build", PACKAGING / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build_module()


@dataclass(frozen=True)
class AppUnderTest:
    kind: str  # "source" or "bundle"
    command: tuple[str, ...]
    resources: Path  # where that app reads its data files


@pytest.fixture(scope="session")
def app_under_test() -> AppUnderTest:
    """The source tree's ``contract-editor``; the built bundle when the environment asks."""
    if not BUILD_REQUESTED:
        script = Path(sys.executable).with_name("contract-editor")
        command = (str(script),) if script.exists() else (sys.executable, "-m", "app.main")
        return AppUnderTest("source", command, RESOURCES)
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--runs", "0", "--no-archive"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    folder = ROOT / "dist" / "contract-editor"
    executable = folder / ("contract-editor" + build.EXE_SUFFIX)
    assert executable.is_file()
    internal = folder / "_internal"  # PyInstaller ≥ 6 onedir: everything but the executable
    return AppUnderTest("bundle", (str(executable),), internal / "resources")


def _run(app: AppUnderTest, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*app.command, *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
    )


# -- the smoke test, on the source tree or on the bundle -----------------------------------


def test_smoke_test_passes_and_leaves_the_users_data_alone(app_under_test, tmp_path):
    user_data = tmp_path / "user-data"
    config = tmp_path / "xdg-config"
    result = _run(
        app_under_test,
        "--smoke-test",
        env={"CONTRACT_EDITOR_DATA_DIR": str(user_data), "XDG_CONFIG_HOME": str(config)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    steps = re.findall(r"^ok (\w+)", result.stdout, re.MULTILINE)
    assert steps == ["library", "window", "outline", "export"]
    assert re.search(r"first paint \d+ ms after process start", result.stdout)
    assert "smoke test passed" in result.stdout.splitlines()[-1]
    assert not user_data.exists(), "the smoke test wrote into the user's data folder"
    assert not config.exists(), "the smoke test wrote the user's settings"


def test_version_of_the_app(app_under_test):
    """The version the bundle reports (and Help > About shows) is the project's."""
    result = _run(app_under_test, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["contract-editor", VERSION]


def test_headless_command_on_the_bundled_seed(app_under_test, tmp_path):
    seed = app_under_test.resources / "seed" / SEED_FILES[0].name
    result = _run(app_under_test, "outline", str(seed), "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["documents"]) >= 1


def test_the_data_files_are_where_the_app_looks(app_under_test):
    """Seed and translations: in the bundle's resources folder, or listed in the spec."""
    needed = [*SEED_FILES, RESOURCES / "translations" / "contract_editor_zh_CN.qm"]
    if app_under_test.kind == "bundle":
        for path in needed:
            assert (app_under_test.resources / path.relative_to(RESOURCES)).is_file(), path
        return
    collected = {
        (Path(match).resolve(), dest)
        for pattern, dest in build.spec_data_files()
        for match in glob(str(ROOT / pattern))
    }
    for path in needed:
        # each file lands at the same place relative to the bundle's resources package
        dest = str(path.relative_to(ROOT).parent).replace(os.sep, "/")
        assert (path.resolve(), dest) in collected, f"{path} is not collected into {dest}"


# -- the smoke test's own behaviour ----------------------------------------------------------


def test_smoke_test_failure_is_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr("resources.SEED_FILES", (tmp_path / "missing.txt",))
    assert smoke.run_smoke_test() == smoke.EXIT_FAILED
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("contract-editor: smoke test failed at library: ")
    assert "missing.txt" in err[0]


def test_smoke_test_takes_no_arguments(capsys):
    assert smoke.run_smoke_test(["--verbose"]) == 2
    assert "takes no arguments" in capsys.readouterr().err


def test_main_dispatches_the_smoke_test(monkeypatch):
    seen = []
    monkeypatch.setattr("app.smoke.run_smoke_test", lambda argv: seen.append(argv) or 0)
    assert entry.main(["--smoke-test"]) == 0
    assert seen == [[]]


def test_offscreen_only_without_a_display(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert smoke._needs_offscreen({})
    assert not smoke._needs_offscreen({"DISPLAY": ":0"})
    assert not smoke._needs_offscreen({"WAYLAND_DISPLAY": "wayland-0"})
    assert not smoke._needs_offscreen({"QT_QPA_PLATFORM": "xcb"})
    monkeypatch.setattr(sys, "platform", "win32")
    assert not smoke._needs_offscreen({})


# -- the build configuration -----------------------------------------------------------------


def test_spec_collects_what_the_frozen_app_needs():
    spec = (PACKAGING / "contract-editor.spec").read_text(encoding="utf-8")
    compile(spec, "contract-editor.spec", "exec")
    patterns = dict(build.spec_data_files())
    assert patterns["resources/seed/*.txt"] == "resources/seed"
    assert patterns["resources/translations/*.qm"] == "resources/translations"
    assert '"docx": "pyz+py"' in spec  # python-docx's templates resolve via docx/parts/..
    assert "contract-editor.ico" in spec and "contract-editor.icns" in spec
    assert (PACKAGING / "entry.py").is_file()


def test_pyside6_deploy_config():
    config = configparser.ConfigParser()
    config.read(PACKAGING / "pysidedeploy.spec", encoding="utf-8")
    assert config["nuitka"]["mode"] == "standalone"
    assert config["qt"]["modules"] == "Core,Gui,Widgets"
    assert (ROOT / config["app"]["icon"]).is_file()
    assert (ROOT / config["app"]["input_file"]).is_file()


def test_windows_installer_is_per_user():
    iss = (PACKAGING / "windows" / "contract-editor.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert re.search(r"DefaultDirName=\{autopf\}", iss)
    assert "HKLM" not in iss  # HKA: the current user's classes when installed per-user
    assert r"resources\icons\contract-editor.ico" in iss
    assert r"dist\contract-editor\*" in iss


# -- icons and the Linux desktop entry -------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_icons():
    assert (ICONS / "contract-editor.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert _png_size(ICONS / f"contract-editor-{size}.png") == (size, size)
    ico = (ICONS / "contract-editor.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    icns = (ICONS / "contract-editor.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_desktop_file_is_valid():
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    entry_ = parser["Desktop Entry"]
    for key in ("Type", "Name", "Exec", "Icon", "Categories"):
        assert entry_.get(key), f"{key} is missing"
    assert entry_["Type"] == "Application"
    assert entry_["Exec"].split()[0] == "contract-editor"
    assert entry_["Icon"] == "contract-editor"  # the hicolor theme name of our PNGs
    assert (ICONS / "contract-editor-256.png").is_file()
    assert entry_["Categories"].endswith(";") and "Office" in entry_["Categories"].split(";")
    validator = shutil.which("desktop-file-validate")
    if validator:  # the freedesktop.org checker, where installed (desktop-file-utils)
        result = subprocess.run([validator, str(DESKTOP_FILE)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
