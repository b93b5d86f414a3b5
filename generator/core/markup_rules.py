"""What markup the handbook's text may hold, and where a source breaks that rule.

The site's pages are read by every trainee, and hold their saved exam answers: no text typed into
the curriculum may run script there. ``site/sanitise.py`` removes from the rendered HTML whatever
is not allowed here; ``handbook check`` finds the same constructs in the sources first, each at
its line, so that the editor learns what would be removed and why.

Refused: HTML tags outside the handbook's small set (script, style, iframe, object, embed, form,
input, base, meta, link, svg …), attributes outside it (every ``on…`` event handler, ``style``),
links whose scheme is not http(s), mailto or tel (``javascript:``, ``data:``, also when written
``jav&#x61;script:`` or split by spaces), Markdown attribute lists (``{ onfocus=… }``) that set
anything but classes and ids, and ids the theme uses itself. The same rules hold for module bodies
and for text fields (titles, names, objectives, options …), where an allowed tag is shown as typed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

BLOCK_TAGS = {"p", "div", "blockquote", "pre", "hr", "br", "details", "summary", "noscript", "nav"}
FORM_TAGS = {"label", "input", "textarea", "button"}
"""The glossary's search box and 我的学习's export and import: fields and buttons with no form
and no action, driven by our script (a button is always ``type="button"``: it sends nothing)."""
TEXT_TAGS = {"a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small", "span"}
TEXT_TAGS |= {"strong", "sub", "sup", "u", "img"}
LIST_TAGS = {"ul", "ol", "li", "dl", "dt", "dd"}
TABLE_TAGS = {"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
ALLOWED_TAGS = BLOCK_TAGS | TEXT_TAGS | LIST_TAGS | TABLE_TAGS | HEADINGS | FORM_TAGS
"""Every tag that Markdown, its extensions (admonitions, details, tables, definition lists,
tables of contents) and the handbook's templates produce."""
EVERYWHERE = {"class", "id", "title", "lang", "dir", "hidden", "role", "tabindex", "aria-label", "aria-live"}
ALLOWED_ATTRIBUTES = {
    "*": EVERYWHERE,
    "a": EVERYWHERE | {"href", "data-quiz"},
    "img": EVERYWHERE | {"src", "alt", "width", "height"},
    "td": EVERYWHERE | {"align", "colspan", "rowspan"},
    "th": EVERYWHERE | {"align", "colspan", "rowspan", "scope"},
    "ol": EVERYWHERE | {"start"},
    "details": EVERYWHERE | {"open"},
    "div": EVERYWHERE | {"data-quiz", "data-module"},
    "span": EVERYWHERE | {"data-module"},
    "label": EVERYWHERE | {"for"},
    "input": EVERYWHERE | {"type", "autocomplete", "placeholder", "accept"},
    "textarea": EVERYWHERE | {"readonly"},
}
"""Attributes by tag (``*``: on every allowed tag). ``data-quiz`` names the bank of a quiz page
(and of a link to it on 我的学习), ``data-module`` the module whose progress 我的学习 records."""
MARKDOWN_ONLY = {"markdown"}
"""Attributes Markdown itself reads (``md_in_html``) and removes: allowed in sources only."""
URL_ATTRIBUTES = {"href", "src"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
"""Schemes a link may use; a link without a scheme (another page of the site) is allowed too."""
ATTRIBUTE_LIST_KEYS = {"title", "lang", "dir"}
"""``key=value`` pairs an attribute list may set besides ``.class`` and ``#id``."""
RESERVED_ID_PREFIX = "__"
"""The theme names its own elements ``__drawer``, ``__search``, ``__toc``, ``__config`` …"""

SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]+")
FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
AUTOLINK = re.compile(r"<([a-z][a-z0-9+.\-]*:[^\s<>]*)>", re.IGNORECASE)
ATTRIBUTE_LIST = re.compile(r"(?<!\{)\{:?[ \t]*([^{}\n]*?[#.=][^{}\n]*?)[ \t]*\}(?!\})")
ATTRIBUTE_TOKEN = re.compile(r"""([#.]?)([^\s=#."']+)(?:=("[^"]*"|'[^']*'|\S+))?""")
MAYBE_MARKUP = re.compile(r"[<{]|\]\(|\]:|&#|&[a-z]+;", re.IGNORECASE)
"""A quick look: most texts hold none of these, and need no closer one."""


@dataclass(frozen=True)
class Refusal:
    """One refused construct: where it starts in the text (0-based offset) and why."""

    offset: int
    message: str


def reserved_id(value: str) -> bool:
    return value.strip().startswith(RESERVED_ID_PREFIX)


def scheme_of(url: str) -> str | None:
    """A URL's scheme as a browser reads it: entities decoded, invisible characters and spaces
    inside it ignored (``jav&#x61;script:``, ``java script:``); None for a relative URL."""
    match = SCHEME.match(INVISIBLE.sub("", html.unescape(url)))
    return match[1].lower() if match else None


def link_refusal(url: str) -> str:
    return f"不能链接到“{scheme_of(url)}:”：只能是 http(s)、mailto、tel 或本手册的页面"


def bad_url(url: str) -> bool:
    """A URL whose scheme is not allowed."""
    scheme = scheme_of(url)
    return scheme is not None and scheme not in URL_SCHEMES


def _blanked(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with each match replaced by spaces, lines kept: code may show markup as text."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)


class _Tags(HTMLParser):
    """Collects refused tags and attributes with their place."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.found: list[Refusal] = []

    def _at(self, message: str) -> None:
        line, column = self.getpos()
        self.found.append(Refusal(self.starts[line - 1] + column, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._at(f"不允许的 HTML 标签 <{tag}>：网页上会被删除")
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, EVERYWHERE) | MARKDOWN_ONLY
        for name, value in attrs:
            if name not in allowed:
                self._at(f"<{tag}> 不允许属性 {name}（事件属性、style 等会被删除）")
            elif name in URL_ATTRIBUTES and value and bad_url(value):
                self._at(f"<{tag}> 的 {name} {link_refusal(value)}")
            elif name == "id" and value and reserved_id(value):
                self._at(f"id “{value}”以 {RESERVED_ID_PREFIX} 开头，与网页主题自己的元素冲突")

    handle_startendtag = handle_starttag

    def handle_decl(self, decl: str) -> None:
        self._at("不允许的 HTML 声明 <!…>")

    def handle_pi(self, data: str) -> None:
        self._at("不允许的 HTML 处理指令 <?…>")


def _links(text: str) -> Iterator[Refusal]:
    for pattern in (MARKDOWN_LINK, REFERENCE, AUTOLINK):
        for match in pattern.finditer(text):
            if bad_url(match[1]):
                yield Refusal(match.start(1), link_refusal(match[1]))


def _attribute_lists(text: str) -> Iterator[Refusal]:
    for match in ATTRIBUTE_LIST.finditer(text):
        for token in ATTRIBUTE_TOKEN.finditer(match[1]):
            mark, name = token[1], token[2]
            if mark == "#" and reserved_id(name):
                yield Refusal(match.start(), f"属性列表中的 id “{name}”以 {RESERVED_ID_PREFIX} 开头，与网页主题冲突")
            elif not mark and name.lower() not in ATTRIBUTE_LIST_KEYS:
                yield Refusal(match.start(), f"属性列表 {{ … }} 不能设置 {name}：只能写 .类名、#编号 和 title")


def refusals(text: str) -> list[Refusal]:
    """Every refused construct in ``text``, a module's Markdown body or a text field. Code spans
    and fenced code blocks are skipped: markup shown as code is text."""
    if not MAYBE_MARKUP.search(text):
        return []
    visible = _blanked(_blanked(text, FENCE), CODE_SPAN)
    parser = _Tags(visible)
    parser.feed(visible)
    parser.close()
    found = parser.found + list(_links(visible)) + list(_attribute_lists(visible))
    return sorted(set(found), key=lambda refusal: refusal.offset)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset)
    return line + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
