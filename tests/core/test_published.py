"""The published quiz: what the site embeds, its version, and how answers are judged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.core.published import UNITS, bank_version, is_correct, normalise_blank, published_quiz
from generator.models.content import Bank


def bank(mode: str = "self-check", stem: str = "先做什么？") -> Bank:
    return Bank.model_validate(
        {
            "id": "demo",
            "module": "demo",
            "title": "演示",
            "mode": mode,
            "questions": [
                {
                    "id": "q01",
                    "type": "ordering",
                    "stem": stem,
                    "options": [{"id": c, "text": f"第{c}步"} for c in "abcdef"],
                    "answer": list("abcdef"),
                    "explanation": "按顺序。",
                },
                {
                    "id": "q02",
                    "type": "fill_blank",
                    "stem": "火警电话 ____。",
                    "answer": [["119"]],
                    "explanation": "火警。",
                },
            ],
        }
    )


def test_an_edit_changes_the_version() -> None:
    assert bank_version(bank()) != bank_version(bank(stem="先做哪一步？"))
    assert bank_version(bank()) == bank_version(bank())


def test_an_exam_publishes_no_key_and_no_explanation() -> None:
    quiz = published_quiz(bank("exam"))
    assert all(set(q) <= {"id", "type", "stem", "options", "blanks"} for q in quiz["questions"])
    assert [o["id"] for o in quiz["questions"][0]["options"]] != list("abcdef")  # not the key's order
    assert quiz["questions"][1]["blanks"] == 1


def test_a_self_check_publishes_key_and_explanation() -> None:
    question = published_quiz(bank())["questions"][0]
    assert question["answer"] == list("abcdef")
    assert question["explanation"] == "按顺序。"


@pytest.mark.parametrize(
    ("typed", "key"), [("１１９", "119"), (" 119。", "119"), ("ＡＢＣ", "abc"), ("灭 火 器！", "灭火器")]
)
def test_typed_answers_are_folded(typed: str, key: str) -> None:
    assert normalise_blank(typed) == normalise_blank(key)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("68℃", "68"),
        ("68 °C", "68"),
        ("６８摄氏度", "68"),
        ("45度", "45"),
        ("3声", "3"),
        ("三声", "三"),
        ("10米", "10m"),
    ],
)
def test_a_number_typed_with_its_unit_is_the_number(typed: str, key: str) -> None:
    assert normalise_blank(typed) == normalise_blank(key)


@pytest.mark.parametrize(("typed", "key"), [("一对一", "一"), ("米", ""), ("首问", "首")])
def test_words_are_not_units(typed: str, key: str) -> None:
    assert normalise_blank(typed) != normalise_blank(key)


def test_quiz_js_drops_the_same_units() -> None:
    script = (Path(__file__).resolve().parents[2] / "site_templates" / "assets" / "quiz.js").read_text(encoding="utf-8")
    listed = re.search(r"const UNITS = (\[[^\]]*\]);", script)
    assert listed is not None and json.loads(listed.group(1)) == list(UNITS)


def test_every_question_is_all_or_nothing() -> None:
    ordering, blank = bank().questions
    assert is_correct(ordering, list("abcdef"))
    assert not is_correct(ordering, list("abcdfe"))
    assert is_correct(blank, ["１１９"])
    assert not is_correct(blank, ["110"])
    assert not is_correct(blank, "119")


def test_an_exam_never_shows_an_ordering_already_in_order() -> None:
    # Two items each: the hash order equals the key for about half of them, which must be turned.
    questions = [
        {
            "id": f"q{n:02d}",
            "type": "ordering",
            "stem": "先后？",
            "options": [{"id": "a", "text": "甲"}, {"id": "b", "text": "乙"}],
        }
        | {"answer": ["a", "b"], "explanation": "先甲。"}
        for n in range(20)
    ]
    exam = Bank.model_validate(
        {"id": "demo", "module": "demo", "title": "演示", "mode": "exam", "questions": questions}
    )
    shown = [[o["id"] for o in q["options"]] for q in published_quiz(exam)["questions"]]
    assert shown == [["b", "a"]] * 20
