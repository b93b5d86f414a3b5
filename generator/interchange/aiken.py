"""Moodle's Aiken format: single-choice questions only, one line each, no feedback.

A question is its text on one line, then its choices one to a line (a capital letter, ``.`` or
``)``, a space, the text), then ``ANSWER: X``. Moodle's error cases are reported by line: a choice
or answer line before any question, fewer than two choices, a question left without its answer
line. Full-width letters and punctuation, ``、`` after the letter and ``答案：`` are accepted too,
because Chinese editors type them.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import Problem
from . import drafts
from .drafts import Draft, FileReader, Notice, Parsed, Where
from .gift import read_text
from .text import fold

CHOICE = re.compile(r"^([A-ZＡ-Ｚ])[.)、．）]\s*")
ANSWER = re.compile(r"^(ANSWER|答案)\s*[:：]\s*", re.IGNORECASE)


@dataclass
class _Open:
    """A question whose answer line has not come yet."""

    line: int
    stem: str
    choices: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, letter, text) of each choice."""


def read(path: Path, label: str) -> Parsed:
    """Every question of an Aiken file; raise CheckFailed listing every malformed one."""
    text, notes = read_text(path, label)
    reader = _Reader(label, notes)
    for number, line in enumerate(text.splitlines(), 1):
        reader.line(number, line.strip())
    reader.end()
    return reader.result()


class _Reader(FileReader):
    def __init__(self, label: str, notes: list[Notice]) -> None:
        super().__init__(label, notes)
        self.open: _Open | None = None

    def fail(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.label, line, 1, "（题目）", message))

    def line(self, number: int, line: str) -> None:
        if not line:
            return
        choice, answer = CHOICE.match(line), ANSWER.match(line)
        if choice:
            self._choice(number, fold(choice.group(1)), line[choice.end() :].strip())
        elif answer:
            self._answer(number, line[answer.end() :].strip())
        else:
            self._question(number, line)

    def _question(self, number: int, line: str) -> None:
        if self.open is not None:
            if self.open.choices:
                self.fail(self.open.line, f"这道题缺少 ANSWER 行（第 {number} 行已是下一道题）")
            else:
                self.fail(number, f"题干只能写在一行（接第 {self.open.line} 行）；选项行要以 A. 或 A) 开头")
        self.open = _Open(number, line)

    def _choice(self, number: int, letter: str, text: str) -> None:
        if self.open is None:
            self.fail(number, "选项前面没有题干")
            return
        expected = drafts.letter(len(self.open.choices))
        if letter != expected:
            self.fail(number, f"选项字母应依次为 A、B、C……，这里应为 {expected}，实际为：{letter}")
        if not text:
            self.fail(number, "选项没有文字")
        self.open.choices.append((number, letter, text))

    def _answer(self, number: int, value: str) -> None:
        question, self.open = self.open, None
        if question is None:
            self.fail(number, "ANSWER 行前面没有题目")
            return
        if len(question.choices) < 2:
            self.fail(number, "题目至少要有两个选项")
            return
        key = fold(value)
        letters = [letter for _, letter, _ in question.choices]
        if not re.fullmatch(r"[A-Z]", key):
            self.fail(number, f"ANSWER 后应为一个选项字母（Aiken 只有单选题），实际为：{value or '空'}")
        elif key not in letters:
            self.fail(number, f"答案“{key}”不是本题的选项，应为 {'、'.join(letters)} 之一")
        else:
            texts = [text for _, _, text in question.choices]
            draft = drafts.single(question.stem, texts, letters.index(key), None)
            self.parsed.drafts.append(Draft(draft, Where(self.label, question.line)))

    def end(self) -> None:
        if self.open is not None:
            self.fail(self.open.line, "最后一道题缺少 ANSWER 行")


# Writing ------------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def unwritable(question) -> str | None:
    """Why Aiken cannot carry this question, or None when it can."""
    if question.type != "single":
        return "Aiken 只有单选题"
    if len(question.options) > len(string.ascii_uppercase):
        return "选项超过 26 个"
    stem = _one_line(question.stem)
    if CHOICE.match(stem) or ANSWER.match(stem):
        return "题干以“A.”或“ANSWER:”开头，Aiken 会读错"
    return None


def write_question(question) -> str:
    lines = [_one_line(question.stem)]
    for index, option in enumerate(question.options):
        lines.append(f"{drafts.letter(index)}. {_one_line(option.text)}")
    key = next(i for i, option in enumerate(question.options) if option.id == question.answer)
    lines.append(f"ANSWER: {drafts.letter(key)}")
    return "\n".join(lines)


def write(bank) -> tuple[str, list[tuple[str, str]]]:
    """The bank as Aiken text, and (question id, reason) for each question Aiken cannot carry."""
    left_out = [(q.id, reason) for q in bank.questions if (reason := unwritable(q))]
    skipped = {question_id for question_id, _ in left_out}
    items = [write_question(q) for q in bank.questions if q.id not in skipped]
    return "\n\n".join(items) + "\n", left_out
