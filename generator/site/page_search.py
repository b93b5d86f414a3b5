"""What the search plugin makes of one page, made outside a MkDocs build (in the helper process
of ``cutting_process.py``): the page's search entries, and the runs of Chinese characters it
hands jieba.

The plugin (mkdocs-material's ``SearchIndex``) divides a page's HTML into sections with its own
parser, takes each section's title and text, joined and stripped, and cuts every run of Han
characters in them; a section without a title takes the page's, and a section's address is the
page's with the anchor of its heading from the table of contents. Its entries are made here by
the plugin's own code, from the very things ``build_cache.page_key`` hashes a page's entries
under: its HTML, address, title, table of contents and front matter (``search``, ``tags``,
``title``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from backrefs import bre
from material.plugins.search.plugin import Parser, SearchIndex

HAN = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)
"""The pattern of the plugin's ``_segment_chinese``."""

Toc = list[list[Any]]
"""A table of contents as ``build_cache`` hashes it: [anchor, address, [children]] per heading."""


def han_runs(html: str, page_title: str) -> Iterator[bytes]:
    """Each run as the plugin passes it to jieba: UTF-8 bytes."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    for section in parser.data:
        title = "".join(section.title).strip() if section.title else page_title
        for text in (title, "".join(section.text).strip()):
            for match in HAN.finditer(text):
                yield match.group(0).encode("utf-8")


class _Anchor:
    """A heading of the table of contents, as the plugin reads it."""

    def __init__(self, id: str, url: str, children: Toc) -> None:
        self.id, self.url, self.children = id, url, [_Anchor(*child) for child in children]


class _Page:
    """A page as the plugin reads it."""

    def __init__(self, html: str, title: str, url: str, toc: Toc, meta: dict[str, Any]) -> None:
        self.content, self.title, self.url, self.meta = html, title, url, meta
        self.toc = [_Anchor(*item) for item in toc]


def entries(html: str, title: str, url: str, toc: Toc, meta: dict[str, Any]) -> list[dict[str, Any]]:
    """The page's search entries, as ``build_cache`` keeps them (stored as JSON and read back)."""
    index = SearchIndex()
    index.add_entry_from_context(_Page(html, title, url, toc, meta))
    return json.loads(json.dumps(index.entries, default=str))
