"""The glossary as a reader looks words up in it: in 拼音 order, under the letter each term starts with."""

from __future__ import annotations

from itertools import groupby

from pypinyin import lazy_pinyin

OTHER = "#"
"""The heading of terms that start with neither a letter nor a Chinese character (a digit, say)."""


def reading(term: str) -> str:
    """How a term sorts: by its 拼音, syllable by syllable, as a Chinese dictionary orders words;
    Latin letters in a term (ABC干粉灭火器) count as they are spelled."""
    return " ".join(lazy_pinyin(term)).lower()


def initial(term: str) -> str:
    """The letter of the jump bar a term is listed under."""
    first = reading(term)[:1].upper()
    return first if "A" <= first <= "Z" else OTHER


def by_initial(terms: list) -> list[tuple[str, list]]:
    """Glossary terms grouped under their initials, the groups and the terms in 拼音 order."""
    ordered = sorted(terms, key=lambda t: (initial(t.term) == OTHER, reading(t.term), t.term))
    return [(letter, list(group)) for letter, group in groupby(ordered, key=lambda t: initial(t.term))]
