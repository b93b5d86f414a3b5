"""Moodle's GIFT format, read the way Moodle's own importer reads it, and written for Moodle.

Questions are separated by blank lines; a line starting with ``//`` is a comment; ``::title::``
names a question; the answers stand in ``{…}``, inside the question text for the missing-word
form. ``=`` marks a right answer, ``~`` a wrong one, ``%50%`` a weight, ``#`` feedback for the
answer before it and ``####`` the general feedback; ``\\`` escapes ``~ = # { } :`` and ``\\n`` is a
line break. Text may start with ``[html]``, ``[markdown]``, ``[plain]`` or ``[moodle]``.

The handbook holds single and multiple choice, true/false and fill-in questions; essays and
descriptions are skipped with a notice, numerical and matching questions are refused with one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from ..core import text_files
from . import drafts
from .drafts import PLACEHOLDER, Draft, FileReader, Notice, Parsed, Where
from .text import BLANK, HOUSE_BLANK, blank_count, html_to_text, joined, with_blank

FORMATS = ("html", "moodle", "plain", "markdown")
FORMAT_TAG = re.compile(r"^\[(html|moodle|plain|markdown)\]")
FULL_CREDIT = Decimal("100")
"""GIFT weights are percentages of the question's mark."""
WEIGHT = re.compile(r"^%(-?\d+(?:\.\d*)?)%")
SPECIAL = "\\:#={}~"
# While a question is taken apart, an escaped character stands in as a private-use character.
PRIVATE_USE = ord("\ue000")
HIDDEN = {c: chr(PRIVATE_USE + ord(c)) for c in SPECIAL} | {"n": chr(PRIVATE_USE + ord("n"))}
REVEAL = {hidden: ("\n" if c == "n" else c) for c, hidden in HIDDEN.items()}
ESCAPE = re.compile(r"\\([\\:#={}~n])")
TRUTH = {"T": True, "TRUE": True, "F": False, "FALSE": False}


def _hide(text: str) -> str:
    return ESCAPE.sub(lambda m: HIDDEN[m.group(1)], text)


def _reveal(text: str) -> str:
    return "".join(REVEAL.get(ch, ch) for ch in text)


def read_text(path: Path, label: str) -> tuple[str, list[Notice]]:
    """A text file as UTF-8 (Moodle's encoding); GB18030 from older Chinese editors is accepted,
    with a notice to check the text."""
    read = text_files.read_text(path, label)
    if read.encoding == text_files.UTF8:
        return read.text, []
    return read.text, [Notice(Where(label, 1), "文件不是 UTF-8 编码，已按 GB18030（GBK）读取；请核对文字是否正确")]


def blocks(text: str) -> list[tuple[int, list[str]]]:
    """Groups of consecutive non-blank lines, each with the number of its first line."""
    found: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            if not current:
                found.append((number, current))
            current.append(line)
        else:
            current = []
    return [(first, lines) for first, lines in found if lines]


def read(path: Path, label: str) -> Parsed:
    """Every question of a GIFT file; raise CheckFailed listing every malformed one."""
    text, notes = read_text(path, label)
    reader = _Reader(label, notes)
    for first, lines in blocks(text):
        reader.block(first, lines)
    return reader.result()


class _Reader(FileReader):
    def block(self, first: int, lines: list[str]) -> None:
        # Only whole lines are comments, as in Moodle: "//" inside a line (a web address) is text.
        kept = ["" if line.strip().startswith("//") else line.strip() for line in lines]
        raw = _hide("\n".join(kept))
        body = raw.strip()
        if not body or body.startswith("$CATEGORY:"):
            return  # comments only, or a category: the bank is named by --bank, not by the file
        start = first + raw[: raw.index(body[0])].count("\n")
        body, title_end = _drop_title(body)

        def where(position: int) -> Where:
            return Where(self.label, start + body[:position].count("\n") + title_end)

        try:
            self._question(body, where)
        except _Refused as refusal:
            bucket = self.parsed.skipped if refusal.skip else self.parsed.refused
            bucket.append(Notice(refusal.where, refusal.message))
        except _Malformed as error:
            self.problems.append(error.where.problem(error.message))

    def _question(self, body: str, where) -> None:
        opening, closing = body.find("{"), body.find("}")
        if opening < 0 and closing < 0:
            raise _Refused(where(0), "说明文字（description）不是题目，已跳过", skip=True)
        if opening < 0 or closing < opening:
            raise _Malformed(where(max(opening, closing)), "花括号 { } 不成对；文字中的花括号要写成 \\{ 和 \\}")
        if body.find("{", closing) >= 0:
            message = "一道题只能有一组答案 {…}；两道题之间要空一行"
            raise _Malformed(where(body.find("{", closing)), message)
        answers = body[opening + 1 : closing].strip()
        after = body[closing + 1 :]
        stem = body[:opening] + ("" if body.endswith("}") else HOUSE_BLANK) + after
        answers, general = _split_general(answers)
        stem_text, fmt = _text(stem, "moodle")
        question = _Question(stem_text, fmt, general, where(opening))
        self.parsed.drafts.append(Draft(question.build(answers, self.parsed), where(opening)))


class _Refused(Exception):
    def __init__(self, where: Where, message: str, *, skip: bool = False) -> None:
        super().__init__(message)
        self.where, self.message, self.skip = where, message, skip


class _Malformed(Exception):
    def __init__(self, where: Where, message: str) -> None:
        super().__init__(message)
        self.where, self.message = where, message


def _drop_title(body: str) -> tuple[str, int]:
    """The body without its ``::title::``, and the lines the title took."""
    if not body.startswith("::"):
        return body, 0
    end = body.find("::", 2)
    if end < 0:
        return body[2:], 0  # Moodle reads an unclosed title as part of the text
    rest = body[end + 2 :]
    stripped = rest.lstrip()
    return stripped, body[: end + 2].count("\n") + rest[: len(rest) - len(stripped)].count("\n")


def _split_general(answers: str) -> tuple[str, str]:
    """The answers without the general feedback that follows the last ``####``."""
    mark = answers.rfind("####")
    if mark < 0:
        return answers, ""
    return answers[:mark].strip(), answers[mark + len("####") :]


def _text(piece: str, default_format: str) -> tuple[str, str]:
    """A piece of text as plain text, and its format; ``[html]`` text loses its tags."""
    piece = piece.strip()
    fmt = default_format
    tag = FORMAT_TAG.match(piece)
    if tag:
        fmt, piece = tag.group(1), piece[tag.end() :]
    text = _reveal(piece)
    return (html_to_text(text) if fmt == "html" else text.strip()), fmt


def _weight(answer: str) -> tuple[Decimal | None, str]:
    match = WEIGHT.match(answer)
    if not match:
        return None, answer
    try:
        return Decimal(match.group(1)), answer[match.end() :]
    except InvalidOperation:
        return None, answer


@dataclass(frozen=True)
class _Answer:
    marked: bool
    """Written with "=": the right answer of a single-choice question."""
    weight: Decimal | None
    text: str
    feedback: str


class _Question:
    """One question's stem, format and feedback while its answers are read."""

    def __init__(self, stem: str, fmt: str, general: str, where: Where) -> None:
        self.stem, self.fmt, self.where = stem, fmt, where
        self.feedback = [_text(general, fmt)[0]] if general.strip() else []

    def build(self, answers: str, parsed: Parsed) -> dict:
        if not answers:
            raise _Refused(self.where, "问答题（essay）需要人工评分，本手册不支持，已跳过", skip=True)
        if answers.startswith("#"):
            raise _Refused(self.where, "数值题（numerical）本手册没有这种题型，未导入；可改写为填空题")
        if "~" in answers:
            return self._choice(answers, parsed)
        if "=" in answers and "->" in answers:
            raise _Refused(self.where, "匹配题（matching）本手册没有这种题型，未导入；可拆成几道单选题")
        truth = answers.split("#", 1)[0].strip()
        if truth in TRUTH:
            return self._true_false(answers, TRUTH[truth])
        return self._short_answer(answers, parsed)

    def _parts(self, answers: str, separator: str) -> list[_Answer]:
        """Every answer in order; ``=`` marks a right one, else a leading ``%weight%`` counts."""
        pieces = [p.strip() for p in answers.split(separator)]
        if pieces and not pieces[0]:
            pieces.pop(0)
        found = []
        for piece in pieces:
            marked = piece.startswith("=")
            weight, rest = (None, piece[1:]) if marked else _weight(piece)
            text, _, feedback = rest.partition("#")
            found.append(_Answer(marked, weight, _text(text, self.fmt)[0], _text(feedback, self.fmt)[0]))
        return found

    def _explanation(self, labelled: list[tuple[str, str]]) -> str | None:
        return joined(self.feedback + [f"{label}：{feedback}" for label, feedback in labelled if feedback])

    def _choice(self, answers: str, parsed: Parsed) -> dict:
        # As in Moodle: with an "=" it is single choice, without one every positive weight is right.
        single = "=" in answers
        parts = self._parts(answers.replace("=", "~="), "~")
        if len(parts) < 2:
            raise _Malformed(self.where, "选择题至少要有两个选项")
        if any(not part.text for part in parts):
            raise _Malformed(self.where, "有一个选项没有文字")
        texts = [part.text for part in parts]
        explanation = self._explanation([(f"选“{p.text}”", p.feedback) for p in parts])
        if single:
            return self._single(texts, parts, explanation, parsed)
        keys = [i for i, part in enumerate(parts) if part.weight is not None and part.weight > 0]
        if not keys:
            raise _Malformed(self.where, "多选题没有得分为正的选项（如 ~%50%），不知道哪些是正确答案")
        return drafts.multiple(self.stem, texts, keys, explanation)

    def _single(self, texts: list[str], parts: list[_Answer], explanation: str | None, parsed: Parsed) -> dict:
        keys = [i for i, part in enumerate(parts) if part.marked]
        if len(keys) > 1:
            raise _Refused(self.where, "这道单选题有多个 = 正确答案，本手册的单选题只能有一个，未导入")
        if any(part.weight is not None and part.weight > 0 for part in parts):
            parsed.notes.append(Notice(self.where, "部分得分（%…%）的选项按错误选项导入"))
        return drafts.single(self.stem, texts, keys[0], explanation)

    def _true_false(self, answers: str, value: bool) -> dict:
        _, wrong, right = [*answers.split("#", 2), "", ""][:3]
        labelled = [("答对时", _text(right, self.fmt)[0]), ("答错时", _text(wrong, self.fmt)[0])]
        return drafts.true_false(self.stem, value, self._explanation(labelled))

    def _short_answer(self, answers: str, parsed: Parsed) -> dict:
        parts = self._parts(answers, "=")
        accepted = [p.text for p in parts if p.weight is None or p.weight >= FULL_CREDIT]
        if not parts or any(not p.text for p in parts):
            raise _Malformed(self.where, "填空题有一个答案是空的")
        if not accepted:
            raise _Refused(self.where, "这道填空题没有满分答案（只有部分得分），未导入")
        if len(accepted) < len(parts):
            parsed.notes.append(Notice(self.where, "部分得分的答案没有导入，只保留满分答案"))
        stem = with_blank(self.stem)
        if blank_count(stem) != 1:
            message = f"题干中有 {blank_count(stem)} 个空（____），GIFT 的填空题只有一组答案"
            raise _Malformed(self.where, message)
        explanation = self._explanation([(f"答“{p.text}”", p.feedback) for p in parts])
        return drafts.fill_blank(stem, [accepted], explanation)


# Writing ------------------------------------------------------------------------------------

NEEDS_PLAIN = re.compile(r"[<&]")
UNWRITABLE = {
    "ordering": "GIFT 没有排序题",
    "fill_blank": "GIFT 的填空题只能有一个空",
}


def escape(text: str, *, tagged: bool = False) -> str:
    """Text with GIFT's special characters escaped and line breaks written as ``\\n``.

    A text that starts like a format tag would lose that start, so it gets a ``[plain]`` of its
    own, unless ``tagged``: a tag already stands before it."""
    escaped = "".join("\\" + ch if ch in SPECIAL else ch for ch in text.replace("\r", ""))
    escaped = escaped.replace("\n", "\\n")
    return "[plain]" + escaped if FORMAT_TAG.match(text) and not tagged else escaped


def _percent(share: Fraction) -> str:
    return f"{float(share):.5f}".rstrip("0").rstrip(".")


def _multiple_lines(question) -> list[str]:
    right = set(question.answer)
    share = _percent(Fraction(FULL_CREDIT) / len(right))
    wrong = _percent(-Fraction(FULL_CREDIT))
    return [f"\t~%{share if o.id in right else wrong}%{escape(o.text)}" for o in question.options]


def _single_lines(question) -> list[str]:
    lines = []
    for option in question.options:
        if option.id == question.answer:
            lines.append(f"\t={escape(option.text)}")
        else:
            # A wrong option whose text starts like a weight would be read as one: give it %0%.
            prefix = "~%0%" if option.text.startswith("%") else "~"
            lines.append(f"\t{prefix}{escape(option.text)}")
    return lines


def _fill_answers(question) -> str:
    written = []
    for accepted in question.answer[0]:
        prefix = f"=%{FULL_CREDIT}%" if accepted.startswith("%") else "="
        written.append(prefix + escape(accepted))
    return " ".join(written)


def _title(bank_id: str, question) -> str:
    return f"::{escape(f'{bank_id}-{question.id}')}::"


def _head(question) -> str:
    texts = [question.stem, question.explanation, *(o.text for o in getattr(question, "options", []))]
    return "[plain]" if any(NEEDS_PLAIN.search(t) for t in texts) else ""


def unwritable(question) -> str | None:
    """Why GIFT cannot carry this question, or None when it can."""
    if question.type == "ordering":
        return UNWRITABLE["ordering"]
    if question.type == "fill_blank":
        if len(question.answer) != 1:
            return UNWRITABLE["fill_blank"]
        if any("->" in accepted for accepted in question.answer[0]):
            return "答案中有“->”，GIFT 会把它当作匹配题"
    return None


def write_question(bank_id: str, question) -> str:
    # The import placeholder is a note to the bank's author, not feedback for Moodle's learners.
    general = "" if question.explanation == PLACEHOLDER else f"####{escape(question.explanation)}"
    tag = _head(question)
    head, stem = _title(bank_id, question) + tag, escape(question.stem, tagged=bool(tag))
    if question.type == "true_false":
        return f"{head}{stem} {{{'TRUE' if question.answer else 'FALSE'}{general}}}"
    if question.type == "fill_blank":
        before, _, after = question.stem.partition(_first_blank(question.stem))
        answers = f"{{{' '.join(filter(None, [_fill_answers(question), general]))}}}"
        if after.strip():  # the missing-word form: the answers stand where the blank was
            return f"{head}{escape(before, tagged=bool(tag))}{answers}{escape(after, tagged=True)}"
        return f"{head}{stem}{answers}"
    lines = _single_lines(question) if question.type == "single" else _multiple_lines(question)
    return "\n".join([f"{head}{stem} {{", *lines, *([f"\t{general}"] if general else []), "}"])


def _first_blank(stem: str) -> str:
    found = BLANK.search(stem)
    return found.group(0) if found else ""


def write(bank) -> tuple[str, list[tuple[str, str]]]:
    """The bank as GIFT text, and (question id, reason) for each question GIFT cannot carry."""
    left_out = [(q.id, reason) for q in bank.questions if (reason := unwritable(q))]
    skipped = {question_id for question_id, _ in left_out}
    # Moodle's category paths use "/" between levels and "//" for a slash inside a name.
    category = bank.title.replace("/", "//")
    header = [f"// {bank.title}（{bank.id}），由 handbook 导出", f"$CATEGORY: $course$/top/{category}"]
    items = [write_question(bank.id, q) for q in bank.questions if q.id not in skipped]
    return "\n\n".join(["\n".join(header), *items]) + "\n", left_out
