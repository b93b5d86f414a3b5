"""`handbook build`: a site in site/, no rewrite when nothing changed, the old site kept on failure."""

from __future__ import annotations

import json
import logging
import shutil

import pytest

from generator.core.errors import BuildFailed
from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.site.build import build, generate


def test_build_writes_a_chinese_site(mini: Project) -> None:
    build(mini, strict=True)
    index = (mini.site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in index
    assert (mini.site / "policy" / "index.html").is_file()
    assert (mini.site / "modules" / "regular-sample" / "index.html").is_file()


def test_no_page_speaks_english_or_links_to_the_theme(mini: Project) -> None:
    """The page for a wrong address says so in Chinese and leads home; no page carries the theme's
    English "Made with Material for MkDocs", a link to another host; the ¶ after a heading is
    titled in Chinese, not "Permanent link"."""
    build(mini)
    missing = (mini.site / "404.html").read_text(encoding="utf-8")
    assert "<h1>找不到这个页面</h1>" in missing and "Not found" not in missing
    assert ">首页</a>重新找" in missing
    policy = (mini.site / "policy" / "index.html").read_text(encoding="utf-8")
    for page in (missing, policy):
        assert "Made with" not in page and "squidfunk" not in page
    assert 'class="headerlink" href="#' in policy and 'title="本节链接"' in policy and "Permanent link" not in policy


def test_search_index_is_segmented_into_chinese_words(mini: Project) -> None:
    build(mini)
    index = json.loads((mini.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "\\u200b" in index["config"]["separator"]  # the Chinese theme splits words on those boundaries
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert "\u200b培训\u200b" in texts  # jieba put word boundaries between Chinese words


def test_second_generation_rewrites_no_file(mini: Project) -> None:
    found = check(mini)
    _, first = generate(mini, found)
    assert first.written
    stamps = {p: p.stat().st_mtime_ns for p in mini.docs.rglob("*") if p.is_file()}
    _, second = generate(mini, found)
    assert second.written == [] and second.removed == []
    assert stamps == {p: p.stat().st_mtime_ns for p in mini.docs.rglob("*") if p.is_file()}


def test_a_changed_module_rewrites_only_its_page(mini: Project) -> None:
    generate(mini, check(mini))
    module = mini.curriculum / "modules" / "fire" / "fire-sample.md"
    module.write_text(module.read_text(encoding="utf-8").replace("要点一。", "要点一，已修改。"), "utf-8")
    _, report = generate(mini, check(mini))
    assert report.written == ["modules/fire-sample.md"]


def test_a_removed_module_loses_its_page(mini: Project) -> None:
    generate(mini, check(mini))
    (mini.curriculum / "modules" / "drill" / "drill-sample.md").unlink()
    (mini.quizzes / "drill-sample.yaml").unlink()
    _, report = generate(mini, check(mini))
    assert "modules/drill-sample.md" in report.removed
    assert not (mini.docs / "modules" / "drill-sample.md").exists()


def test_failed_build_keeps_the_previous_site(mini: Project) -> None:
    build(mini)
    before = (mini.site / "index.html").read_bytes()
    mini.mkdocs_yml.write_text(mini.mkdocs_yml.read_text(encoding="utf-8") + "\ntheme: 42\n", "utf-8")
    with pytest.raises(BuildFailed):
        build(mini)
    assert (mini.site / "index.html").read_bytes() == before
    assert not list(mini.root.glob(".site.new-*"))


def test_offline_site_opens_from_disk(mini: Project) -> None:
    build(mini, offline=True)
    assert (mini.site / "policy.html").is_file()  # no directory URLs: file:// needs real files
    assert (mini.site / "search" / "search_index.js").is_file()
    index = (mini.site / "index.html").read_text(encoding="utf-8")
    assert 'href="policy.html"' in index


def test_an_unchanged_build_does_nothing(mini: Project, caplog) -> None:
    build(mini)
    site = mini.site.stat().st_ino
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="generator.site.build"):
        report = build(mini)
    assert "网站已是最新" in caplog.text and "正在检查内容" not in caplog.text
    assert report.written == [] and mini.site.stat().st_ino == site


def test_a_change_that_leaves_the_pages_alone_skips_mkdocs(mini: Project, caplog) -> None:
    build(mini)
    site = mini.site.stat().st_ino
    policy = mini.curriculum / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n# 只加了一行注释\n", "utf-8")
    with caplog.at_level(logging.INFO, logger="generator.site.build"):
        build(mini)
    assert "正在检查内容" in caplog.text and "不必再运行 MkDocs" in caplog.text
    assert mini.site.stat().st_ino == site


@pytest.mark.parametrize("change", ["settings", "site removed", "switch"])
def test_mkdocs_runs_again_when_what_it_reads_changed(mini: Project, change: str, caplog) -> None:
    build(mini)
    if change == "settings":
        mini.mkdocs_yml.write_text(mini.mkdocs_yml.read_text(encoding="utf-8").replace("客服", "物业客服"), "utf-8")
    elif change == "site removed":
        shutil.rmtree(mini.site)
    with caplog.at_level(logging.INFO, logger="generator.site.build"):
        build(mini, offline=change == "switch")
    assert "正在构建网站（MkDocs）" in caplog.text
    assert (mini.site / "index.html").is_file()


def test_a_killed_builds_leftovers_are_removed_by_the_next(mini: Project) -> None:
    build(mini)
    half = mini.root / ".site.new-killed"
    half.mkdir()
    (half / "index.html").write_text("half a site", encoding="utf-8")
    (mini.root / ".site.old").mkdir()
    build(mini, offline=True)  # a change MkDocs must build
    assert sorted(p.name for p in mini.root.glob(".site*")) == []
    assert (mini.site / "index.html").is_file()
