"""``handbook import``: questions from a file into a new or existing bank, and a summary.

The bank is checked as ``handbook check`` would check it before anything is written, and it is
written in one atomic step. An existing bank only grows: its questions, comments and layout stay
as they are, and questions it already holds are not added again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..core.checks import check_curriculum
from ..core.errors import CheckFailed, HandbookError, Problem
from ..core.loader import Curriculum, LoadedBank, load_curriculum
from ..core.messages import problems_from
from ..core.project import Project
from ..core.sources import Locator, Source, parse_yaml
from ..core.writer import locked, write_atomic
from ..models import Bank
from . import aiken, gift, xlsx_bank
from .bank_file import BankFile, bank_path, read_bank
from .bank_yaml import append_questions, dump_bank
from .drafts import PLACEHOLDER, TYPE_NAMES, Notice, Parsed, Where
from .merge import Merged, merge

READERS = {"xlsx": xlsx_bank.read, "gift": gift.read, "aiken": aiken.read}
SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
QUESTION_PATH = re.compile(r"^questions\.(\d+)(.*)$")


@dataclass
class ImportReport:
    bank_file: str
    module: str
    parsed: Parsed
    merged: Merged
    action: str = ""
    """新建, 追加到 or 重写; empty when nothing was written."""

    def _headline(self) -> str:
        added = self.merged.added
        if not added:
            return f"没有新题目可导入，题库 {self.bank_file} 未改动。"
        counts = Counter(q["type"] for q in added)
        kinds = "、".join(f"{name} {counts[kind]}" for kind, name in TYPE_NAMES.items() if counts[kind])
        ids = added[0]["id"] if len(added) == 1 else f"{added[0]['id']}–{added[-1]['id']}"
        where = f"{self.action}题库 {self.bank_file}（模块 {self.module}）"
        return f"已导入 {len(added)} 道题（{kinds}），编号 {ids}，{where}。"

    def lines(self) -> list[str]:
        added = self.merged.added
        out = [self._headline()]
        if self.merged.placeholders:
            count, ids = len(self.merged.placeholders), "、".join(self.merged.placeholders)
            out.append(f"其中 {count} 道题没有解析，已填入“{PLACEHOLDER}”，请补写：{ids}")
        for title, unit, notices in self._sections():
            if notices:
                out.append(title.format(f"{len(notices)} {unit}"))
                out += [f"  {notice}" for notice in notices]
        if added:
            out.append("下一步：运行 handbook check 检查，再运行 handbook build 生成网站。")
        return out

    def _sections(self) -> list[tuple[str, str, list[Notice]]]:
        return [
            ("已在题库中、未重复导入 {}：", "道", self.merged.repeated),
            ("与已有的题答案不一致、未导入 {}：", "道", self.merged.conflicts),
            ("跳过 {}（不是可评分的题目）：", "项", self.parsed.skipped),
            ("拒绝 {}（本手册没有这种题型）：", "道", self.parsed.refused),
            ("提示 {}：", "条", self.parsed.notes),
        ]


def import_bank(
    project: Project, fmt: str, path: Path, bank_id: str, module_id: str | None = None, *, force: bool = False
) -> ImportReport:
    """Read ``path`` in ``fmt`` and add its questions to bank ``bank_id``."""
    if not SLUG.match(bank_id):
        raise HandbookError(f"题库编号“{bank_id}”不合格式：只能用小写字母、数字和连字符，如 regular-complaint-handling")
    if not path.is_file():
        raise HandbookError(f"找不到要导入的文件：{path}")
    parsed = READERS[fmt](path, project.label(path))
    if not (parsed.drafts or parsed.skipped or parsed.refused):
        raise HandbookError(f"{project.label(path)} 中没有找到题目")
    target = bank_path(project, bank_id)
    with locked(target, f"题库“{bank_id}”"):
        return _import_into(project, target, parsed, bank_id, module_id, force=force)


def _import_into(
    project: Project, target: Path, parsed: Parsed, bank_id: str, module_id: str | None, *, force: bool
) -> ImportReport:
    """Merge ``parsed`` into the bank at ``target``; called with the bank locked, so that the bank
    read here is still the bank when the merged one is written (two imports at once both count)."""
    existing = read_bank(project, target) if target.is_file() else None
    curriculum = load_curriculum(project)
    module, title = _module(curriculum, existing, bank_id, module_id)
    merged = merge([q.model_dump() for q in existing.bank.questions] if existing else [], parsed.drafts)
    report = ImportReport(project.label(target), module, parsed, merged)
    if not merged.added:
        return report
    text, report.action = _bank_text(existing, {"id": bank_id, "module": module, "title": title}, merged, force)
    _validate(project, curriculum, target, text, merged)
    write_atomic(target, text.encode("utf-8"))
    return report


def _module(curriculum: Curriculum, existing: BankFile | None, bank_id: str, module_id: str | None):
    """The module the bank tests and the title a new bank gets."""
    if existing is not None:
        if module_id and module_id != existing.bank.module:
            raise HandbookError(f"题库“{bank_id}”属于模块“{existing.bank.module}”，与 --module {module_id} 不符")
        return existing.bank.module, existing.bank.title
    module_id = module_id or (bank_id if bank_id in curriculum.module_ids() else None)
    if module_id is None:
        raise HandbookError(f"新题库要用 --module 指明它属于哪个模块，如 --module {bank_id}")
    if module_id not in curriculum.module_ids():
        raise HandbookError(f"没有编号为“{module_id}”的模块（模块文件在 curriculum/modules/ 中）")
    taken = [b.bank.id for b in curriculum.banks if b.bank.module == module_id and b.bank.mode != "exam"]
    if taken:  # each module has one self-check bank (curriculum/EDITING.md)
        message = (
            f"模块“{module_id}”已有自测题库“{taken[0]}”，每个模块只有一个；请用 --bank {taken[0]} 把题目追加到其中"
        )
        raise HandbookError(message)
    titles = {m.head.id: m.head.title for m in curriculum.modules}
    return module_id, f"{titles.get(module_id, module_id)} 自测"


def _bank_text(existing: BankFile | None, head: dict, merged: Merged, force: bool) -> tuple[str, str]:
    if existing is None:
        return dump_bank({**head, "mode": "self-check", "questions": merged.added}), "新建"
    appended = append_questions(existing.text, merged.added)
    if appended is not None:
        return appended, "追加到"
    if not force:
        raise HandbookError(
            f"无法只在 {existing.source.locator.file} 末尾追加题目"
            "（questions 不是文件的最后一项，或写成了 [...] 形式）；"
            "加 --force 将按标准格式重写整个文件，原有题目不变，但文件中的注释会丢失"
        )
    bank = existing.bank.model_dump(exclude_defaults=False)
    return dump_bank({**bank, "questions": [*bank["questions"], *merged.added]}), "重写"


def _problems(project: Project, curriculum: Curriculum, target: Path, text: str) -> tuple[list[Problem], object]:
    """What ``handbook check`` would say about the bank file if ``text`` were written to it."""
    locator = Locator(project.label(target))
    data, problem = parse_yaml(text, locator)
    if problem is not None:
        return [problem], data
    try:
        bank = Bank.model_validate(data)
    except ValidationError as error:
        return problems_from(error, locator), data
    curriculum.banks = [b for b in curriculum.banks if b.source.path != target]
    curriculum.banks.append(LoadedBank(bank, Source(target, data, locator)))
    return [p for p in check_curriculum(curriculum) if p.file == locator.file], data


def _validate(project: Project, curriculum: Curriculum, target: Path, text: str, merged: Merged) -> None:
    """The bank as it would be written must pass every check ``handbook check`` makes on it."""
    problems, data = _problems(project, curriculum, target, text)
    if problems:
        first_new = len(data.get("questions") or []) - len(merged.added) if isinstance(data, dict) else 0
        origins = [merged.origins[q["id"]] for q in merged.added]
        raise CheckFailed([at_origin(p, first_new, origins) for p in problems])


def at_origin(problem: Problem, first_new: int, origins: list[Where]) -> Problem:
    """A problem in an imported question, told at the place it came from in the imported file."""
    match = QUESTION_PATH.match(problem.field)
    index = int(match.group(1)) - first_new if match else -1
    if match is None or not 0 <= index < len(origins):
        return problem
    where, rest = origins[index], match.group(2).lstrip(".")
    label = " ".join(part for part in (where.field, rest) if part) or "（题目）"
    return Problem(where.file, where.line, where.column, label, problem.message)
