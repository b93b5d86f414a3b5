"""Write generated files only when their content changed, each one atomically; write a set of
files all together or not at all.

An unchanged page keeps its modification time, so ``mkdocs serve`` sees no change and does not
rebuild in a loop; a file is never left half-written, because it is replaced in one rename. A set
of outputs (the grader's) is written into a fresh sibling folder and swapped in whole, so a
killed run leaves either the old set or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .errors import HandbookError

SET_MARK = ".handbook-output"
"""Written into every folder ``write_set`` fills: a later run may replace such a folder whole."""
LOCK_WAIT_SECONDS = 600
"""How long a command waits for another one working on the same folder or bank before giving up."""
LOCK_POLL_SECONDS = 0.2

Content = bytes | Callable[[BinaryIO], None]
"""A file's bytes, or what writes them into an open file: a big output streams into its file."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


NAMES_SHOWN = 3
"""How many names of a folder's other files a refusal lists."""

TEMPORARY_SUFFIX = ".tmp"
"""Ends the name of a file being written; one left behind by a crash is never a finished file."""


def write_atomic(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write ``data`` to ``path`` in one rename; the file is readable by its owner only.

    ``durable`` also waits until the file and its new name are on the disk (fsync), so that a
    crash or a power cut right after the return cannot lose it: the collector's receipts rely on it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if durable:
        sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make the names in ``folder`` durable; a no-op where folders cannot be opened (Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems refuse to sync a folder; the rename itself is still atomic
    finally:
        os.close(descriptor)


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    write_atomic(path, data)
    return True


def sync_tree(files: dict[str, bytes], target: Path) -> WriteReport:
    """Make ``target`` hold exactly ``files``: write what changed, remove what is gone."""
    report = WriteReport()
    for relative, data in sorted(files.items()):
        changed = write_if_changed(target / relative, data)
        (report.written if changed else report.unchanged).append(relative)
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            relative = path.relative_to(target).as_posix()
            if path.is_file() and relative not in files:
                path.unlink()
                report.removed.append(relative)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return report


def _old(target: Path) -> Path:
    return target.with_name(f".{target.name}.old")


def fresh_sibling(target: Path) -> Path:
    """An empty private folder beside ``target``, named so that ``clean_leftovers`` finds it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))


def clean_leftovers(target: Path) -> None:
    """Remove what a killed run left beside ``target``: half-written fresh folders and, once the
    swap is known to be over, the old folder. A run killed between the two renames of
    ``replace_dir`` left no ``target`` at all: the old one is put back. Call it under ``locked``,
    so that another run's fresh folder is never taken for a leftover."""
    for leftover in target.parent.glob(f".{target.name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    old = _old(target)
    if old.exists() and not target.exists():
        old.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, keeping the old one until the new one is in place."""
    old = _old(target)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def locked(target: Path, what: str) -> Iterator[None]:
    """Hold the lock of ``target`` (a folder or a file) while working on it.

    Two commands on the same bank or output folder would each read the old state and the last
    to finish would silently drop the other's work; the second one waits for the first instead.
    The lock is an advisory ``flock`` on the folder that holds ``target`` (no lock file is left
    anywhere); the system releases it when a process dies, so a killed run never leaves the
    folder locked. Not re-entrant: never nest two locks on the same folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        _acquire(fd, what)
        yield
    finally:
        os.close(fd)


def _acquire(fd: int, what: str) -> None:
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                message = f"另一个命令正在使用{what}，等了 {LOCK_WAIT_SECONDS} 秒仍未结束；请稍后再试。"
                raise HandbookError(message) from None
            time.sleep(LOCK_POLL_SECONDS)


def _safe_relative(relative: str) -> PurePosixPath:
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts or any(part in ("", ".", "..") for part in path.parts):
        raise ValueError(f"not a plain relative path: {relative!r}")
    return path


def _refuse_foreign(folder: Path, files: dict[str, Content]) -> None:
    """A folder is replaced whole only if it is ours: empty, marked by an earlier ``write_set``,
    or holding nothing but names this set writes again. Anything else may be the user's own
    files (``--out`` given as the desktop), which must never be deleted."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise HandbookError(f"输出位置 {folder} 已存在，但不是文件夹；请换一个文件夹。")
    if (folder / SET_MARK).is_file():
        return
    ours = {_safe_relative(relative).parts[0] for relative in files}
    foreign = sorted(entry.name for entry in folder.iterdir() if entry.name not in ours)
    if foreign:
        shown = "、".join(foreign[:NAMES_SHOWN]) + ("等" if len(foreign) > NAMES_SHOWN else "")
        raise HandbookError(
            f"输出文件夹 {folder} 里已有别的文件（{shown}），本命令会整体替换这个文件夹；请换一个新的或空的文件夹。"
        )


def _fill(fresh: Path, files: dict[str, Content]) -> None:
    for relative, data in files.items():
        path = fresh / _safe_relative(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
    (fresh / SET_MARK).write_text("本文件夹由 handbook 整体写入，下次运行会整体替换。\n", encoding="utf-8")


def write_set(folder: Path, files: dict[str, Content]) -> list[Path]:
    """Make ``folder`` hold exactly ``files`` (relative path → bytes, or a function writing
    them into the open file), all from this run.

    The set is written into a fresh sibling folder and swapped in whole: a reader never sees new
    grades beside old reports, files of an earlier run that this one does not write (a session's
    record form since removed) disappear, and a killed run's leftovers are removed by the next.
    Files are private to the user (mode 0600): outputs hold personal data. Returns the paths."""
    given, folder = folder, folder.resolve()
    with locked(folder, f"输出文件夹 {given}"):
        clean_leftovers(folder)
        _refuse_foreign(folder, files)
        fresh = fresh_sibling(folder)
        try:
            _fill(fresh, files)
            replace_dir(fresh, folder)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
    return [given / relative for relative in files]
