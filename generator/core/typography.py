"""Chinese typography: half-width punctuation typed inside Chinese text becomes full-width.

Chinese text is set with full-width ，：；？！（）. Half-width ones creep in from keyboards in
English mode; in YAML flow mappings a half-width comma even ends the value early. Only
punctuation that touches Chinese text is changed, so YAML syntax, Markdown links and English
stay as they are. Run ``python -m generator.core.typography FILE…`` to tidy source files.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .writer import write_atomic

CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’"
FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
# Touching Chinese: right after it (also after closing bold, code or a link), or right before it.
# A comma or colon followed by a space is YAML syntax or English style; leave it.
TOUCHING = rf"(?:(?<=[{CJK}])|(?<=[{CJK}]\*\*)|(?<=[{CJK}]`)|(?<=\.md\)))"
# Runs such as "!!!" or "???" are Markdown syntax (admonitions), not punctuation.
SINGLE = r"(?<![!?！？])[;?!](?![!?])"
AFTER_CJK = re.compile(rf"{TOUCHING}(?:[,:](?=\S)|:$|{SINGLE})|(?<=\S)(?:[,:]|{SINGLE})(?=[{CJK}])", re.MULTILINE)
PARENS = re.compile(rf"(?<![\]\w])\(([^()\n]*[{CJK}][^()\n]*)\)|(?<=[{CJK}])\(([^()\n]*)\)")


def _parens(match: re.Match) -> str:
    inner = match.group(1) if match.group(1) is not None else match.group(2)
    return f"（{inner}）"


CODE_SPAN = re.compile(r"`[^`\n]+`")
SPAN_MARK = "\ue000"  # a private-use character: neither Chinese nor punctuation


def to_fullwidth(text: str) -> str:
    """Full-width punctuation wherever half-width punctuation follows or encloses Chinese.

    Inline code (`…`) is left exactly as written: it quotes commands, paths and formats.
    """
    spans = CODE_SPAN.findall(text)
    text = CODE_SPAN.sub(SPAN_MARK, text)
    text = AFTER_CJK.sub(lambda m: FULL[m.group(0)], PARENS.sub(_parens, text))
    pieces = iter(spans)
    return re.sub(SPAN_MARK, lambda _: next(pieces), text)


def main(paths: list[str]) -> int:
    for name in paths:
        path = Path(name)
        before = path.read_text(encoding="utf-8")
        after = to_fullwidth(before)
        if after != before:
            write_atomic(path, after.encode("utf-8"))
            print(f"已整理：{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
