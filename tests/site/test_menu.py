"""The site's menu (site_templates/overrides/partials/nav.html): the open section shows its
overview and only a window of entries around the open page, with a line saying how many more
there are that leads to the overview; other sections are one link each. A page's size then does
not grow with the size of its section."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
import yaml

from generator.core.project import Project
from generator.site.build import build
from tests.conftest import FIXTURES, copy_project

MODULES = 7
WINDOW = 3


class PrimaryMenu(HTMLParser):
    """The entries of a page's menu: (classes of the item, address, text), in order; the
    contents of the open page under its entry left out."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.entries, self.item, self.inside_toc = 0, [], None, 0

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        classes = found.get("class") or ""
        if tag == "nav" and "md-nav--primary" in classes:
            self.depth = 1
        elif self.depth and tag == "nav":
            self.depth += 1
            self.inside_toc += "md-nav--secondary" in classes or bool(self.inside_toc)
        elif self.depth and not self.inside_toc and tag == "li":
            self.item = [classes, None, ""]
            self.entries.append(self.item)
        elif self.item is not None and not self.inside_toc and tag == "a" and self.item[1] is None:
            self.item[1] = found.get("href")

    def handle_endtag(self, tag):
        if self.depth and tag == "nav":
            self.depth -= 1
            self.inside_toc = max(0, self.inside_toc - 1)

    def handle_data(self, data):
        if self.item is not None and not self.inside_toc and self.item[2] == "":
            self.item[2] = data.strip()


def menu(project: Project, address: str) -> list[list]:
    parser = PrimaryMenu()
    parser.feed((project.site / address / "index.html").read_text(encoding="utf-8"))
    return parser.entries


def add_modules(project: Project, count: int) -> list[str]:
    """The mini curriculum's regular module ``count`` times (each with its bank), in order."""
    source = project.curriculum / "modules" / "regular" / "regular-sample.md"
    _, head_text, body = source.read_text(encoding="utf-8").split("---\n", 2)
    bank_text = (project.quizzes / "regular-sample.yaml").read_text(encoding="utf-8")
    ids = ["regular-sample"]
    for n in range(2, count + 1):
        head, bank = yaml.safe_load(head_text), yaml.safe_load(bank_text)
        head["id"] = bank["id"] = bank["module"] = f"regular-sample-{n}"
        head.update(title=f"常规培训示例{n}", order=10 + n)
        front = yaml.safe_dump(head, allow_unicode=True)
        source.with_name(f"{head['id']}.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        (project.quizzes / f"{head['id']}.yaml").write_text(yaml.safe_dump(bank, allow_unicode=True), "utf-8")
        ids.append(head["id"])
    return ids


@pytest.fixture(scope="module")
def long_section(tmp_path_factory) -> tuple[Project, list[str]]:
    """The mini site with seven regular modules and a menu window of three, built."""
    mini = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("menu") / "mini")
    ids = add_modules(mini, MODULES)
    settings = mini.root / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8").replace("\nextra:\n", f"\nextra:\n  nav_window: {WINDOW}\n", 1)
    settings.write_text(text, "utf-8")
    build(mini)
    return mini, ids


def title(module: str) -> str:
    return "常规培训示例" + module.removeprefix("regular-sample").removeprefix("-")


def open_section(entries: list[list]) -> list[list]:
    """The entries under the open section's heading (the section's own item excluded)."""
    start = next(i for i, e in enumerate(entries) if "md-nav__item--nested" in e[0] and "--active" in e[0])
    rest = entries[start + 1 :]
    end = next((i for i, e in enumerate(rest) if "md-nav__item--nested" in e[0]), len(rest))
    return rest[:end]


def test_a_long_section_shows_a_window_around_the_open_page(long_section) -> None:
    project, ids = long_section
    for position, module in enumerate(ids):
        shown = open_section(menu(project, f"modules/{module}"))
        overview, *rest = shown
        assert overview[1].endswith("programmes/regular/") and overview[2] == "概览"
        modules = [e for e in rest if "--more" not in e[0]]
        more = [e for e in rest if "--more" in e[0]]
        assert len(modules) == WINDOW
        assert [e[2] for e in modules if "--active" in e[0]] == [title(module)]
        before = min(max(position - WINDOW // 2, 0), MODULES - WINDOW)  # the open page in the middle
        after = MODULES - WINDOW - before
        expected = ([f"前面还有 {before} 页，见概览"] if before else []) + (
            [f"后面还有 {after} 页，见概览"] if after else []
        )
        assert [e[2] for e in more] == expected, module
        assert all(e[1].endswith("programmes/regular/") for e in more)


def test_other_sections_are_one_link_each(long_section) -> None:
    project, ids = long_section
    entries = menu(project, f"modules/{ids[3]}")
    pruned = [e for e in entries if "md-nav__item--pruned" in e[0]]
    assert {e[2] for e in pruned} >= {"能力框架", "岗前培训", "军体培训", "消防知识培训"}
    assert all(e[1] for e in pruned)
