"""WordprocessingML names and attribute access that tolerate missing elements and bad values."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"  # check box content controls


def attr(el: etree._Element | None, name: str) -> str | None:
    """The ``w:name`` attribute of ``el``; None when the element or the attribute is missing."""
    return None if el is None else el.get(f"{W}{name}")


def int_attr(el: etree._Element | None, name: str) -> int | None:
    """``w:name`` as an int; None when missing or not a number (hand-edited files have both)."""
    value = attr(el, name)
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def is_on(el: etree._Element | None) -> bool:
    """A WordprocessingML on/off property: present and not switched off by ``w:val``."""
    return el is not None and attr(el, "val") not in ("0", "false", "off")
