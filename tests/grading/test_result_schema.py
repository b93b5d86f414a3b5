"""The grader's models and schemas/result.schema.json accept and refuse the same files.

The grader validates with pydantic (jsonschema is only a test dependency); hypothesis mutates
valid exam and feedback files field by field and the two must agree on every one. The grader's
hand check of one answer must agree with the model too.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from generator.grading.answers import well_formed
from generator.grading.results import Answer, validate_result

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "schemas" / "result.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

EXAM = {
    "schema": "handbook.result/1",
    "quiz_id": "exam-regular",
    "quiz_version": "0123456789abcdef",
    "mode": "exam",
    "trainee": {"id": "E01", "name": "张三"},
    "started_at": "2026-03-03T09:00:00+08:00",
    "submitted_at": "2026-03-03T09:30:00.250Z",
    "score": 80,
    "answers": [
        {"question_id": "q01", "response": "a"},
        {"question_id": "q02", "response": ["a", "b"]},
        {"question_id": "q03", "response": False},
        {"question_id": "q04", "response": None},
    ],
}
SURVEY = {
    **{k: v for k, v in EXAM.items() if k not in ("answers", "score")},
    "quiz_id": "feedback",
    "mode": "survey",
    "session_id": "2026-03-05-regular",
    "instructor_id": "S01",
    "answers": [{"question_id": "understood", "response": True}, {"question_id": "comments", "response": "好"}],
}

TIMESTAMPS = [
    "2026-03-03T09:30:00+08:00",
    "2026-03-03T09:30:00Z",
    "2026-03-03T09:30:00.5-05:00",
    "2026-03-03T09:30:00",
    "2026-03-03 09:30:00+08:00",
    "2026-3-3T09:30:00+08:00",
    "2026-03-03T09:30+08:00",
    "x2026-03-03T09:30:00+08:00",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=70),
    st.sampled_from(["", "exam", "survey", "self-check", "0123456789abcdef", "handbook.result/1", *TIMESTAMPS]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)


def _paths(document: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(document, dict):
        for key, value in document.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated(draw) -> dict:
    document = json.loads(json.dumps(draw(st.sampled_from([EXAM, SURVEY]))))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(document)
        path = draw(st.sampled_from(paths))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(values)
        else:
            parent.append(draw(values))
    return document


def model_accepts(document: dict) -> bool:
    try:
        validate_result(json.dumps(document, ensure_ascii=False))
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("document", [EXAM, SURVEY], ids=["exam", "survey"])
def test_both_accept_the_valid_files(document: dict) -> None:
    assert VALIDATOR.is_valid(document)
    assert model_accepts(document)


@settings(max_examples=600, deadline=None)
@given(mutated())
def test_model_and_schema_agree_on_mutated_files(document: dict) -> None:
    assert model_accepts(document) == VALIDATOR.is_valid(document), json.dumps(document, ensure_ascii=False)


@pytest.mark.parametrize("timestamp", TIMESTAMPS)
def test_model_and_schema_agree_on_timestamps(timestamp: str) -> None:
    document = {**EXAM, "submitted_at": timestamp}
    assert model_accepts(document) == VALIDATOR.is_valid(document)


@pytest.mark.parametrize(
    "change",
    [
        {"session_id": None},
        {"instructor_id": None},
        {"score": None},
        {"score": True},
        {"score": 1.5},
        {"unknown": {"any": ["thing"]}},
        {"trainee": {"id": "E01", "name": "张三", "team": "一班"}},
        {"trainee": {"id": "E" * 65, "name": "张三"}},
        {"answers": []},
        {"answers": [{"question_id": "", "response": "a"}]},
        {"answers": [{"question_id": "q01"}]},
        {"answers": [{"question_id": "q01", "response": ["a", 1]}]},
        {"mode": "survey", "session_id": "s1"},
        {"mode": "survey", "session_id": "s1", "instructor_id": "S01"},
    ],
)
def test_model_and_schema_agree_on_chosen_edits(change: dict) -> None:
    document = {**EXAM, **change}
    assert model_accepts(document) == VALIDATOR.is_valid(document)


ANSWER = TypeAdapter(Answer)
answers = st.one_of(
    values,
    st.fixed_dictionaries(
        {"question_id": st.one_of(st.just("q01"), values), "response": values},
        optional={"note": values},
    ),
    st.fixed_dictionaries({"question_id": st.just("q01")}),
    st.fixed_dictionaries({"response": st.just("a")}),
)


@settings(max_examples=600, deadline=None)
@given(answers)
def test_the_grader_checks_an_answer_as_the_schema_does(answer: object) -> None:
    text = json.dumps(answer, ensure_ascii=False)
    try:
        ANSWER.validate_json(text)
    except ValidationError:
        accepted = False
    else:
        accepted = True
    assert well_formed(json.loads(text)) == accepted, text
