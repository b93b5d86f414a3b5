"""The spaces a script does not need, taken out of our own scripts at build time.

A scanner, not a minifier: it reads our scripts (already without comment lines and indentation,
see assets.compact) token by token only as far as it must to leave every string, template and
regular expression literal exactly as written, drops comments after code, and removes the spaces
between tokens that need none. Line ends are kept, so automatic semicolons keep their meaning;
names are not shortened. About a twentieth of the download, without a tool to depend on.

What it cannot read it refuses: a string or regular expression not closed on its line, a comment
or template not closed at all. A ``/`` is a division after a name, a number, ``)`` or ``]``, and
the start of a regular expression elsewhere (after ``return`` and the like too), which is how our
scripts are written; a regular expression right after ``)`` or ``}`` would be misread, so write it
on its own (``const re = /…/``).
"""

from __future__ import annotations

import re

from ..core.errors import HandbookError

NAME_CHARACTER = re.compile(r"[A-Za-z0-9_$]")
LAST_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*$")
BEFORE_EXPRESSION = {"return", "typeof", "case", "in", "of", "instanceof", "delete", "void", "throw", "new", "else"}
"""Words after which a ``/`` starts a regular expression rather than a division."""
DIVISION_AFTER = ")]"
CONTINUED = set("{([,;:?=&|>")
"""A line ending in one of these goes on in the next (``=>`` ends in ``>``; a ``>`` comparison
too), so no semicolon can be inserted between them and the line end is not needed."""


class Unreadable(HandbookError):
    """A script the scanner cannot take apart safely."""


def squeeze(source: str, label: str) -> str:
    """``source`` without comments and without the spaces no token needs."""
    out: list[str] = []
    templates: list[int] = []  # for each open ${ … }, the brace depth at which it closes
    depth, i = 0, 0
    while i < len(source):
        c, pair = source[i], source[i : i + 2]
        if c in " \t\r\n":
            i = _space(source, i, out)
        elif pair == "//":
            i = _line_end(source, i)
        elif pair == "/*":
            i = _after(source, i, "*/", label, "注释没有结束")
        elif c in "'\"":
            i = _string(source, i, out, label)
        elif c == "`" or (c == "}" and templates and templates[-1] == depth):
            if c == "}":
                templates.pop()
            i = _template(source, i, out, templates, depth, label)
        elif c == "/" and _starts_regex(out):
            i = _regex(source, i, out, label)
        else:
            depth += (c == "{") - (c == "}")
            out.append(c)
            i += 1
    return "".join(out)


def _last(out: list[str]) -> str:
    """The last character written that is not a space."""
    for piece in reversed(out):
        if piece.strip():
            return piece.rstrip()[-1]
    return ""


def _space(source: str, i: int, out: list[str]) -> int:
    """A run of white space: a line end if it held one and the line could end a statement, one
    space between two name characters (``const a``) or two signs that would otherwise merge
    (``a + +b``), else nothing."""
    end = i
    while end < len(source) and source[end] in " \t\r\n":
        end += 1
    before, after = _last(out), source[end : end + 1]
    if "\n" in source[i:end] and before not in CONTINUED:
        out.append("\n")
    elif (
        before and after and ((NAME_CHARACTER.match(before) and NAME_CHARACTER.match(after)) or before == after in "+-")
    ):
        out.append(" ")
    return end


def _line_end(source: str, i: int) -> int:
    end = source.find("\n", i)
    return len(source) if end < 0 else end


def _after(source: str, i: int, closing: str, label: str, problem: str) -> int:
    end = source.find(closing, i + len(closing))
    if end < 0:
        raise Unreadable(f"{label}: {problem}")
    return end + len(closing)


def _string(source: str, i: int, out: list[str], label: str) -> int:
    quote, j = source[i], i + 1
    while j < len(source) and source[j] != quote:
        if source[j] == "\n":
            break
        j += 2 if source[j] == "\\" else 1
    if j >= len(source) or source[j] != quote:
        raise Unreadable(f"{label}: 字符串在行尾没有结束：{source[i : i + 40]}")
    out.append(source[i : j + 1])
    return j + 1


def _template(source: str, i: int, out: list[str], templates: list[int], depth: int, label: str) -> int:
    """Template text from its opening ````` (or the ``}`` of a ``${ … }``) to its closing
    ````` or the next ``${``, after which the scanner reads code again."""
    j = i + 1
    while j < len(source):
        if source[j] == "\\":
            j += 2
        elif source[j] == "`":
            out.append(source[i : j + 1])
            return j + 1
        elif source.startswith("${", j):
            templates.append(depth)
            out.append(source[i : j + 2])
            return j + 2
        else:
            j += 1
    raise Unreadable(f"{label}: 模板字符串没有结束：{source[i : i + 40]}")


def _starts_regex(out: list[str]) -> bool:
    before = _last(out)
    if not before:
        return True
    if before in DIVISION_AFTER:
        return False
    if NAME_CHARACTER.match(before):
        word = LAST_NAME.search("".join(out[-30:]).rstrip())
        return bool(word) and word.group(0) in BEFORE_EXPRESSION
    return True


def _regex(source: str, i: int, out: list[str], label: str) -> int:
    j, in_class = i + 1, False
    while j < len(source) and source[j] != "\n":
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if c == "/" and not in_class:
            j += 1
            while j < len(source) and source[j].isalpha():
                j += 1
            out.append(source[i:j])
            return j
        in_class = (in_class or c == "[") and c != "]"
        j += 1
    raise Unreadable(f"{label}: 正则表达式在行尾没有结束：{source[i : i + 40]}")
