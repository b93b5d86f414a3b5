"""Every text that reaches the site's HTML passes an allow-list sanitiser after it is rendered.

Titles, names, objectives, glossary entries, bank and option text and module bodies are typed by
people; after Jinja2 and Markdown have made HTML of them, nh3 (the Rust sanitiser ammonia) keeps
only the tags and attributes a handbook page needs and links to http(s), mailto, tel and pages of
the site itself. No event handler, ``style``, script, frame, form, ``<base>`` or ``<meta>`` gets
through, however it was spelled (split across lines, with entities, in an attribute list).
Sanitising the result rather than the input also covers what the renderers themselves make of the
input. ``handbook check`` refuses the same constructs in the sources with their line
(``core/markup_rules.py``); this is the net under it.

Titles are shown by the theme as they are, in places the sanitiser never sees (navigation, the
``<title>``, the table of contents): they are made plain text here.

The Content-Security-Policy (``CSP``) is the last net: scripts only from the site itself, no
inline script at all, no inline event handler. The theme's two inline scripts are replaced by
files (``site_templates/overrides/partials/javascripts``), so no exception is needed.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Callable

import nh3

from ..core.markup_rules import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES, reserved_id, scheme_of

QUIZ_DATA = re.compile(r'<script type="application/json" class="hb-(?:quiz|learning)-data">[^<]*</script>')
"""A quiz page's data and 我的学习's, as the ``script_json`` filter writes them: JSON with every
``<`` escaped, which no browser runs. It is set aside before sanitising and put back after."""
TAG = re.compile(r"<[^>]*>")
HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)
"""The site's Content-Security-Policy. Everything from the site itself and nothing else (the site
loads nothing from another host); no inline script or style, so an injected ``<script>`` or
``onerror=`` does not run; no ``<base>`` may redirect relative links and no form is ever sent.
``data:`` images are the theme's icons in its style sheet."""
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'


def _keep_id(tag: str, attribute: str, value: str) -> str | None:
    """An ``id`` the theme uses itself (``__drawer``, ``__search`` …) would take over its controls."""
    if attribute == "id" and reserved_id(value):
        return None
    return value


def clean_html(fragment: str) -> str:
    """``fragment`` with only the allowed tags, attributes and URL schemes; the content of
    ``script`` and ``style`` elements removed with them."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_keep_id,
        set_tag_attribute_values={"button": {"type": "button"}},
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel=None,
    )


def clean_page(content: str) -> str:
    """A page's HTML sanitised, its quiz data put back unchanged."""
    kept: dict[str, str] = {}

    def set_aside(match: re.Match[str]) -> str:
        token = f"hb-quiz-data-{secrets.token_hex(16)}"  # unguessable: content cannot forge one
        kept[token] = match[0]
        return token

    cleaned = clean_html(QUIZ_DATA.sub(set_aside, content))
    for token, data in kept.items():
        cleaned = cleaned.replace(token, data, 1)
    return cleaned


def plain_title(title: str) -> str:
    """A title as the theme may insert it anywhere: tags removed, HTML-escaped, and no ``<`` or
    ``>`` left even once the theme unescapes it (for ``<title>``): those become the full-width
    ＜ and ＞ that Chinese text uses anyway."""
    text = html.unescape(TAG.sub("", html.unescape(title)))
    text = TAG.sub("", text).replace("<", "＜").replace(">", "＞")
    return html.escape(text, quote=True)


def from_the_site(url: str) -> bool:
    """A URL of the site itself: no scheme and no host."""
    return scheme_of(url) is None and not url.startswith("//")


def with_csp(page: str) -> str:
    """The page with the Content-Security-Policy as the first element of its ``<head>``, ahead of
    every script it governs."""
    return HEAD.sub(lambda match: match[0] + CSP_META, page, count=1)


def retitle(items: list, plain: Callable[[str], str] = plain_title) -> None:
    """Make plain every title in a tree of navigation items or table-of-contents anchors."""
    for item in items:
        if getattr(item, "title", None):
            item.title = plain(item.title)
        retitle(getattr(item, "children", None) or [], plain)
