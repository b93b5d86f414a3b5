"""Results one run keeps in a file under ``build/cache`` for the next, under a signature.

A cache here is a file holding a signature (the versions and settings its results were made
with) and its entries (results under a hash of what each was made from). The file is read whole
and written whole, atomically, with only the entries the run used, so it never grows with
files long gone. A cache is an aid, never a source of truth: a file that is missing, damaged,
unreadable or kept under another signature is no cache at all, and a cache that cannot be
written (``build/`` read-only, a full disk) is simply not kept; neither is ever an error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

SIGNATURE = "signature"
ENTRIES = "entries"

Loads = Callable[[bytes], Any]
Dumps = Callable[[Any], bytes]

DAMAGED = (OSError, ValueError, TypeError, EOFError, LookupError, RecursionError, MemoryError)
"""What reading back a damaged or foreign file raises: ``loads`` ends in one of these on bytes
that are not its own (json's errors are ValueErrors; a pickle's must be made so)."""


def read_kept(path: Path, signature: str, loads: Loads) -> dict[str, Any]:
    """The entries kept in ``path`` under ``signature``; none when there is no such cache."""
    try:
        data = loads(path.read_bytes())
    except DAMAGED:
        return {}
    if not isinstance(data, dict) or data.get(SIGNATURE) != signature:
        return {}
    entries = data.get(ENTRIES)
    return entries if isinstance(entries, dict) else {}


def keep(path: Path, signature: str, entries: dict[str, Any], dumps: Dumps) -> bool:
    """Write ``entries`` under ``signature`` to ``path`` in one rename; False when it cannot be
    written, which costs the next run its head start and nothing else."""
    from .writer import write_atomic  # tempfile and its kin are not needed by a run that keeps nothing

    try:
        write_atomic(path, dumps({SIGNATURE: signature, ENTRIES: entries}))
    except OSError:
        return False
    return True
