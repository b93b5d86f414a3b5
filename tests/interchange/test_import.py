"""`handbook import` and `handbook export` as a supervisor uses them: summaries, exit codes, files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_xlsx import messy_workbook

from generator.cli import main
from generator.core.errors import Problem
from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.interchange.drafts import Where
from generator.interchange.importing import at_origin

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "interchange"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "interchange"


def handbook(project: Project, *args: str) -> int:
    return main(["--root", str(project.root), *map(str, args)])


def fixture(project: Project, name: str) -> Path:
    """A copy of an interchange fixture inside the project, so messages name it briefly.

    The fire module's bank is taken away, so that importing can create a new one for it."""
    (project.quizzes / "fire-sample.yaml").unlink(missing_ok=True)
    return Path(shutil.copy(FIXTURES / name, project.root / name))


SUMMARY = """\
已导入 14 道题（单选 6、多选 2、判断 3、填空 3），编号 q01–q14，新建题库 quizzes/fire-extra.yaml（模块 fire-sample）。
其中 11 道题没有解析，已填入“（导入时无解析，请补充）”，请补写：q01、q04、q05、q06、q07、q08、q10、q11、q12、q13、q14
跳过 2 项（不是可评分的题目）：
  documented.gift.txt:57: 问答题（essay）需要人工评分，本手册不支持，已跳过
  documented.gift.txt:59: 说明文字（description）不是题目，已跳过
拒绝 3 道（本手册没有这种题型）：
  documented.gift.txt:62: 数值题（numerical）本手册没有这种题型，未导入；可改写为填空题
  documented.gift.txt:64: 匹配题（matching）本手册没有这种题型，未导入；可拆成几道单选题
  documented.gift.txt:67: 这道单选题有多个 = 正确答案，本手册的单选题只能有一个，未导入
提示 2 条：
  documented.gift.txt:49: 部分得分（%…%）的选项按错误选项导入
  documented.gift.txt:51: 部分得分的答案没有导入，只保留满分答案
下一步：运行 handbook check 检查，再运行 handbook build 生成网站。
"""


def test_a_gift_file_becomes_a_new_bank_that_passes_check(mini: Project, capsys, update_golden: bool) -> None:
    source = fixture(mini, "documented.gift.txt")
    assert handbook(mini, "import", "gift", source, "--bank", "fire-extra", "--module", "fire-sample") == 0
    assert capsys.readouterr().out == SUMMARY
    written = (mini.quizzes / "fire-extra.yaml").read_text(encoding="utf-8")
    if update_golden:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        (GOLDEN / "fire-extra.yaml").write_text(written, encoding="utf-8")
    assert written == (GOLDEN / "fire-extra.yaml").read_text(encoding="utf-8")
    found = check(mini)
    assert len(next(b for b in found.banks if b.bank.id == "fire-extra").bank.questions) == 14


def test_importing_the_same_file_twice_adds_nothing(mini: Project, capsys) -> None:
    source = fixture(mini, "documented.gift.txt")
    handbook(mini, "import", "gift", source, "--bank", "fire-extra", "--module", "fire-sample")
    before = (mini.quizzes / "fire-extra.yaml").read_bytes()
    capsys.readouterr()
    assert handbook(mini, "import", "gift", source, "--bank", "fire-extra") == 0
    out = capsys.readouterr().out
    assert out.startswith("没有新题目可导入，题库 quizzes/fire-extra.yaml 未改动。\n已在题库中、未重复导入 14 道：\n")
    assert "  documented.gift.txt:4: 与题库中的 q01 相同，未重复导入\n" in out
    assert (mini.quizzes / "fire-extra.yaml").read_bytes() == before


AIKEN = """\
业主来访时首先应当？
A. 起身问候
B. 继续打字
ANSWER: A

业主来访时首先应当？
A. 起身问候
B. 继续打字
ANSWER: B

保洁员在电梯里遇到业主，应当怎样做？
A. 侧身让业主先行并问好
B. 低头继续工作
ANSWER: A
"""


def test_merging_appends_to_the_bank_and_keeps_its_text_and_answers(mini: Project, capsys) -> None:
    bank = mini.quizzes / "fire-sample.yaml"
    before = bank.read_text(encoding="utf-8")
    (mini.root / "more.aiken.txt").write_text(AIKEN, encoding="utf-8")
    assert handbook(mini, "import", "aiken", mini.root / "more.aiken.txt", "--bank", "fire-sample") == 0
    assert capsys.readouterr().out == (
        "已导入 1 道题（单选 1），编号 q03，追加到题库 quizzes/fire-sample.yaml（模块 fire-sample）。\n"
        "其中 1 道题没有解析，已填入“（导入时无解析，请补充）”，请补写：q03\n"
        "已在题库中、未重复导入 1 道：\n"
        "  more.aiken.txt:1: 与题库中的 q01 相同，未重复导入\n"
        "与已有的题答案不一致、未导入 1 道：\n"
        "  more.aiken.txt:6: 与题库中的 q01 题干和选项相同，但答案不同；未导入，保留前者的答案，请人工核对\n"
        "下一步：运行 handbook check 检查，再运行 handbook build 生成网站。\n"
    )
    after = bank.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert "  - id: q03\n    type: single\n    stem: 保洁员在电梯里遇到业主，应当怎样做？\n" in after
    check(mini)


def test_a_messy_excel_sheet_imports_into_a_new_bank(mini: Project, capsys) -> None:
    source = messy_workbook(mini.root / "题库.xlsx")
    assert handbook(mini, "import", "xlsx", source, "--bank", "regular-sample") == 0
    out = capsys.readouterr().out
    assert out.startswith("已导入 16 道题（单选 2、多选 4、判断 6、填空 3、排序 1），编号 q03–q18，追加到题库")
    assert "  题库.xlsx 工作表“备注”: 没有表头，整张表已跳过\n" in out
    check(mini)


WRONG = [
    (["--bank", "fire-extra", "--module", "nope"], "没有编号为“nope”的模块（模块文件在 curriculum/modules/ 中）"),
    (["--bank", "fire-extra"], "新题库要用 --module 指明它属于哪个模块，如 --module fire-extra"),
    (
        ["--bank", "Fire Extra"],
        "题库编号“Fire Extra”不合格式：只能用小写字母、数字和连字符，如 regular-complaint-handling",
    ),
    (
        ["--bank", "drill-sample", "--module", "fire-sample"],
        "题库“drill-sample”属于模块“drill-sample”，与 --module fire-sample 不符",
    ),
    (
        ["--bank", "drill-extra", "--module", "drill-sample"],
        "模块“drill-sample”已有自测题库“drill-sample”，每个模块只有一个；请用 --bank drill-sample 把题目追加到其中",
    ),
    ([], "请给出要导入的文件和 --bank 题库编号，如：handbook import gift 题库.txt --bank 题库编号"),
]


@pytest.mark.parametrize(("args", "message"), WRONG)
def test_a_wrong_bank_or_module_is_an_error_and_writes_nothing(mini: Project, capsys, args, message) -> None:
    source = fixture(mini, "documented.gift.txt")
    before = sorted(p.name for p in mini.quizzes.iterdir())
    assert handbook(mini, "import", "gift", source, *args) == 1
    assert capsys.readouterr().err == f"错误：{message}\n"
    assert sorted(p.name for p in mini.quizzes.iterdir()) == before


def test_a_malformed_file_is_reported_in_full_and_writes_nothing(mini: Project, capsys) -> None:
    source = fixture(mini, "malformed.gift.txt")
    assert handbook(mini, "import", "gift", source, "--bank", "fire-extra", "--module", "fire-sample") == 1
    err = capsys.readouterr().err
    assert err.startswith("malformed.gift.txt:2:1: （题目）: 花括号 { } 不成对")
    assert err.endswith("检查未通过：共 8 处错误。\n")
    assert not (mini.quizzes / "fire-extra.yaml").exists()


def test_a_bank_that_cannot_be_appended_to_is_rewritten_only_with_force(mini: Project, capsys) -> None:
    bank = mini.quizzes / "fire-sample.yaml"
    text = bank.read_text(encoding="utf-8").replace("title: 消防培训示例 自测\n", "")
    bank.write_text(text + "title: 消防培训示例 自测\n", encoding="utf-8")
    (mini.root / "more.aiken.txt").write_text(AIKEN, encoding="utf-8")
    args = ("import", "aiken", mini.root / "more.aiken.txt", "--bank", "fire-sample")
    assert handbook(mini, *args) == 1
    assert "加 --force 将按标准格式重写整个文件" in capsys.readouterr().err
    assert bank.read_text(encoding="utf-8") == text + "title: 消防培训示例 自测\n"
    assert handbook(mini, *args, "--force") == 0
    assert "重写题库 quizzes/fire-sample.yaml" in capsys.readouterr().out
    found = check(mini)
    ids = [q.id for b in found.banks if b.bank.id == "fire-sample" for q in b.bank.questions]
    assert ids == ["q01", "q02", "q03"]


def test_a_broken_existing_bank_is_reported_not_overwritten(mini: Project, capsys) -> None:
    bank = mini.quizzes / "fire-sample.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("answer: a", "answer: [a"), encoding="utf-8")
    (mini.root / "more.aiken.txt").write_text(AIKEN, encoding="utf-8")
    assert handbook(mini, "import", "aiken", mini.root / "more.aiken.txt", "--bank", "fire-sample") == 1
    assert capsys.readouterr().err.startswith("quizzes/fire-sample.yaml:")


def test_template_and_exports_are_never_overwritten_without_force(mini: Project, capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert handbook(mini, "import", "--template", "xlsx") == 0
    assert capsys.readouterr().out == f"模板已写入 {tmp_path / '题库导入模板.xlsx'}\n"
    assert handbook(mini, "import", "--template", "xlsx") == 1
    assert capsys.readouterr().err == f"错误：文件已存在：{tmp_path / '题库导入模板.xlsx'}；要覆盖请加 --force\n"
    assert handbook(mini, "import", "--template", "xlsx", "--force") == 0
    assert handbook(mini, "import", "--template", "gift") == 1
    assert handbook(mini, "export", "gift", "fire-sample") == 0
    assert handbook(mini, "export", "gift", "fire-sample") == 1
    capsys.readouterr()
    assert handbook(mini, "export", "gift", "fire-sample", "--force") == 0
    assert capsys.readouterr().out == (
        f"已导出 2 道题到 {tmp_path / 'fire-sample.gift.txt'}（GIFT 格式）。\n注意：GIFT 不含难度和标签。\n"
    )


def test_export_lists_what_the_format_cannot_carry(mini: Project, capsys, tmp_path) -> None:
    out = tmp_path / "x.aiken.txt"
    assert handbook(mini, "export", "aiken", "fire-sample", "-o", out) == 0
    assert capsys.readouterr().out == (
        f"已导出 1 道题到 {out}（Aiken 格式）。\n注意：Aiken 只有单选题，不含解析、难度和标签。\n"
        "未导出 1 道（这种格式无法表示）：\n  q02: Aiken 只有单选题\n"
    )
    assert out.read_text(encoding="utf-8") == "业主来访时首先应当？\nA. 起身问候\nB. 继续打字\nANSWER: A\n"
    assert handbook(mini, "export", "aiken", "nope", "-o", out, "--force") == 1
    assert capsys.readouterr().err == "错误：没有题库“nope”：找不到 quizzes/nope.yaml\n"


def test_every_bank_of_the_fixture_survives_an_excel_round_trip(mini: Project, tmp_path) -> None:
    originals = {b.bank.id: b.bank for b in check(mini).banks}
    for bank in originals.values():
        sheet = tmp_path / f"{bank.id}.xlsx"
        assert handbook(mini, "export", "xlsx", bank.id, "-o", sheet) == 0
        (mini.quizzes / f"{bank.id}.yaml").unlink()
        assert handbook(mini, "import", "xlsx", sheet, "--bank", bank.id, "--module", bank.module) == 0
    rebuilt = {b.bank.id: b.bank for b in check(mini).banks}
    assert {i: b.questions for i, b in rebuilt.items()} == {i: b.questions for i, b in originals.items()}


def test_a_problem_in_an_imported_question_is_told_where_the_question_came_from() -> None:
    origins = [Where("a.gift.txt", 4), Where("a.gift.txt", 12)]
    problem = Problem("quizzes/x.yaml", 40, 7, "questions.3.stem", "考核题的题干与某道自测题相同")
    assert at_origin(problem, 2, origins) == Problem("a.gift.txt", 12, 1, "stem", "考核题的题干与某道自测题相同")
    earlier = Problem("quizzes/x.yaml", 9, 7, "questions.1.stem", "已有的题")
    assert at_origin(earlier, 2, origins) == earlier


def _import_at_once(root: str, name: str, start) -> None:
    from generator.core.project import Project
    from generator.interchange.importing import import_bank

    start.wait(30)
    import_bank(Project(Path(root)), "aiken", Path(root) / name, "fire-sample")


def test_two_imports_into_one_bank_at_once_both_count(mini: Project) -> None:
    """Each import holds the bank's lock from reading it to writing it back: neither question is lost."""
    import multiprocessing

    stems = ["前台接到火警电话，首先应当做什么？", "发现电梯困人，首先应当做什么？"]
    for number, stem in enumerate(stems):
        text = f"{stem}\nA. 问清地点并报告\nB. 挂断电话\nANSWER: A\n"
        (mini.root / f"q{number}.aiken.txt").write_text(text, encoding="utf-8")
    start = multiprocessing.Event()
    workers = [
        multiprocessing.Process(target=_import_at_once, args=(str(mini.root), f"q{number}.aiken.txt", start))
        for number in range(len(stems))
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    bank = (mini.quizzes / "fire-sample.yaml").read_text(encoding="utf-8")
    assert all(stem in bank for stem in stems)
    check(mini)
