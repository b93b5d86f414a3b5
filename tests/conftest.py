from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--update-golden")


def copy_project(source: Path, target: Path) -> Project:
    """A writable copy of a curriculum, with the real templates and MkDocs settings."""
    shutil.copytree(source, target)
    shutil.copytree(REPO / "site_templates", target / "site_templates")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return Project(target)


@pytest.fixture
def mini(tmp_path: Path) -> Project:
    """The small fixture curriculum: one module per programme, hours that add up."""
    return copy_project(FIXTURES / "mini", tmp_path / "mini")


@pytest.fixture
def shipped(tmp_path: Path) -> Project:
    """A copy of the shipped curriculum, so a test can build it without touching the repo."""
    target = tmp_path / "shipped"
    target.mkdir()
    for folder in ("curriculum", "quizzes"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copytree(REPO / "site_templates", target / "site_templates")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return Project(target)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run, for any test that needs one: Playwright's sync API runs one
    instance per process, so a test that started its own after the browser tests would fail."""
    from tests.chromium import CHROMIUM, CHROMIUM_ARGS, require

    require(CHROMIUM, "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()
