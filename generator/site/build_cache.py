"""What one build of the site keeps for the next, in ``build/cache/mkdocs``: each page's search
entries, each page's HTML (``page_cache.py``), and the theme's compiled templates.

Indexing a page for search means parsing its HTML and cutting its Chinese text into words with
jieba, whose dictionary alone takes a second to load; it is the biggest part of a MkDocs build,
and it is done again for every page on every build although most pages have not changed. Here a
page's entries are kept under a hash of everything they are made from (the page's HTML, address,
title, table of contents and search settings), so a page that did not change is not parsed or
cut again, and when no page changed jieba is never loaded; and within a build, a run of Chinese
characters that recurs (业主, 客服人员) is cut once (``RememberedCuts``). The entries are the search plugin's
own, stored and put back as they were: the index is the same byte for byte with or without the
cache (tests/site/test_build_cache.py).

The search index is also written as UTF-8 rather than with every Chinese character escaped as
``\\uXXXX``: the same JSON at half the bytes for a phone to download.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from material import __version__ as material_version
from mkdocs.plugins import BasePlugin

from ..core.kept import keep, read_kept
from .cutting_process import CuttingProcess
from .jieba_dictionary import jieba, load_dictionary
from .page_cache import PageCache, json_bytes

SEARCH_PLUGIN = "material/search"
NAME = "handbook/build-cache"
SEARCH_ENTRIES = "search-entries.json"
THEME_TEMPLATES = "theme-templates"

log = logging.getLogger(__name__)


def _toc(items) -> list:
    """The table of contents as the search plugin reads it: anchors, their links, nested."""
    return [[item.id, item.url, _toc(item.children)] for item in items]


def page_key(page, content: str | None = None) -> str:
    """A hash of everything the search plugin makes a page's entries from: the page's HTML is
    ``content`` when given (a plugin's ``on_page_content`` has it before the page does)."""
    meta = {name: page.meta.get(name) for name in ("search", "tags", "title")}
    made_from = json.dumps([page.url, str(page.title), meta, _toc(page.toc)], default=str, ensure_ascii=False)
    html = page.content if content is None else content
    return hashlib.sha256(f"{made_from}\n{html}".encode()).hexdigest()


def search_settings(search) -> str:
    """What else decides how text is cut into words: the versions of the search plugin and of
    jieba, and any dictionary the configuration gives jieba."""
    settings = [material_version, jieba.__version__]
    for option in ("jieba_dict", "jieba_dict_user"):
        path = search.config.get(option)
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest() if path and Path(path).is_file() else ""
        settings.append(f"{option}={path}:{digest}")
    return "\n".join(settings)


def as_utf8(index_json: str) -> str:
    """The search index the plugin wrote, with its text as UTF-8 instead of ``\\u`` escapes."""
    return json.dumps(json.loads(index_json), ensure_ascii=False, separators=(",", ":"))


class RememberedCuts:
    """jieba as the search plugin calls it (``jieba.cut`` on one run of Chinese characters),
    remembering each run's words: the same runs (业主, 客服人员) recur hundreds of times in a
    handbook, and jieba's words for a run depend on the run and its dictionary alone. Put in
    place of the plugin's ``jieba`` for the length of a build, then taken away."""

    def __init__(self, cuts: dict[bytes, tuple[str, ...]], helper: CuttingProcess | None = None) -> None:
        self.cuts = cuts
        self.helper = helper

    def cut(self, sentence, *args, **options):
        if args or options or not isinstance(sentence, bytes):
            load_dictionary()
            return jieba.cut(sentence, *args, **options)
        words = self.cuts.get(sentence)
        if words is None and self.helper is not None:
            words = self._from_helper(sentence)
        if words is None:
            load_dictionary()
            words = self.cuts[sentence] = tuple(jieba.cut(sentence))
        return iter(words)

    def _from_helper(self, sentence: bytes) -> tuple[str, ...] | None:
        """The run's words from the helper process, with every other run it has cut so far."""
        assert self.helper is not None
        asked = time.perf_counter()
        got = self.helper.words([sentence])
        if got is None:
            self.helper = None
            return None
        self.cuts.update(got)
        log.debug(f"分词进程交来 {len(got)} 段的分词，等候 {time.perf_counter() - asked:.2f} 秒")
        return self.cuts.get(sentence)

    def __getattr__(self, name: str):
        return getattr(jieba, name)


_CUTS: dict[str, dict[bytes, tuple[str, ...]]] = {}
"""Runs already cut in this process, per search settings: a preview server keeps them between
its builds."""


class BuildCache(BasePlugin):
    """A MkDocs plugin added by the handbook's builds (``install``), after the search plugin."""

    def __init__(self, folder: Path, helper: CuttingProcess | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.helper = helper
        self.settings = ""
        self.kept: dict[str, list] = {}
        self.used: dict[str, list] = {}
        self.reused = 0
        self.aside: dict[str, list] | None = None
        self.pages = PageCache(folder)
        self.search_module: Any = None  # material's search plugin module; it has no type hints

    def on_config(self, config):
        search = config.plugins.get(SEARCH_PLUGIN)
        if search is None or not search.config.enabled:
            return config
        self.settings = search_settings(search)
        self.kept, self.used, self.reused, self.aside = self._load(), {}, 0, None
        index = search.search_index  # made afresh by the search plugin's on_config, just run
        index.add_entry_from_context = self._remembered(index, index.add_entry_from_context)
        generate = index.generate_search_index
        index.generate_search_index = lambda previous: as_utf8(generate(previous))
        if search.config.jieba_dict or search.config.jieba_dict_user:
            self.helper = None  # the helper's jieba has the default dictionary only
        # The module of the search plugin, imported by MkDocs after ours imported jieba (jieba_dictionary.py)
        self.search_module = sys.modules[type(search).__module__]
        if self.search_module.jieba is jieba:
            self.search_module.jieba = RememberedCuts(_CUTS.setdefault(self.settings, {}), self.helper)
        return config

    def on_build_error(self, *, error) -> None:
        self._put_jieba_back()

    def _put_jieba_back(self) -> None:
        if self.search_module is not None and isinstance(self.search_module.jieba, RememberedCuts):
            self.search_module.jieba = jieba

    def on_files(self, files, *, config):
        self.pages.start(files, config)
        return files

    def on_page_content(self, html, *, page, config, files):
        """A page whose search entries are not kept goes to the helper, which makes them."""
        if self.helper is None or not self.settings or (key := page_key(page, html)) in self.kept:
            return html
        meta = {name: page.meta[name] for name in ("search", "tags", "title") if name in page.meta}
        self.helper.page(key, html, str(page.title), page.url, _toc(page.toc), meta)
        return html

    def on_page_markdown(self, markdown, *, page, config, files):
        page.render = self.pages.rendering(page, page.render)
        return markdown

    def on_env(self, env, *, config, files):
        """The theme's templates compiled once and kept, not compiled again on every build."""
        folder = self.folder / THEME_TEMPLATES
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env

    def on_post_build(self, *, config) -> None:
        self._put_jieba_back()
        self.pages.save()
        log.debug(f"Markdown：{self.pages.reused} 个页面沿用上次的转换结果，共 {len(self.pages.used)} 个页面")
        if not self.settings:
            return
        keep(self.folder / SEARCH_ENTRIES, self.settings, self.used, json_bytes)
        log.debug(f"搜索索引：{self.reused} 个页面沿用上次的条目，{len(self.used) - self.reused} 个页面重新分词")

    def _made_aside(self, key: str) -> list | None:
        """The page's entries as the helper made them; asked for once, at the first page to be
        indexed, when every page has been converted and sent."""
        if self.helper is not None and self.aside is None:
            started = time.perf_counter()
            self.aside = self.helper.entries() or {}
            log.debug(f"分词进程交来 {len(self.aside)} 个页面的搜索条目，等候 {time.perf_counter() - started:.2f} 秒")
        return (self.aside or {}).get(key)

    def _load(self) -> dict[str, list]:
        return read_kept(self.folder / SEARCH_ENTRIES, self.settings, json.loads)

    def _remembered(self, index, add_entries: Callable) -> Callable:
        """The search index's ``add_entry_from_context``, taking a page's entries from the cache
        when the page is unchanged and remembering them when they had to be made."""

        def add_entry_from_context(page) -> None:
            key = page_key(page)
            if key in self.kept:
                index.entries.extend(self.kept[key])
                self.reused += 1
            elif (made := self._made_aside(key)) is not None:
                self.kept[key] = made
                index.entries.extend(made)
            else:
                before = len(index.entries)
                add_entries(page)
                # Stored as JSON and read back, as they will be next time: the same entries.
                self.kept[key] = json.loads(json.dumps(index.entries[before:], default=str))
                index.entries[before:] = self.kept[key]
            self.used[key] = self.kept[key]

        return add_entry_from_context


def install(config, cache: Path, helper: CuttingProcess | None = None) -> None:
    """Add the cache to a loaded MkDocs configuration; it runs after the search plugin, and
    after every plugin and hook that changes a page's HTML. ``helper``: a process making the
    search index meanwhile (``cutting_process.py``)."""
    config.plugins[NAME] = BuildCache(cache, helper)
