"""Result files in: found in any folder tree, size-checked, parsed, validated, checked.

A bad file never stops the grading: it becomes a rejection with its file and a reason in
Chinese, and everything else is still graded. The models mirror ``schemas/result.schema.json``
(the tests hold the two in agreement); the checks after them need the curriculum and the roster.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, NotRequired

from pydantic import AfterValidator, Field, StrictBool, StrictFloat, StrictInt, StrictStr, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from ..core.folders import Found, files_in
from ..core.messages import describe
from ..core.office_time import OFFICE_TIME
from ..core.published import FEEDBACK_COMMENTS, RESULT_SCHEMA
from ..core.roster import StaffMember
from ..core.text_files import MAX_SOURCE_BYTES, Unreadable, read_bytes
from .answers import MalformedAnswer, well_formed
from .catalog import Catalog
from .pasted import PASTED_SUFFIXES, piece_at
from .scoring import UnknownAnswer, score_answers

SHOWN_SCHEMA_ERRORS = 3
OFFSET = len("+08:00")
"""Characters of a timestamp's offset from UTC; a timestamp in UTC ends in ``Z`` instead."""
JSON_PLACE = re.compile(r"line (\d+) column (\d+)")
TIMESTAMP = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"

NonEmpty = Annotated[StrictStr, Field(min_length=1)]
VERSION = re.compile(r"^[0-9a-f]{16}$")


def _version(value: str) -> str:
    """The published quiz's version: 16 lowercase hexadecimal digits (a hash of the quiz)."""
    if not VERSION.match(value):
        raise PydanticCustomError(
            "quiz_version",
            "应为 16 位小写十六进制数字（0–9、a–f），即考核页面发布时的版本号，实际为：{value}",
            {"value": value},
        )
    return value


QuizVersion = Annotated[StrictStr, AfterValidator(_version)]
Short = Annotated[StrictStr, Field(min_length=1, max_length=64)]
Timestamp = Annotated[StrictStr, Field(pattern=TIMESTAMP)]
# Left to right: the strict kinds never overlap, so the first match is the only one, found sooner.
Response = Annotated[StrictStr | StrictBool | list[StrictStr] | None, Field(union_mode="left_to_right")]

# Typed dictionaries rather than models: no object is built per file. Like the JSON Schema, they
# let unknown fields pass.


class Answer(TypedDict):
    question_id: NonEmpty
    response: Response


class Trainee(TypedDict):
    id: Short
    name: Short


class _Opening(TypedDict):
    schema: Literal["handbook.result/1"]
    quiz_id: NonEmpty


class _Version(TypedDict):
    quiz_version: QuizVersion


class _AnyVersion(TypedDict):
    quiz_version: StrictStr
    """Compared with the versions published (``check_quiz``): one not of their form is none of
    them, and the file is then validated against the whole schema, which says why."""


class _Rest(TypedDict):
    mode: Literal["exam", "self-check", "survey"]
    trainee: Trainee
    started_at: Timestamp
    submitted_at: Timestamp
    session_id: NotRequired[Short]
    instructor_id: NotRequired[Short]
    score: NotRequired[StrictInt | StrictFloat]


class ResultHead(_Opening, _Version, _Rest):
    """The fields before the answers, in the order the schema's reasons name them."""


class ResultFields(ResultHead):
    answers: list[Answer]


class QuickResult(_Opening, _AnyVersion, _Rest):
    """A result file with its answers not yet checked one by one (see ``answers.py``): checking
    each answer costs more than parsing the whole file, and the grader need not check most.
    Nor is anything checked by Python code here (the version's form, a feedback form's session):
    a call into Python per file costs as much as the rest of the validation; ``check_quiz`` and
    ``survey_submission`` refuse what the whole schema would, and it then says why."""

    answers: list[dict[str, Any]]


Result = QuickResult | ResultFields
"""A result file as validated, its answers checked one by one or not yet."""


def _survey_names_its_session(result: ResultHead) -> ResultHead:
    if result["mode"] == "survey" and ("session_id" not in result or "instructor_id" not in result):
        raise PydanticCustomError("survey_session", "考核表须写明 session_id 和 instructor_id")
    return result


RESULT_FILE = TypeAdapter(Annotated[ResultFields, AfterValidator(_survey_names_its_session)])
"""handbook.result/1 as the grader validates it."""
QUICK_RESULT = TypeAdapter(QuickResult).validator
"""The quick validation's own validator, called without the adapter's step in Python per file."""


def validate_result(data: bytes | str) -> ResultFields:
    """Parse and validate a result file's text; raises pydantic's ValidationError."""
    return RESULT_FILE.validate_json(data)


class Rejected(Exception):
    """A result file that is not graded; the message is the reason shown to the supervisor."""


class NotInSchema(Exception):
    """A file validated quickly that the whole schema refuses: it is validated again, to say why."""


@dataclass(slots=True)
class Submission:
    file: str
    trainee_id: str
    quiz_id: str
    submitted_at: dt.datetime


@dataclass(slots=True)
class ExamSubmission(Submission):
    correct: int
    wrong: tuple[int, ...]
    """Positions in the bank of the questions answered wrong or not at all."""
    questions: int
    """Questions of the edition answered."""
    edition: str = ""
    """The earlier edition answered on (its version), or "" for the current bank."""


@dataclass(slots=True)
class SurveySubmission(Submission):
    session_id: str
    instructor_id: str
    votes: tuple[bool, ...]
    """Yes / agree per instructor measure, in the policy's order."""


RESULT_SUFFIX = ".json"
RESULT_SUFFIXES = (RESULT_SUFFIX, *PASTED_SUFFIXES)
NOT_RESULTS = (".jpg", ".jpeg", ".png", ".heic", ".webp", ".gif", ".bmp", ".pdf", ".doc", ".docx", ".xls", ".xlsx")
"""Files a supervisor may well drop among the results (a photo of a paper answer sheet, a
scan, a document): named among the files not graded, so none is thought graded and lost."""
NOT_A_RESULT = (
    "不是考核结果文件（照片、扫描件、文档和表格不能自动评分），未评分；纸质答卷请人工评分，"
    "在手机上作答的请学员交卷或复制结果文本发来"
)


def read_source(file: str) -> bytes:
    return read_bytes(file, MAX_SOURCE_BYTES)


def _label(file: str) -> str:
    return file.replace(os.sep, "/") if os.sep != "/" else file


def _looked_at(name: str) -> bool:
    """A file in a results folder that is a result, or that someone might take for one."""
    return name.lower().endswith(RESULT_SUFFIXES + NOT_RESULTS)


def find_results(paths: list[Path], limit: int) -> Found:
    """The files given, and every result file (``*.json``, ``*.txt``) under the folders given, each
    once, in order; and what was left out with the reason (not a regular file, a link out of the
    folder, a photo or document that no grader reads).

    Files are named by the path as found (``results/e01.json``), which is how reports show them.
    ``limit`` bounds the files looked at in each folder."""
    found = Found()
    for path in paths:
        if path.is_dir():
            inside = files_in(path, _looked_at, limit, f"结果文件夹 {path}")
        else:
            inside = Found(files=[os.fspath(path)])
        found.refused += inside.refused
        for file in inside.files:
            if file.lower().endswith(NOT_RESULTS):
                found.refused.append((file, NOT_A_RESULT))
            else:
                found.files.append(file)
    found.files = [_label(file) for file in dict.fromkeys(found.files)]
    return found


def read_file(file: str, limit: int) -> bytes:
    """A result file's bytes; raise Rejected if it cannot be read, is not a regular file or is
    over the limit."""
    try:
        return read_bytes(file, limit)
    except Unreadable as reason:
        raise Rejected(str(reason)) from None


def parse_strictly(data: bytes) -> ResultFields:
    """The file checked against the whole schema; raise Rejected with the schema's reason."""
    try:
        return validate_result(data)
    except ValidationError as error:
        raise Rejected(_schema_reason(error)) from None


def parse_quickly(data: bytes) -> QuickResult:
    """The file checked but for its answers' shape; raise Rejected as ``parse_strictly`` would."""
    try:
        return QUICK_RESULT.validate_json(data)
    except ValidationError as error:
        parse_strictly(data)  # the whole schema refuses what its looser part refuses, and says why
        raise Rejected(_schema_reason(error)) from None


def _schema_reason(error: ValidationError) -> str:
    items = error.errors(include_url=False)
    if items[0]["type"] == "json_invalid":
        place = JSON_PLACE.search(str(items[0].get("ctx", {}).get("error", "")))
        where = f"（第 {place[1]} 行第 {place[2]} 列附近）" if place else ""
        return f"不是有效的 JSON 文件{where}"
    parts = [f"{'.'.join(str(k) for k in item['loc']) or '（文件）'}：{describe(item)}" for item in items]
    more = f"等 {len(parts)} 处" if len(parts) > SHOWN_SCHEMA_ERRORS else ""
    return f"不符合结果文件格式 {RESULT_SCHEMA}：{'；'.join(parts[:SHOWN_SCHEMA_ERRORS])}{more}"


def _timestamp(value: str, field: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise Rejected(f"{field} 不是有效的时间：{value}") from None


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _same_name(typed: str, kept: str) -> bool:
    return typed == kept or _fold(typed) == _fold(kept)


def check_people(result: ResultHead, staff: dict[str, StaffMember]) -> StaffMember:
    """The trainee, found in the roster under the id and name of the file."""
    member = staff.get(result["trainee"]["id"])
    if member is None:
        raise Rejected(f"花名册中没有工号“{result['trainee']['id']}”")
    if not _same_name(result["trainee"]["name"], member.name):
        raise Rejected(f"姓名“{result['trainee']['name']}”与花名册中工号 {member.id} 的姓名“{member.name}”不符")
    if "instructor_id" in result and result["instructor_id"] not in staff:
        raise Rejected(f"花名册中没有讲师工号“{result['instructor_id']}”")
    return member


def _not_after(first_text: str, second_text: str, first: dt.datetime, second: dt.datetime) -> bool:
    """``first <= second``, compared as text when both have the same offset and as many decimals:
    text then sorts as the times do, at a fraction of the cost of times in different zones."""
    if len(first_text) == len(second_text) and first_text[-OFFSET:] == second_text[-OFFSET:]:
        return first_text <= second_text
    return first <= second


@dataclass(frozen=True)
class GradingTime:
    """When the grader runs: a file submitted later is refused."""

    moment: dt.datetime
    """In UTC: aware times with fixed offsets compare with it without a time-zone lookup."""
    office_text: str
    """The same in office time and whole seconds, as a result file writes it: a time in whole
    seconds is after ``moment`` exactly when it is after this."""

    @classmethod
    def at(cls, moment: dt.datetime) -> GradingTime:
        return cls(moment.astimezone(dt.UTC), moment.astimezone(OFFICE_TIME).isoformat(timespec="seconds"))


def check_times(result: ResultHead, now: GradingTime) -> dt.datetime:
    """The submission time, both times checked against each other and against ``now``."""
    started_text, submitted_text, now_text = result["started_at"], result["submitted_at"], now.office_text
    started = _timestamp(started_text, "started_at")
    submitted = _timestamp(submitted_text, "submitted_at")
    in_order = _not_after(started_text, submitted_text, started, submitted)
    if not _not_after(submitted_text, now_text, submitted, now.moment) or (not in_order and started > now.moment):
        raise Rejected(f"时间在将来：提交于 {submitted_text}，而评分时间为 {now_text}")
    if not in_order:
        raise Rejected(f"时间顺序错乱：开始时间 {started_text} 晚于提交时间 {submitted_text}")
    return submitted


def _responses(result: Result, known: frozenset[str]) -> dict[str, object]:
    responses: dict[str, object] = {}
    if not all(map(well_formed, result["answers"])):
        raise MalformedAnswer
    for answer in result["answers"]:
        question_id = answer["question_id"]
        if question_id not in known:
            raise Rejected(f"题库中没有题目“{question_id}”")
        if question_id in responses:
            raise Rejected(f"题目“{question_id}”作答了两次")
        responses[question_id] = answer["response"]
    return responses


def check_quiz(result: ResultHead, catalog: Catalog) -> str:
    """The file belongs to an exam, as now or in an edition published before, or to the current
    feedback form; returns the earlier edition's version, or "" for the current one."""
    if result["quiz_id"] == catalog.feedback_id:
        current, expected_mode = catalog.feedback_version, "survey"
    elif result["quiz_id"] in catalog.exams:
        current, expected_mode = catalog.exams[result["quiz_id"]].version, "exam"
    elif result["quiz_id"] in catalog.other_banks:
        raise Rejected(f"“{result['quiz_id']}”是自测题库，自测结果不计分")
    else:
        raise Rejected(f"未知的考核“{result['quiz_id']}”：quizzes/ 中没有这个考核题库")
    if result["mode"] != expected_mode:
        raise Rejected(f"模式“{result['mode']}”与“{result['quiz_id']}”不符，应为“{expected_mode}”")
    if result["quiz_version"] == current:
        return ""
    if (result["quiz_id"], result["quiz_version"]) in catalog.editions:
        return result["quiz_version"]
    if expected_mode == "survey":
        raise Rejected(f"“{result['quiz_id']}”已修改过，此文件按旧版本作答（quiz_version 不符）")
    title = catalog.exams[result["quiz_id"]].bank.title
    raise Rejected(
        f"此文件按“{title}”的版本 {result['quiz_version']} 作答，本手册从未发布过这一版本"
        f"（editions/{result['quiz_id']}/ 中没有），无法评分"
    )


# The makers below keep the roster's and the bank's id strings, not the file's equal copies: a big
# run keeps 100,000 submissions, and every object kept costs more than its making.


def exam_submission(
    result: Result, catalog: Catalog, submitted: dt.datetime, file: str, trainee: str, edition: str
) -> ExamSubmission:
    key = catalog.key(result["quiz_id"], edition)
    try:
        correct, wrong = score_answers(key, result["answers"])
    except UnknownAnswer as reason:
        raise Rejected(str(reason)) from None
    return ExamSubmission(file, trainee, key.bank.id, submitted, correct, wrong, len(key.questions), edition)


def survey_submission(
    result: Result, catalog: Catalog, submitted: dt.datetime, file: str, trainee: str, _: str
) -> SurveySubmission:
    if "session_id" not in result or "instructor_id" not in result:
        raise NotInSchema  # as _survey_names_its_session
    responses = _responses(result, catalog.form_questions)
    votes: list[bool] = []
    for measure in catalog.measures:
        if measure not in responses:
            raise Rejected(f"考核表缺少“{measure}”一项")
        vote = responses[measure]
        if not isinstance(vote, bool):
            raise Rejected(f"考核表“{measure}”一项应为是或否（true 或 false）")
        votes.append(vote)
    if not isinstance(responses.get(FEEDBACK_COMMENTS, ""), str | None):
        raise Rejected("考核表的意见和建议应为文字")
    return SurveySubmission(
        file,
        trainee,
        catalog.feedback_id,
        submitted,
        result["session_id"],
        result["instructor_id"],
        tuple(votes),
    )


Staff = dict[str, StaffMember] | None
"""The roster by id; None when there is none to check names against (the collector without one)."""


def _submission(result: Result, catalog: Catalog, staff: Staff, now: GradingTime, file: str):
    edition = check_quiz(result, catalog)
    trainee = check_people(result, staff).id if staff is not None else result["trainee"]["id"]
    submitted = check_times(result, now)
    make = survey_submission if result["mode"] == "survey" else exam_submission
    return make(result, catalog, submitted, file, trainee, edition)


def accept_data(data: bytes, file: str, catalog: Catalog, staff: Staff, now: GradingTime) -> Submission:
    """A result's bytes, named ``file``, as a graded submission; raise Rejected with the reason.

    The collector judges a hand-in here before it keeps it, so that it refuses exactly what the
    grader would refuse, with the same words."""
    try:
        return _submission(parse_quickly(data), catalog, staff, now, file)
    except (Rejected, MalformedAnswer, NotInSchema):
        # Once more against the whole schema, so that a malformed answer is reported as the
        # schema reports it and ahead of any other reason, as if every answer had been checked.
        result = parse_strictly(data)
    try:
        return _submission(result, catalog, staff, now, file)
    except (MalformedAnswer, NotInSchema):  # only if the checks above were stricter than the schema
        raise Rejected("答案格式有误") from None


def answers_of(file: str) -> list[tuple[str, object]]:
    """The answers of a file already accepted, to tell a resubmission from a copy. A file changed
    or removed since it was accepted answers as nothing else does (its own name)."""
    try:
        data = read_bytes(file, MAX_SOURCE_BYTES) if os.path.isfile(file) else piece_at(file, read_source)
        result = validate_result(data or b"")
    except (Unreadable, ValidationError):
        return [("", file)]
    return [(a["question_id"], a["response"]) for a in result["answers"]]
