"""How much ``handbook grade`` costs, all its outputs written, next to merely parsing the same
result files with ``json``.

    python bench/grade.py [--files N] [--rounds N] [--folder PATH]

Generates N result files (default 100,000: exams of every exam bank in quizzes/, with retakes,
and feedback forms) for a generated roster in a temporary folder (or in PATH, kept and reused
by the next run), then times in the same process (a) finding and parsing every file with
``json`` and (b) what ``handbook grade`` does: grading them and writing grades.json, report.md,
report.html, grades.xlsx and the record forms; and prints the ratios (target ≤ 2.5×) and the
process's peak memory (target < 500 MB). Then it opens report.html in Chromium a few times and
prints its size (target < 2 MB) and the time to its load event (target < 2 s), beside an empty
page's. The files are read once beforehand so that both
find them in the operating system's cache. The two runs alternate for a few rounds, in turn
parse first and grade first, each round's grades freed before the next, so that a slow spell
of a shared machine or the memory of a previous round weighs on both alike. The median of the
rounds' ratios is kept, in CPU time (which other work on a shared machine disturbs least) and
wall time, and beside it the ratio of the fastest runs of each.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import glob
import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.core.handbook import load_checked as check  # noqa: E402
from generator.core.project import Project  # noqa: E402
from generator.core.published import FEEDBACK_COMMENTS, FEEDBACK_FORM_ID, bank_version, published_feedback_form  # noqa: E402
from generator.grading import run_grading, write_reports  # noqa: E402
from generator.models.content import FillBlank, MultipleChoice, Ordering, SingleChoice, TrueFalse  # noqa: E402

TRAINEES = 5000
FILES_PER_FOLDER = 1000
SURVEY_SHARE = 0.15
RIGHT_SHARE = 0.85
SESSIONS = 400
RAM_DISK = Path("/dev/shm")
START = dt.datetime(2026, 1, 5, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


def copy_project(target: Path) -> Project:
    for folder in ("curriculum", "quizzes", "site_templates"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return Project(target)


def response(question, right: bool, rng: random.Random):
    """The key, or a wrong answer of the right shape."""
    if isinstance(question, SingleChoice):
        others = [o.id for o in question.options if o.id != question.answer]
        return question.answer if right else rng.choice(others)
    if isinstance(question, MultipleChoice):
        return list(question.answer) if right else list(question.answer)[:-1] or [question.options[-1].id]
    if isinstance(question, TrueFalse):
        return question.answer if right else not question.answer
    if isinstance(question, FillBlank):
        return [accepted[0] if right else "不知道" for accepted in question.answer]
    if isinstance(question, Ordering):
        return list(question.answer) if right else list(reversed(question.answer))
    raise TypeError(question)


def write_roster(path: Path) -> list[tuple[str, str]]:
    staff = [(f"E{n:05d}", f"学员{n}") for n in range(TRAINEES)] + [(f"S{n:03d}", f"讲师{n}") for n in range(20)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["工号", "姓名", "角色", "班组", "到岗日期"])
        for staff_id, name in staff:
            writer.writerow([staff_id, name, "cs_staff" if staff_id.startswith("E") else "cs_supervisor", "一班", ""])
    return staff


def exam_file(bank, version: str, trainee: tuple[str, str], when: dt.datetime, rng: random.Random) -> dict:
    answers = [{"question_id": q.id, "response": response(q, rng.random() < RIGHT_SHARE, rng)} for q in bank.questions]
    return {
        "schema": "handbook.result/1",
        "quiz_id": bank.id,
        "quiz_version": version,
        "mode": "exam",
        "trainee": {"id": trainee[0], "name": trainee[1]},
        "started_at": (when - dt.timedelta(minutes=30)).isoformat(),
        "submitted_at": when.isoformat(),
        "score": 0,
        "answers": answers,
    }


def survey_file(
    form: dict,
    favourable: dict[str, bool],
    trainee: tuple[str, str],
    session: int,
    when: dt.datetime,
    rng: random.Random,
) -> dict:
    """A feedback form that mostly speaks well of the session: the favourable answer to each
    measure (是 to 听懂了, 否 to 有出入) ``RIGHT_SHARE`` of the time."""
    measures = [q["id"] for q in form["questions"] if q["id"] != FEEDBACK_COMMENTS]
    answers = [{"question_id": m, "response": favourable[m] == (rng.random() < RIGHT_SHARE)} for m in measures]
    answers.append({"question_id": FEEDBACK_COMMENTS, "response": "讲得清楚"})
    return {
        "schema": "handbook.result/1",
        "quiz_id": FEEDBACK_FORM_ID,
        "quiz_version": form["version"],
        "mode": "survey",
        "trainee": {"id": trainee[0], "name": trainee[1]},
        "started_at": (when - dt.timedelta(minutes=5)).isoformat(),
        "submitted_at": when.isoformat(),
        "session_id": f"session-{session}",
        "instructor_id": f"S{session % 20:03d}",
        "answers": answers,
    }


def generate(project: Project, folder: Path, count: int) -> Path:
    found = check(project)
    banks = [(b.bank, bank_version(b.bank)) for b in found.banks if b.bank.mode == "exam"]
    if not banks:
        raise SystemExit("quizzes/ 中没有考核题库（mode: exam），无法生成考核结果文件")
    form = published_feedback_form(found.policy)
    # A share that must reach its target is a share of 是/认同; one that must stay under it, of 否.
    favourable = {t.id: t.direction == "at_least" for t in found.policy.instructor_targets}
    staff = write_roster(folder / "roster.csv")[:TRAINEES]
    rng = random.Random(20260305)
    for number in range(count):
        trainee = rng.choice(staff)
        when = START + dt.timedelta(minutes=number * 7 + rng.randrange(7))  # unique times, in order
        if rng.random() < SURVEY_SHARE:
            data = survey_file(form, favourable, trainee, rng.randrange(SESSIONS), when, rng)
        else:
            bank, version = rng.choice(banks)
            data = exam_file(bank, version, trainee, when, rng)
        path = folder / "results" / f"{number // FILES_PER_FOLDER:03d}" / f"{number:06d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder / "roster.csv"


def parse_only(results: Path) -> int:
    """The baseline: find every file, read it and parse it, nothing more."""
    count = 0
    for file in sorted(glob.glob(os.path.join(glob.escape(str(results)), "**", "*.json"), recursive=True)):
        with open(file, "rb") as handle:
            json.loads(handle.read())
        count += 1
    return count


def timed(step) -> tuple[float, float, object]:
    """CPU seconds of this process (steady on a busy shared machine), wall seconds, and the value."""
    cpu, wall = time.process_time(), time.perf_counter()
    value = step()
    return time.process_time() - cpu, time.perf_counter() - wall, value


def one_round(number: int, parse_step, grade_step) -> tuple[tuple[float, ...], int, dict]:
    """(parse cpu, parse wall, grade cpu, grade wall), files parsed, and what the grades hold."""
    if number % 2:
        grading, parsing = timed(grade_step), timed(parse_step)
    else:
        parsing, grading = timed(parse_step), timed(grade_step)
    grades = grading[2]
    held = {
        "graded attempts": len(grades.attempts),
        "feedback sessions": len(grades.instructors),
        "rejected": len(grades.rejected),
    }
    return (*parsing[:2], *grading[:2]), parsing[2], held


def report(rounds: list[tuple[float, ...]], parsed: int, held: dict) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(f"{'result files':<20}{parsed:>10,}")
    for label, count in held.items():
        print(f"{label:<20}{count:>10,}")
    headers = ("round", "parse cpu s", "grade cpu s", "ratio", "parse wall s", "grade wall s", "ratio")
    print("".join(f"{h:>13}" for h in headers))
    for number, (parse_cpu, parse_wall, grade_cpu, grade_wall) in enumerate(rounds, 1):
        cells = (f"{parse_cpu:.2f}", f"{grade_cpu:.2f}", f"{grade_cpu / parse_cpu:.2f}x")
        cells += (f"{parse_wall:.2f}", f"{grade_wall:.2f}", f"{grade_wall / parse_wall:.2f}x")
        print(f"{number:>13}" + "".join(f"{c:>13}" for c in cells))
    for kind, (p, g) in {"CPU time": (0, 2), "wall time": (1, 3)}.items():
        median = statistics.median(r[g] / r[p] for r in rounds)
        fastest = min(r[g] for r in rounds) / min(r[p] for r in rounds)
        print(f"ratio in {kind:<10} median {median:.2f}x, fastest to fastest {fastest:.2f}x")
    print(f"{'peak memory (RSS)':<20}{peak:>7.0f} MB")


def grade_and_write(project: Project, results: Path, roster: Path, out: Path, now: dt.datetime):
    """What ``handbook grade`` does: grade, then write every output."""
    graded = run_grading(project, [results], roster, now=now)
    write_reports(graded, project, out)
    return graded.grades


def open_seconds(page_path: Path, times: int = 3) -> float:
    """Median seconds from asking Chromium for the page to its load event."""
    from playwright.sync_api import sync_playwright

    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ]
    seconds = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        for _ in range(times):
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(page_path.as_uri(), wait_until="load", timeout=300_000)
            seconds.append(time.perf_counter() - started)
            page.close()
        browser.close()
    return statistics.median(seconds)


def report_in_browser(out: Path) -> None:
    html = out / "report.html"
    empty = out.parent / "empty.html"
    empty.write_text('<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>空</title></html>\n')
    print(f"{'report.html':<20}{html.stat().st_size / 1e6:>7.2f} MB (target < 2 MB)")
    opened, baseline = open_seconds(html), open_seconds(empty)
    print(f"{'opens in Chromium':<20}{opened:>7.2f} s  (target < 2 s; an empty page: {baseline:.2f} s)")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--files", type=int, default=100_000, help="result files to generate")
    options.add_argument("--rounds", type=int, default=5, help="parse and grade this many times, alternately")
    options.add_argument("--folder", type=Path, help="generate the files here and keep them; reuse them if there")
    arguments = options.parse_args()
    # In memory where the system has a RAM disk: the operating system may drop cached files between
    # the runs, and then the disk, not the code, would decide the ratio.
    with tempfile.TemporaryDirectory(dir=RAM_DISK if RAM_DISK.is_dir() else None) as scratch:
        folder = arguments.folder or Path(scratch)
        project, roster, results = Project(folder / "project"), folder / "roster.csv", folder / "results"
        if not results.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            project = copy_project(folder / "project")
            roster = generate(project, folder, arguments.files)
        out = Path(scratch) / "out"
        parse_only(results)  # warm the file cache
        now = START + dt.timedelta(days=3650)
        rounds = []
        for number in range(arguments.rounds):
            timings, parsed, held = one_round(
                number, lambda: parse_only(results), lambda: grade_and_write(project, results, roster, out, now)
            )
            rounds.append(timings)
            gc.collect()  # the round's grades are gone: the next round starts with the same memory
        report(rounds, parsed, held)
        report_in_browser(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
