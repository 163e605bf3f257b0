"""What a library row points at, and how rows travel by drag and drop.

Both the browse tree and the search results hand out the same (kind, id) references and the
same MIME payload, so the editor (a later drop target) needs to understand only one format.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt

from .clause_text import article_plain_text, clause_plain_text

if TYPE_CHECKING:
    from clause_db.store import ClauseLibrary

ItemRefRole = Qt.ItemDataRole.UserRole + 1
"""Model role whose value is a ``(kind, id)`` tuple.

kind is topic, source, article or clause; a part (of a source) carries its source's id.
"""

MIME_CLAUSE_IDS = "application/x-contract-clause-ids"
MIME_TYPES = [MIME_CLAUSE_IDS, "text/plain"]
DRAGGABLE_KINDS = frozenset({"article", "clause"})

ItemRef = tuple[str, int]


def plain_text(library: ClauseLibrary, ref: ItemRef) -> str:
    """The full text of an article or clause, as a lawyer would paste it."""
    kind, item_id = ref
    if kind == "article":
        return article_plain_text(library, item_id)
    return clause_plain_text(library, item_id)


def refs_mime_data(library: ClauseLibrary, refs: list[ItemRef]) -> QMimeData:
    """Our JSON ids for our own drop targets, plain text for every other program."""
    unique = [r for i, r in enumerate(refs) if r[0] in DRAGGABLE_KINDS and r not in refs[:i]]
    mime = QMimeData()
    payload = json.dumps([{"kind": kind, "id": item_id} for kind, item_id in unique])
    mime.setData(MIME_CLAUSE_IDS, payload.encode("utf-8"))
    mime.setText("\n\n".join(plain_text(library, r) for r in unique))
    return mime


def refs_from_mime(mime: QMimeData) -> list[ItemRef]:
    """The references a drag carries; empty when it did not come from the library."""
    if not mime.hasFormat(MIME_CLAUSE_IDS):
        return []
    items = json.loads(bytes(mime.data(MIME_CLAUSE_IDS).data()).decode("utf-8"))
    return [(item["kind"], int(item["id"])) for item in items]


class LibraryDragSource:
    """Mixed into the library's models (browse tree, search hits): rows drag out as
    ``refs_mime_data``. The model provides ``library`` and the ``ItemRefRole`` data."""

    library: ClauseLibrary

    def mimeTypes(self) -> list[str]:
        return list(MIME_TYPES)

    def mimeData(self, indexes) -> QMimeData:
        refs: list[ItemRef] = [self.data(i, ItemRefRole) for i in indexes if i.isValid()]
        return refs_mime_data(self.library, refs)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
