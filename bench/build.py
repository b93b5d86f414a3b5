"""How much the generation step adds to MkDocs' own build of the same pages.

    python bench/build.py [--runs N]

For the shipped curriculum and for a synthetic one ten times larger, prints the median time of
the generation step (check + render + write of build/docs), of the bare MkDocs build of the
generated pages, and their ratio. Both are measured in the same process, one after the other,
so the ratio holds on a noisy shared machine where the absolute times do not.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timing import median_seconds  # noqa: E402

from generator.core.handbook import load_checked as check  # noqa: E402
from generator.core.project import Project  # noqa: E402
from generator.site.build import generate  # noqa: E402
from generator.site.engine import build_site  # noqa: E402

COPIES = 10


def copy_project(target: Path) -> Project:
    for folder in ("curriculum", "quizzes", "site_templates"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return Project(target)


def enlarge(project: Project, copies: int) -> None:
    """Each module and its bank ``copies`` times; induction copies join the general section so
    that the induction's hours still add up."""
    for module in sorted((project.curriculum / "modules").rglob("*.md")):
        _, head_text, body = module.read_text(encoding="utf-8").split("---\n", 2)
        bank = yaml.safe_load((project.quizzes / f"{module.stem}.yaml").read_text(encoding="utf-8"))
        for n in range(2, copies + 1):
            head = yaml.safe_load(head_text)
            head["id"] = bank["id"] = bank["module"] = f"{module.stem}-copy{n}"
            if head["programme"] == "induction":
                head.update(programme="general", topics=[])
            front = yaml.safe_dump(head, allow_unicode=True)
            module.with_name(f"{head['id']}.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
            dumped = yaml.safe_dump(bank, allow_unicode=True)
            (project.quizzes / f"{head['id']}.yaml").write_text(dumped, encoding="utf-8")


def measure(project: Project, runs: int) -> tuple[float, float, int]:
    def generation() -> object:
        shutil.rmtree(project.docs, ignore_errors=True)  # a cold generation writes every page
        return generate(project, check(project))

    rendered, _ = generation()
    build_site(project, rendered.nav)  # warm-up: imports, jieba's dictionary, theme files
    generation_time = median_seconds(generation, runs)
    mkdocs_time = median_seconds(lambda: build_site(project, rendered.nav), runs)
    return generation_time, mkdocs_time, len(rendered.pages)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is kept")
    runs = options.parse_args().runs
    print(f"{'curriculum':<22}{'pages':>7}{'generation s':>15}{'mkdocs s':>11}{'ratio':>8}")
    with tempfile.TemporaryDirectory() as scratch:
        for name, copies in (("shipped", 1), (f"synthetic x{COPIES}", COPIES)):
            project = copy_project(Path(scratch) / name.replace(" ", "-"))
            enlarge(project, copies)
            generation_time, mkdocs_time, pages = measure(project, runs)
            ratio = generation_time / mkdocs_time
            print(f"{name:<22}{pages:>7}{generation_time:>15.2f}{mkdocs_time:>11.2f}{ratio:>7.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
