"""Small text helpers shared by the readers: HTML to plain text, blanks, folding."""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

from ..core.checks import BLANK

HOUSE_BLANK = "____"
"""A blank as the handbook's banks write it."""

BREAKING_TAGS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment; block tags become line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in BREAKING_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in BREAKING_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: banks show text as text, never as markup."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return html.unescape("\n".join(line for line in lines if line))


def fold(text: str) -> str:
    """Full-width letters and digits folded to half-width, upper case: for letters and keywords."""
    return unicodedata.normalize("NFKC", text).upper().strip()


def blank_count(stem: str) -> int:
    return len(BLANK.findall(stem))


def with_blank(stem: str) -> str:
    """A short-answer stem gets its blank at the end when it has none of its own."""
    return stem if blank_count(stem) else stem.rstrip() + HOUSE_BLANK


def comparable(text: str) -> str:
    """Text as compared when looking for a question that is already in a bank."""
    folded = unicodedata.normalize("NFKC", text)
    return BLANK.sub(HOUSE_BLANK, re.sub(r"\s+", " ", folded)).strip().lower()


def joined(parts: list[str]) -> str | None:
    """Feedback pieces joined into one explanation; None when there is none at all."""
    kept = [part.strip() for part in parts if part and part.strip()]
    return "\n".join(kept) or None
