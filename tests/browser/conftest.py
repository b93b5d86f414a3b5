"""Browser tests: Debian's chromium driven by Playwright, against the built shipped handbook,
served on localhost and opened from disk (file://).

Outside CI a machine without chromium skips them, loudly; in CI (CI=true) they fail instead.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.site.build import generate
from generator.site.engine import build_site

REPO = Path(__file__).resolve().parents[2]


def copy_mini(target: Path) -> Path:
    """The small test curriculum with the shipped templates, in a scratch folder free to edit."""
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", target)
    shutil.copytree(REPO / "site_templates", target / "site_templates")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def build_offline(project: Project) -> Project:
    rendered, _ = generate(project, check(project))
    build_site(project, rendered.nav, offline=True)
    return project


def copy_shipped(target: Path) -> Project:
    target.mkdir(parents=True)
    for folder in ("curriculum", "quizzes", "site_templates"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return Project(target)


def built(target: Path, *, offline: bool) -> Project:
    project = copy_shipped(target)
    rendered, _ = generate(project, check(project))
    build_site(project, rendered.nav, offline=offline)
    return project


@pytest.fixture(scope="session")
def online_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return built(tmp_path_factory.mktemp("online") / "handbook", offline=False)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return built(tmp_path_factory.mktemp("offline") / "handbook", offline=True)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(online_site: Project) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(online_site.site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@contextmanager
def phone_page(browser, **options) -> Iterator:
    """A fresh 360-px-wide page (its own storage), failing the test on any script error;
    ``options`` go to the browser context (a time zone, say)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, accept_downloads=True, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


@pytest.fixture
def phone(browser):
    with phone_page(browser) as page:
        yield page


def quiz_url(base: str, bank_id: str, *, offline: bool) -> str:
    return f"{base}/quizzes/{bank_id}.html" if offline else f"{base}/quizzes/{bank_id}/"


@pytest.fixture(params=["http", "file"])
def site_url(request: pytest.FixtureRequest) -> tuple[str, bool]:
    """The same tests against the served site and the offline site opened from disk."""
    if request.param == "http":
        return request.getfixturevalue("server"), False
    return request.getfixturevalue("offline_site").site.as_uri(), True
