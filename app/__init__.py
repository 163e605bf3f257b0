"""The Contract Editor application: document model, Word import/export, and the Qt UI (app.ui)."""

__version__ = "0.1.0"
