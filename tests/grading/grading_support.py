"""Helpers of the grader's tests: the mini curriculum with two exam banks, a roster, and writers
of hand-made result files and training records."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from generator.core.loader import load_curriculum
from generator.core.project import Project
from generator.core.published import bank_version, published_feedback_form

TESTS = Path(__file__).resolve().parent.parent
FIXTURES = TESTS / "fixtures"
GRADING = FIXTURES / "grading"
ROSTER = GRADING / "roster.yaml"
OFFICE = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 12, 31, 18, 0, tzinfo=OFFICE)

REGULAR_KEY: dict[str, Any] = {"q01": "a", "q02": ["a", "b"], "q03": False, "q04": ["119"], "q05": ["a", "b", "c"]}
REGULAR_WRONG: dict[str, Any] = {"q01": "b", "q02": ["a"], "q03": True, "q04": ["110"], "q05": ["c", "b", "a"]}
INDUCTION_KEY: dict[str, Any] = {"q01": "a", "q02": False}
INDUCTION_WRONG: dict[str, Any] = {"q01": "b", "q02": True}


def _copy(source: Path, target: Path) -> Project:
    shutil.copytree(source, target)
    shutil.copytree(TESTS.parent / "site_templates", target / "site_templates")
    shutil.copy(TESTS.parent / "mkdocs.yml", target / "mkdocs.yml")
    return Project(target)


def exam_project(tmp_path: Path) -> Project:
    """The mini curriculum with the exam banks of tests/fixtures/grading."""
    project = _copy(FIXTURES / "mini", tmp_path / "project")
    for bank in sorted((GRADING / "quizzes").glob("*.yaml")):
        shutil.copy(bank, project.quizzes / bank.name)
    return project


def at(day: str, clock: str = "10:00") -> str:
    return f"{day}T{clock}:00+08:00"


class Results:
    """Writes result files as the site exports them, with the current quiz versions."""

    def __init__(self, project: Project, folder: Path) -> None:
        found = load_curriculum(project)
        self.versions = {b.bank.id: bank_version(b.bank) for b in found.banks}
        self.feedback_version = published_feedback_form(found.policy)["version"]
        self.folder = folder
        self.names = {m["id"]: m["name"] for m in yaml.safe_load(ROSTER.read_text(encoding="utf-8"))["staff"]}

    def write(self, name: str, data: dict) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    def exam_data(
        self,
        trainee: str = "E01",
        quiz: str = "exam-regular",
        right: int | None = None,
        day: str = "2026-03-03",
        **extra,
    ) -> dict:
        key, wrong = (REGULAR_KEY, REGULAR_WRONG) if quiz == "exam-regular" else (INDUCTION_KEY, INDUCTION_WRONG)
        right = len(key) if right is None else right
        answers = [{"question_id": q, "response": key[q] if i < right else wrong[q]} for i, q in enumerate(key)]
        data = {
            "schema": "handbook.result/1",
            "quiz_id": quiz,
            "quiz_version": self.versions.get(quiz, "0" * 16),
            "mode": "exam",
            "trainee": {"id": trainee, "name": self.names.get(trainee, "某人")},
            "started_at": at(day, "09:00"),
            "submitted_at": at(day, extra.pop("clock", "09:30")),
            "answers": answers,
        }
        data.update(extra)
        return data

    def exam(self, name: str, **options) -> Path:
        return self.write(name, self.exam_data(**options))

    def survey_data(
        self, trainee: str, session: str, instructor: str = "S01", votes=(True, True, True, True, False), **extra
    ) -> dict:
        ids = ("understood", "practical", "interactive", "coverage", "gap")
        answers = [{"question_id": q, "response": v} for q, v in zip(ids, votes, strict=True)]
        answers.append({"question_id": "comments", "response": extra.pop("comments", "")})
        day = extra.pop("day", "2026-03-05")
        data = {
            "schema": "handbook.result/1",
            "quiz_id": "feedback",
            "quiz_version": self.feedback_version,
            "mode": "survey",
            "trainee": {"id": trainee, "name": self.names[trainee]},
            "started_at": at(day, "16:00"),
            "submitted_at": at(day, "16:05"),
            "session_id": session,
            "instructor_id": instructor,
            "answers": answers,
        }
        data.update(extra)
        return data

    def survey(self, name: str, trainee: str, session: str, **options) -> Path:
        return self.write(name, self.survey_data(trainee, session, **options))


def write_record(folder: Path, name: str, **fields) -> Path:
    """A training record as YAML; trainees given as (id, attendance[, discipline, form])."""
    rows = []
    for row in fields.pop("trainees", []):
        entry = {"id": row[0], "attendance": row[1]}
        if len(row) > 2 and row[2]:
            entry["discipline"] = row[2]
        if len(row) > 3 and row[3]:
            entry["form"] = row[3]
        rows.append(entry)
    record = {"session_id": name, "date": "2026-03-05", "programme": "regular", "instructor": "S01", "hours": 2}
    record.update(fields)
    record["trainees"] = rows
    path = folder / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def fingerprint(folder: Path) -> dict[str, str]:
    """Content hash and modification time of every file under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): f"{hashlib.sha256(p.read_bytes()).hexdigest()}:{p.stat().st_mtime_ns}"
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
