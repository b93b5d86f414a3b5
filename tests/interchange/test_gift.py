"""GIFT as Moodle documents it and as Moodle itself exports it; every malformed case by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.errors import CheckFailed
from generator.interchange import gift
from generator.models import Bank

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "interchange"


def read(name: str):
    return gift.read(FIXTURES / name, name)


def summary(parsed) -> list[tuple]:
    return [(d.where.line, d.question["type"], d.question["stem"], d.question["answer"]) for d in parsed.drafts]


def test_every_documented_construct_is_read() -> None:
    parsed = read("documented.gift.txt")
    assert summary(parsed) == [
        (4, "true_false", "接到报修后应当记下报修人的房号。", True),
        (6, "true_false", "投诉处理完毕后，无需再回访业主。", False),
        (9, "single", "业主来电投诉，客服人员首先应当做什么？", "b"),
        (16, "single", "业主来到前台时，客服人员应当____问候。", "b"),
        (19, "multiple", "受理报修时应当记录哪些内容？", ["a", "b"]),
        (25, "multiple", "下列哪些属于小区的公共设施？", ["a", "b", "c"]),
        (33, "fill_blank", "火警电话是多少？____", [["119", "幺幺九"]]),
        (36, "fill_blank", "医疗急救电话是____，遇到急症要立即拨打。", [["120"]]),
        (39, "true_false", "消防通道可以临时停放车辆。", False),
        (42, "single", "交班时间写作 8:30，符号 { } ~ = # 前面要加反斜杠\n第二行。", "a"),
        (44, "single", "业主说“水管爆了”，应当先做什么？", "a"),
        (46, "single", "<b> 在纯文本中原样显示吗？", "a"),
        (49, "single", "投诉电话接通后第一句应当说什么？", "a"),
        (51, "fill_blank", "小区的服务电话张贴在____。", [["公告栏"]]),
    ]


def test_per_answer_and_general_feedback_become_the_explanation() -> None:
    drafts = {d.where.line: d.question for d in read("documented.gift.txt").drafts}
    assert drafts[6]["explanation"] == "答对时：对，处理完还要回访。\n答错时：不对：回访才能确认问题真正解决。"
    assert drafts[9]["explanation"] == (
        "选“立即解释原因”：先听完再解释。\n选“耐心倾听并记录要点”：对。\n选“转给维修部门”：问题还没弄清楚。"
    )
    assert drafts[39]["explanation"] == "消防通道必须随时保持畅通。"
    assert drafts[4]["explanation"] is None  # the importer fills in the placeholder and counts it


def test_html_text_loses_its_tags_and_options_keep_their_order() -> None:
    drafts = {d.where.line: d.question for d in read("documented.gift.txt").drafts}
    assert drafts[44]["options"] == [{"id": "a", "text": "通知维修并关闭总阀"}, {"id": "b", "text": "等业主自己处理"}]
    assert drafts[25]["options"][3] == {"id": "d", "text": "业主家里的冰箱"}


def test_essays_and_descriptions_are_skipped_numerical_and_matching_refused_by_line() -> None:
    parsed = read("documented.gift.txt")
    assert [str(n) for n in parsed.skipped] == [
        "documented.gift.txt:57: 问答题（essay）需要人工评分，本手册不支持，已跳过",
        "documented.gift.txt:59: 说明文字（description）不是题目，已跳过",
    ]
    assert [str(n) for n in parsed.refused] == [
        "documented.gift.txt:62: 数值题（numerical）本手册没有这种题型，未导入；可改写为填空题",
        "documented.gift.txt:64: 匹配题（matching）本手册没有这种题型，未导入；可拆成几道单选题",
        "documented.gift.txt:67: 这道单选题有多个 = 正确答案，本手册的单选题只能有一个，未导入",
    ]
    assert [str(n) for n in parsed.notes] == [
        "documented.gift.txt:49: 部分得分（%…%）的选项按错误选项导入",
        "documented.gift.txt:51: 部分得分的答案没有导入，只保留满分答案",
    ]


def test_a_file_as_moodle_exports_it() -> None:
    parsed = read("moodle_export.gift.txt")
    assert summary(parsed) == [
        (6, "single", "业主丢失门禁卡，客服人员应当怎样处理？", "b"),
        (15, "true_false", "计划停水应当提前通知业主。", True),
        (19, "fill_blank", "报修登记的必填项是房号和:____", [["故障现象", "问题描述"]]),
        (27, "multiple", "哪些属于客服人员的仪容要求？", ["a", "b"]),
    ]
    assert (
        parsed.drafts[1].question["explanation"]
        == "提前通知，业主才有时间储水。\n答对时：正确。\n答错时：不对，要提前通知。"
    )
    assert [n.where.line for n in parsed.skipped + parsed.refused] == [35, 39]


def test_every_malformed_question_is_reported_with_its_line_and_the_rest_are_not() -> None:
    with pytest.raises(CheckFailed) as failure:
        read("malformed.gift.txt")
    assert [str(p) for p in failure.value.problems] == [
        "malformed.gift.txt:2:1: （题目）: 花括号 { } 不成对；文字中的花括号要写成 \\{ 和 \\}",
        "malformed.gift.txt:5:1: （题目）: 一道题只能有一组答案 {…}；两道题之间要空一行",
        "malformed.gift.txt:7:1: （题目）: 选择题至少要有两个选项",
        "malformed.gift.txt:9:1: （题目）: 多选题没有得分为正的选项（如 ~%50%），不知道哪些是正确答案",
        "malformed.gift.txt:11:1: （题目）: 有一个选项没有文字",
        "malformed.gift.txt:13:1: （题目）: 填空题有一个答案是空的",
        "malformed.gift.txt:15:1: （题目）: 题干中有 2 个空（____），GIFT 的填空题只有一组答案",
        "malformed.gift.txt:17:1: （题目）: 花括号 { } 不成对；文字中的花括号要写成 \\{ 和 \\}",
    ]


def test_a_gbk_file_is_read_with_a_note_and_undecodable_bytes_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("业主来访时应当起身问候。{T}\n".encode("gb18030"))
    parsed = gift.read(path, "gbk.txt")
    assert parsed.drafts[0].question["stem"] == "业主来访时应当起身问候。"
    assert [n.message for n in parsed.notes] == ["文件不是 UTF-8 编码，已按 GB18030（GBK）读取；请核对文字是否正确"]
    path.write_bytes(b"ok {T}\n\nline two \x81\x20{T}\n")
    with pytest.raises(CheckFailed) as failure:
        gift.read(path, "bad.txt")
    message = "无法识别文件编码：既不是 UTF-8 也不是 GB18030（GBK）；请另存为 UTF-8"
    assert str(failure.value) == f"bad.txt:3:1: （文件）: {message}"


def bank(*questions: dict) -> Bank:
    return Bank.model_validate({"id": "b", "module": "m", "title": "题库", "questions": list(questions)})


def test_writing_escapes_specials_and_marks_multiple_choice_weights() -> None:
    written, left_out = gift.write(
        bank(
            {
                "id": "q01",
                "type": "multiple",
                "stem": "哪些要登记？时间 8:30 {}",
                "options": [{"id": "a", "text": "房号"}, {"id": "b", "text": "姓名"}, {"id": "c", "text": "收入"}],
                "answer": ["a", "b"],
                "explanation": "第一行\n第二行 #",
            },
            {"id": "q02", "type": "fill_blank", "stem": "火警电话是____。", "answer": [["119"]], "explanation": "常识"},
            {
                "id": "q03",
                "type": "ordering",
                "stem": "排序",
                "options": [{"id": "a", "text": "甲"}, {"id": "b", "text": "乙"}],
                "answer": ["b", "a"],
                "explanation": "先乙后甲",
            },
        )
    )
    assert written.split("\n\n")[1:] == [
        "::b-q01::哪些要登记？时间 8\\:30 \\{\\} {\n"
        "\t~%50%房号\n\t~%50%姓名\n\t~%-100%收入\n\t####第一行\\n第二行 \\#\n}",
        "::b-q02::火警电话是{=119 ####常识}。\n",
    ]
    assert left_out == [("q03", "GIFT 没有排序题")]
