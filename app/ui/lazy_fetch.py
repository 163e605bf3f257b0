"""Lazy models that never insert rows while they are still announcing another change.

The library tree and the search hits read their rows on ``fetchMore``. A listener of
``modelReset`` or ``rowsInserted`` may ask for more rows right away (Qt's model tester does,
and so could a proxy or a view's slot); inserting them then would reach the listeners that
come after it before they heard of the change that came first. Such a request runs as soon
as control is back in the event loop instead: the rows come a moment later, in order.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterator


class FetchOutsideAnnouncements:
    """Mixed into a lazy QAbstractItemModel: wrap each structural change in ``announcing()``
    and start ``fetchMore`` with ``if self.fetch_later(parent, key, self.fetchMore): return``."""

    _announcing = 0
    _pending: set | None = None

    @contextmanager
    def announcing(self) -> Iterator[None]:
        """Around a change, from its begin…() to its end…(): the signals go out inside."""
        self._announcing += 1
        try:
            yield
        finally:
            self._announcing -= 1

    def fetch_later(
        self, parent: QModelIndex, key: Hashable, fetch: Callable[[QModelIndex], None]
    ) -> bool:
        """True when ``fetch(parent)`` was put off (once per ``key``) until the model is done
        announcing; False when it may run now."""
        if not self._announcing:
            return False
        if self._pending is None:
            self._pending = set()
        if key in self._pending:
            return True
        self._pending.add(key)
        root = not parent.isValid()
        kept = QPersistentModelIndex(parent)

        def run() -> None:
            self._pending.discard(key)
            if root:
                fetch(QModelIndex())
            elif kept.isValid():  # still there: a reset since has dropped it
                fetch(QModelIndex(kept))

        QTimer.singleShot(0, self, run)
        return True
