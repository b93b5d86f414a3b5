"""``handbook build`` against a bare ``mkdocs build`` of the very same pages, in one run.

    python bench/build.py warm      [--rounds N] [--copies K]   target ≤ 0.8×
    python bench/build.py cold      [--rounds N] [--copies K]   target ≤ 1.05×
    python bench/build.py unchanged [--rounds N] [--copies K]   target ≤ 0.5 s
    python bench/build.py scaling   [--rounds N]                per-page time flat, site/ linear

Works on a copy of the shipped curriculum (``--copies K`` makes every module and its bank K
times). The baseline is ``mkdocs build`` with mkdocs.yml, the navigation ``handbook build``
passes and the pages it generated into build/docs, building into a folder of its own. Each
command runs as its own process, the way a person types it; the two alternate for N rounds,
in turn one first and the other first, so that a slow spell of a shared machine weighs on both.
Kept: the median CPU time of each process (user + system, which other work disturbs least),
its median wall time, and the median of the rounds' ratios.

- warm: before each ``handbook build`` one module is edited, so MkDocs has to run; the caches
  of earlier builds (build/cache) are there.
- cold: build/ (generated pages and caches) is removed before each ``handbook build``.
- unchanged: ``handbook build`` with nothing changed since the last one.
- scaling: cold builds of the shipped curriculum ×1, ×3 and ×10: time per page and site/ size.

Also checks that the search index of ``handbook build`` holds the same entries as the bare one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timing import as_installed  # noqa: E402

from generator.core.project import Project  # noqa: E402

BARE_CONFIG = "bare-mkdocs.yml"
BARE_SITE = "bare-site"
BARE_DOCS = "bare-docs"
EDITED = "curriculum/modules/regular/regular-complaint-handling.md"
TARGETS = {"warm": "≤ 0.8×", "cold": "≤ 1.05×", "unchanged": "≤ 0.5 s"}


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


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one run of ``command``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    errors = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors}")
    return usage.ru_utime + usage.ru_stime, wall


def handbook(project: Project) -> list[str]:
    return [sys.executable, "-m", "generator", "--root", str(project.root), "build", "-q"]


def bare(project: Project) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project.root / BARE_CONFIG)]


def prepare(project: Project) -> None:
    """A first ``handbook build`` (pages in build/docs, caches warm), and the bare baseline's
    configuration: mkdocs.yml with the same navigation, building a copy of the generated pages
    (a cold ``handbook build`` starts without build/) into a folder of its own."""
    run(handbook(project), project.root)
    from generator.core.handbook import load_checked
    from generator.site.render import render_site

    nav = render_site(load_checked(project), project.templates).nav
    shutil.rmtree(project.root / BARE_DOCS, ignore_errors=True)
    shutil.copytree(project.docs, project.root / BARE_DOCS)
    config = {"INHERIT": "mkdocs.yml", "docs_dir": BARE_DOCS, "site_dir": BARE_SITE, "nav": nav}
    (project.root / BARE_CONFIG).write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    run(bare(project), project.root)


NUMERALS = "零一二三四五六七八九"


def edit(project: Project, round_number: int) -> None:
    """Change one module's text as an editor would: with words not written there before (a run
    of Chinese characters the search index has not cut yet, so jieba must load its dictionary,
    as it would for a real edit)."""
    path = project.root / EDITED
    text = path.read_text(encoding="utf-8").rstrip("\n").rsplit("\n\n本段用于计时", 1)[0]
    count = "".join(NUMERALS[int(d)] for d in str(round_number + int(time.time()) % 100_000))
    path.write_text(f"{text}\n\n本段用于计时第{count}次修改。\n", encoding="utf-8")


def clean_build(project: Project) -> Callable[[int], None]:
    """Before a cold build: no generated pages, no caches."""
    return lambda _: shutil.rmtree(project.root / "build", ignore_errors=True)


def same_search_entries(project: Project) -> bool:
    def entries(site: Path) -> object:
        return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))

    return entries(project.site) == entries(project.root / BARE_SITE)


def rounds(count: int, before: Callable[[int], None], ours: list[str], baseline: list[str], root: Path) -> list:
    """(ours cpu, ours wall, bare cpu, bare wall) per round, the two in turn first."""
    measured = []
    for number in range(count):
        before(number)
        if number % 2:
            theirs, mine = run(baseline, root), run(ours, root)
        else:
            mine, theirs = run(ours, root), run(baseline, root)
        measured.append((*mine, *theirs))
    return measured


def report(kind: str, measured: list, pages: int) -> None:
    print(f"{kind}: {len(measured)} rounds, {pages} pages; medians")
    print(f"{'':<22}{'cpu s':>9}{'wall s':>9}")
    for label, (cpu, wall) in (("handbook build", (0, 1)), ("bare mkdocs build", (2, 3))):
        print(
            f"{label:<22}{statistics.median(r[cpu] for r in measured):>9.2f}"
            f"{statistics.median(r[wall] for r in measured):>9.2f}"
        )
    cpu_ratio = statistics.median(r[0] / r[2] for r in measured)
    wall_ratio = statistics.median(r[1] / r[3] for r in measured)
    print(f"ratio handbook / bare: cpu {cpu_ratio:.2f}×, wall {wall_ratio:.2f}×   (target {TARGETS.get(kind, '')})")


def compare(kind: str, project: Project, count: int) -> None:
    prepare(project)
    before = {"warm": lambda number: edit(project, number), "cold": clean_build(project)}.get(kind, lambda _: None)
    measured = rounds(count, before, handbook(project), bare(project), project.root)
    pages = sum(1 for _ in project.docs.rglob("*.md"))
    report(kind, measured, pages)
    if kind == "unchanged":
        print(f"handbook build with nothing changed: median {statistics.median(r[1] for r in measured):.2f} s wall")
    # The baseline built a copy of the pages taken before the rounds' edits: built once more from
    # the pages as they are now, its index must hold the same entries as the handbook's.
    shutil.rmtree(project.root / BARE_DOCS)
    shutil.copytree(project.docs, project.root / BARE_DOCS)
    run(bare(project), project.root)
    print("search index: same entries as bare MkDocs —", "yes" if same_search_entries(project) else "NO")


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def scaling(scratch: Path, count: int) -> None:
    print(f"{'content':<9}{'pages':>7}{'cpu s':>8}{'ms/page':>9}{'bare ms/page':>14}{'site MB':>9}{'KB/page':>9}")
    for copies in (1, 3, 10):
        project = copy_project(scratch / f"x{copies}")
        enlarge(project, copies)
        prepare(project)
        measured = rounds(count, clean_build(project), handbook(project), bare(project), project.root)
        pages = sum(1 for _ in project.docs.rglob("*.md"))
        cpu, bare_cpu = statistics.median(r[0] for r in measured), statistics.median(r[2] for r in measured)
        size = folder_bytes(project.site) - folder_bytes(project.site / "assets" / "javascripts")
        print(
            f"×{copies:<8}{pages:>7}{cpu:>8.2f}{cpu / pages * 1000:>9.1f}{bare_cpu / pages * 1000:>14.1f}"
            f"{size / 1e6:>9.2f}{size / pages / 1000:>9.1f}"
        )
        shutil.rmtree(project.root)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("kind", choices=("warm", "cold", "unchanged", "scaling"))
    options.add_argument("--rounds", type=int, default=5, help="rounds; each runs both builds once")
    options.add_argument("--copies", type=int, default=1, help="make every module and its bank this many times")
    arguments = options.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        as_installed(Path(scratch) / "compiled")  # prepare()'s first build compiles our modules
        if arguments.kind == "scaling":
            scaling(Path(scratch), arguments.rounds)
            return 0
        project = copy_project(Path(scratch) / "handbook")
        enlarge(project, arguments.copies)
        compare(arguments.kind, project, arguments.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
