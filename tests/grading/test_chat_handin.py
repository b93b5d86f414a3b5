"""Results handed in by chat: one or many result texts pasted between other messages, saved as a
.txt or exported as JSON. Each result found is graded; each fragment that names the result
format but cannot be read is a rejection at its line."""

from __future__ import annotations

import json
from pathlib import Path

from grading_support import NOW, ROSTER, Results

from generator.core.project import Project
from generator.grading import grade


def pasted(data: dict) -> str:
    """A result as the exam page's 复制结果文本 puts it on the clipboard."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def test_a_chat_saved_as_text_grades_every_result_and_names_each_cut_fragment(project: Project, results: Results):
    first = pasted(results.exam_data(trainee="E01"))
    second = pasted(results.exam_data(trainee="E02", right=2))
    cut = pasted(results.exam_data(trainee="E03"))[:200]  # the message was cut short
    chat = "\n".join(
        [
            "王主管 2026-03-03 09:31",
            "大家考完把结果发群里 {不是结果}",
            "冯客服 2026-03-03 09:32",
            first,
            "陈客服 2026-03-03 09:35",
            "收到，我的在下面：",
            second,
            "褚客服 09:40",
            cut,
            "冯客服 09:41",
            first,  # sent twice: one sitting, not two
        ]
    )
    results.folder.mkdir(parents=True, exist_ok=True)
    (results.folder / "群聊.txt").write_text(chat, encoding="gb18030")  # Notepad on Chinese Windows
    grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert sorted((a.trainee_id, a.passed) for a in grades.attempts) == [("E01", True), ("E02", False)]
    lines = chat.split("\n")
    sent = [lines.index("冯客服 2026-03-03 09:32") + 2, lines.index("冯客服 09:41") + 2]
    named = {a.trainee_id: a.file for a in grades.attempts}["E01"]
    assert named in [f"{results.folder}/群聊.txt:{line}" for line in sent]  # named by the line it starts on
    reasons = {r.file.rsplit("/", 1)[-1]: r.reason for r in grades.rejected}
    cut_line = lines.index("褚客服 09:40") + 2
    assert reasons[f"群聊.txt:{cut_line}"].startswith("看起来是一份答题结果，但读不全")
    assert any(reason.startswith("重复提交") for reason in reasons.values())
    assert len(grades.rejected) == 2


def test_a_chat_exported_as_json_grades_the_results_in_its_messages(project: Project, results: Results):
    messages = [
        {"sender": "王主管", "time": "09:31", "text": "请把结果发过来"},
        {"sender": "冯客服", "time": "09:32", "text": "好的\n" + pasted(results.exam_data(trainee="E01"))},
        {"sender": "陈客服", "time": "09:33", "text": pasted(results.exam_data(trainee="E02"))},
    ]
    results.write("chat-export.json", {"chat": "培训群", "messages": messages})
    grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert sorted(a.trainee_id for a in grades.attempts) == ["E01", "E02"]
    assert grades.rejected == []


def test_a_text_without_any_result_is_no_result_file_and_an_ordinary_result_file_is_unchanged(project, results):
    results.folder.mkdir(parents=True, exist_ok=True)
    (results.folder / "notes.txt").write_text("明天九点考试，别迟到。", encoding="utf-8")
    results.exam("e01.json", trainee="E01")
    results.write("broken.json", {"schema": "handbook.result/1"})
    grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert [a.file.rsplit("/", 1)[-1] for a in grades.attempts] == ["e01.json"]
    reasons = {Path(r.file).name: r.reason for r in grades.rejected}
    assert list(reasons) == ["broken.json"] and reasons["broken.json"].startswith("不符合结果文件格式")
    assert grades.files == 2  # the note is not counted as a result file
