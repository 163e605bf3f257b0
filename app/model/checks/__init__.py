"""Proofreading checks: what a reviewing partner would stop at before a draft goes out.

``run_checks`` (or a ``CheckEngine`` kept between edits) gives ``Finding``s; a finding's
``fix`` becomes one undo step through ``fixes.fix_command``; ``ignore`` keeps the lawyer's
reason in the draft. Each checker module holds one family of checks and lists its KINDS.
"""

from .engine import CheckEngine, active, run_checks
from .finding import ERROR, INFO, WARNING, Finding, Fix, TextEdit

__all__ = [
    "ERROR",
    "INFO",
    "WARNING",
    "CheckEngine",
    "Finding",
    "Fix",
    "TextEdit",
    "active",
    "run_checks",
]
