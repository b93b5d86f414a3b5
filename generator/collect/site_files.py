"""The handbook's pages as the collector serves them: files of ``site/`` only, never a folder listing.

A URL is taken apart before any file is touched: a part that climbs (``..``), a hidden name
(``.git``), a backslash, a drive or a NUL byte is refused as a path trick, and what is left must
resolve to a file inside the site (a link cannot lead out of it). A folder is served by its
``index.html`` or not at all.

Quiz pages get one more line: the collector's own script (``/api/collect.js``), which takes the
result when the trainee hands in. The site itself stays as built, so it still works from a disk
or a static host, where that script is not there and nothing is asked of a collector.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path

QUIZ_MARK = b'class="hb-quiz-data"'
HEAD_END = b"</head>"
INDEX = "index.html"
FORBIDDEN = ("\\", "\x00", ":")


class PathTrick(Exception):
    """A URL that tries to reach outside the site or a hidden file (400)."""


@dataclass(frozen=True)
class Redirect:
    """A folder named without its final slash: the browser is sent to ``to`` instead."""

    to: str


def locate(site: Path, url_path: str) -> Path | Redirect | None:
    """The file of ``site`` that ``url_path`` names; None if there is none; raise PathTrick."""
    if any(mark in url_path for mark in FORBIDDEN):
        raise PathTrick("网址中含有不允许的字符")
    parts = [part for part in url_path.split("/") if part]
    if any(part.startswith(".") for part in parts):
        raise PathTrick("网址中含有“..”或隐藏文件名")
    root = site.resolve()
    target = root.joinpath(*parts).resolve()
    if target != root and root not in target.parents:
        raise PathTrick("网址指向网站文件夹之外")
    if target.is_dir():
        if not (target / INDEX).is_file():
            return None
        if not url_path.endswith("/"):
            return Redirect("/" + "".join(f"{part}/" for part in parts))  # relative links need the slash
        return target / INDEX
    return target if target.is_file() else None


def media_type(path: Path) -> str:
    guessed, _ = mimetypes.guess_type(path.name)
    if guessed is None:
        return "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") or guessed.endswith("javascript") else guessed


def with_collector(page: bytes, run: str) -> bytes:
    """A quiz page with the collector's script loaded in its head, ahead of ``quiz.js`` (in ``handbook.js``)."""
    if QUIZ_MARK not in page or HEAD_END not in page:
        return page
    tag = f'<script src="/api/collect.js" data-run="{run}"></script>'.encode()
    return page.replace(HEAD_END, tag + HEAD_END, 1)
