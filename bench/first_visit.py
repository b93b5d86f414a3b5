"""What a phone downloads on its first visit to a module page, in Chromium at 360 px.

    python bench/first_visit.py [--copies K]

Builds a copy of the shipped curriculum with ``handbook build`` and, as the baseline, with a bare
``mkdocs build`` of the same pages (bench/build.py) whose theme loads the search index with the
page, as the theme does by itself (the handbook's overrides without its main.html); serves each
folder on localhost and opens the same module page in a fresh 360-px Chromium, waiting until the
network is idle. Every
response is counted at its gzipped size (level 6, what a web server sends), by kind. Then search
is opened on the handbook's page, to show what the on-demand index costs when it is wanted.
Target: ≤ 250 KB gzipped for the first visit.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from build import BARE_CONFIG, copy_project, enlarge, prepare

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PAGE = "modules/regular-complaint-handling/"
TARGET_KB = 250
EAGER_CONFIG, EAGER_SITE, EAGER_THEME = "bare-eager.yml", "bare-eager-site", "bare-eager-overrides"


def eager_baseline(root: Path) -> Path:
    """The bare build with the theme's own page template, which loads the index with the page."""
    shutil.copytree(root / "site_templates" / "overrides", root / EAGER_THEME)
    (root / EAGER_THEME / "main.html").unlink()
    config = yaml.safe_load((root / BARE_CONFIG).read_text(encoding="utf-8"))
    config["site_dir"] = EAGER_SITE
    config["theme"] = {**yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]}
    config["theme"]["custom_dir"] = EAGER_THEME
    (root / EAGER_CONFIG).write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / EAGER_CONFIG)], check=True)
    return root / EAGER_SITE


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serving(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def kind(url: str) -> str:
    if url.endswith("search_index.json"):
        return "search index"
    for suffix, name in ((".js", "scripts"), (".css", "styles"), ("/", "page"), (".html", "page")):
        if url.split("?")[0].endswith(suffix):
            return name
    return "other"


def visit(browser, base: str, *, open_search: bool = False) -> dict[str, int]:
    """Gzipped bytes per kind of response for one first visit (a fresh browser context)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    bodies: list[tuple[str, bytes]] = []
    page.on("response", lambda response: bodies.append((response.url, response)))
    page.goto(f"{base}/{PAGE}")
    page.wait_for_load_state("networkidle")
    if open_search:
        page.locator("label.md-header__button[for=__search]").click()
        page.get_by_role("textbox", name="搜索").fill("投诉")
        page.locator(".md-search-result__item").first.wait_for()
        page.wait_for_load_state("networkidle")
    sizes: dict[str, int] = defaultdict(int)
    for url, response in bodies:
        try:
            sizes[kind(url)] += len(gzip.compress(response.body(), 6))
        except Exception:  # a redirect has no body
            continue
    context.close()
    return dict(sizes)


def table(results: dict[str, dict[str, int]]) -> None:
    kinds = sorted({k for sizes in results.values() for k in sizes})
    print(f"{'gzipped KB':<34}" + "".join(f"{k:>14}" for k in kinds) + f"{'total':>10}")
    for label, sizes in results.items():
        cells = "".join(f"{sizes.get(k, 0) / 1024:>14.1f}" for k in kinds)
        print(f"{label:<34}{cells}{sum(sizes.values()) / 1024:>10.1f}")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--copies", type=int, default=1, help="make every module and its bank this many times")
    arguments = options.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        project = copy_project(Path(scratch) / "handbook")
        enlarge(project, arguments.copies)
        prepare(project)
        ours, ours_url = serving(project.site)
        bare_site = eager_baseline(project.root)
        bare, bare_url = serving(bare_site)
        index = (project.site / "search" / "search_index.json").read_bytes()
        bare_index = (bare_site / "search" / "search_index.json").read_bytes()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                results = {
                    "bare mkdocs, index with the page": visit(browser, bare_url),
                    "handbook, first visit": visit(browser, ours_url),
                    "handbook, then search opened": visit(browser, ours_url, open_search=True),
                }
                browser.close()
        finally:
            ours.shutdown()
            bare.shutdown()
    table(results)
    first = sum(results["handbook, first visit"].values()) / 1024
    baseline = sum(results["bare mkdocs, index with the page"].values()) / 1024
    print(f"first visit: {first:.0f} KB gzipped, {first / baseline:.2f}× bare MkDocs (target ≤ {TARGET_KB} KB)")
    print(
        f"search index: {len(index) / 1024:.0f} KB as UTF-8 ({len(gzip.compress(index, 6)) / 1024:.0f} KB gzipped), "
        f"{len(bare_index) / 1024:.0f} KB with \\u escapes ({len(gzip.compress(bare_index, 6)) / 1024:.0f} KB gzipped)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
