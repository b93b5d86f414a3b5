"""The helper process that makes the search index (generator/site/cutting_process.py): the same
index byte for byte, every page's entries made aside, and nothing lost or left running when the
helper fails."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import material.plugins.search.plugin as search_plugin
import pytest

import generator.site.build_cache as build_cache
import generator.site.cutting_process as cutting_process
from generator.core.project import Project
from generator.site.build import build
from generator.site.cutting_process import CuttingProcess, receive, send
from tests.conftest import FIXTURES, copy_project

INDEX = Path("search") / "search_index.json"


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> list[CuttingProcess]:
    """Every helper the builds start, with what it was asked for."""
    started: list[CuttingProcess] = []

    class Recorded(CuttingProcess):
        def __init__(self) -> None:
            super().__init__()
            self.asked: list[str] = []
            started.append(self)

        def entries(self):
            self.asked.append("entries")
            return super().entries()

        def words(self, runs: list[bytes]):
            self.asked.append("words")
            return super().words(runs)

    monkeypatch.setattr(cutting_process, "CuttingProcess", Recorded)
    monkeypatch.setattr(cutting_process, "cores", lambda: 2)
    return started


def nothing_here(*args, **options):
    raise AssertionError("the building process was asked to cut words or make search entries")


def test_the_index_is_the_same_and_every_entry_was_made_aside(
    mini: Project, tmp_path: Path, helpers: list[CuttingProcess], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = copy_project(FIXTURES / "mini", tmp_path / "alone")
    build(alone)
    monkeypatch.setattr(build_cache, "_CUTS", {})  # cut afresh: the helper must be asked
    with monkeypatch.context() as patched:
        patched.setattr(build_cache.jieba, "cut", nothing_here)
        patched.setattr(search_plugin.SearchIndex, "create_entry_for_section", nothing_here)
        build(mini, cut_aside=True)
    assert (mini.site / INDEX).read_bytes() == (alone.site / INDEX).read_bytes()
    [helper] = helpers
    # One question, at the first page indexed: the answer held every page's entries.
    assert helper.asked == ["entries"]
    assert not helper.running


def test_the_helpers_entries_are_the_plugins(mini: Project) -> None:
    """Straight from the helper, a page with text before its first heading and headings at three
    levels: the plugin's entries, made in this process; and a page whose front matter is not
    plain data has its runs cut instead."""
    html = (
        "<p>开篇的话，在第一个标题之前。</p>"
        '<h1 id="top">消防设施</h1><p>客服人员应当熟悉<strong>火灾报警</strong>按钮。</p>'
        '<h2 id="alarm">报警 <a class="headerlink" href="#alarm">¶</a></h2><p>按下报警按钮后，监控中心会收到信号。</p>'
        '<h3 id="deep">更深一层</h3><p>深层内容。</p><h2>没有锚点的标题</h2><p>末段文字。</p>'
    )
    toc = [["top", "#top", [["alarm", "#alarm", [["deep", "#deep", []]]]]]]
    meta = {"tags": ["消防", 3, True], "search": {"boost": 2}}
    helper = CuttingProcess()
    try:
        helper.page("plain", html, "消防设施", "modules/fire/", toc, meta)
        helper.page("dated", "<p>日期页面的正文</p>", "日期页面", "d/", [], {"tags": [dt.date(2026, 12, 3)]})
        made = helper.entries()
        words = helper.words(["日期页面的正文".encode()])
    finally:
        helper.stop()
    assert made is not None and set(made) == {"plain"}
    assert made["plain"] == plugin_entries(html, "消防设施", "modules/fire/", toc, meta)
    assert words is not None and "".join(words["日期页面的正文".encode()]) == "日期页面的正文"
    assert "日期页面".encode() in words  # the section's title, the page's: cut with the page


def plugin_entries(html: str, title: str, url: str, toc: list, meta: dict) -> list:
    """The plugin's entries for a page, made here with jieba, as a build makes them."""

    class Anchor:
        def __init__(self, id, url, children) -> None:
            self.id, self.url, self.children = id, url, [Anchor(*c) for c in children]

    page = SimpleNamespace(content=html, title=title, url=url, meta=meta, toc=[Anchor(*i) for i in toc])
    index = search_plugin.SearchIndex()
    index.add_entry_from_context(page)
    assert index.entries and all(e["text"] or e["title"] for e in index.entries)
    return json.loads(json.dumps(index.entries, default=str))


def test_a_helper_that_dies_costs_nothing(mini: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = copy_project(FIXTURES / "mini", tmp_path / "alone")
    build(alone)
    started: list[CuttingProcess] = []

    class Dying(CuttingProcess):
        def __init__(self) -> None:
            real = subprocess.Popen

            def exits_at_once(command, **options):
                return real([sys.executable, "-c", "pass"], **options)

            monkeypatch.setattr(cutting_process.subprocess, "Popen", exits_at_once)
            super().__init__()
            monkeypatch.setattr(cutting_process.subprocess, "Popen", real)
            started.append(self)

    monkeypatch.setattr(cutting_process, "CuttingProcess", Dying)
    monkeypatch.setattr(cutting_process, "cores", lambda: 2)
    monkeypatch.setattr(build_cache, "_CUTS", {})  # cut afresh: here, since the helper is gone
    build(mini, cut_aside=True)
    assert (mini.site / INDEX).read_bytes() == (alone.site / INDEX).read_bytes()
    assert started and not started[0].running


def test_a_failed_build_leaves_no_helper_running(mini: Project, helpers: list[CuttingProcess]) -> None:
    (mini.curriculum / "policy.yaml").write_text("pass_mark: [\n", encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017  (which error is the check's business, tested elsewhere)
        build(mini, cut_aside=True)
    [helper] = helpers
    assert not helper.running


def test_one_core_builds_without_a_helper(mini: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cutting_process, "cores", lambda: 1)
    assert cutting_process.started() is None


def test_messages_go_across_whole_and_a_cut_message_ends_the_reading() -> None:
    stream = io.BytesIO()
    message = ("words", [b"\xe4\xb8\x9a\xe4\xb8\xbb", "客服人员".encode()], {b"x": ("业", "主")})
    send(stream, message)
    whole = stream.getvalue()
    assert receive(io.BytesIO(whole)) == message
    for cut_at in (0, 3, len(whole) - 1):
        with pytest.raises(EOFError):
            receive(io.BytesIO(whole[:cut_at]))


WORDS = """
import hashlib, pathlib, sys
if sys.argv[1] == "ours":
    from generator.site.jieba_dictionary import jieba, load_dictionary
    jieba.setLogLevel(60)
    load_dictionary()
else:
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
text = "".join(p.read_text(encoding="utf-8") for p in sorted(pathlib.Path("curriculum").rglob("*.md")))
words = "\\u200b".join(jieba.cut(text.encode("utf-8")))
entries = sorted(jieba.dt.FREQ.items())
digests = [hashlib.sha256(repr(entries).encode()).hexdigest(), hashlib.sha256(words.encode()).hexdigest()]
print(jieba.dt.total, len(entries), *digests)
print("pkg_resources" in sys.modules)
"""


def test_jieba_imported_and_its_dictionary_read_our_way_are_jiebas_own() -> None:
    """The same dictionary, and the same words for every module of the shipped curriculum, with
    jieba imported without pkg_resources and its dictionary cache read whole."""
    repo = Path(__file__).resolve().parents[2]

    def run(how: str) -> list[str]:
        command = [sys.executable, "-c", WORDS, how]
        return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=True).stdout.splitlines()

    ours, usual = run("ours"), run("usual")
    assert ours[0] == usual[0] and len(ours[0].split()) == 4
    assert ours[1] == "False"  # pkg_resources was never imported
