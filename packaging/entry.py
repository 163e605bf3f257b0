"""The frozen app's entry script (PyInstaller and Nuitka need a file, not ``app.main:main``)."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
