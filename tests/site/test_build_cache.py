"""The build cache: the search index is the same byte for byte with a cold cache, a warm one and
none at all (bare MkDocs, decoded), and a warm build cuts only the pages that changed."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import jieba
import material.plugins.search.plugin as search_plugin
import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.core.errors import BuildFailed
from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.site.build import build, generate
from generator.site.build_cache import SEARCH_ENTRIES, RememberedCuts

INDEX = Path("search") / "search_index.json"


def bare_index(project: Project, nav: list, site: Path) -> bytes:
    """The search index of a plain ``mkdocs build`` of the same pages, without the cache."""
    config = load_config(str(project.mkdocs_yml), docs_dir=str(project.docs), site_dir=str(site), nav=nav)
    mkdocs_build(config)
    return (site / INDEX).read_bytes()


def test_the_search_index_is_the_same_with_and_without_the_cache(mini: Project, tmp_path: Path) -> None:
    build(mini)
    cold = (mini.site / INDEX).read_bytes()
    assert (mini.cache / "mkdocs" / SEARCH_ENTRIES).is_file()
    module = mini.curriculum / "modules" / "fire" / "fire-sample.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n另起一段，让 MkDocs 再构建一次。\n", "utf-8")
    build(mini)  # warm: every other page's entries come from the cache
    module.write_text(module.read_text(encoding="utf-8").replace("\n另起一段，让 MkDocs 再构建一次。\n", ""), "utf-8")
    build(mini)
    assert (mini.site / INDEX).read_bytes() == cold
    (mini.cache / "mkdocs" / SEARCH_ENTRIES).unlink()
    rendered, _ = generate(mini, check(mini))
    bare = bare_index(mini, rendered.nav, tmp_path / "bare")
    assert json.loads(bare) == json.loads(cold)
    escaped = "培训".encode("ascii", "backslashreplace")  # b"\\u57f9\\u8bad"
    assert escaped in bare and escaped not in cold and "培训".encode() in cold  # UTF-8, not escapes


def test_a_warm_build_cuts_only_the_changed_page(mini: Project, caplog) -> None:
    build(mini)
    module = mini.curriculum / "modules" / "fire" / "fire-sample.md"
    module.write_text(module.read_text(encoding="utf-8").replace("要点一。", "要点一，已修改。"), "utf-8")
    with caplog.at_level(logging.DEBUG, logger="generator.site.build_cache"):
        build(mini)
    pages = sum(1 for _ in mini.docs.rglob("*.md"))
    assert f"搜索索引：{pages - 1} 个页面沿用上次的条目，1 个页面重新分词" in caplog.text
    index = json.loads((mini.site / INDEX).read_text(encoding="utf-8"))
    assert any("修改" in doc["text"] for doc in index["docs"])


def test_a_damaged_cache_is_made_again_not_trusted(mini: Project) -> None:
    build(mini)
    (mini.cache / "mkdocs" / SEARCH_ENTRIES).write_text("{不是 JSON", encoding="utf-8")
    module = mini.curriculum / "modules" / "fire" / "fire-sample.md"
    module.write_text(module.read_text(encoding="utf-8").replace("要点一。", "要点一，已修改。"), "utf-8")
    build(mini)
    with_damaged = (mini.site / INDEX).read_bytes()
    shutil.rmtree(mini.cache)
    build(mini)
    assert (mini.site / INDEX).read_bytes() == with_damaged


def test_remembered_cuts_are_jiebas_own_and_are_put_back(mini: Project) -> None:
    cuts = RememberedCuts({})
    for run in ("业主投诉处理流程", "客服人员", "业主投诉处理流程"):
        assert list(cuts.cut(run.encode())) == list(jieba.cut(run.encode()))
    assert len(cuts.cuts) == 2
    build(mini)
    assert search_plugin.jieba is jieba  # a build borrows the plugin's jieba and gives it back


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_site_built_from_kept_pages_is_the_same_file_for_file(mini: Project, caplog) -> None:
    build(mini)
    fresh = site_files(mini.site)
    module = mini.curriculum / "modules" / "fire" / "fire-sample.md"
    original = module.read_text(encoding="utf-8")
    module.write_text(original.replace("要点一。", "要点一，改过又改回。"), "utf-8")
    build(mini)
    module.write_text(original, "utf-8")
    with caplog.at_level(logging.DEBUG, logger="generator.site.build_cache"):
        build(mini)  # every page's HTML and search entries from the cache
    pages = sum(1 for _ in mini.docs.rglob("*.md"))
    assert f"Markdown：{pages - 1} 个页面沿用上次的转换结果" in caplog.text
    assert site_files(mini.site) == fresh


def test_a_kept_page_warns_again_about_its_broken_anchor(mini: Project, caplog) -> None:
    module = mini.curriculum / "modules" / "fire" / "fire-sample.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n另见[要点](drill-sample.md#nowhere)。\n", "utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(mini)
    assert "#nowhere" in caplog.text
    caplog.clear()
    other = mini.curriculum / "modules" / "drill" / "drill-sample.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n另起一段。\n", "utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(mini)  # the page with the broken anchor comes from the cache
    assert "#nowhere" in caplog.text
    with pytest.raises(BuildFailed):
        build(mini, strict=True)  # and still fails a strict build


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: the test's edit must be updated"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _one_more_day_for_analysis(project: Project) -> None:
    """A policy figure shown on the policy page, changed in policy.yaml."""
    policy = project.curriculum / "policy.yaml"
    days = yaml.safe_load(policy.read_text(encoding="utf-8"))["assessment"]["analysis_within_days"]
    _edit(policy, f"analysis_within_days: {days}", f"analysis_within_days: {days + 1}")


EDITS = {
    "a page": lambda p: _edit(p.curriculum / "modules" / "fire" / "fire-sample.md", "要点一。", "要点一，改过。"),
    "a page template": lambda p: _edit(p.templates / "pages" / "module.md.j2", "\n", "\n\n本页由手册生成。\n\n"),
    "the theme's template": lambda p: _edit(
        p.templates / "overrides" / "main.html", "{{ super() }}", "{{ super() }}<noscript>改过</noscript>"
    ),
    "the site's name in mkdocs.yml": lambda p: _edit(p.mkdocs_yml, "site_name: ", "site_name: 新版"),
    "a Markdown setting in mkdocs.yml": lambda p: _edit(p.mkdocs_yml, "permalink: true", 'permalink: "#"'),
    "a policy figure": _one_more_day_for_analysis,
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_an_edit_shows_in_the_site_built_with_the_cache_as_without(mini: Project, edit) -> None:
    """Kept pages never stand in for changed ones: after each kind of edit, the site built with
    the cache of the build before differs from that build's and is, file for file, the site
    built with no cache at all."""
    build(mini)
    before = site_files(mini.site)
    edit(mini)
    build(mini)
    warm = site_files(mini.site)
    assert warm != before
    shutil.rmtree(mini.cache)
    build(mini)
    assert warm == site_files(mini.site)


def test_a_page_kept_while_mkdocs_logged_everything_still_has_its_anchors_checked(mini: Project, caplog) -> None:
    module = mini.curriculum / "modules" / "fire" / "fire-sample.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n另见[要点](drill-sample.md#nowhere)。\n", "utf-8")
    with caplog.at_level(logging.DEBUG, logger="mkdocs.structure.pages"):
        build(mini)  # MkDocs records no links to anchors while its pages log at DEBUG level
    other = mini.curriculum / "modules" / "drill" / "drill-sample.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n另起一段。\n", "utf-8")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(mini)
    assert "#nowhere" in caplog.text
