"""Write generated files only when their content changed, each one atomically.

An unchanged page keeps its modification time, so ``mkdocs serve`` sees no change and does not
rebuild in a loop; a file is never left half-written, because it is replaced in one rename.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, keeping the old one until the new one is in place."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
