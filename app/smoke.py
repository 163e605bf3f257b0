"""``contract-editor --smoke-test``: prove an installed or frozen app works, in seconds.

It installs the bundled seed library (first run), runs ``outline`` and ``export`` on the seed,
reads the exported .docx back, opens the main window (offscreen when there is no display),
makes a draft from the library and reads Help > About — all in a temporary folder, so the
user's library, autosaves and settings are never touched. Exit 0 when all worked; otherwise
exit 1 with one line on stderr naming the step that failed.

The timings it prints (``ok <step> <ms>``) are what packaging/README.md reports as cold start;
``CONTRACT_EDITOR_SMOKE_T0`` (seconds since the epoch, set by whoever starts the process)
makes "first paint" count from the launch instead of from the process start the OS reports.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

EXIT_FAILED = 1
T0_ENV_VAR = "CONTRACT_EDITOR_SMOKE_T0"
WINDOW_TIMEOUT_MS = 30_000


class SmokeFailure(Exception):
    """A check that did not hold: the message is the one line the user sees."""


@contextlib.contextmanager
def environment(values: dict[str, str | None]) -> Iterator[None]:
    """``os.environ`` with ``values`` set (None: unset) for the duration, then as it was."""
    saved = {key: os.environ.get(key) for key in values}
    try:
        for key, value in values.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def process_started_at() -> float:
    """When this process started (seconds since the epoch), as well as can be known."""
    given = os.environ.get(T0_ENV_VAR, "").strip()
    if given:
        with contextlib.suppress(ValueError):
            return float(given)
    try:  # Linux: field 22 of /proc/self/stat is the start in clock ticks after boot
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return _IMPORTED_AT


_IMPORTED_AT = time.time()


def _check(condition: object, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def _needs_offscreen(environ: dict[str, str] | os._Environ = os.environ) -> bool:
    """True on Linux/BSD with no display and no platform chosen (Windows/macOS always have one)."""
    if environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith(("linux", "freebsd")):
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def _cli(argv: list[str]) -> tuple[int, str, str]:
    """Run a headless command in this process: (exit code, stdout, its last stderr line)."""
    from app.cli import main_cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main_cli(argv)
    lines = err.getvalue().strip().splitlines()  # notes first, the error last
    return code, out.getvalue(), lines[-1] if lines else ""


class _Smoke:
    def __init__(self, workdir: Path, say: Callable[[str], None]) -> None:
        self.workdir = workdir
        self.say = say
        self.seed: Path | None = None
        self.library: Path | None = None
        self.first_paint_s: float | None = None

    def step(self, name: str, check: Callable[[], str]) -> None:
        start = time.perf_counter()
        try:
            detail = check()
        except SmokeFailure as exc:
            raise SmokeFailure(f"{name}: {exc}") from None
        except Exception as exc:
            raise SmokeFailure(f"{name}: {type(exc).__name__}: {exc}") from exc
        self.say(f"ok {name:<8} {(time.perf_counter() - start) * 1000:6.0f} ms  {detail}")

    # -- the steps ------------------------------------------------------------------------

    def check_library(self) -> str:
        from clause_db.bundled import library_path
        from clause_db.store import ClauseLibrary
        from resources import SEED_FILES

        self.seed = SEED_FILES[0]
        _check(self.seed.is_file(), f"the bundled seed {self.seed} is missing")
        self.library = library_path(None)  # the first run installs the seed here
        _check(self.library.is_file(), f"no library was installed at {self.library}")
        _check(self.workdir in self.library.parents, f"library outside temp dir: {self.library}")
        library = ClauseLibrary(self.library)
        try:
            stats = library.stats()
        finally:
            library.close()
        _check(stats["sources"] >= 1 and stats["articles"] >= 10, f"seed library empty: {stats}")
        return f"{stats['sources']} contracts, {stats['articles']} articles installed"

    def check_outline(self) -> str:
        code, out, err = _cli(["outline", str(self.seed), "--json"])
        _check(code == 0, f"exit {code}: {err}")
        outline = json.loads(out)
        documents = outline.get("documents") or []
        _check(documents, "no contract found in the seed")
        return f"{len(documents)} contracts in {self.seed.name}"

    def check_export(self) -> str:
        docx = self.workdir / "seed.docx"
        code, out, err = _cli(["export", str(self.seed), "-o", str(docx)])
        _check(code == 0, f"exit {code}: {err}")
        _check(docx.is_file() and docx.stat().st_size > 5000, f"{docx} not written")
        with zipfile.ZipFile(docx) as package:
            _check("word/document.xml" in package.namelist(), f"{docx} is not a Word document")
        code, out, err = _cli(["outline", str(docx), "--json"])  # and read it back
        _check(code == 0, f"reading the export back: exit {code}: {err}")
        articles = sum(
            len(part.get("articles", []))
            for document in json.loads(out).get("documents", [])
            for part in document.get("parts", [])
        )
        _check(articles >= 10, f"the exported .docx reads back with {articles} articles")
        return f"{docx.stat().st_size // 1024} KB .docx, {articles} articles read back"

    def check_window(self) -> str:
        from PySide6.QtCore import (
            QEvent,
            QEventLoop,
            QObject,
            QSettings,
            QTimer,
            QTranslator,
            qVersion,
        )
        from PySide6.QtCore import __version__ as pyside_version
        from PySide6.QtWidgets import QApplication, QMessageBox

        # settings (window layout, language) go to the temp dir, not the user's config
        config = str(self.workdir / "config")
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, config)
            QSettings.setPath(QSettings.Format.NativeFormat, scope, config)

        from app import __version__
        from app.ui.main_window import WINDOW_TITLE, MainWindow
        from app.ui.settings import APPLICATION, ORGANIZATION
        from app.ui.translations import QM_FILE, install_translators

        app = QApplication.instance() or QApplication([APPLICATION])
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
        app.setApplicationDisplayName(WINDOW_TITLE)
        _check(QM_FILE.is_file(), f"translations missing: {QM_FILE}")
        _check(QTranslator().load(str(QM_FILE)), f"cannot load the translations {QM_FILE}")
        install_translators(app)

        window = MainWindow(self.library)
        loop = QEventLoop()

        class FirstPaint(QObject):
            def eventFilter(self, obj, event) -> bool:
                if event.type() == QEvent.Type.Paint and obj is window:
                    watcher.painted_at = time.time()
                    loop.quit()
                return False

        watcher = FirstPaint()
        watcher.painted_at = None
        window.installEventFilter(watcher)
        window.show()
        QTimer.singleShot(WINDOW_TIMEOUT_MS, loop.quit)
        if watcher.painted_at is None:
            loop.exec()
        window.removeEventFilter(watcher)
        _check(watcher.painted_at, f"the window did not paint within {WINDOW_TIMEOUT_MS} ms")
        self.first_paint_s = watcher.painted_at - process_started_at()

        sources = window.library.sources_list()
        _check(sources, "the window's library has no contracts")
        document = window.new_from_library_source(sources[0].id)  # File > New from library
        articles = sum(len(p.articles) for p in document.draft.parts)
        _check(articles >= 10, f"the sample draft has {articles} articles")
        about = window.about_text()
        for wanted in (__version__, qVersion(), pyside_version, str(self.library)):
            _check(wanted in about, f"Help > About does not show {wanted!r}")

        window.ask_save = lambda _document: QMessageBox.StandardButton.Discard
        _check(window.close(), "the window refused to close")
        app.processEvents()
        return (
            f"first paint {self.first_paint_s * 1000:.0f} ms after process start; "
            f"sample draft of {articles} articles; Qt {qVersion()}, v{__version__}"
        )


def run_smoke_test(argv: Sequence[str] = (), out=None) -> int:
    """Run every step; 0 when all worked, else 1 with one line on stderr."""
    if argv:
        print(f"contract-editor: --smoke-test takes no arguments: {argv}", file=sys.stderr)
        return 2

    def say(line: str) -> None:  # a windowed Windows app has no stdout: print() then does nothing
        print(line, file=out, flush=True)

    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="contract-editor-smoke-")).resolve()
    if _needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # kept: Qt reads it once per process
    smoke = _Smoke(workdir, say)
    isolated = {"CONTRACT_EDITOR_DATA_DIR": str(workdir / "data"), "CONTRACT_EDITOR_DB": None}
    try:
        with environment(isolated):
            smoke.step("library", smoke.check_library)  # first run: the seed is installed
            smoke.step("window", smoke.check_window)  # so first paint = a first run's window
            smoke.step("outline", smoke.check_outline)
            smoke.step("export", smoke.check_export)
    except SmokeFailure as exc:
        print(f"contract-editor: smoke test failed at {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    total = time.perf_counter() - started
    since_start = time.time() - process_started_at()
    say(f"smoke test passed in {total:.2f} s ({since_start:.2f} s since process start)")
    return 0
