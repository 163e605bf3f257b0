"""Characters that make text show something other than what it says, and how to defuse them.

A contract comes from anywhere: a web page, a scraped PDF, the other side's lawyer. Two kinds
of character in it can deceive the reader:

- Terminal control sequences (``ESC [2J`` clears the screen, ``ESC ]0;...BEL`` retitles the
  window, C0/C1 controls move the cursor): printed raw by the command line they act on the
  terminal instead of being read. Text for a terminal keeps only tab and newline.
- Bidi embedding, override and isolate controls (U+202A..U+202E, U+2066..U+2069): an invisible
  U+202E shows the rest of a line right to left, so "甲方承担" can be made to read backwards
  in Word, a PDF or a terminal. They have no business in a Chinese or English contract.
  The bidi *marks* (U+200E LRM, U+200F RLM, U+061C ALM) are kept: they are ordinary in Arabic
  and Hebrew names and removing them would garble the right-to-left text they belong to; each
  is one invisible letter with a direction, so it can move the digits and punctuation next to
  it but never reverses a run of Latin letters or hanzi.
"""

from __future__ import annotations

import json
import re

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")

# Complete escape sequences go whole, so no stray parameters are left on the line: CSI (7-bit
# ESC [ and 8-bit U+009B), then the string commands (OSC ESC ], DCS ESC P, SOS, PM, APC) up to
# BEL or ST, then any other ESC sequence. An unfinished one loses its ESC, which defuses it.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and LF, DEL, C1
# What ``json.dumps(ensure_ascii=False)`` leaves raw although a terminal acts on it.
_JSON_RAW = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def strip_bidi_controls(text: str) -> str:
    """``text`` without bidi embedding, override and isolate controls (marks are kept)."""
    return _BIDI.sub("", text)


def bidi_controls_in(text: str) -> list[str]:
    """The bidi controls in ``text``, each once, as code points: ["U+202E", "U+2066"]."""
    return [f"U+{ord(c):04X}" for c in dict.fromkeys(_BIDI.findall(text))]


def for_terminal(text: str) -> str:
    """``text`` safe to print: no escape sequences, no controls but tab and newline, no bidi
    controls. Everything else, Chinese included, is left as it is."""
    return strip_bidi_controls(_CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text)))


def json_for_terminal(obj: object) -> str:
    """``obj`` as indented JSON with every character a terminal would act on escaped.

    ``json.dumps`` escapes C0 controls itself, but with ``ensure_ascii=False`` (to keep Chinese
    readable) it writes DEL, C1 controls, bidi controls and line separators raw. Escaping them
    too keeps the JSON exactly as lossless; they can only occur inside strings.
    """
    dumped = json.dumps(obj, ensure_ascii=False, indent=1)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
