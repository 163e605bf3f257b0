"""The Qt binding the project runs on must not corrupt the interpreter.

PySide6 6.12.0 on Python 3.11 loses a reference to None on every call that returns nothing,
so any long session (laying out a long contract) ends in "Fatal Python error: none_dealloc".
The check runs in a child process, since the failure kills the process.
"""

from __future__ import annotations

import subprocess
import sys

CALLS = 60_000  # far more than None's reference count at start-up (about 3,700)


def test_many_qt_calls_returning_nothing_do_not_abort_the_interpreter():
    code = (
        "from PySide6.QtCore import QObject\n"
        "o = QObject()\n"
        f"for _ in range({CALLS}):\n"
        "    o.setObjectName('x')\n"
        "print('alive')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "alive" in done.stdout, done.stderr[-500:]
