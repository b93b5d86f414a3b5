"""One row of a question sheet → one draft question, or an error naming the bad cell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from . import drafts
from .drafts import Where
from .text import blank_count, with_blank
from .xlsx_cells import (
    blank_stem,
    cell_text,
    parse_difficulty,
    parse_fill,
    parse_letters,
    parse_tags,
    parse_truth,
    parse_type,
    section_type,
)

CHOICE_TYPES = ("single", "multiple", "ordering")


class RowError(Exception):
    """A bad cell: ``key`` is the column's field (stem, answer, option:B …)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key, self.message = key, message


@dataclass
class SheetRow:
    file: str
    sheet: str
    number: int
    cells: list[Any]
    columns: dict[str, int]
    titles: dict[int, str]

    def text(self, key: str) -> str:
        column = self.columns.get(key)
        return cell_text(self.cells[column - 1]) if column and column <= len(self.cells) else ""

    def is_blank(self) -> bool:
        return not any(self.text(key) for key in self.columns)

    def is_header(self, header_key) -> bool:
        """A header repeated further down (one per section) is not a question."""
        return header_key(self.text("stem")) == "stem" and header_key(self.text("answer")) == "answer"

    def heading(self) -> str | None:
        """The text of a heading row such as “二、多选题”: one filled cell naming a type."""
        filled = [cell_text(cell) for cell in self.cells if cell_text(cell)]
        if len(filled) == 1 and section_type(filled[0]):
            return filled[0]
        return None

    def where(self, key: str) -> Where:
        column = self.columns.get(key) or self.columns.get("stem") or 1
        title = self.titles.get(column) or key
        place = f"工作表“{self.sheet}” {get_column_letter(column)}{self.number}（{title}）"
        return Where(self.file, self.number, column, place)

    def options(self) -> list[str]:
        """Option texts in letter order; an empty option before a filled one is an error."""
        keys = sorted(key for key in self.columns if key.startswith("option:"))
        texts = [self.text(key) for key in keys]
        while texts and not texts[-1]:
            texts.pop()
        for key, text in zip(keys, texts, strict=False):
            if not text:
                raise RowError(key, f"选项{key[-1]}是空的，但后面的选项有内容；选项要从 A 起依次填写")
        return texts


def _kind(row: SheetRow, default: str | None, options: list[str]) -> str:
    written = row.text("type")
    if written:
        kind = parse_type(written)
        if kind is None:
            raise RowError("type", f"题型应为 单选、多选、判断、填空、排序 之一，实际为：{written}")
        return kind
    if default:
        return default
    if options:  # no type column: the answer tells single from multiple
        try:
            return "single" if len(parse_letters(row.text("answer"))) == 1 else "multiple"
        except ValueError:
            return "single"
    try:
        parse_truth(row.text("answer"))
        return "true_false"
    except ValueError:
        return "fill_blank"


def _keys(row: SheetRow, kind: str, options: list[str]) -> list[int]:
    answer = row.text("answer")
    try:
        letters = parse_letters(answer)
    except ValueError as error:
        if kind != "ordering" and answer in options:  # the answer written out instead of its letter
            return [options.index(answer)]
        raise RowError("answer", str(error)) from None
    known = [drafts.letter(i) for i in range(len(options))]
    for letter in letters:
        if letter not in known:
            raise RowError("answer", f"答案“{letter}”不是本题的选项，应为 {'、'.join(known)} 之一")
    if len(set(letters)) != len(letters):
        raise RowError("answer", f"答案中有重复的字母：{answer}")
    return [known.index(letter) for letter in letters]


def _choice(row: SheetRow, kind: str, stem: str, explanation: str | None) -> dict:
    options = row.options()
    if len(options) < 2:
        raise RowError("option:A" if "option:A" in row.columns else "answer", "选择题和排序题至少要有两个选项")
    keys = _keys(row, kind, options)
    if kind == "single":
        if len(keys) != 1:
            raise RowError("answer", f"单选题只能有一个答案，实际为：{row.text('answer')}")
        return drafts.single(stem, options, keys[0], explanation)
    if kind == "multiple":
        return drafts.multiple(stem, options, keys, explanation)
    if sorted(keys) != list(range(len(options))):
        letters = "".join(drafts.letter(i) for i in range(len(options)))
        raise RowError(
            "answer", f"排序题的答案应把每个选项恰好排一次（如 {letters[::-1]}），实际为：{row.text('answer')}"
        )
    return drafts.ordering(stem, options, keys, explanation)


def _truth(row: SheetRow) -> bool:
    answer = row.text("answer")
    try:
        return parse_truth(answer)
    except ValueError as error:
        options = row.options()
        try:  # “A” where option A reads “正确”
            return parse_truth(options[_keys(row, "single", options)[0]])
        except (ValueError, RowError, IndexError):
            raise RowError("answer", str(error)) from None


def _fill(row: SheetRow, stem: str, explanation: str | None) -> dict:
    stem = blank_stem(stem)
    try:
        answers = parse_fill(row.text("answer"), blank_count(stem))
    except ValueError as error:
        raise RowError("answer", str(error)) from None
    if blank_count(stem) == 0:
        if len(answers) > 1:
            raise RowError("stem", f"题干中没有空（____），答案却有 {len(answers)} 组")
        stem = with_blank(stem)
    return drafts.fill_blank(stem, answers, explanation)


def _extras(row: SheetRow) -> dict:
    extras: dict[str, Any] = {}
    try:
        difficulty = parse_difficulty(row.text("difficulty"))
    except ValueError as error:
        raise RowError("difficulty", str(error)) from None
    if difficulty is not None:
        extras["difficulty"] = difficulty
    tags = parse_tags(row.text("tags"))
    if tags:
        extras["tags"] = tags
    return extras


def draft_from_row(row: SheetRow, default: str | None) -> dict:
    """The question a row holds; raise RowError naming the first bad cell."""
    stem = row.text("stem")
    if not stem:
        raise RowError("stem", "题干是空的")
    explanation = row.text("explanation") or None
    kind = _kind(row, default, row.options() if not row.text("type") else [])
    if kind in CHOICE_TYPES:
        question = _choice(row, kind, stem, explanation)
    elif kind == "true_false":
        question = drafts.true_false(stem, _truth(row), explanation)
    else:
        question = _fill(row, stem, explanation)
    return question | _extras(row)
