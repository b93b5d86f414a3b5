"""A curriculum with script in every text field and module body, built as ``check`` would never
let it be: in Chromium no page runs any of it, and every page carries the Content-Security-Policy.

The build skips ``check`` on purpose (``check`` refuses all of it, tests/core/test_markup.py):
this is the net under it, the sanitiser and the policy. Each payload would set
``window.__pwned``; every page of the site is opened, its links' schemes and elements'
attributes are read from the DOM, the search is run over the payloads' words, and the flag
must stay unset.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from hostile import hostile_copy, unchecked

from generator.core.project import Project
from generator.site.build import generate
from generator.site.engine import build_site

from .conftest import REPO, QuietHandler

DOM_FINDINGS = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attribute of el.attributes) {
      if (/^on/i.test(attribute.name)) found.push(`${el.tagName} ${attribute.name}`);
    }
    const ours = el.closest(".md-search, .hb-quiz") || el.dataset.hbWorker === "search";
    if (["IFRAME", "OBJECT", "EMBED", "BASE", "FORM"].includes(el.tagName) && !ours) {
      found.push(el.tagName);
    }
    if (el.tagName === "META" && el.httpEquiv && el.httpEquiv.toLowerCase() === "refresh") found.push("META refresh");
  }
  for (const a of document.querySelectorAll("a[href]")) {
    if (!["http:", "https:", "mailto:", "tel:", "file:"].includes(a.protocol)) found.push(`A ${a.protocol}`);
  }
  if (window.__pwned !== undefined) found.push(`__pwned=${window.__pwned}`);
  return found;
}"""
CSP_OF_PAGE = """() => {
  const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  return meta ? meta.content : null;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("seeded") / "mini"
    project = hostile_copy(REPO / "tests" / "fixtures" / "mini", root, REPO / "site_templates", REPO / "mkdocs.yml")
    rendered, _ = generate(project, unchecked(project))
    build_site(project, rendered.nav, offline=True)
    return project


SEARCH_READY = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  return meta && meta.textContent.trim() && !meta.textContent.includes("初始化");
}"""
SEARCH_DONE = """() => /结果|没有/.test(document.querySelector(".md-search-result__meta").textContent)"""


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_runs_any_seeded_script(browser, hostile_site: Project) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    findings: dict[str, list[str]] = {}
    policies: dict[str, str | None] = {}
    pages = _pages(hostile_site.site)
    assert len(pages) > 20
    for path in pages:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.keyboard.press("Tab")  # focus handlers and autofocus get their chance
        page.mouse.move(400, 400)
        found = page.evaluate(DOM_FINDINGS)
        if found:
            findings[path.relative_to(hostile_site.site).as_posix()] = found
        policies[path.name] = page.evaluate(CSP_OF_PAGE)
    context.close()
    assert findings == {}
    assert errors == []
    assert {policy for policy in policies.values()} == {policies["index.html"]}
    assert "script-src 'self'" in policies["index.html"]


def test_module_pages_show_the_seeded_text_as_text(browser, hostile_site: Project) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto((hostile_site.site / "modules" / "regular-sample.html").as_uri())
    title = page.title()
    heading = page.locator("article h1").first.inner_text()
    body = page.locator("article").inner_text()
    context.close()
    assert title.startswith("常规培训示例")
    assert "常规培训示例" in heading
    assert "悬停或聚焦这里" in body  # the element stays, its handlers are gone


def test_the_policy_blocks_what_would_slip_through(browser, hostile_site: Project) -> None:
    """Markup put into the page after it loaded, as a flaw in a script could: the policy alone
    keeps its handler and its inline script from running."""
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else None)
    page.goto((hostile_site.site / "index.html").as_uri())
    page.evaluate(
        """() => {
      document.body.insertAdjacentHTML("beforeend", '<img src="x" onerror="window.__pwned = 99">');
      const script = document.createElement("script");
      script.textContent = "window.__pwned = 98";
      document.body.append(script);
    }"""
    )
    page.wait_for_timeout(300)
    pwned = page.evaluate("window.__pwned")
    context.close()
    assert pwned is None
    assert len(violations) >= 2


@pytest.fixture(scope="module")
def hostile_server(hostile_site: Project) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(hostile_site.site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize("query", ["悬停", "点此", "链接", "pwned", "script"])
def test_search_results_run_nothing(browser, hostile_server: str, query: str) -> None:
    """The search shows page text as the theme's markup: the seeded text must stay text there too."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{hostile_server}/index.html")
    page.locator("input.md-search__input").click()
    page.wait_for_function(SEARCH_READY)  # keys typed while the index loads are lost
    page.locator("input.md-search__input").fill(query)
    page.keyboard.press("End")  # the theme searches on a key going up
    page.wait_for_function(SEARCH_DONE)
    found = page.evaluate(DOM_FINDINGS)
    shown = page.locator(".md-search-result__item").count()
    context.close()
    assert found == []
    if query in ("悬停", "点此", "链接"):
        assert shown > 0  # the search ran over the seeded pages
