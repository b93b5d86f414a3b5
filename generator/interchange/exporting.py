"""``handbook export``: a bank out as GIFT, Aiken or Excel; the Excel import template."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import HandbookError
from ..core.project import Project
from ..core.writer import write_atomic
from . import aiken, gift, xlsx_bank
from .bank_file import existing_bank


@dataclass(frozen=True)
class Format:
    name: str
    write: Callable
    suffix: str
    limits: str = ""
    """What the format cannot carry, said once in the summary."""


FORMATS = {
    "gift": Format("GIFT", gift.write, ".gift.txt", "GIFT 不含难度和标签"),
    "aiken": Format("Aiken", aiken.write, ".aiken.txt", "Aiken 只有单选题，不含解析、难度和标签"),
    "xlsx": Format("Excel", xlsx_bank.write, ".xlsx"),
}
TEMPLATE_NAME = "题库导入模板.xlsx"


@dataclass
class ExportReport:
    path: Path
    count: int
    fmt: Format
    left_out: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"已导出 {self.count} 道题到 {self.path}（{self.fmt.name} 格式）。"]
        if self.fmt.limits:
            out.append(f"注意：{self.fmt.limits}。")
        if self.left_out:
            out.append(f"未导出 {len(self.left_out)} 道（这种格式无法表示）：")
            out += [f"  {question_id}: {reason}" for question_id, reason in self.left_out]
        return out


def _write(path: Path, data: bytes, force: bool) -> None:
    if path.exists() and not force:
        raise HandbookError(f"文件已存在：{path}；要覆盖请加 --force")
    write_atomic(path, data)


def export_bank(project: Project, fmt: str, bank_id: str, output: Path | None = None, *, force=False) -> ExportReport:
    """Write the bank in ``fmt``; questions the format cannot carry are listed, not dropped silently."""
    chosen = FORMATS[fmt]
    bank = existing_bank(project, bank_id).bank
    data, left_out = chosen.write(bank)
    count = len(bank.questions) - len(left_out)
    if count == 0:
        raise HandbookError(f"题库“{bank_id}”中没有 {chosen.name} 格式能表示的题目（{chosen.limits or '无'}）")
    path = project.refuse_public(output or Path.cwd() / f"{bank_id}{chosen.suffix}", "题目答案")
    _write(path, data if isinstance(data, bytes) else data.encode("utf-8"), force)
    return ExportReport(path, count, chosen, left_out)


def write_template(fmt: str, output: Path | None = None, *, force: bool = False) -> Path:
    """The Excel template for ``handbook import xlsx``."""
    if fmt != "xlsx":
        raise HandbookError("只有 xlsx 有导入模板；GIFT 和 Aiken 是纯文本格式，写法见 curriculum/EDITING.md")
    path = output or Path.cwd() / TEMPLATE_NAME
    _write(path, xlsx_bank.template(), force)
    return path
