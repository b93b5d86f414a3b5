"""No exam key reaches the published site, in any file, in either build."""

from __future__ import annotations

import json
import re

import pytest

from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.models.content import FillBlank

from .conftest import REPO

DATA = re.compile(r'<script type="application/json" class="hb-quiz-data">(.*?)</script>', re.S)


def exams() -> list:
    return [b.bank for b in check(Project(REPO)).banks if b.bank.mode == "exam"]


def site_texts(project: Project) -> dict[str, str]:
    texts = {}
    for path in project.site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".js", ".json", ".xml", ".txt", ".css", ".md"}:
            texts[path.relative_to(project.site).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    return texts


def after_stem(text: str, stem: str, other_stems: list[str]) -> str:
    """What a page has after a question's stem and before the next question's: where its key would be."""
    window = text.split(stem, 1)[1][:400]
    ends = [window.find(other) for other in other_stems if other in window]
    return window[: min(ends)] if ends else window


def test_the_handbook_ships_exams() -> None:
    assert len(exams()) >= 3


@pytest.mark.parametrize("which", ["online_site", "offline_site"])
def test_no_exam_explanation_or_key_anywhere_in_the_site(which: str, request: pytest.FixtureRequest) -> None:
    texts = site_texts(request.getfixturevalue(which))
    leaks = []
    for bank in exams():
        for question in bank.questions:
            leaks += [
                f"{bank.id}/{question.id} explanation in {f}" for f, t in texts.items() if question.explanation in t
            ]
            if isinstance(question, FillBlank):
                others = [q.stem[:12] for q in bank.questions if q is not question]
                windows = {f: after_stem(t, question.stem, others) for f, t in texts.items() if question.stem in t}
                for accepted in (a for group in question.answer for a in group if len(a) > 1):
                    leaks += [
                        f"{bank.id}/{question.id} blank answer {accepted!r} in {f}"
                        for f, window in windows.items()
                        if accepted in window
                    ]
    assert leaks == []


def test_exam_pages_carry_no_answer_field(online_site: Project) -> None:
    for bank in exams():
        page = (online_site.site / "quizzes" / bank.id / "index.html").read_text(encoding="utf-8")
        quiz = json.loads(DATA.search(page).group(1))
        assert quiz["mode"] == "exam"
        for question in quiz["questions"]:
            assert set(question) <= {"id", "type", "stem", "options", "blanks"}, question
