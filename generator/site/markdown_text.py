"""Text made safe for the Markdown the site's pages are written in."""

from __future__ import annotations


def table_cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no line breaks, no column separators."""
    return str(text).replace("\n", " ").replace("|", "\\|")
