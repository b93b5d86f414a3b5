"""Random bytes and random YAML fed to ``check``, the roster, record and result readers: each either
reads the input or refuses it with the project's own error, never a traceback, and each case ends
within ``SECONDS`` (a case that hangs fails instead of hanging the suite)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import string
from pathlib import Path

import pytest
import yaml
from hostile import bounded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.errors import CheckFailed, HandbookError
from generator.core.folders import Found
from generator.core.handbook import load_checked
from generator.core.loader import load_curriculum
from generator.core.project import Project
from generator.core.roster import load_roster
from generator.core.shown import escaped
from generator.grading.pipeline import _grades, load_inputs
from generator.grading.record_files import read_record_file

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
ROSTER = FIXTURES / "grading" / "roster.yaml"
NOW = dt.datetime(2026, 12, 31, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
SECONDS = 10
LIMIT = 1024 * 1024
SETTINGS = settings(
    max_examples=120,
    deadline=None,  # the bound is ``bounded``: a deadline would only report, not stop, a hang
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


TOKENS = [
    "a: ", "pass_mark: ", "id: ", "title: ", "staff:\n", "roles:\n", "- ", "  ", "\n", "\r\n", "\t",
    "&x ", "&y ", "*x", "*y", "<<: *x", "? ", "[", "]", "{", "}", ", ", "'", '"', "|\n", ">\n", "#",
    "!!int ", "!!float ", "!!timestamp ", "!!binary ", "!!set ", "!!python/object:os.system ", "!foo ",
    "2026-02-30", "2026-09-28", "yes", "no", "~", ".inf", "-.inf", ".nan", "1e400", "0x1F", "0o17",
    "99999999999999999999999999", "张三", "客服人员", "\x00", "\x1b[2J", "\ufeff", "\u202e", "\udcff",
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "{ onfocus=x }", "---\n", "...\n", "%YAML 1.1\n",
]  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.dates()
)
DATA = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=30,
)
RANDOM_YAML = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=60).map("".join),
    DATA.map(lambda data: yaml.safe_dump(data, allow_unicode=True)),
    st.text(alphabet=string.printable + "张三：，、　\x00\x85\u2028", max_size=400),
)
RANDOM_FILE = st.one_of(
    RANDOM_YAML.map(lambda text: text.encode("utf-8", "surrogatepass")),
    RANDOM_YAML.map(lambda text: text.encode("gb18030", "replace")),
    st.binary(max_size=3000),
)


def _copy(tmp_path_factory: pytest.TempPathFactory, name: str) -> Project:
    root = tmp_path_factory.mktemp(name) / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(REPO / "site_templates", root / "site_templates")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for bank in (FIXTURES / "grading" / "quizzes").glob("*.yaml"):
        shutil.copy(bank, root / "quizzes" / bank.name)
    return Project(root)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return _copy(tmp_path_factory, "properties")


@pytest.fixture(scope="module")
def roles(project: Project):
    return load_curriculum(project).roles


@pytest.fixture(scope="module")
def inputs(project: Project):
    return load_inputs(project, ROSTER, None, NOW)


TARGETS = [
    "curriculum/policy.yaml",
    "curriculum/roles.yaml",
    "curriculum/glossary/terms.yaml",
    "quizzes/regular-sample.yaml",
]


@SETTINGS
@given(target=st.sampled_from([*TARGETS, "curriculum/modules/regular/regular-sample.md"]), data=RANDOM_FILE)
def test_check_reads_or_refuses_any_file(project: Project, target: str, data: bytes) -> None:
    path = project.root / target
    original = path.read_bytes()
    if path.suffix == ".md":
        data = b"---\n" + data + b"\n---\n" + data
    path.write_bytes(data)
    try:
        with bounded(SECONDS):
            load_checked(project)
    except CheckFailed as failure:
        assert failure.problems
        assert all(str(problem) for problem in failure.problems)
    finally:
        path.write_bytes(original)


@SETTINGS
@given(suffix=st.sampled_from([".csv", ".yaml", ".xlsx"]), data=RANDOM_FILE)
def test_the_roster_reader_reads_or_refuses_anything(roles, tmp_path_factory, suffix: str, data: bytes) -> None:
    path = tmp_path_factory.mktemp("roster") / f"roster{suffix}"
    path.write_bytes(data)
    try:
        with bounded(SECONDS):
            roster = load_roster(path, roles, path.name, limit=LIMIT)
    except CheckFailed as failure:
        assert all(p.file == path.name for p in failure.problems)
    else:
        assert all(member.id for member in roster.staff)


@SETTINGS
@given(suffix=st.sampled_from([".csv", ".yaml", ".xlsx"]), data=RANDOM_FILE)
def test_the_record_reader_reads_or_refuses_anything(tmp_path_factory, suffix: str, data: bytes) -> None:
    path = tmp_path_factory.mktemp("record") / f"record{suffix}"
    path.write_bytes(data)
    try:
        with bounded(SECONDS):
            read_record_file(path, path.name, LIMIT)
    except CheckFailed as failure:
        assert all(p.file == path.name for p in failure.problems)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
RESULT_KEYS = [
    "schema",
    "quiz_id",
    "quiz_version",
    "mode",
    "trainee",
    "started_at",
    "submitted_at",
    "answers",
    "session_id",
]


def _valid_result(inputs) -> dict:
    key = inputs.catalog.exams["exam-regular"]
    return {
        "schema": "handbook.result/1",
        "quiz_id": "exam-regular",
        "quiz_version": key.version,
        "mode": "exam",
        "trainee": {"id": "E01", "name": "张三"},
        "started_at": "2026-03-03T09:00:00+08:00",
        "submitted_at": "2026-03-03T09:30:00+08:00",
        "answers": [{"question_id": "q01", "response": "a"}],
    }


@SETTINGS
@given(
    changes=st.dictionaries(st.sampled_from([*RESULT_KEYS, "trainee.id", "answers.0"]), JSON_VALUES, max_size=3),
    raw=st.one_of(st.none(), RANDOM_FILE),
)
def test_the_result_reader_grades_or_rejects_anything(
    inputs, tmp_path_factory, changes: dict, raw: bytes | None
) -> None:
    folder = tmp_path_factory.mktemp("results")
    result = _valid_result(inputs)
    for key, value in changes.items():
        if key == "trainee.id":
            trainee = result["trainee"] if isinstance(result["trainee"], dict) else {}
            result["trainee"] = {**trainee, "id": value}
        elif key == "answers.0":
            result["answers"] = [value]
        else:
            result[key] = value
    data = raw if raw is not None else json.dumps(result, ensure_ascii=False).encode("utf-8", "surrogatepass")
    (folder / "r.json").write_bytes(data)
    with bounded(SECONDS):
        grades, _ = _grades(inputs, Found(files=[str(folder / "r.json")]))
    assert len(grades.attempts) + len(grades.rejected) == 1
    for rejection in grades.rejected:
        assert escaped(rejection.reason) == rejection.reason  # shown safely in a terminal and a workbook
    grades.model_dump_json().encode("utf-8")


def test_a_project_error_is_what_the_command_line_shows(project: Project) -> None:
    """The readers' refusals are HandbookErrors, which the command line prints without a traceback."""
    assert issubclass(CheckFailed, HandbookError)
