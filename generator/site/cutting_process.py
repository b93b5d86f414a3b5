"""The search index's Chinese words, cut by jieba in a second process while this one builds.

Of a build that starts with no cache, about a third was jieba's: loading its dictionary,
then cutting every run of Chinese characters the search index holds, on one core while the
other has nothing to do. ``handbook build`` starts this helper process first: it loads the
dictionary while the curriculum is checked and its pages are generated, and cuts each page's
runs as soon as MkDocs has converted the page. When the search plugin comes to index the pages,
their words are ready (``build_cache.RememberedCuts`` asks for them) and this process never
loads jieba's dictionary at all.

The words are jieba's, with the same dictionary, cut from the same runs as the plugin finds them
(the helper reads a page with the plugin's own parser), so the search index is the same byte
for byte (tests/site/test_cutting_process.py). Whatever the helper did not cut is cut here; if
it cannot start, stops, or does not answer within ``PATIENCE`` seconds, jieba runs here as it
always did. Nothing it does can fail a build.

Messages are length-prefixed ``marshal`` frames of plain data (str, bytes, tuples, lists and
dicts) on the helper's standard input and output; it has no other way in or out.
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
from typing import IO, Any

PATIENCE = 120
"""Seconds to wait for the helper's words before cutting them here instead: far more than it
needs on a slow computer (the dictionary loads in 2 s), so that only a helper that hangs is
given up."""
LENGTH = struct.Struct("<Q")

Words = dict[bytes, tuple[str, ...]]

log = logging.getLogger(__name__)


def send(stream: IO[bytes], message: Any) -> None:
    data = marshal.dumps(message)
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
    """This side of the helper: pages go to it as MkDocs converts them, words come back."""

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
        except (EOFError, OSError, ValueError):
            self._replies.put(None)

    def _send(self, message: Any) -> bool:
        if self._process is None or self._process.stdin is None:
            return False
        try:
            send(self._process.stdin, message)
        except (OSError, ValueError):
            self.stop()
            return False
        return True

    def page(self, html: str, title: str) -> None:
        """A converted page whose words the search plugin will want: cut them in the background.
        ``title`` is the page's title, which the plugin gives a section that has none."""
        self._send(("page", html, title))

    def words(self, runs: list[bytes]) -> Words | None:
        """The words of ``runs`` and of every run cut since the last call, once the pages sent
        before have been cut; None when the helper is gone (cut them here)."""
        if not self._send(("words", runs)):
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


def started() -> CuttingProcess | None:
    """A helper, when this computer has a second core for it and one can be started."""
    if (os.cpu_count() or 1) < 2:
        return None
    try:
        return CuttingProcess()
    except OSError:
        return None


# --- The helper itself: ``python -m generator.site.cutting_process`` --------------------------


def _serve(incoming: IO[bytes], outgoing: IO[bytes]) -> None:
    """Read messages while jieba loads its dictionary, then cut pages in the order they came."""
    messages: queue.Queue[Any] = queue.Queue()

    def read() -> None:
        try:
            while True:
                messages.put(receive(incoming))
        except (EOFError, OSError, ValueError):
            os._exit(0)  # the build is over: nothing left to cut for

    threading.Thread(target=read, daemon=True).start()
    import jieba

    from .jieba_dictionary import load_dictionary

    jieba.setLogLevel(logging.WARNING)
    load_dictionary()
    from .search_runs import han_runs

    done: Words = {}
    fresh: Words = {}

    def cut(run: bytes) -> tuple[str, ...]:
        words = done.get(run)
        if words is None:
            words = done[run] = fresh[run] = tuple(jieba.cut(run))
        return words

    while True:
        kind, *rest = messages.get()
        if kind == "page":
            for run in han_runs(*rest):
                cut(run)
        elif kind == "words":
            reply = {**fresh, **{run: cut(run) for run in rest[0]}}
            fresh.clear()
            send(outgoing, reply)


if __name__ == "__main__":
    _serve(sys.stdin.buffer, sys.stdout.buffer)
