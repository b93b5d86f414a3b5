"""What the site publishes of a question bank, and the version that result files carry.

This is the contract between the quiz pages and the grader: the site embeds ``published_quiz``
and result files name its ``quiz_version``; the grader recomputes both from ``quizzes/`` to
re-score exams and to refuse results made against an older edition of a bank.

An exam publishes no key, no explanation and nothing the key could be derived from: its options
are put in an order drawn from a hash of their ids, so that an author who lists the steps of an
ordering question in their right order does not publish the answer with them.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import lru_cache
from typing import Any

from ..models.content import Bank, FillBlank, MultipleChoice, Ordering, Question, SingleChoice, TrueFalse
from ..models.policy import Policy

RESULT_SCHEMA = "handbook.result/1"
QUIZ_SCHEMA = "handbook.quiz/1"
VERSION_LENGTH = 16
FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193  # FNV-1a, 32 bits


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _exam_order(bank_id: str, question_id: str, option_id: str) -> str:
    return hashlib.sha256(f"{bank_id}/{question_id}/{option_id}".encode()).hexdigest()


def _options(bank: Bank, question: SingleChoice | MultipleChoice | Ordering) -> list[dict[str, str]]:
    options = [{"id": o.id, "text": o.text} for o in question.options]
    if bank.mode == "exam":
        options.sort(key=lambda o: _exam_order(bank.id, question.id, o["id"]))
        if isinstance(question, Ordering) and [o["id"] for o in options] == list(question.answer):
            options.append(options.pop(0))  # shown in order, it could not be answered without undoing it
    return options


def _key(question: Question) -> Any:
    if isinstance(question, FillBlank):
        return [list(accepted) for accepted in question.answer]
    if isinstance(question, MultipleChoice | Ordering):
        return list(question.answer)
    return question.answer


def right_response(question: Question) -> Any:
    """A right answer as the site writes it in a result file: options sorted, first accepted text."""
    if isinstance(question, FillBlank):
        return [accepted[0] for accepted in question.answer]
    if isinstance(question, MultipleChoice):
        return sorted(question.answer)
    if isinstance(question, Ordering):
        return list(question.answer)
    return question.answer


def published_question(bank: Bank, question: Question) -> dict[str, Any]:
    item: dict[str, Any] = {"id": question.id, "type": question.type, "stem": question.stem}
    if isinstance(question, SingleChoice | MultipleChoice | Ordering):
        item["options"] = _options(bank, question)
    if isinstance(question, FillBlank):
        item["blanks"] = len(question.answer)
    if bank.mode != "exam":
        item["answer"] = _key(question)
        item["explanation"] = question.explanation
    return item


def published_quiz(bank: Bank) -> dict[str, Any]:
    """The quiz as the site embeds it, ``version`` included."""
    quiz = {
        "schema": QUIZ_SCHEMA,
        "id": bank.id,
        "title": bank.title,
        "mode": bank.mode,
        "module": bank.module,
        "questions": [published_question(bank, q) for q in bank.questions],
    }
    quiz["version"] = quiz_version(quiz)
    return quiz


def quiz_version(quiz: dict[str, Any]) -> str:
    """A hash of the published content (without its own version), so any edit changes it."""
    content = {k: v for k, v in quiz.items() if k != "version"}
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()[:VERSION_LENGTH]


def bank_version(bank: Bank) -> str:
    version: str = published_quiz(bank)["version"]
    return version


FEEDBACK_FORM_ID = "feedback"
FEEDBACK_COMMENTS = "comments"


def published_feedback_form(policy: Policy) -> dict[str, Any]:
    """The feedback form (培训效果考核表), one question per instructor measure of the policy.

    In a survey result each measure's response is a boolean (true = yes / agree) and
    ``comments`` is free text.
    """
    questions = [{"id": t.id, "type": t.kind, "stem": t.question} for t in policy.instructor_targets]
    questions.append({"id": FEEDBACK_COMMENTS, "type": "text", "stem": "意见和建议"})
    form = {
        "schema": QUIZ_SCHEMA,
        "id": FEEDBACK_FORM_ID,
        "title": "培训效果考核表",
        "mode": "survey",
        "questions": questions,
    }
    form["version"] = quiz_version(form)
    return form


UNITS = (
    *("°c", "摄氏度", "°", "度"),
    *("km", "千米", "公里", "cm", "厘米", "mm", "毫米", "m", "米"),
    *("min", "分钟", "小时", "秒", "h", "s"),
    *("kg", "千克", "公斤", "mpa", "兆帕"),
    *("声", "次", "个", "人"),
)
"""Units a number may be typed with, as spelled after folding (NFKC turns ℃ into °c). quiz.js
lists the same units; a test compares the two lists."""

NUMBER_WITH_UNIT = re.compile(
    rf"^([0-9]+|[零〇一二两三四五六七八九十百千万]+)(?:{'|'.join(sorted(UNITS, key=len, reverse=True))})$"
)


def check_code(data: bytes) -> str:
    """The short check code a receipt shows for a result file: FNV-1a (32 bits) of its bytes, as
    ``XXXX-XXXX``. It lets trainee and supervisor tell they hold the same file; it is no seal.
    quiz.js computes the same sum over the text it writes."""
    value = FNV_OFFSET
    for byte in data:
        value = ((value ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    text = f"{value:08X}"
    return f"{text[:4]}-{text[4:]}"


@lru_cache(maxsize=65536)
def normalise_blank(text: str) -> str:
    """A typed answer as compared with the key: full-width folded to half-width (NFKC), lower
    case, no white space and no punctuation, and a number's unit dropped, since the stem names
    the unit and a trainee who types "68℃" for "____℃" knows the answer. quiz.js does exactly
    the same in the browser."""
    folded = unicodedata.normalize("NFKC", text).lower()
    bare = "".join(ch for ch in folded if not (ch.isspace() or unicodedata.category(ch).startswith("P")))
    number = NUMBER_WITH_UNIT.match(bare)
    return number.group(1) if number else bare


def is_correct(question: Question, response: Any) -> bool:
    """Whether one response is right. Every question is all-or-nothing."""
    if isinstance(question, SingleChoice):
        return bool(response == question.answer)
    if isinstance(question, MultipleChoice):
        return (
            isinstance(response, list)
            and sorted(set(response)) == sorted(question.answer)
            and len(set(response)) == len(response)
        )
    if isinstance(question, TrueFalse):
        return response is question.answer
    if isinstance(question, Ordering):
        return bool(response == list(question.answer))
    if isinstance(question, FillBlank):
        if not isinstance(response, list) or len(response) != len(question.answer):
            return False
        return all(
            isinstance(typed, str) and normalise_blank(typed) in {normalise_blank(a) for a in accepted}
            for typed, accepted in zip(response, question.answer, strict=True)
        )
    return False
