"""The built pages read as Chinese text should: no space between two Chinese sentences."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from generator.core.handbook import load_checked
from generator.core.typography import CJK
from generator.site.build import generate
from generator.site.engine import build_site

# A line break inside a paragraph shows as a space; so does a space typed after 。 or ：.
STRAY_SPACE = re.compile(rf"[{CJK}][ \t]*\n\s*[{CJK}]|[。；！？，：、][ \t]+[{CJK}]")
BLOCKS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "summary", "figcaption"}
CODE = {"pre", "code", "script", "style", "textarea"}
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)


class BlockText(HTMLParser):
    """The text of each block of a page, code left out (a mark stands in for it)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[list[str]] = []
        self.code = 0
        self.blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in CODE:
            self.code += 1
            if self.open:
                self.open[-1].append("\ue001")
        if tag in BLOCKS:
            self.open.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in CODE:
            self.code -= 1
        if tag in BLOCKS and self.open:
            self.blocks.append("".join(self.open.pop()))

    def handle_data(self, data: str) -> None:
        if self.open and not self.code:
            self.open[-1].append(data)


def test_no_space_between_chinese_sentences_on_any_page(shipped) -> None:
    rendered, _ = generate(shipped, load_checked(shipped))
    build_site(shipped, rendered.nav)
    stray = []
    for page in sorted(shipped.site.rglob("*.html")):
        article = ARTICLE.search(page.read_text(encoding="utf-8"))
        if article is None:
            continue
        parser = BlockText()
        parser.feed(article.group(1))
        found = (m.group(0) for block in parser.blocks for m in STRAY_SPACE.finditer(block))
        stray += [f"{page.relative_to(shipped.site)}: {text!r}" for text in found]
    assert stray == []
