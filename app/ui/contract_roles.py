"""The contract model's roles and drag format, apart from the model so the window can name
them without loading the model (it is only needed once a draft opens)."""

from __future__ import annotations

from PySide6.QtCore import Qt

MIME_NODE_IDS = "application/x-contract-draft-node-ids"  # rows moved within their own draft
MIME_NODES = "application/x-contract-draft-nodes"  # the nodes themselves (app.model.clipboard)
MIME_DRAGGED = "application/x-contract-draft-selection"  # which selection a drag carries
MIME_INLINE = "application/x-contract-draft-inline"  # part of one text, blanks and references

NodeIdRole = Qt.ItemDataRole.UserRole + 10  # the part or node id of a row
KindRole = Qt.ItemDataRole.UserRole + 11  # "part" | "article" | "clause"
LabelRole = Qt.ItemDataRole.UserRole + 12  # the computed number: 第一条, 1.1
HeadingRole = Qt.ItemDataRole.UserRole + 13
BodyRole = Qt.ItemDataRole.UserRole + 14  # the text as shown: values in, references now
EditTextRole = Qt.ItemDataRole.UserRole + 15  # the text to edit: blanks as written
SegmentsRole = Qt.ItemDataRole.UserRole + 16  # the body segments, for painting blanks
