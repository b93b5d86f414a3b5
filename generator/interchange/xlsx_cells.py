"""The values of a hand-kept question sheet, as people really type them.

Answers come as ``A、C``, ``AC``, ``A,C`` or ``Ａ Ｃ``; true/false as ``对/错``, ``√/×``,
``正确/错误`` or ``T/F``; blanks as ``____`` or an empty ``（  ）``. Every function here either
returns the value or raises ValueError with a Chinese message saying what was expected.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from .text import HOUSE_BLANK, blank_count, fold

TYPES = {
    "single": ("单选", "单项选择", "单选择", "单择", "single"),
    "multiple": ("多选", "多项选择", "不定项选择", "不定项", "multiple"),
    "true_false": ("判断", "是非", "对错", "true_false", "truefalse"),
    "fill_blank": ("填空", "fill_blank", "fill"),
    "ordering": ("排序", "ordering"),
}
TRUE_WORDS = {"对", "正确", "是", "√", "✓", "✔", "T", "TRUE", "Y", "YES", "○"}
FALSE_WORDS = {"错", "错误", "否", "×", "✗", "✘", "X", "F", "FALSE", "N", "NO"}
DIFFICULTY = {"易": 1, "简单": 1, "容易": 1, "中": 2, "中等": 2, "一般": 2, "难": 3, "困难": 3, "较难": 3}
LETTER_SEPARATORS = re.compile(r"[\s,，、;；/|.．]+")
BLANK_SEPARATORS = re.compile(r"[;；]")
ALTERNATIVE_SEPARATORS = re.compile(r"[|｜]")
# When a sheet separates the answers of several blanks with commas instead of "；".
LOOSE_BLANK_SEPARATORS = (re.compile(r"、"), re.compile(r"[,，]"), re.compile(r"\s+"))
TAG_SEPARATORS = re.compile(r"[,，、;；]+")
EMPTY_BRACKETS = re.compile(r"[（(][\s\u3000]*[）)]")
WIDE_UNDERSCORES = re.compile(r"[_＿]{2,}")
SECTION = re.compile(
    r"^(第?[一二三四五六七八九十\d]+[、.)]?)?\s*(?P<kind>单项选择|单选|多项选择|多选|不定项选择|不定项|判断|是非|填空|排序)题"
)


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a trailing .0, dates as 2026-09-28, line breaks kept."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def parse_type(text: str) -> str | None:
    """单选、单选题、单项选择题、single … → the handbook's type; None when unknown."""
    word = unicodedata.normalize("NFKC", text).strip().lower().removesuffix("题")
    return next((kind for kind, names in TYPES.items() if word in names), None)


def section_type(text: str) -> str | None:
    """A heading row such as “一、单选题（每题 1 分）” names the type of the rows below it."""
    match = SECTION.match(unicodedata.normalize("NFKC", text).strip())
    return parse_type(match.group("kind")) if match else None


def parse_letters(text: str) -> list[str]:
    """``A、C``, ``AC``, ``a c``, ``Ａ，Ｃ`` → ["A", "C"]."""
    letters = "".join(LETTER_SEPARATORS.split(fold(text)))
    if not letters or not re.fullmatch(r"[A-Z]+", letters):
        raise ValueError(f"答案应为选项字母（如 A 或 A、C），实际为：{text or '空'}")
    return list(letters)


def parse_truth(text: str) -> bool:
    word = fold(text)
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"判断题的答案应为 对/错、√/×、正确/错误 或 T/F，实际为：{text or '空'}")


def parse_difficulty(text: str) -> int | None:
    if not text:
        return None
    word = fold(text).removesuffix("题")
    if word in ("1", "2", "3"):
        return int(word)
    if word in DIFFICULTY:
        return DIFFICULTY[word]
    raise ValueError(f"难度应为 易/中/难 或 1/2/3，实际为：{text}")


def parse_tags(text: str) -> list[str]:
    return [tag.strip() for tag in TAG_SEPARATORS.split(text) if tag.strip()]


def blank_stem(stem: str) -> str:
    """A fill-in stem with its blanks as ``____``: an empty （ ） or ＿＿ counts as one."""
    if blank_count(stem):
        return stem
    stem = EMPTY_BRACKETS.sub(HOUSE_BLANK, stem)
    return WIDE_UNDERSCORES.sub(HOUSE_BLANK, stem)


def parse_fill(text: str, blanks: int) -> list[list[str]]:
    """Answers of each blank separated by “；”, alternatives of one blank by “|”."""
    groups = [g for g in BLANK_SEPARATORS.split(text) if g.strip()]
    if len(groups) == 1 and blanks > 1:
        loose = (sep.split(text) for sep in LOOSE_BLANK_SEPARATORS)
        groups = next((parts for parts in loose if len([p for p in parts if p.strip()]) == blanks), groups)
        groups = [g for g in groups if g.strip()]
    answers = [[a.strip() for a in ALTERNATIVE_SEPARATORS.split(g) if a.strip()] for g in groups]
    answers = [group for group in answers if group]
    if not answers:
        raise ValueError("填空题没有答案")
    if blanks and len(answers) != blanks:
        message = f"题干有 {blanks} 个空（____），答案却有 {len(answers)} 组；各空的答案用“；”分隔"
        raise ValueError(message)
    return answers
