"""The Contract Editor application: document model, Word import/export, and the Qt UI (app.ui)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("contract-editor")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
