"""Bad result files: each is rejected with its file and a reason, and everything else is graded."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from grading_support import NOW, OFFICE, ROSTER, Results, fingerprint, write_record

from generator.core.editions import keep_editions
from generator.core.handbook import load_checked
from generator.core.project import Project
from generator.grading import grade
from generator.grading.report_tables import overview
from generator.grading.results import GradingTime, Rejected, check_times
from generator.site.build import generate


def rejected(project: Project, results: Results, records: Path | None = None, now: dt.datetime = NOW):
    """The reasons by file name, after checking that the one good file was still graded."""
    results.exam("good.json", trainee="E09")
    grades = grade(project, [results.folder], ROSTER, records, now=now)
    assert [a.trainee_id for a in grades.attempts] == ["E09"]
    return {Path(r.file).name: r.reason for r in grades.rejected}


def test_malformed_json_is_rejected_with_its_place(project, results) -> None:
    (results.folder).mkdir(parents=True)
    (results.folder / "cut.json").write_text('{"schema": "handbook.result/1",\n "quiz_id": ', encoding="utf-8")
    assert rejected(project, results) == {"cut.json": "不是有效的 JSON 文件（第 2 行第 12 列附近）"}


def test_a_file_that_is_not_utf8_is_rejected(project, results) -> None:
    results.folder.mkdir(parents=True)
    (results.folder / "gbk.json").write_bytes('{"quiz_id": "考核"}'.encode("gbk"))
    assert rejected(project, results)["gbk.json"].startswith("不是有效的 JSON 文件")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"schema": "handbook.result/2"}, "schema：应为 'handbook.result/1' 之一，实际为：'handbook.result/2'"),
        ({"trainee": {"id": "E01"}}, "trainee.name：缺少必填字段"),
        ({"answers": [{"question_id": "q01", "response": 1}]}, "answers.0.response"),
        ({"quiz_version": "ABC"}, "quiz_version"),
        ({"submitted_at": "2026-03-03 09:30"}, "submitted_at"),
        ({"mode": "survey"}, "考核表须写明 session_id 和 instructor_id"),
        ({"score": None}, "score"),
    ],
)
def test_a_file_against_the_schema_is_rejected_naming_the_field(project, results, change, reason) -> None:
    results.write("bad.json", {**results.exam_data(trainee="E01"), **change})
    found = rejected(project, results)["bad.json"]
    assert found.startswith("不符合结果文件格式 handbook.result/1：")
    assert reason in found


@pytest.mark.parametrize("position", [0, 3])
@pytest.mark.parametrize("response", [1, {"a": 1}, ["a", 2]])
def test_a_malformed_answer_among_good_ones_is_reported_before_anything_else(
    project, results, position: int, response: object
) -> None:
    data = results.exam_data(trainee="E01")
    data["answers"][position]["response"] = response
    results.write("answer.json", data)
    results.write("stranger.json", {**data, "trainee": {"id": "X99", "name": "外人"}})
    reasons = rejected(project, results)
    assert reasons["answer.json"].startswith(f"不符合结果文件格式 handbook.result/1：answers.{position}.response")
    assert reasons["stranger.json"] == reasons["answer.json"]


def test_a_malformed_answer_in_a_feedback_form_is_reported_as_the_schema_does(project, results) -> None:
    data = results.survey_data("E01", "s1")
    data["answers"][1] = {"question_id": "", "response": True}
    results.write("form.json", data)
    reason = rejected(project, results)["form.json"]
    assert reason.startswith("不符合结果文件格式 handbook.result/1：answers.1.question_id")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"session_id": None}, "考核表须写明 session_id 和 instructor_id"),
        ({"instructor_id": None}, "考核表须写明 session_id 和 instructor_id"),
        ({"quiz_version": "0123456789ABCDEF"}, "quiz_version：应为 16 位小写十六进制数字"),
    ],
)
def test_a_feedback_form_against_the_schema_is_rejected_as_the_schema_says(project, results, change, reason) -> None:
    """What the quick validation leaves to the grader's checks is refused with the schema's reason."""
    data = results.survey_data("E01", "s1")
    data.update(change)
    data = {key: value for key, value in data.items() if value is not None}
    results.write("form.json", data)
    found = rejected(project, results)["form.json"]
    assert found.startswith("不符合结果文件格式 handbook.result/1：")
    assert reason in found


def test_a_missing_answers_list_is_named(project, results) -> None:
    data = results.exam_data(trainee="E01")
    del data["answers"]
    results.write("bad.json", data)
    assert rejected(project, results)["bad.json"] == "不符合结果文件格式 handbook.result/1：answers：缺少必填字段"


def test_unknown_quiz_self_check_and_wrong_mode_are_rejected(project, results) -> None:
    results.write("unknown.json", results.exam_data(trainee="E01", quiz="exam-nowhere"))
    results.write("self.json", {**results.exam_data(trainee="E02", quiz="regular-sample"), "mode": "self-check"})
    results.write("mode.json", {**results.exam_data(trainee="E03"), "mode": "self-check"})
    assert rejected(project, results) == {
        "unknown.json": "未知的考核“exam-nowhere”：quizzes/ 中没有这个考核题库",
        "self.json": "“regular-sample”是自测题库，自测结果不计分",
        "mode.json": "模式“self-check”与“exam-regular”不符，应为“exam”",
    }


def test_a_result_on_an_edition_published_before_an_edit_is_graded_against_that_edition(project, results, tmp_path):
    """The build kept the edition it published; the bank is edited after the exam (a typo
    fixed, a question added); the old results are graded against what the trainees saw."""
    generate(project, load_checked(project))  # what `handbook build` does first
    old_version = results.versions["exam-regular"]
    kept = project.root / "editions" / "exam-regular" / f"{old_version}.yaml"
    assert kept.is_file()
    public = (project.docs / "assets" / "editions" / "exam-regular" / f"{old_version}.json").read_text("utf-8")
    assert '"answer"' not in public and '"explanation"' not in public  # the site gets no key
    results.exam("old-pass.json", trainee="E01")
    results.exam("old-fail.json", trainee="E02", right=1)
    bank = project.quizzes / "exam-regular.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("第一步应当？", "第一步应当做什么？"), "utf-8")
    results.versions["exam-regular"] = Results(project, results.folder).versions["exam-regular"]
    assert results.versions["exam-regular"] != old_version
    results.exam("new.json", trainee="E03")
    grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert grades.rejected == []
    by_trainee = {a.trainee_id: a for a in grades.attempts}
    assert (by_trainee["E01"].passed, by_trainee["E01"].edition) == (True, old_version)
    assert (by_trainee["E02"].passed, by_trainee["E02"].edition) == (False, old_version)
    assert by_trainee["E03"].edition == ""
    assert ("按旧版题库评分", "2 次（题库修改前按当时发布的考核作答，按那一版评分）") in overview(grades)


def test_a_result_on_an_edition_never_published_is_refused(project, results) -> None:
    results.exam("forged.json", trainee="E01", quiz_version="0123456789abcdef")
    assert rejected(project, results) == {
        "forged.json": "此文件按“常规培训月度考核（示例）”的版本 0123456789abcdef 作答，本手册从未发布过这一版本"
        "（editions/exam-regular/ 中没有），无法评分"
    }


def test_a_kept_edition_edited_by_hand_is_not_used(project, results) -> None:
    keep_editions(project, load_checked(project))
    version = results.versions["exam-regular"]
    kept = project.root / "editions" / "exam-regular" / f"{version}.yaml"
    bank = project.quizzes / "exam-regular.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("第一步应当？", "第一步应当做什么？"), "utf-8")
    kept.write_text(kept.read_text(encoding="utf-8").replace("第一步应当？", "第一步是？"), "utf-8")  # not as published
    results.exam("old.json", trainee="E01")
    grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert [Path(r.file).name for r in grades.rejected] == ["old.json"] and grades.attempts == []


def test_unknown_and_repeated_questions_are_rejected(project, results) -> None:
    data = results.exam_data(trainee="E01")
    data["answers"].append({"question_id": "q99", "response": "a"})
    results.write("unknown.json", data)
    data = results.exam_data(trainee="E02")
    data["answers"].append({"question_id": "q01", "response": "b"})
    results.write("twice.json", data)
    assert rejected(project, results) == {"unknown.json": "题库中没有题目“q99”", "twice.json": "题目“q01”作答了两次"}


def test_unknown_trainee_and_a_name_that_is_not_the_rosters_are_rejected(project, results) -> None:
    results.write("stranger.json", results.exam_data(trainee="X99"))
    results.write("swapped.json", {**results.exam_data(trainee="E01"), "trainee": {"id": "E01", "name": "李四"}})
    assert rejected(project, results) == {
        "stranger.json": "花名册中没有工号“X99”",
        "swapped.json": "姓名“李四”与花名册中工号 E01 的姓名“张三”不符",
    }


def test_spaces_typed_in_a_name_do_not_make_it_another_name(project, results) -> None:
    results.write("spaced.json", {**results.exam_data(trainee="E02"), "trainee": {"id": "E02", "name": " 李 四 "}})
    grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert ([a.trainee_name for a in grades.attempts], grades.rejected) == (["李四"], [])


def test_the_same_submission_twice_counts_once(project, results) -> None:
    first = results.exam("a.json", trainee="E01", right=0)
    copy = results.folder / "copy" / "a.json"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert [(a.sitting, Path(a.file).name) for a in grades.attempts] == [(1, "a.json")]
    [rejection] = grades.rejected
    assert rejection.file == copy.as_posix()
    assert rejection.reason == f"重复提交：与 {first.as_posix()} 是同一次提交"


def test_two_different_submissions_at_the_same_moment_are_both_rejected(project, results) -> None:
    results.exam("a.json", trainee="E01", right=0)
    results.exam("b.json", trainee="E01", right=5)
    reasons = rejected(project, results)
    assert sorted(reasons) == ["a.json", "b.json"]
    assert "提交时间完全相同而答案不同" in reasons["a.json"]


def test_timestamps_in_the_future_out_of_order_or_impossible_are_rejected(project, results) -> None:
    results.exam("future.json", trainee="E01", day="2027-01-01")
    results.write("order.json", {**results.exam_data(trainee="E02"), "started_at": "2026-03-03T10:00:00+08:00"})
    results.write("feb30.json", {**results.exam_data(trainee="E03"), "submitted_at": "2026-02-30T10:00:00+08:00"})
    assert rejected(project, results) == {
        "future.json": "时间在将来：提交于 2027-01-01T09:30:00+08:00，而评分时间为 2026-12-31T18:00:00+08:00",
        "order.json": "时间顺序错乱：开始时间 2026-03-03T10:00:00+08:00 晚于提交时间 2026-03-03T09:30:00+08:00",
        "feb30.json": "submitted_at 不是有效的时间：2026-02-30T10:00:00+08:00",
    }


@pytest.mark.parametrize(
    ("started", "submitted", "in_order"),
    [
        ("2026-03-03T09:00:00+08:00", "2026-03-03T09:30:00+08:00", True),
        ("2026-03-03T09:30:00.5+08:00", "2026-03-03T09:30:00.4+08:00", False),
        ("2026-03-03T02:30:00Z", "2026-03-03T10:00:00+08:00", False),  # 10:30 in Shanghai
        ("2026-03-03T10:00:00+09:00", "2026-03-03T09:30:00+08:00", True),  # 09:00 in Shanghai
        ("2026-03-03T09:00:00.25+08:00", "2026-03-03T09:00:00.3+08:00", True),
    ],
)
def test_times_are_ordered_as_times_not_as_text(started: str, submitted: str, in_order: bool) -> None:
    result = {"started_at": started, "submitted_at": submitted}
    if in_order:
        assert check_times(result, GradingTime.at(NOW)) == dt.datetime.fromisoformat(submitted)
    else:
        with pytest.raises(Rejected, match="时间顺序错乱"):
            check_times(result, GradingTime.at(NOW))


@pytest.mark.parametrize(
    ("submitted", "future"),
    [
        ("2026-03-03T09:29:59+08:00", False),
        ("2026-03-03T09:29:59.6+08:00", False),
        ("2026-03-03T09:29:59.8+08:00", True),
        ("2026-03-03T09:30:00+08:00", True),
        ("2026-03-03T01:29:59Z", False),
        ("2026-03-03T01:30:00Z", True),
    ],
)
def test_the_future_starts_just_after_now(submitted: str, future: bool) -> None:
    now = dt.datetime(2026, 3, 3, 9, 29, 59, 700000, tzinfo=OFFICE).astimezone(dt.UTC)
    result = {"started_at": "2026-03-03T01:00:00Z", "submitted_at": submitted}
    if future:
        with pytest.raises(Rejected, match=r"^时间在将来：.*2026-03-03T09:29:59\+08:00$"):
            check_times(result, GradingTime.at(now))
    else:
        assert check_times(result, GradingTime.at(now)) == dt.datetime.fromisoformat(submitted)


def test_an_impossible_start_is_rejected_even_before_a_valid_submission() -> None:
    result = {"started_at": "2026-02-30T09:00:00+08:00", "submitted_at": "2026-03-03T09:30:00+08:00"}
    with pytest.raises(Rejected, match="started_at 不是有效的时间"):
        check_times(result, GradingTime.at(NOW))


def test_the_future_is_judged_against_the_time_given(project, results) -> None:
    results.exam("e01.json", trainee="E01", day="2026-03-03")
    results.exam("e02.json", trainee="E02", day="2026-03-02")
    grades = grade(project, [results.folder], ROSTER, now=dt.datetime(2026, 3, 3, 9, 29, tzinfo=OFFICE))
    assert [a.trainee_id for a in grades.attempts] == ["E02"]
    assert [r.reason[:6] for r in grades.rejected] == ["时间在将来："]


def test_a_file_over_the_policys_size_limit_is_rejected_unread_and_one_at_it_is_graded(project, results) -> None:
    limit = 262144  # curriculum/policy.yaml: grading.max_result_file_bytes
    text = json.dumps(results.exam_data(trainee="E01"), ensure_ascii=False)
    results.write("at.json", {})
    (results.folder / "at.json").write_text(text + " " * (limit - len(text.encode())), encoding="utf-8")
    (results.folder / "over.json").write_text(text + " " * (limit + 1 - len(text.encode())), encoding="utf-8")
    grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert [Path(a.file).name for a in grades.attempts] == ["at.json"]
    assert [(Path(r.file).name, r.reason) for r in grades.rejected] == [
        ("over.json", f"文件过大：超过 {limit // 1024} KB 的上限，未读取")
    ]


def test_feedback_forms_must_answer_every_measure_with_yes_or_no(project, results) -> None:
    data = results.survey_data("E01", "s1")
    data["answers"] = [a for a in data["answers"] if a["question_id"] != "gap"]
    results.write("short.json", data)
    data = results.survey_data("E02", "s1")
    data["answers"][0]["response"] = "是"
    results.write("text.json", data)
    data = results.survey_data("E03", "s1")
    data["answers"][-1]["response"] = ["很好"]
    results.write("comments.json", data)
    assert rejected(project, results) == {
        "short.json": "考核表缺少“gap”一项",
        "text.json": "考核表“understood”一项应为是或否（true 或 false）",
        "comments.json": "考核表的意见和建议应为文字",
    }


def test_with_records_a_form_must_name_a_recorded_session_and_its_instructor(project, results, tmp_path) -> None:
    records = tmp_path / "records"
    write_record(records, "s1", instructor="S01")
    results.survey("ok.json", "E01", "s1", instructor="S01")
    results.survey("nosession.json", "E02", "s9", instructor="S01")
    results.survey("other.json", "E03", "s1", instructor="F01")
    results.survey("stranger.json", "E04", "s1", instructor="X01")
    assert rejected(project, results, records) == {
        "nosession.json": "培训记录中没有场次“s9”",
        "other.json": "讲师工号“F01”与场次“s1”的培训记录（S01）不符",
        "stranger.json": "花名册中没有讲师工号“X01”",
    }


def test_a_path_that_does_not_exist_is_rejected_and_the_rest_graded(project, results, tmp_path) -> None:
    results.exam("e01.json", trainee="E01")
    grades = grade(project, [tmp_path / "nowhere.json", results.folder], ROSTER, now=NOW)
    assert [r.reason for r in grades.rejected] == ["找不到这个文件"]
    assert len(grades.attempts) == 1


def test_only_json_files_are_picked_from_folders_each_once(project, results) -> None:
    path = results.exam("e01.json", trainee="E01")
    (results.folder / "notes.txt").write_text("不是结果文件", encoding="utf-8")
    grades = grade(project, [results.folder, path], ROSTER, now=NOW)
    assert (grades.files, len(grades.attempts), grades.rejected) == (1, 1, [])


def test_grading_modifies_no_input_file(project, results, tmp_path) -> None:
    records = tmp_path / "records"
    write_record(records, "s1", trainees=[("E01", "absent")])
    results.exam("e01.json", trainee="E01", right=0)
    results.write("bad.json", {"schema": "nope"})
    before = fingerprint(results.folder), fingerprint(records), ROSTER.read_bytes()
    grade(project, [results.folder], ROSTER, records, now=NOW)
    assert (fingerprint(results.folder), fingerprint(records), ROSTER.read_bytes()) == before
