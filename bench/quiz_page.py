"""Size of a 10-question quiz page: this handbook's against the mkdocs-quiz plugin's.

    python bench/quiz_page.py [--mkdocs-quiz-python PYTHON]

Builds the first ten choice and fill-in questions of a shipped bank twice: as a handbook quiz page
(quiz data in the page, the runtime in one shared, cached file) and as a page of mkdocs-quiz (which
must be installed for PYTHON: ``pip install mkdocs-quiz``). Prints the page's bytes, gzipped, and
the runtime each page needs, gzipped.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.core.handbook import load_checked as check  # noqa: E402
from generator.core.project import Project  # noqa: E402
from generator.site.build import generate  # noqa: E402
from generator.site.engine import build_site  # noqa: E402

BANK = "regular-complaint-handling"
SIZE = 10


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def ten_questions() -> list[dict]:
    bank = yaml.safe_load((REPO / "quizzes" / f"{BANK}.yaml").read_text(encoding="utf-8"))
    usable = [q for q in bank["questions"] if q["type"] in ("single", "multiple", "fill_blank")]
    return (usable * 2)[:SIZE]


def handbook_page(scratch: Path, questions: list[dict]) -> tuple[int, int, int]:
    for folder in ("curriculum", "quizzes", "site_templates"):
        shutil.copytree(REPO / folder, scratch / folder)
    shutil.copy(REPO / "mkdocs.yml", scratch / "mkdocs.yml")
    bank_file = scratch / "quizzes" / f"{BANK}.yaml"
    bank = yaml.safe_load(bank_file.read_text(encoding="utf-8"))
    bank["questions"] = [{**q, "id": f"q{i:02d}"} for i, q in enumerate(questions, 1)]
    bank_file.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    project = Project(scratch)
    rendered, _ = generate(project, check(project))
    build_site(project, rendered.nav)
    page = (project.site / "quizzes" / BANK / "index.html").read_bytes()
    runtime = gz((project.site / "assets" / "handbook.js").read_bytes()) + gz(
        (project.site / "assets" / "handbook.css").read_bytes()
    )
    return len(page), gz(page), runtime


def mkdocs_quiz_markdown(questions: list[dict]) -> str:
    blocks = []
    for q in questions:
        if q["type"] == "fill_blank":
            stem = q["stem"]
            for accepted in q["answer"]:
                stem = stem.replace("____", f"[[{accepted[0]}]]", 1)
            blocks.append(f"<quiz>\n{stem}\n\n---\n{q['explanation']}\n</quiz>")
            continue
        keys = {q["answer"]} if q["type"] == "single" else set(q["answer"])
        options = "\n".join(f"- [{'x' if o['id'] in keys else ' '}] {o['text']}" for o in q["options"])
        blocks.append(f"<quiz>\n{q['stem']}\n{options}\n\n{q['explanation']}\n</quiz>")
    return "# 自测\n\n" + "\n\n".join(blocks) + "\n"


def mkdocs_quiz_page(scratch: Path, questions: list[dict], python: str) -> tuple[int, int]:
    (scratch / "docs").mkdir(parents=True)
    (scratch / "docs" / "index.md").write_text(mkdocs_quiz_markdown(questions), encoding="utf-8")
    config = "site_name: quiz\ntheme:\n  name: material\n  language: zh\nplugins:\n  - search\n  - mkdocs_quiz\n"
    (scratch / "mkdocs.yml").write_text(config, encoding="utf-8")
    subprocess.run([python, "-m", "mkdocs", "build", "-q"], cwd=scratch, check=True)
    page = (scratch / "site" / "index.html").read_bytes()
    return len(page), gz(page)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--mkdocs-quiz-python", default=sys.executable, help="a Python with mkdocs-quiz installed")
    args = options.parse_args()
    questions = ten_questions()
    with tempfile.TemporaryDirectory() as scratch:
        ours, ours_gz, runtime = handbook_page(Path(scratch) / "handbook", questions)
        theirs, theirs_gz = mkdocs_quiz_page(Path(scratch) / "mkdocs-quiz", questions, args.mkdocs_quiz_python)
    print(f"{'10-question page':<18}{'bytes':>10}{'gzipped':>10}")
    print(f"{'handbook':<18}{ours:>10}{ours_gz:>10}   + shared runtime {runtime} B gzipped, cached across pages")
    print(f"{'mkdocs-quiz':<18}{theirs:>10}{theirs_gz:>10}   (runtime inlined in the page)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
