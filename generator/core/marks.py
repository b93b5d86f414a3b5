"""Where the values of a parsed YAML text stand, as the parser records them and errors name them."""

from __future__ import annotations

Key = str | int
"""One step of a path into parsed data: a mapping's key or a list's index."""
Marks = dict[tuple[Key, ...], tuple[int, int]]
"""Where each value of a parsed text stands: its path of keys and list indexes, to its line and
column within the text (both 1-based)."""
