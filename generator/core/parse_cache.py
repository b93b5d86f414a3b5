"""The parses of the curriculum's YAML, kept in ``build/cache`` for the next run.

``handbook check`` parses some eighty YAML texts, though an edit changes one or two; parsing
them is a third of its time. Here each text's parse (its data and where every value stands, so
that an error found in a kept parse still names its line) is kept under a hash of the text, in
one file under a signature of the parser: the code of ``yaml_reader.py`` and PyYAML's own files
(its version, and whether its C parser is there). A text whose hash is kept is not parsed; an
edited file is parsed again, alone; a change of the parser parses everything again.

Only parses that succeeded are kept: a text that fails is parsed, and its problem reported, on
every run. The verdict of the checks is never kept: every check runs on every run. Only the
curriculum's files are parsed with the cache (``handbook.load_checked``), never a roster or
training records: personal data never goes into ``build/``.

The cache file is pickled plain data (dicts, lists, text, numbers, dates) read back by an
unpickler that refuses any other kind of object, after a checksum; a damaged file is no cache.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
import zlib
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from .kept import keep, read_kept
from .marks import Marks

PARSES = "yaml-parses.pickle"
PICKLE_PROTOCOL = pickle.HIGHEST_PROTOCOL  # the Python that reads the cache back is in its signature
CHECKSUM_BYTES = 4
ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "timezone"), ("datetime", "timedelta")}
"""The only classes a kept parse may hold besides the built-in containers: YAML's dates and times."""


class _PlainUnpickler(pickle.Unpickler):
    """Unpickles plain data only: any class but a date or time is refused, so a file planted in
    ``build/cache`` cannot make the unpickler run code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name}")


def sealed(value: Any) -> bytes:
    """``value`` pickled, after a checksum of the pickle."""
    data = pickle.dumps(value, protocol=PICKLE_PROTOCOL)
    return zlib.crc32(data).to_bytes(CHECKSUM_BYTES, "big") + data


def unsealed(sealed_bytes: bytes) -> Any:
    """What ``sealed`` sealed; ValueError when the checksum fails or the pickle is not plain data."""
    checksum, data = sealed_bytes[:CHECKSUM_BYTES], sealed_bytes[CHECKSUM_BYTES:]
    if len(checksum) < CHECKSUM_BYTES or zlib.crc32(data).to_bytes(CHECKSUM_BYTES, "big") != checksum:
        raise ValueError("checksum")
    try:
        return _PlainUnpickler(io.BytesIO(data)).load()
    except pickle.UnpicklingError as error:
        raise ValueError(str(error)) from None


def parser_signature() -> str:
    """Everything besides a text that its parse depends on, found without importing PyYAML (a
    run whose every parse is kept never loads it): the bytes of ``yaml_reader.py``, those of
    PyYAML's ``__init__.py`` (which holds its version) and the names and sizes of its compiled
    parts, and the version of Python that pickled the parses."""
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    digest.update((Path(__file__).parent / "yaml_reader.py").read_bytes())
    spec = find_spec("yaml")
    if spec is not None and spec.origin:
        package = Path(spec.origin)
        digest.update(package.read_bytes())
        for part in sorted(p for p in package.parent.iterdir() if p.suffix in (".so", ".pyd")):
            digest.update(f"{part.name}={part.stat().st_size}".encode())
    return digest.hexdigest()


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ParseCache:
    """The kept parses, loaded once; the parses used by this run, written back once."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / PARSES
        try:
            self.signature = parser_signature()
        except OSError:
            self.signature = ""
        self.kept: dict[str, tuple[Any, Marks]] = {}
        if self.signature:
            self.kept = read_kept(self.path, self.signature, unsealed)
        self.used: dict[str, tuple[Any, Marks]] = {}

    def parsed(self, text: str) -> tuple[Any, Marks] | None:
        """The data and marks of ``text`` as an earlier run parsed it, if kept."""
        key = text_key(text)
        kept = self.kept.get(key)
        if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], dict)):
            return None
        self.used[key] = kept
        return kept

    def remember(self, text: str, data: Any, marks: Marks) -> None:
        self.used[text_key(text)] = (data, marks)

    def save(self) -> None:
        """Write the parses this run used, unless they are exactly the ones kept already."""
        if self.signature and self.used.keys() != self.kept.keys():
            keep(self.path, self.signature, self.used, sealed)
