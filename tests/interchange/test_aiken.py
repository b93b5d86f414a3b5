"""Aiken as Moodle documents it, with each of its error cases reported by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.errors import CheckFailed
from generator.interchange import aiken
from generator.models import Bank

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "interchange"


def test_both_choice_styles_and_chinese_full_width_typing_are_read() -> None:
    parsed = aiken.read(FIXTURES / "good.aiken.txt", "good.aiken.txt")
    assert [(d.where.line, d.question["stem"], d.question["answer"]) for d in parsed.drafts] == [
        (1, "业主来电投诉，客服人员首先应当做什么？", "b"),
        (7, "Which number should the front desk call for a fire?", "b"),
        (12, "业主的快递可以由前台代收多久？", "b"),
    ]
    assert parsed.drafts[2].question["options"] == [
        {"id": "a", "text": "当天"},
        {"id": "b", "text": "按小区规定的期限"},
    ]
    assert {d.question["type"] for d in parsed.drafts} == {"single"}
    assert {d.question["explanation"] for d in parsed.drafts} == {None}  # Aiken has no feedback


def test_every_error_case_is_reported_with_its_line() -> None:
    with pytest.raises(CheckFailed) as failure:
        aiken.read(FIXTURES / "bad.aiken.txt", "bad.aiken.txt")
    assert [str(p) for p in failure.value.problems] == [
        "bad.aiken.txt:1:1: （题目）: 选项前面没有题干",
        "bad.aiken.txt:2:1: （题目）: ANSWER 行前面没有题目",
        "bad.aiken.txt:5:1: （题目）: 题干只能写在一行（接第 4 行）；选项行要以 A. 或 A) 开头",
        "bad.aiken.txt:12:1: （题目）: 题目至少要有两个选项",
        "bad.aiken.txt:16:1: （题目）: 选项字母应依次为 A、B、C……，这里应为 B，实际为：C",
        "bad.aiken.txt:22:1: （题目）: 答案“D”不是本题的选项，应为 A、B 之一",
        "bad.aiken.txt:27:1: （题目）: ANSWER 后应为一个选项字母（Aiken 只有单选题），实际为：A, B",
        "bad.aiken.txt:29:1: （题目）: 这道题缺少 ANSWER 行（第 33 行已是下一道题）",
        "bad.aiken.txt:33:1: （题目）: 最后一道题缺少 ANSWER 行",
    ]


def test_writing_keeps_single_choice_on_one_line_each_and_lists_the_rest() -> None:
    bank = Bank.model_validate(
        {
            "id": "b",
            "module": "m",
            "title": "题库",
            "questions": [
                {
                    "id": "q01",
                    "type": "single",
                    "stem": "业主来访时\n首先应当？",
                    "options": [{"id": "a", "text": "起身问候"}, {"id": "b", "text": "继续打字"}],
                    "answer": "a",
                    "explanation": "先问候。",
                },
                {"id": "q02", "type": "true_false", "stem": "可以。", "answer": True, "explanation": "是。"},
                {
                    "id": "q03",
                    "type": "single",
                    "stem": "A. 这样开头的题干会被读成选项",
                    "options": [{"id": "a", "text": "甲"}, {"id": "b", "text": "乙"}],
                    "answer": "b",
                    "explanation": "说明。",
                },
            ],
        }
    )
    text, left_out = aiken.write(bank)
    assert text == "业主来访时 首先应当？\nA. 起身问候\nB. 继续打字\nANSWER: A\n"
    assert left_out == [("q02", "Aiken 只有单选题"), ("q03", "题干以“A.”或“ANSWER:”开头，Aiken 会读错")]
