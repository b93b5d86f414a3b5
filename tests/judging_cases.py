"""The shared judging table (tests/fixtures/judging_cases.yaml), as banks and published questions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.core.published import published_quiz
from generator.models.content import Bank

TABLE = Path(__file__).resolve().parent / "fixtures" / "judging_cases.yaml"


def load_table() -> dict[str, Any]:
    return yaml.safe_load(TABLE.read_text(encoding="utf-8"))


def table_bank() -> Bank:
    """Every question of the table in one self-check bank, each with its name as its id."""
    questions = [
        {"id": name, "explanation": "按规程。", **question} for name, question in load_table()["questions"].items()
    ]
    return Bank.model_validate(
        {"id": "judging", "module": "judging", "title": "判分", "mode": "self-check", "questions": questions}
    )


def published_questions() -> dict[str, dict[str, Any]]:
    """The questions as the site publishes them to quiz.js, key included (a self-check)."""
    return {q["id"]: q for q in published_quiz(table_bank())["questions"]}


def cases() -> list[dict[str, Any]]:
    return load_table()["cases"]
