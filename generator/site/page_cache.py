"""Each page's Markdown turned into HTML, kept in ``build/cache/mkdocs`` for the next build.

MkDocs converts every page from Markdown again on every build, though an edit changes one or
two: a quarter of its work. Here what ``Page.render`` produces (the HTML, the table of contents,
the title found in the text, the anchors the page has and the anchors it links to in others,
and what MkDocs warned about while converting it) is kept under a hash of everything it is made
from: the page's Markdown and address, every file of the site with its address (links are
resolved and checked against them), the Markdown extensions with their settings, the link
checks asked for, and the versions of MkDocs and the Markdown libraries. A page whose hash is
kept is not converted: its results are put back and its warnings told again. A site built so is
the same, file for file, as one built without the cache (tests/site/test_build_cache.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from mkdocs.structure.toc import get_toc

from ..core.kept import keep, read_kept

RENDERED_PAGES = "rendered-pages.json"
LIBRARIES = ("mkdocs", "markdown", "pymdownx")

log = logging.getLogger(__name__)


def json_bytes(value) -> bytes:
    """A kept cache as the site's caches write it: JSON in UTF-8, anything else as its text."""
    return json.dumps(value, ensure_ascii=False, default=str).encode()


def _versions() -> list[str]:
    return [f"{name}={getattr(import_module(name), '__version__', '')}" for name in LIBRARIES]


def site_signature(files, config) -> str:
    """Everything besides its own text that converting a page depends on."""
    listed = sorted((f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files)
    settings = [config["markdown_extensions"], config["mdx_configs"], config["validation"], _versions()]
    made_from = json.dumps([listed, settings], default=str, sort_keys=True)
    return hashlib.sha256(made_from.encode()).hexdigest()


def _links_recorded() -> bool:
    """Whether MkDocs records a page's links to other pages' anchors as it converts it. It does
    not while its loggers are set to DEBUG (a caller or a test may set them), and a page kept from
    such a build would never have its anchors checked again; so the two are kept apart."""
    return logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG


def _tokens(items) -> list[dict]:
    """The table of contents as the tokens MkDocs builds it from."""
    return [{"level": i.level, "id": i.id, "name": i.title, "children": _tokens(i.children)} for i in items]


class _Warnings(logging.Handler):
    """What MkDocs says while converting one page, to be said again when the page is reused."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.said: list[list] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append([record.name, record.levelno, record.getMessage()])


class PageCache:
    """Loads the kept pages, converts only the pages not among them, keeps what was used."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / RENDERED_PAGES
        self.signature = ""
        self.kept: dict[str, dict] = {}
        self.used: dict[str, dict] = {}

    def start(self, files, config) -> None:
        self.signature = site_signature(files, config)
        self.kept, self.used = self._load(), {}

    def _load(self) -> dict[str, dict]:
        return read_kept(self.path, self.signature, json.loads)

    def save(self) -> None:
        if self.signature:
            keep(self.path, self.signature, self.used, json_bytes)

    @property
    def reused(self) -> int:
        return sum(1 for key in self.used if key in self.kept)

    def rendering(self, page, render: Callable) -> Callable:
        """``page.render`` for this build: the kept results when the page is unchanged."""

        def cached_render(config, files) -> None:
            made_from = f"{self.signature}\n{_links_recorded()}\n{page.file.src_uri}\n{page.markdown}"
            key = hashlib.sha256(made_from.encode()).hexdigest()
            kept = self.kept.get(key)
            if kept is None:
                kept = self._converted(page, render, config, files)
            else:
                self._put_back(page, kept, files)
            self.used[key] = kept

        return cached_render

    @staticmethod
    def _converted(page, render: Callable, config, files) -> dict:
        warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            render(config, files)
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
        links = page.links_to_anchors
        return {
            "content": page.content,
            "toc": _tokens(page.toc),
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": None if links is None else {f.src_uri: dict(to) for f, to in links.items()},
            "warnings": warnings.said,
        }

    @staticmethod
    def _put_back(page, kept: dict, files) -> None:
        page.content = kept["content"]
        page.toc = get_toc(kept["toc"])
        page._title_from_render = kept["title"]
        page.present_anchor_ids = set(kept["anchors"])
        if kept["links"] is not None:
            page.links_to_anchors = {files.get_file_from_path(src): dict(to) for src, to in kept["links"].items()}
        for name, level, message in kept["warnings"]:
            logging.getLogger(name).log(level, message)
