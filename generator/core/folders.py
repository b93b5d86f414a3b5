"""Finding the files in a folder someone handed us, without being led astray by it.

A folder of result files or training records comes from chat downloads, USB sticks and shared
drives. Only regular files are taken (a FIFO would block the reader forever); a symbolic link is
followed only to a place inside the folder itself (a link to ``/`` would walk the whole disk), and
each folder and file is visited once however many links lead to it (a link loop would otherwise
count one file dozens of times). What is left out is said, with the reason: nothing is dropped
silently. The walk stops once the folder holds more files than the caller allows.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import HandbookError
from .text_files import os_reason

NOT_REGULAR = "不是普通文件（可能是管道、设备或套接字），未读取"
BROKEN_LINK = "是失效的链接（指向的文件已不存在），未读取"


@dataclass
class Found:
    """Files to read, as paths joined from the folder given, in a stable order; and the files
    left out, each with its reason in Chinese."""

    files: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Walk:
    root: str
    """The folder's real path: links may point anywhere inside it."""
    wanted: Callable[[str], bool]
    limit: int
    what: str
    found: Found = field(default_factory=Found)
    visited: set[tuple[int, int]] = field(default_factory=set)
    """Folders walked, by device and inode."""
    files_seen: set[tuple[int, int]] = field(default_factory=set)
    """Files taken, by the device of their folder and their inode (see ``_file_kind``)."""
    entries: int = 0

    def inside(self, real: str) -> bool:
        return real == self.root or real.startswith(self.root.rstrip(os.sep) + os.sep)

    def count(self) -> None:
        self.entries += 1
        if self.entries > self.limit:
            raise HandbookError(
                f"{self.what}里的文件超过 {self.limit} 个，未读取；请只放要处理的文件，或分几批处理"
                "（上限见 curriculum/policy.yaml 的 grading 一节）"
            )


def files_in(folder: Path, wanted: Callable[[str], bool], limit: int, what: str) -> Found:
    """Every regular file under ``folder`` whose name is ``wanted``, each once, sorted by path.

    ``limit`` bounds the entries looked at, so a folder with millions of files is refused quickly;
    ``what`` names the folder in that refusal (e.g. "结果文件夹")."""
    walk = _Walk(os.path.realpath(folder), wanted, limit, what)
    pending = [os.fspath(folder)]
    while pending:
        directory = pending.pop()
        info = os.stat(directory)
        if (info.st_dev, info.st_ino) in walk.visited:
            continue  # reached again through a link: already walked
        walk.visited.add((info.st_dev, info.st_ino))
        pending += reversed(_entries(walk, directory, info.st_dev))
    walk.found.files.sort()
    walk.found.refused.sort()
    return walk.found


def _entries(walk: _Walk, directory: str, device: int) -> list[str]:
    """Take the wanted files of one directory; return its subdirectories to walk."""
    subfolders = []
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as error:
        walk.found.refused.append((directory, f"无法打开这个文件夹：{os_reason(error)}"))
        return []
    for entry in entries:
        walk.count()
        kind = _kind(walk, entry, device)
        if kind == "folder":
            subfolders.append(entry.path)
        elif kind == "file" and walk.wanted(entry.name):
            walk.found.files.append(entry.path)
        elif kind not in ("file", "folder", "skip") and walk.wanted(entry.name):
            walk.found.refused.append((entry.path, kind))
    return subfolders


def _kind(walk: _Walk, entry: os.DirEntry[str], device: int) -> str:
    """``folder``, ``file``, ``skip`` (seen already), or the reason an entry is left out.

    An entry that is not a link is told from what listing its folder gave (no call to the
    system per file: a results folder holds a hundred thousand); a link is followed."""
    try:
        if entry.is_symlink():
            return _linked_kind(walk, entry)
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        if not entry.is_file(follow_symlinks=False):
            return NOT_REGULAR
        return _file_kind(walk, (device, entry.inode()))
    except FileNotFoundError:
        return BROKEN_LINK
    except OSError as error:
        return os_reason(error)


def _linked_kind(walk: _Walk, entry: os.DirEntry[str]) -> str:
    """What a link leads to, if it stays inside the folder."""
    real = os.path.realpath(entry.path)
    if not walk.inside(real):
        return "是指向文件夹以外的链接，未读取"
    info = os.stat(entry.path)
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    if not stat.S_ISREG(info.st_mode):
        return NOT_REGULAR
    return _file_kind(walk, (os.stat(os.path.dirname(real)).st_dev, info.st_ino))


def _file_kind(walk: _Walk, identity: tuple[int, int]) -> str:
    """``file`` the first time a file is met, ``skip`` when it is met again through a link or
    another name. A file is known by its folder's device and its inode, as its folder's listing
    gives them, whether it is met there or through a link."""
    if identity in walk.files_seen:
        return "skip"
    walk.files_seen.add(identity)
    return "file"
