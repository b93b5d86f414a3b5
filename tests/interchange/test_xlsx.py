"""Question banks in Excel as offices really keep them, and every bad cell named by sheet, row and column."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from generator.core.errors import CheckFailed
from generator.core.workbooks import DAMAGED
from generator.interchange import xlsx_bank
from generator.models import Bank

OPTIONS = ["立即解释原因", "耐心倾听并记录要点", "转给维修部门", "让业主改天再来"]


def messy_workbook(path: Path) -> Path:
    """A title row, a two-row header with a merged “选项”, headings per type, blank rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "客服题库"
    sheet["A1"] = "某物业服务中心 客服人员题库（2026 版）"
    sheet.merge_cells("A1:K1")
    header = {"A": "序号", "B": "题型（必填）", "C": "题目", "D": "选项", "H": "正确答案", "I": "答案解析"}
    header |= {"J": "难易程度", "K": "知识点"}
    for column, title in header.items():
        sheet[f"{column}3"] = title
        if column != "D":
            sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("D3:G3")
    for column, letter in zip("DEFG", "ABCD", strict=True):
        sheet[f"{column}4"] = letter
    rows = {
        5: ["一、单选题（每题 1 分）"],
        6: [1, "单选", "业主来电投诉，客服人员首先应当做什么？", *OPTIONS, "Ｂ", "先听完。", "易", "投诉、接待"],
        8: [2, None, "前台接待业主时应当？", "起身问候", "继续打字", None, None, "a", None, 2],
        9: ["二、多选题"],
        10: [3, "多选题", "多选一", *OPTIONS, "A、C", "解析", None, None],
        11: [4, "多选", "多选二", *OPTIONS, "AC"],
        12: [5, "多项选择", "多选三", *OPTIONS, "A,C,D"],
        13: [6, "不定项", "多选四", *OPTIONS, "ＡＣ"],
        14: ["三、判断题"],
        15: [7, "判断", "判断一", None, None, None, None, "对"],
        16: [8, "判断题", "判断二", None, None, None, None, "×"],
        17: [9, "判断", "判断三", None, None, None, None, "正确"],
        18: [10, "是非", "判断四", None, None, None, None, "√"],
        19: [11, "判断", "判断五", "正确", "错误", None, None, "B"],
        20: ["四、填空题"],
        21: [12, "填空", "火警电话是（　　）。", None, None, None, None, 119],
        22: [13, "填空", "报修时要记录____和____。", None, None, None, None, "房号|门牌号；故障现象"],
        23: [14, "填空", "两个空：____和____", None, None, None, None, "甲、乙"],
        24: ["五、排序题"],
        25: [15, "排序", "排出受理投诉的顺序。", "回复业主", "记录要点", "倾听", "核实处理", "C B D A", None, "难"],
    }
    for number, values in rows.items():
        for column, value in enumerate(values, 1):
            sheet.cell(number, column, value)
    sheet.merge_cells("A5:K5")
    judged = workbook.create_sheet("判断题")
    judged.append(["题干", "答案"])
    judged.append(["业主情绪激动时应当提高音量压过对方。", "F"])
    workbook.create_sheet("备注").append(["这张表只是备注"])
    workbook.save(path)
    return path


@pytest.fixture
def messy(tmp_path: Path):
    return xlsx_bank.read(messy_workbook(tmp_path / "题库.xlsx"), "题库.xlsx")


def test_every_row_of_a_messy_sheet_is_read(messy) -> None:
    found = [(d.where.line, d.question["type"], d.question["stem"], d.question["answer"]) for d in messy.drafts]
    assert found == [
        (6, "single", "业主来电投诉，客服人员首先应当做什么？", "b"),
        (8, "single", "前台接待业主时应当？", "a"),
        (10, "multiple", "多选一", ["a", "c"]),
        (11, "multiple", "多选二", ["a", "c"]),
        (12, "multiple", "多选三", ["a", "c", "d"]),
        (13, "multiple", "多选四", ["a", "c"]),
        (15, "true_false", "判断一", True),
        (16, "true_false", "判断二", False),
        (17, "true_false", "判断三", True),
        (18, "true_false", "判断四", True),
        (19, "true_false", "判断五", False),
        (21, "fill_blank", "火警电话是____。", [["119"]]),
        (22, "fill_blank", "报修时要记录____和____。", [["房号", "门牌号"], ["故障现象"]]),
        (23, "fill_blank", "两个空：____和____", [["甲"], ["乙"]]),
        (25, "ordering", "排出受理投诉的顺序。", ["c", "b", "d", "a"]),
        (2, "true_false", "业主情绪激动时应当提高音量压过对方。", False),
    ]


def test_options_explanation_difficulty_and_tags_come_from_their_columns(messy) -> None:
    first, second = messy.drafts[0].question, messy.drafts[1].question
    assert first["options"] == [{"id": i, "text": t} for i, t in zip("abcd", OPTIONS, strict=True)]
    assert (first["explanation"], first["difficulty"], first["tags"]) == ("先听完。", 1, ["投诉", "接待"])
    assert second["options"] == [{"id": "a", "text": "起身问候"}, {"id": "b", "text": "继续打字"}]
    assert (second["explanation"], second["difficulty"]) == (None, 2)
    assert messy.drafts[14].question["difficulty"] == 3


def test_a_sheet_without_a_header_is_skipped_with_a_note(messy) -> None:
    assert [str(n) for n in messy.notes] == ["题库.xlsx 工作表“备注”: 没有表头，整张表已跳过"]


def test_a_cell_is_named_by_sheet_row_and_column(messy) -> None:
    assert str(messy.drafts[0].where) == "题库.xlsx 工作表“客服题库” C6（题目）"


def row(kind, stem, options=(), answer=None, difficulty=None) -> list:
    """A row in the template's layout: type, stem, options A–F, answer, explanation, difficulty."""
    return [kind, stem, *options, *[None] * (6 - len(options)), answer, None, difficulty]


BAD_ROWS = [
    row("问答", "请谈谈服务意识。", answer="言之有理即可"),
    row("单选", "答案超出选项", "甲乙丙丁", "E"),
    row("单选", "单选写了两个答案", "甲乙", "AB"),
    row("多选", "多选没写答案", "甲乙"),
    row("多选", "选项中间空了一个", ["甲", None, "丙"], "AC"),
    row("判断", "判断题答案看不懂", answer="可能"),
    row("填空", "两个空____和____只给一组", answer="甲"),
    row("排序", "排序少排了一项", "甲乙丙", "AB"),
    row("单选", "难度写错", "甲乙", "A", difficulty="很难"),
    row("单选", None, "甲乙", "A"),
    row("单选", "只有一个选项", "甲", "A"),
    row("多选", "答案中的字母重复了", "甲乙丙", "AAC"),
    row("填空", "题干中没有空却有两组答案", answer="甲；乙"),
    row("填空", "填空题没写答案____"),
    row("单选", "这一行没有错", "甲乙", "A"),
]


def test_every_bad_cell_is_reported_and_nothing_is_imported(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(_template(tmp_path))
    sheet = workbook["题库"]
    for row in BAD_ROWS:
        sheet.append(row)
    workbook.save(tmp_path / "bad.xlsx")
    with pytest.raises(CheckFailed) as failure:
        xlsx_bank.read(tmp_path / "bad.xlsx", "bad.xlsx")
    assert [str(p) for p in failure.value.problems] == [
        "bad.xlsx:2:1: 工作表“题库” A2（题型）: 题型应为 单选、多选、判断、填空、排序 之一，实际为：问答",
        "bad.xlsx:3:9: 工作表“题库” I3（答案）: 答案“E”不是本题的选项，应为 A、B、C、D 之一",
        "bad.xlsx:4:9: 工作表“题库” I4（答案）: 单选题只能有一个答案，实际为：AB",
        "bad.xlsx:5:9: 工作表“题库” I5（答案）: 答案应为选项字母（如 A 或 A、C），实际为：空",
        "bad.xlsx:6:4: 工作表“题库” D6（选项B）: 选项B是空的，但后面的选项有内容；选项要从 A 起依次填写",
        "bad.xlsx:7:9: 工作表“题库” I7（答案）: 判断题的答案应为 对/错、√/×、正确/错误 或 T/F，实际为：可能",
        "bad.xlsx:8:9: 工作表“题库” I8（答案）: 题干有 2 个空（____），答案却有 1 组；各空的答案用“；”分隔",
        "bad.xlsx:9:9: 工作表“题库” I9（答案）: 排序题的答案应把每个选项恰好排一次（如 CBA），实际为：AB",
        "bad.xlsx:10:11: 工作表“题库” K10（难度）: 难度应为 易/中/难 或 1/2/3，实际为：很难",
        "bad.xlsx:11:2: 工作表“题库” B11（题干）: 题干是空的",
        "bad.xlsx:12:3: 工作表“题库” C12（选项A）: 选择题和排序题至少要有两个选项",
        "bad.xlsx:13:9: 工作表“题库” I13（答案）: 答案中有重复的字母：AAC",
        "bad.xlsx:14:2: 工作表“题库” B14（题干）: 题干中没有空（____），答案却有 2 组",
        "bad.xlsx:15:9: 工作表“题库” I15（答案）: 填空题没有答案",
    ]


def _template(tmp_path: Path) -> Path:
    path = tmp_path / "模板.xlsx"
    path.write_bytes(xlsx_bank.template())
    return path


def test_the_template_has_the_documented_columns_drop_downs_and_a_guide(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(_template(tmp_path))
    assert workbook.sheetnames == ["题库", "填写说明"]
    header = [cell.value for cell in workbook["题库"][1]]
    assert header == [
        "题型",
        "题干",
        "选项A",
        "选项B",
        "选项C",
        "选项D",
        "选项E",
        "选项F",
        "答案",
        "解析",
        "难度",
        "标签",
    ]
    lists = sorted(v.formula1 for v in workbook["题库"].data_validations.dataValidation)
    assert lists == ['"单选,多选,判断,填空,排序"', '"易,中,难"']
    assert xlsx_bank.read(tmp_path / "模板.xlsx", "模板.xlsx").drafts == []  # the guide's examples are not read


def test_a_file_that_is_not_xlsx_and_a_sheet_without_header_are_errors(tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0 not a zip")
    with pytest.raises(CheckFailed) as failure:
        xlsx_bank.read(tmp_path / "old.xls", "old.xls")
    assert str(failure.value) == f"old.xls:1:1: （文件）: {DAMAGED}"
    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "成绩"])
    workbook.save(tmp_path / "other.xlsx")
    with pytest.raises(CheckFailed) as failure:
        xlsx_bank.read(tmp_path / "other.xlsx", "other.xlsx")
    assert "没有找到表头：至少要有“题干”和“答案”两列" in str(failure.value)


def test_text_that_looks_like_a_formula_is_written_as_text_and_read_back(tmp_path: Path) -> None:
    bank = Bank.model_validate(
        {
            "id": "b",
            "module": "m",
            "title": "题库",
            "questions": [{"id": "q01", "type": "true_false", "stem": "=SUM(A1)", "answer": True, "explanation": "是"}],
        }
    )
    data, _ = xlsx_bank.write(bank)
    (tmp_path / "out.xlsx").write_bytes(data)
    cell = openpyxl.load_workbook(tmp_path / "out.xlsx")["题库"]["B2"]
    assert (cell.value, cell.data_type) == ("=SUM(A1)", "s")
    assert xlsx_bank.read(tmp_path / "out.xlsx", "out.xlsx").drafts[0].question["stem"] == "=SUM(A1)"
