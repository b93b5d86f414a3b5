"""Round trip: result files exported by the real site in the browser are graded correctly."""

from __future__ import annotations

import json
from pathlib import Path

from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.grading import grade

from .answering import answer
from .conftest import REPO, quiz_url

EXAM = "exam-induction-theory"
ROSTER = """staff:
  - {id: N2001, name: 陈新, role: new_hire, team: 一班, arrival: 2026-11-16}
  - {id: N2002, name: 周悦, role: new_hire, team: 一班, arrival: 2026-11-16}
"""


def sit_exam(page, server: str, bank, trainee: tuple[str, str], *, right: bool, folder: Path) -> Path:
    page.goto(quiz_url(server, bank.id, offline=False))
    page.wait_for_selector(".hb-q")
    page.get_by_label("工号").fill(trainee[0])
    page.get_by_label("姓名").fill(trainee[1])
    for number, question in enumerate(bank.questions):
        answer(page, question, right=right or number % 2 == 0)
    with page.expect_download() as download:
        page.get_by_role("button", name="交卷").click()
    target = folder / download.value.suggested_filename
    download.value.save_as(target)
    return target


def test_exported_files_are_graded_against_the_key(browser, server: str, tmp_path: Path) -> None:
    bank = next(b.bank for b in check(Project(REPO)).banks if b.bank.id == EXAM)
    results = tmp_path / "results"
    results.mkdir()
    for trainee, right in ((("N2001", "陈新"), True), (("N2002", "周悦"), False)):
        context = browser.new_context(accept_downloads=True)
        sit_exam(context.new_page(), server, bank, trainee, right=right, folder=results)
        context.close()
    roster = tmp_path / "roster.yaml"
    roster.write_text(ROSTER, encoding="utf-8")
    grades = json.loads(grade(Project(REPO), [results], roster).model_dump_json())
    attempts = {a["trainee_id"]: a for a in grades["attempts"]}
    assert grades["rejected"] == []
    assert (attempts["N2001"]["score"], attempts["N2001"]["passed"]) == (100, True)
    half = 100 * sum(1 for n in range(len(bank.questions)) if n % 2 == 0) / len(bank.questions)
    assert attempts["N2002"]["score"] == half
    assert (attempts["N2002"]["passed"], attempts["N2002"]["action"]) == (False, "retrain_induction")
