"""The glossary as a reader looks words up in it: in 拼音 order, under the letter each term starts with.

The readings come from pypinyin, whose dictionaries take longer to load than the rest of a page
render; a build keeps the readings it used (``KeptReadings``, in build/cache) and loads pypinyin
only for a term it has not read before.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

from ..core.writer import write_atomic
from .stamp import installed

OTHER = "#"
"""The heading of terms that start with neither a letter nor a Chinese character (a digit, say)."""
READINGS = "readings.json"


def reading(term: str) -> str:
    """How a term sorts: by its 拼音, syllable by syllable, as a Chinese dictionary orders words;
    Latin letters in a term (ABC干粉灭火器) count as they are spelled."""
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(term)).lower()


def initial(term: str, read: Callable[[str], str] = reading) -> str:
    """The letter of the jump bar a term is listed under."""
    first = read(term)[:1].upper()
    return first if "A" <= first <= "Z" else OTHER


def by_initial(terms: list, read: Callable[[str], str] = reading) -> list[tuple[str, list]]:
    """Glossary terms grouped under their initials, the groups and the terms in 拼音 order."""
    ordered = sorted(terms, key=lambda t: (initial(t.term, read) == OTHER, read(t.term), t.term))
    return [(letter, list(group)) for letter, group in groupby(ordered, key=lambda t: initial(t.term, read))]


class KeptReadings:
    """``reading`` with the readings of the last build kept in a file; only new terms are read."""

    def __init__(self, path: Path) -> None:
        self.path, self.library = path, installed("pypinyin")  # a new version may read a term differently
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            kept = data["readings"] if data.get("library") == self.library else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            kept = {}
        self.kept: dict[str, str] = kept if isinstance(kept, dict) else {}
        self.used: dict[str, str] = {}

    def __call__(self, term: str) -> str:
        if term not in self.used:
            known = self.kept.get(term)
            self.used[term] = known if isinstance(known, str) else reading(term)
        return self.used[term]

    def save(self) -> None:
        if self.used != self.kept:
            data = {"library": self.library, "readings": self.used}
            write_atomic(self.path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode())
