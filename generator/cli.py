"""The ``handbook`` command: a thin layer over the library functions."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

TYPE_CHECKING = False
"""True for the type checker only: importing ``typing`` for it would cost ``--help`` 5 ms."""
if TYPE_CHECKING:
    import datetime as dt

    from .core.project import Project

# Nothing but argparse is imported here: `handbook --help` and a mistyped option answer at once
# (logging, datetime and dataclasses alone would double the time an empty Python takes). Each
# command imports what it needs (the curriculum's models, MkDocs, openpyxl) when it runs.

COLLECT_PORT = 8080
"""The collector's port unless --port says otherwise; feedback-form links assume it."""


def _project(args: argparse.Namespace) -> Project:
    from .core.project import Project

    return Project.locate(args.root)


def cmd_check(args: argparse.Namespace) -> int:
    from .core.errors import CheckFailed
    from .core.handbook import load_checked
    from .core.office_facts import unfilled_problem, unfilled_uses

    found = load_checked(_project(args))
    unfilled = unfilled_uses(found)
    if args.strict and any(fact.safety for _, fact in unfilled):
        raise CheckFailed([unfilled_problem(use, fact) for use, fact in unfilled if fact.safety])
    for use, fact in unfilled:
        print(f"提醒：{unfilled_problem(use, fact)}", file=sys.stderr)
    questions = sum(len(b.bank.questions) for b in found.banks)
    print(f"检查通过：{len(found.modules)} 个模块，{len(found.banks)} 个题库，{questions} 道题。")
    if unfilled:
        facts = {id(fact): fact for _, fact in unfilled}.values()
        safety = sum(1 for fact in facts if fact.safety)
        print(
            f"另有 {len(facts)} 项本处信息还没有填写（用在 {len(unfilled)} 处，其中应急要用的 {safety} 项），"
            "请填写 curriculum/office.yaml；handbook office 列出全部待填项，check --strict 把应急要用的项当作错误。"
        )
    return 0


def cmd_office(args: argparse.Namespace) -> int:
    from .core.handbook import load_checked
    from .core.office_facts import office_list

    print(office_list(load_checked(_project(args))))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    started = time.perf_counter()
    from .site.build import build  # MkDocs and Jinja2 are loaded only by the commands that build

    build(project, offline=args.offline, strict=args.strict, cut_aside=True)
    print(f"完成：网站已生成在 {project.site}（用时 {time.perf_counter() - started:.1f} 秒）")
    if args.offline:
        print(f"离线版：直接用浏览器打开 {project.site / 'index.html'} 即可。")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .site.serve import serve  # mkdocs' live-reload server is only needed here

    serve(_project(args), address=args.address)
    return 0


def _moment(text: str) -> dt.datetime:
    """--now as typed; without an offset it is office time."""
    import datetime as dt

    from .core.office_time import OFFICE_TIME

    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为时间，如 2026-12-03T18:00:00+08:00，实际为：{text}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=OFFICE_TIME)


def _day(text: str) -> dt.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为日期，如 2026-12-31，实际为：{text}") from None


def cmd_grade(args: argparse.Namespace) -> int:
    from .grading import run_grading, write_reports
    from .grading.summary import summary

    project = _project(args)
    graded = run_grading(project, args.results, args.roster, args.records, now=args.now)
    written = write_reports(graded, project, args.out)
    print(summary(graded.grades, graded.found.policy))
    print(f"已写入 {args.out}：{'、'.join(p.relative_to(args.out).as_posix() for p in written)}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from .grading.audit import audit, audit_text

    result = audit(_project(args), args.records, args.roster, args.year, today=args.today)
    print(audit_text(result))
    return 1 if result.breaches else 0


def cmd_forms(args: argparse.Namespace) -> int:
    from .grading.forms import write_blank_forms

    written = write_blank_forms(_project(args), args.out)
    print(f"空白表格已写入 {args.out}：{'、'.join(p.name for p in written)}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .core.errors import HandbookError
    from .interchange import exporting, importing

    if args.template:
        print(f"模板已写入 {exporting.write_template(args.format, args.file, force=args.force)}")
        return 0
    if args.file is None or args.bank is None:
        raise HandbookError("请给出要导入的文件和 --bank 题库编号，如：handbook import gift 题库.txt --bank 题库编号")
    report = importing.import_bank(_project(args), args.format, args.file, args.bank, args.module, force=args.force)
    print("\n".join(report.lines()))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .interchange.exporting import export_bank

    report = export_bank(_project(args), args.format, args.bank_id, args.output, force=args.force)
    print("\n".join(report.lines()))
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    from .planning.command import Request, make_schedule

    request = Request(args.month, args.year, args.roster, args.focus_from, args.provisional, args.out, args.strict)
    written = make_schedule(_project(args), request)
    print(f"已写入：{'、'.join(str(p) for p in written)}")
    return 0


def cmd_induction(args: argparse.Namespace) -> int:
    from .planning.command import InductionRequest, make_induction

    request = InductionRequest(args.arrival, args.name, args.team, args.roster, args.provisional, args.out)
    written = make_induction(_project(args), request)
    print(f"已写入：{'、'.join(str(p) for p in written)}")
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    from .collect.command import Request, collect  # the HTTP server stack is loaded only here

    collect(_project(args), Request(args.out, args.roster, args.port, args.lan))
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from .collect.links import Request, write_links

    request = Request(args.session, args.instructor, args.base, args.out)
    link, written = write_links(_project(args), request, COLLECT_PORT)
    print(f"培训效果考核表链接：{link}")
    print(f"已写入：{'、'.join(str(p) for p in written)}")
    return 0


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str, str]] = {
    "check": (cmd_check, "检查全部内容，列出每一处错误", "handbook check"),
    "office": (
        cmd_office,
        "列出本处信息（curriculum/office.yaml）中还没有填写的项、它们用在哪里，应急要用的排在前面",
        "handbook office",
    ),
    "build": (cmd_build, "检查内容、生成页面并构建网站到 site/", "handbook build --offline"),
    "serve": (cmd_serve, "在本机预览手册，修改内容后自动刷新", "handbook serve --address 127.0.0.1:8000"),
    "grade": (
        cmd_grade,
        "评分：重新计分考核结果文件，统计合格率、扣分和讲师评价，报告写到 --out",
        "handbook grade 收到的结果/ --roster 花名册.xlsx --records 培训记录/ --out 评分结果/",
    ),
    "audit": (
        cmd_audit,
        "按规程检查一年的培训记录，列出每一处不符合及其日期（有不符合时退出码为 1）",
        "handbook audit --records 培训记录/ --roster 花名册.xlsx --year 2026",
    ),
    "forms": (
        cmd_forms,
        "生成空白的培训计划表和培训记录表（.xlsx），可打印或在电脑上填写",
        "handbook forms --out 表格/",
    ),
    "import": (
        cmd_import,
        "把 Excel、GIFT 或 Aiken 题库导入为手册题库（新建或合并，不重复导入）；--template xlsx 生成 Excel 模板",
        "handbook import xlsx 题库.xlsx --bank regular-complaint-handling",
    ),
    "export": (
        cmd_export,
        "把手册题库导出为 GIFT、Aiken（供 Moodle 导入）或 Excel",
        "handbook export gift regular-complaint-handling -o 投诉处理.gift.txt",
    ),
    "schedule": (
        cmd_schedule,
        "按规程和法定工作日排出月度或年度培训计划：培训计划表（.xlsx）和日历文件（.ics）",
        "handbook schedule --month 2026-12 --roster 花名册.xlsx --out 培训计划/",
    ),
    "induction": (
        cmd_induction,
        "排出新员工岗前培训的逐日安排和理论考核日期（.xlsx 和 .ics）",
        "handbook induction --arrival 2026-09-28 --name 张三 --out 培训计划/",
    ),
    "collect": (
        cmd_collect,
        "考场收卷：在主管电脑上提供手册，学员交卷直接交到这台电脑，存为结果文件（按 Ctrl+C 结束）",
        "handbook collect --out 收到的结果/2026-12月考 --roster 花名册.xlsx --lan",
    ),
    "links": (
        cmd_links,
        "生成某场培训的培训效果考核表链接和二维码，以及带二维码的培训记录表（.xlsx）",
        "handbook links --session 2026-12-03-regular --instructor E0007 --out 培训记录/",
    ),
}

OPTIONS: dict[str, list[tuple[tuple[str, ...], dict]]] = {
    "check": [
        (("--strict",), {"action": "store_true", "help": "应急要用的本处信息（safety: true）没有填写时，当作错误"}),
    ],
    "build": [
        (("--offline",), {"action": "store_true", "help": "生成可直接从磁盘打开的离线版（无需网络和服务器）"}),
        (("--strict",), {"action": "store_true", "help": "把 MkDocs 的警告（如失效链接）也当作错误"}),
    ],
    "serve": [
        (("--address",), {"default": "127.0.0.1:8000", "help": "预览地址，默认 127.0.0.1:8000"}),
    ],
    "grade": [
        (("results",), {"nargs": "+", "type": Path, "metavar": "RESULTS", "help": "结果文件，或存放结果文件的文件夹"}),
        (("--roster",), {"type": Path, "required": True, "help": "花名册（.yaml、.csv 或 .xlsx）"}),
        (("--records",), {"type": Path, "help": "培训记录表所在的文件夹（扣考勤分、核对场次）"}),
        (("--out",), {"type": Path, "required": True, "help": "输出文件夹（含个人信息，不能是网站文件夹）"}),
        (("--now",), {"type": _moment, "help": "评分时间（默认：现在）；晚于它的提交时间视为错误"}),
    ],
    "audit": [
        (("--records",), {"type": Path, "required": True, "help": "培训记录表所在的文件夹"}),
        (("--roster",), {"type": Path, "required": True, "help": "花名册（.yaml、.csv 或 .xlsx）"}),
        (("--year",), {"type": int, "required": True, "help": "检查的年份"}),
        (("--today",), {"type": _day, "help": "按哪一天检查（默认：今天）；未结束的周期不检查"}),
    ],
    "forms": [
        (("--out",), {"type": Path, "required": True, "help": "输出文件夹"}),
    ],
    "import": [
        (("format",), {"choices": ("xlsx", "gift", "aiken"), "help": "文件格式：xlsx、gift 或 aiken"}),
        (("file",), {"nargs": "?", "type": Path, "help": "要导入的文件（与 --template 同用时为模板的保存位置）"}),
        (("--bank",), {"help": "题库编号，即 quizzes/ 中的文件名；已有的题库只追加新题"}),
        (("--module",), {"help": "新题库所属的模块编号（默认与题库编号相同）"}),
        (("--template",), {"action": "store_true", "help": "不导入，生成这种格式的空白模板（只有 xlsx 有）"}),
        (("--force",), {"action": "store_true", "help": "允许按标准格式重写题库文件，或覆盖已有的模板文件"}),
    ],
    "export": [
        (("format",), {"choices": ("gift", "aiken", "xlsx"), "help": "导出格式：gift、aiken 或 xlsx"}),
        (("bank_id",), {"metavar": "BANK_ID", "help": "题库编号"}),
        (("-o", "--output"), {"type": Path, "help": "输出文件（默认：当前文件夹中的 题库编号.gift.txt 等）"}),
        (("--force",), {"action": "store_true", "help": "覆盖已有的输出文件"}),
    ],
    "schedule": [
        (("--month",), {"help": "排这个月的计划，如 2026-12"}),
        (("--year",), {"type": int, "help": "排这一年的年度计划，如 2027"}),
        (
            ("--roster",),
            {"type": Path, "help": "花名册（.yaml、.csv 或 .xlsx）：讲师填上姓名，当月到岗的新员工排岗前培训"},
        ),
        (("--focus-from",), {"type": Path, "help": "评分程序的 grades.json：上次考核错误率最高的课题列为本月重点"}),
        (
            ("--provisional",),
            {"action": "store_true", "help": "节假日未公布的年份按只有周六、周日休息暂排（标注“暂定”）"},
        ),
        (("--out",), {"type": Path, "default": Path(), "help": "输出文件夹（默认：当前文件夹；不能是网站文件夹）"}),
        (("--strict",), {"action": "store_true", "help": "计划中有排不开的冲突时以非零状态退出（文件照样写出）"}),
    ],
    "collect": [
        (("--out",), {"type": Path, "required": True, "help": "收卷文件夹，存数据库和结果文件（不能是网站文件夹）"}),
        (("--roster",), {"type": Path, "help": "花名册（.yaml、.csv 或 .xlsx）：核对工号和姓名，监考页按它列出谁未交"}),
        (("--port",), {"type": int, "default": COLLECT_PORT, "help": f"端口，默认 {COLLECT_PORT}"}),
        (("--lan",), {"action": "store_true", "help": "让办公室网络中的手机也能打开（默认只有本机能打开）"}),
    ],
    "links": [
        (("--session",), {"required": True, "help": "培训场次编号，如 2026-12-03-regular"}),
        (("--instructor",), {"required": True, "help": "讲师工号"}),
        (("--base",), {"help": "学员打开手册的网址（默认：本机在办公室网络中的地址和收卷端口）"}),
        (("--out",), {"type": Path, "default": Path(), "help": "输出文件夹（默认：当前文件夹）"}),
    ],
    "induction": [
        (("--arrival",), {"type": _day, "required": True, "help": "到岗日期，如 2026-09-28"}),
        (("--name",), {"default": "", "help": "新员工姓名"}),
        (("--team",), {"default": "", "help": "所在班组（有花名册时，由本班班长和教练带教）"}),
        (("--roster",), {"type": Path, "help": "花名册：讲师填上姓名"}),
        (
            ("--provisional",),
            {"action": "store_true", "help": "节假日未公布的年份按只有周六、周日休息暂排（标注“暂定”）"},
        ),
        (("--out",), {"type": Path, "default": Path(), "help": "输出文件夹（默认：当前文件夹；不能是网站文件夹）"}),
    ],
}


# argparse's own words in Chinese: what it says around our help texts and when a command is typed
# wrong ("usage:", "the following arguments are required: --roster"). argparse looks each of its
# sentences up through gettext as it speaks (``argparse._``), the way a program is translated; it
# ships no Chinese, and gettext would look for it only under a Chinese locale, which an office's
# Windows console or a CI machine need not have. So while the command line is read, ``in_chinese``
# answers those lookups from ``ARGPARSE_WORDS``, and gives the usual lookup back afterwards. A sentence a
# later Python adds or words differently stays in English: still correct, only untranslated.

ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "the following arguments are required: %s": "缺少必须给出的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有 %(value)r 这一项，可选的有：%(choices)s",
    "invalid %(type)s value: %(value)r": "值不对：%(value)r",
    "expected one argument": "后面要跟一个值",
    "expected at least one argument": "后面至少要跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "one of the arguments %s is required": "%s 中必须给出一个",
    "not allowed with argument %s": "不能和 %s 一起用",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不完整，可能是 %(matches)s",
    "ignored explicit argument %r": "这个选项后面不跟值，%r 没有用上",
}
"""argparse's sentences (its msgids) and ours."""


def chinese(sentence: str) -> str:
    return ARGPARSE_WORDS.get(sentence, sentence)


def chinese_plural(singular: str, plural: str, count: int) -> str:
    """The one sentence argparse words by number (``expected %s arguments``); Chinese has one form."""
    return "后面要跟 %s 个值" if singular == "expected %s argument" else (singular if count == 1 else plural)


@contextmanager
def in_chinese() -> Iterator[None]:
    """argparse speaking Chinese for as long as the block runs (its help, its errors and exits)."""
    usual = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = chinese, chinese_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = usual  # type: ignore[attr-defined]


def configure_logging(verbosity: int) -> None:
    """Progress on standard output, warnings on standard error, both in plain Chinese lines.

    ``-q`` (verbosity −1) keeps only warnings; ``-v`` (1) adds the details a developer wants.
    """
    import logging

    level = {-1: logging.WARNING, 0: logging.INFO}.get(verbosity, logging.DEBUG)
    progress, warnings = logging.StreamHandler(sys.stdout), logging.StreamHandler(sys.stderr)
    progress.addFilter(lambda record: record.levelno < logging.WARNING)
    warnings.setLevel(logging.WARNING)
    warnings.setFormatter(logging.Formatter("警告：%(message)s"))
    logger = logging.getLogger("generator")
    logger.handlers[:] = [progress, warnings]
    logger.setLevel(level)


def _verbosity_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    loudness = common.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=-1, help="只显示警告和错误")
    loudness.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=1, help="显示详细过程")
    common.set_defaults(verbosity=0)
    return common


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="handbook",
        description="物业管理处客服人员培训手册：检查内容、生成网站。",
        epilog="示例：handbook build",
    )
    top.add_argument("--root", type=Path, help="手册项目所在文件夹（默认：当前文件夹或随软件附带的手册）")
    sub = top.add_subparsers(dest="command", required=True, metavar="命令")
    common = _verbosity_options()
    for name, (func, summary, example) in COMMANDS.items():
        command = sub.add_parser(name, parents=[common], help=summary, description=summary, epilog=f"示例：{example}")
        for flags, options in OPTIONS.get(name, []):
            command.add_argument(*flags, **options)
        command.set_defaults(func=func)
    return top


def without_pydantic_plugins() -> None:
    """pydantic looks for plugins in every installed package's entry points the first time a model
    is built: 0.05–0.1 s of every command that reads the curriculum, ``handbook check`` taking
    0.6 s in all. The handbook uses none, and a plugin some other program installed has no business
    watching a supervisor's files being checked; an office that sets the variable keeps its value."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def main(argv: list[str] | None = None) -> int:
    with in_chinese():
        args = parser().parse_args(argv)
    without_pydantic_plugins()
    from .core.errors import CheckFailed, HandbookError

    configure_logging(args.verbosity)
    try:
        return args.func(args)
    except CheckFailed as failure:
        for problem in failure.problems:
            print(problem, file=sys.stderr)
        print(failure.summary(), file=sys.stderr)
        return 1
    except HandbookError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
