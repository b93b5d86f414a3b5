"""Our own scripts and styles as the site ships them: one script file and one style sheet,
loaded by every page and cached after the first.

The scripts are kept as separate sources (site_templates/assets/quiz.js, learning.js …) so that
each can be read and edited on its own, and joined into ``assets/handbook.js`` at build time: one
request and one cache entry instead of several, and gzip shares one dictionary across them. Both
files lose their comment lines and indentation on the way (see ``compact``), and the scripts the
spaces no token needs (``squeeze``): a fifth of the download saved without a minifier to depend on.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..core.errors import HandbookError
from .squeeze import squeeze

RUNTIME_SCRIPTS = ("quiz.js", "learning.js")
"""Our scripts in the order they run: learning.js uses what quiz.js exposes (window.handbookQuiz)."""
RUNTIME_BUNDLE = "handbook.js"
COMPACTED = (".js", ".css")
QUOTES = {'"', "'"}
CSS_ENDS = ("{", "}", ";", ",")
"""A style sheet's line ending in one of these needs no line end after it; any other one space."""
CSS_PUNCTUATION = re.compile(r"\s*([{};,>])\s*|(:)\s+")
"""In a style sheet, white space around these (after a colon only: before one it may be a
descendant selector, ``.md-typeset :is(p)``) is never needed outside a quoted string."""


def compact(text: str, label: str) -> str:
    """The source without its comment lines, blank lines and indentation.

    Only what is safe to remove without parsing JavaScript is removed: whole lines that are a
    comment (``//`` lines, ``/* … */`` blocks that begin a line), blank lines and the white space
    at either end of a line. Line ends stay, so automatic semicolons keep their meaning, and a
    comment after code on the same line stays. This is safe as long as no string or template
    literal runs over a line end; a line with an odd number of backticks or ending in a
    backslash could be one, so it is refused rather than guessed at. In a style sheet the spaces
    around punctuation go too, on lines without a quoted string."""
    kept: list[str] = []
    in_comment = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if in_comment:
            if "*/" not in line:
                continue
            line, in_comment = line.split("*/", 1)[1].strip(), False
        while line.startswith("/*"):
            if "*/" not in line:
                in_comment, line = True, ""
                break
            line = line.split("*/", 1)[1].strip()
        if not line or line.startswith("//"):
            continue
        if line.count("`") % 2 or line.endswith("\\"):
            raise HandbookError(
                f"{label}:{number}: 这一行的字符串跨到了下一行（反引号不成对或行尾是反斜杠），"
                "发布时去掉缩进会改变字符串的内容；请把字符串写在一行之内"
            )
        if label.endswith(".css") and not QUOTES & set(line):
            line = CSS_PUNCTUATION.sub(lambda m: m.group(1) or m.group(2), line)
        kept.append(line)
    if label.endswith(".css"):
        return "".join(line if line.endswith(CSS_ENDS) else line + " " for line in kept)
    return "\n".join(kept) + "\n"


def static_assets(assets: Path) -> dict[str, bytes]:
    """Every file under site_templates/assets as the site ships it: the runtime scripts joined
    into one, scripts and styles compacted, anything else as it is."""
    files: dict[str, bytes] = {}
    for path in sorted(assets.rglob("*")):
        if not path.is_file() or path.name in RUNTIME_SCRIPTS:
            continue
        data = path.read_bytes()
        if path.suffix in COMPACTED:
            data = compact(data.decode("utf-8"), _label(path)).encode("utf-8")
        files[f"assets/{path.relative_to(assets).as_posix()}"] = data
    bundle = "\n".join(_shipped_script(assets / name) for name in RUNTIME_SCRIPTS)
    files[f"assets/{RUNTIME_BUNDLE}"] = bundle.encode("utf-8")
    return files


def _shipped_script(path: Path) -> str:
    label = _label(path)
    return squeeze(compact(path.read_text(encoding="utf-8"), label), label)


def _label(path: Path) -> str:
    return "/".join(path.parts[-3:])
