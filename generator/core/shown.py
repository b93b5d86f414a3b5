"""Text from outside shown safely: in a terminal, a workbook, a report.

A file name or an id in a file may hold anything: an escape sequence that rewrites the terminal,
a control character that a workbook cannot store, a right-to-left mark that disguises a name, or
bytes that were not UTF-8. ``escaped`` shows each of them as a visible escape instead.
"""

from __future__ import annotations

import unicodedata

HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
"""Control, formatting, surrogate, private-use, unassigned and line/paragraph separators: shown
escaped. Spaces (a full-width space in a Chinese name) stay as they are."""
KEPT = "\n\t"
"""Line breaks and tabs stay: a comment in a feedback form may have several lines."""


def escaped(text: str) -> str:
    """``text`` with control and invisible formatting characters shown as ``\\x1b``, ``\\u202e``,
    and bytes that were not UTF-8 (kept by the file system as lone surrogates) as ``\\xff``.

    File names and ids from outside are shown this way in reports and workbooks: a control
    character there would break the workbook, and a right-to-left mark would disguise a name."""
    if text.isprintable():
        return text
    return "".join(_escape(character) for character in text)


def _escape(character: str) -> str:
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for a byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if character in KEPT or unicodedata.category(character) not in HIDDEN_CATEGORIES:
        return character
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
