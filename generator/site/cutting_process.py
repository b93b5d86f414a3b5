"""The search index, made in a second process while this one builds.

Of a build that starts with no cache, about a third was the search index's: loading jieba's
dictionary, dividing every page into sections and cutting every run of Chinese characters into
words, on one core while the other had nothing to do. ``handbook build`` starts this helper
process first: it loads the dictionary while the curriculum is checked and its pages are
generated, and makes each page's search entries as soon as MkDocs has converted the page. When
the search plugin comes to index the pages, their entries are ready (``build_cache`` asks for
them once) and this process neither loads jieba's dictionary nor parses a page for search.

The entries are the plugin's own, made by its own code from what ``build_cache.page_key``
hashes a page under, with jieba and the same dictionary, so the search index is the same byte
for byte (tests/site/test_cutting_process.py). A page the helper could not take (front matter
that is not plain data) has its runs cut there and its entries made here; if the helper cannot
start, stops, or does not answer within ``PATIENCE`` seconds, everything is done here as it
always was. Nothing it does can fail a build.

Messages are length-prefixed ``marshal`` frames of plain data (str, bytes, numbers, tuples,
lists and dicts) on the helper's standard input and output; it has no other way in or out.
"""

from __future__ import annotations

import logging
import marshal
import os
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import IO, Any

from ..core.kept import DAMAGED  # what unreadable bytes raise: a dead pipe, a frame cut short

PATIENCE = 120
"""Seconds to wait for the helper's answer before doing its work here instead: far more than it
needs on a slow computer (the dictionary loads in 2 s), so that only a helper that hangs is
given up."""
LENGTH = struct.Struct("<Q")

Words = dict[bytes, tuple[str, ...]]
Toc = list[list[Any]]

log = logging.getLogger(__name__)


def send(stream: IO[bytes], message: Any) -> None:
    write(stream, marshal.dumps(message))


def write(stream: IO[bytes], data: bytes) -> None:
    stream.write(LENGTH.pack(len(data)) + data)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """The next message; EOFError when the other side has closed the pipe."""
    head = _exactly(stream, LENGTH.size)
    return marshal.loads(_exactly(stream, LENGTH.unpack(head)[0]))


def _exactly(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if data is None or len(data) < size:
        raise EOFError
    return data


class CuttingProcess:
    """This side of the helper: pages go to it as MkDocs converts them, entries and words come
    back."""

    def __init__(self) -> None:
        self._replies: queue.Queue[Any] = queue.Queue()
        self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        threading.Thread(target=self._read_replies, daemon=True).start()

    @property
    def running(self) -> bool:
        return self._process is not None

    def _read_replies(self) -> None:
        process = self._process
        try:
            while process is not None and process.stdout is not None:
                self._replies.put(receive(process.stdout))
        except DAMAGED:
            self._replies.put(None)

    def _send(self, message: Any) -> bool:
        """False when the message could not go: the helper is gone (and then stopped), or the
        message holds something other than plain data (and the helper is still there)."""
        if self._process is None or self._process.stdin is None:
            return False
        try:
            data = marshal.dumps(message)
        except ValueError:
            return False
        try:
            write(self._process.stdin, data)
        except (OSError, ValueError):
            self.stop()
            return False
        return True

    def page(self, key: str, html: str, title: str, url: str, toc: Toc, meta: dict[str, Any]) -> None:
        """A converted page whose search entries are wanted, to be made in the background under
        ``key``; a page whose front matter is not plain data (a date, say) has only its runs cut."""
        if not self._send(("page", key, html, title, url, toc, meta)):
            self._send(("runs", html, title))

    def entries(self) -> dict[str, list] | None:
        """The search entries of the pages sent, by key, once they are all made; None when the
        helper is gone (make them here)."""
        return self._ask(("entries",))

    def words(self, runs: list[bytes]) -> Words | None:
        """The words of ``runs`` and of every run cut since the last call, once the pages sent
        before have been cut; None when the helper is gone (cut them here)."""
        return self._ask(("words", runs))

    def _ask(self, message: Any) -> Any:
        if not self._send(message):
            return None
        try:
            reply = self._replies.get(timeout=PATIENCE)
        except queue.Empty:
            reply = None
        if not isinstance(reply, dict):
            log.debug("分词进程没有应答，改在本进程分词")
            self.stop()
            return None
        return reply

    def stop(self) -> None:
        """End the helper: it leaves as soon as its input is closed, and is killed if it has not
        left within two seconds."""
        process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        finally:
            if process.stdout is not None:
                process.stdout.close()


def cores() -> int:
    """The processor cores this process may run on (fewer than the computer has when it is
    confined to some, as in a container)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def started() -> CuttingProcess | None:
    """A helper, when this process has a second core for it and one can be started."""
    if cores() < 2:
        return None
    try:
        return CuttingProcess()
    except OSError:
        return None


# --- The helper itself: ``python -m generator.site.cutting_process`` --------------------------


def _serve(incoming: IO[bytes], outgoing: IO[bytes]) -> None:
    """Read messages while jieba loads its dictionary, then take them in the order they came.
    An error here ends the helper, and the build does the rest of the work itself."""
    messages: queue.Queue[Any] = queue.Queue()

    def read() -> None:
        try:
            while True:
                messages.put(receive(incoming))
        except DAMAGED:
            os._exit(0)  # the build is over: nothing left to cut for

    threading.Thread(target=read, daemon=True).start()
    from .jieba_dictionary import jieba, load_dictionary

    jieba.setLogLevel(logging.WARNING)
    load_dictionary()
    import material.plugins.search.plugin as search_plugin

    from .page_search import entries, han_runs

    done: Words = {}
    fresh: Words = {}
    made: dict[str, list] = {}

    def cut(run: bytes) -> tuple[str, ...]:
        words = done.get(run)
        if words is None:
            words = done[run] = fresh[run] = tuple(jieba.cut(run))
        return words

    class Remembering:
        """jieba as the search plugin calls it, each run cut once."""

        @staticmethod
        def cut(run: bytes) -> Iterator[str]:
            return iter(cut(run))

    search_plugin.jieba = Remembering
    while True:
        kind, *rest = messages.get()
        if kind == "page":
            key, *page = rest
            made[key] = entries(*page)
        elif kind == "runs":
            for run in han_runs(*rest):
                cut(run)
        elif kind == "entries":
            send(outgoing, made)
            made = {}
        elif kind == "words":
            reply = {**fresh, **{run: cut(run) for run in rest[0]}}
            fresh.clear()
            send(outgoing, reply)


if __name__ == "__main__":
    _serve(sys.stdin.buffer, sys.stdout.buffer)
