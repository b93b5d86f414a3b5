"""The runs of Chinese characters the search plugin hands jieba for one page.

The plugin (mkdocs-material's ``SearchIndex``) divides a page's HTML into sections with its own
parser, takes each section's title and text, joined and stripped, and cuts every run of Han
characters in them; a section without a title takes the page's. Found here the same way, with
the plugin's own parser and pattern, so that the runs cut ahead of time are the ones it asks for.
"""

from __future__ import annotations

from collections.abc import Iterator

from backrefs import bre
from material.plugins.search.plugin import Parser

HAN = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)
"""The pattern of the plugin's ``_segment_chinese``."""


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
