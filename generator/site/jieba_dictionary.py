"""jieba imported and its dictionary loaded, each in a fraction of the time they usually take.

jieba keeps its dictionary, parsed, in a cache file (``jieba.cache`` in the temporary folder)
and reads it back with ``marshal.load`` on the open file. On a file, ``marshal`` asks for every
one of the 500,000 words separately: 1.5 s on our machines, the greater part of a build that
has a page to cut. Read whole and then unmarshalled, the same file takes 0.4–0.5 s. Here jieba
runs its own ``initialize`` (which finds the cache, checks that it is newer than the dictionary,
and builds and writes it when it is not) with only that one read done differently; the words it
cuts are the same (tests/site/test_cutting_process.py compares every run of a site).

jieba itself is imported here, for every module that uses it (``_without_pkg_resources``).
"""

from __future__ import annotations

import marshal
import sys
from typing import IO, Any


def _without_pkg_resources() -> Any:  # jieba has no type hints
    """jieba, imported as if setuptools' ``pkg_resources`` were not installed.

    jieba asks ``pkg_resources`` only where its dictionary files are, and opens the very same
    files beside its own code when ``pkg_resources`` is missing. Importing ``pkg_resources``
    scans every installed package: 0.18 s here, in each process that imports jieba (the build
    and its helper), for nothing else of ours; setuptools has deprecated it. Once some other
    package has imported it, jieba is imported the usual way."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # importing it raises ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


jieba = _without_pkg_resources()


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
