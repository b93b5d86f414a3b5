"""jieba's dictionary loaded in a third of the time.

jieba keeps its dictionary, parsed, in a cache file (``jieba.cache`` in the temporary folder)
and reads it back with ``marshal.load`` on the open file. On a file, ``marshal`` asks for every
one of the 500,000 words separately: 1.5 s on our machines, the greater part of a build that
has a page to cut. Read whole and then unmarshalled, the same file takes 0.4–0.5 s. Here jieba
runs its own ``initialize`` (which finds the cache, checks that it is newer than the dictionary,
and builds and writes it when it is not) with only that one read done differently; the words it
cuts are the same (tests/site/test_cutting_process.py compares every run of a site).
"""

from __future__ import annotations

import marshal
from typing import IO, Any

import jieba


class _WholeFile:
    """``marshal`` as jieba's ``initialize`` uses it, reading a file whole before unmarshalling."""

    @staticmethod
    def load(file: IO[bytes]) -> Any:
        return marshal.loads(file.read())

    dump = staticmethod(marshal.dump)


def load_dictionary() -> None:
    """jieba's dictionary, loaded unless it is already."""
    if jieba.dt.initialized:
        return
    usual = jieba.marshal
    jieba.marshal = _WholeFile
    try:
        jieba.initialize()
    finally:
        jieba.marshal = usual
