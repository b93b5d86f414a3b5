"""Results handed in by chat: a ``.txt`` (or ``.json``) holding one or many result texts pasted
between other messages.

On a phone that cannot download a file (WeChat's own browser), the exam page offers 复制结果文本:
the trainee pastes the result into a chat, and the supervisor saves the chat (copied into a
``.txt``, or exported as JSON with each message a string). Between the results stand sender
names, times and other talk. Every JSON object in the text whose ``schema`` is the result
schema is one result, named ``file:line`` after the line it starts on; a fragment that names the
schema but cannot be read (a message cut short, a quote changed by the chat) is a rejection at
its line. A ``.json`` file that is one result object is read as before, whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..core.published import RESULT_SCHEMA
from ..core.text_files import Unreadable, decode_text

PASTED_SUFFIXES = (".txt",)
"""Files that are only ever read as pasted texts."""
MARK = re.compile(re.escape(RESULT_SCHEMA))
SNIPPET = 32
"""Characters of a message looked for in the export, to find the line it stands on."""
LABEL = re.compile(r"^(?P<file>.*):(?P<line>\d+)$")
DECODER = json.JSONDecoder()
CUT_SHORT = "看起来是一份答题结果，但读不全（可能复制时缺了一截，或引号被聊天软件改成了中文引号）；请学员重新复制发送"


@dataclass(frozen=True)
class Piece:
    """One result found in a pasted text, or a fragment that could not be read."""

    label: str
    """``file:line``: the file and the line the result starts on."""
    data: bytes | None
    """The result's JSON, or None for a fragment that could not be read."""


def pasted_into(data: bytes) -> bool:
    """Whether a .json file refused as a result is a chat export holding results: it names the
    result schema, yet is not itself one result object (a list of messages, an object of them,
    or several results one after another)."""
    marks = data.count(RESULT_SCHEMA.encode())
    if marks == 0:
        return False
    try:
        value = json.loads(data)
    except ValueError:
        return marks > 1
    return not (isinstance(value, dict) and value.get("schema") == RESULT_SCHEMA)


def _texts(text: str) -> Iterator[tuple[str, int | None]]:
    """The texts to look in: the file itself, with line 1 as its first; or, for a chat exported
    as JSON, every message (string) that names the result schema, with the file's line of that
    message (a message is one line of the export, its own line breaks written as ``\\n``)."""
    try:
        value = json.loads(text)
    except ValueError:
        yield text, None
        return
    stack, searched = [value], 0
    while stack:
        item = stack.pop()
        if isinstance(item, str) and MARK.search(item):
            written = json.dumps(item[:SNIPPET], ensure_ascii=False)[1:-1]
            at = text.find(written, searched)
            searched = max(at, searched)
            yield item, 1 + text.count("\n", 0, max(at, 0))
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _in_text(text: str, message_line: int | None, file: str) -> Iterator[Piece]:
    """Every result object in a text, and every mention of the schema outside one, each at its
    line (or at the line of the exported message it is in)."""
    covered = 0
    for mark in MARK.finditer(text):
        if mark.start() < covered:
            continue
        start = opening = text.rfind("{", covered, mark.start())
        found = None
        while start >= covered:
            try:
                value, end = DECODER.raw_decode(text, start)
            except ValueError:
                value, end = None, start
            if isinstance(value, dict) and end > mark.start():
                found = (start, end, value)
                break
            start = text.rfind("{", covered, start)
        begins = found[0] if found else (opening if opening >= 0 else mark.start())
        line = message_line or 1 + text.count("\n", 0, begins)
        if found is None or found[2].get("schema") != RESULT_SCHEMA:
            covered = mark.end()
            yield Piece(f"{file}:{line}", None)
            continue
        covered = found[1]
        yield Piece(f"{file}:{line}", json.dumps(found[2], ensure_ascii=False).encode("utf-8"))


def pieces(file: str, data: bytes) -> list[Piece]:
    """The results pasted into a file, in order; raise Unreadable if it is not text."""
    text = decode_text(data).text
    return [piece for part, line in _texts(text) for piece in _in_text(part, line, file)]


def piece_at(label: str, read) -> bytes | None:
    """The result a ``file:line`` label names, read again from its file (None if it is gone)."""
    match = LABEL.match(label)
    if match is None:
        return None
    try:
        found = pieces(match["file"], read(match["file"]))
    except Unreadable:
        return None
    return next((piece.data for piece in found if piece.label == label), None)
