"""The sanitiser keeps what a handbook page needs and nothing that runs; titles become plain text;
every built page carries the Content-Security-Policy and loads nothing from another host."""

from __future__ import annotations

import re

import pytest

from generator.core.project import Project
from generator.site.build import build
from generator.site.sanitise import CSP, clean_html, clean_page, plain_title, with_csp

KEPT = [
    '<h2 id="_1">要点<a class="headerlink" href="#_1" title="Permanent link">¶</a></h2>',
    '<div class="admonition warning"><p class="admonition-title">注意</p><p>先问候。</p></div>',
    '<details class="success"><summary>参考答案</summary><p>先问候，再了解来意。</p></details>',
    '<table><thead><tr><th align="left">项目</th></tr></thead><tbody><tr><td class="x">内容</td></tr></tbody></table>',
    '<p><a href="../policy/">培训制度</a>，<a href="https://example.com/a">外部</a>，<a href="tel:119">119</a></p>',
    '<div class="hb-quiz" data-quiz="fire"><noscript><p>本页需要启用 JavaScript 才能答题。</p></noscript></div>',
    '<div class="hb-read-mark" data-module="fire"></div>',
    '<a href="../quizzes/fire/" data-quiz="fire">做自测</a><span class="hb-st" data-module="fire">—</span>',
    '<label for="hb-import">粘贴记录</label><textarea id="hb-import" readonly=""></textarea>',
    '<button class="md-button" id="hb-take" type="button">导入</button><input id="hb-file" type="file" accept=".txt">',
]


@pytest.mark.parametrize("fragment", KEPT)
def test_what_a_page_needs_is_kept_as_it_is(fragment: str) -> None:
    assert clean_html(fragment) == fragment


REMOVED = [
    ('<img src="x" onerror="window.__pwned=1">', '<img src="x">'),
    ('<div\n onmouseover="window.__pwned=2">悬停</div>', "<div>悬停</div>"),
    ('<a href="jav&#x61;script:window.__pwned=3">x</a>', "<a>x</a>"),
    ('<a href=" JaVa\tScript:window.__pwned=4">x</a>', "<a>x</a>"),
    ('<h1 id="__search" autofocus onfocus="window.__pwned=5">标题</h1>', "<h1>标题</h1>"),
    ("<script>window.__pwned=6</script>", ""),
    ("<style>body{}</style>", ""),
    ('<base href="https://example.invalid/">', ""),
    ('<meta http-equiv="refresh" content="0;url=javascript:1">', ""),
    ('<form action="x"><button type="submit">提交</button></form>', '<button type="button">提交</button>'),
    ('<iframe srcdoc="&lt;script&gt;parent.__pwned=7&lt;/script&gt;"></iframe>', ""),
    ('<p style="position:fixed">盖住页面</p>', "<p>盖住页面</p>"),
    ('<svg><a href="javascript:1">x</a></svg>', ""),
    ("<!-- 注释 -->文字", "文字"),
]


@pytest.mark.parametrize(("hostile", "left"), REMOVED)
def test_what_could_run_or_redirect_is_removed(hostile: str, left: str) -> None:
    assert clean_html(hostile) == left


@pytest.mark.parametrize("kind", ["quiz", "learning"])
def test_a_quiz_page_keeps_its_data_and_nothing_can_forge_it(kind: str) -> None:
    data = f'<script type="application/json" class="hb-{kind}-data">{{"stem":"\\u003cb\\u003e"}}</script>'
    page = f"<p>hb-quiz-data-0</p>{data}<script>window.__pwned=1</script>"
    assert clean_page(page) == f"<p>hb-quiz-data-0</p>{data}"


@pytest.mark.parametrize(
    ("title", "plain"),
    [
        ("常规培训", "常规培训"),
        ('常规 <img src=x onerror="alert(1)">', "常规 "),
        ("A & B <5 人", "A &amp; B ＜5 人"),
        ("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "alert(1)"),
        ("</title><script>alert(1)</script>", "alert(1)"),
    ],
)
def test_titles_become_plain_text_that_stays_plain_once_unescaped(title: str, plain: str) -> None:
    assert plain_title(title) == plain
    assert plain_title(plain) == plain
    assert "<" not in plain.replace("&lt;", "")


def test_the_policy_goes_first_into_the_head() -> None:
    page = with_csp('<!doctype html><html><head>\n<meta charset="utf-8"><script src="a.js"></script></head>')
    assert page.startswith(f'<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="{CSP}">')


def test_every_page_of_an_offline_build_has_the_policy_and_nothing_from_another_host(mini: Project) -> None:
    build(mini, offline=True)
    pages = sorted(mini.site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in text, path.name
        assert not re.search(r"""(?:\ssrc=|<link[^>]*\shref=)["']?(?:https?:)?//""", text), path.name
        assert "<script>" not in text, path.name  # no inline script: the policy would block it
