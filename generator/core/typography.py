"""Chinese typography: half-width punctuation typed inside Chinese text becomes full-width.

Chinese text is set with full-width ，：；？！（）. Half-width ones creep in from keyboards in
English mode; in YAML flow mappings a half-width comma even ends the value early. Only
punctuation that touches Chinese text is changed, so Markdown links and English stay as they
are. In YAML only the text of scalars is touched, never the syntax between them: a comma that
separates ``[关闭,闭合]`` stays half-width, since a full-width one would join the two answers
into one. Run ``python -m generator.core.typography FILE…`` to tidy source files.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

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


def _parens(match: re.Match[str]) -> str:
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


FENCE = re.compile(r"^\s*(```|~~~)")
ENDS_CJK = re.compile(rf"[{CJK}]$")
STARTS_CJK = re.compile(rf"^\s*[{CJK}]")
# A space after full-width punctuation (or after the bold lead-in it closes) before Chinese.
SPACE_AFTER_STOP = re.compile(rf"(?<=[。：；！？，、])((?:\*\*)?) +(?=[{CJK}])")


def join_cjk_lines(text: str) -> str:
    """Markdown without the spaces a reader would see between Chinese sentences.

    A browser shows a line break inside a paragraph as a space, which in Chinese text falls
    between two sentences or splits a word. A line that ends in Chinese is joined to the next when
    that one begins with Chinese; headings, hard breaks (two trailing spaces) and fenced code stay.
    A space typed after full-width punctuation, as in ``**业主：** 房屋``, goes too.
    """
    lines = text.split("\n")
    out: list[str] = []
    fenced = joining = False
    for line in lines:
        if FENCE.match(line):
            fenced = not fenced
        if not fenced:
            line = SPACE_AFTER_STOP.sub(r"\1", line)
        if joining and not fenced and STARTS_CJK.match(line):
            out[-1] += line.lstrip()
        else:
            out.append(line)
        last = out[-1]
        joining = not fenced and bool(ENDS_CJK.search(last)) and not last.lstrip().startswith("#")
    return "\n".join(out)


def _scalar_spans(node: yaml.Node) -> list[tuple[int, int]]:
    """Where each scalar of a composed YAML document stands in its text, as (start, end)."""
    if isinstance(node, yaml.ScalarNode):
        return [(node.start_mark.index, node.end_mark.index)]
    children = node.value if isinstance(node, yaml.SequenceNode) else [c for pair in node.value for c in pair]
    return [span for child in children for span in _scalar_spans(child)]


def tidy_yaml(text: str) -> str:
    """Full-width punctuation inside YAML scalars only; the text between them is kept as it is.

    Raises yaml.YAMLError for text that is not YAML: it is left for ``handbook check`` to locate.
    """
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        return text
    pieces, done = [], 0
    for start, end in sorted(_scalar_spans(node)):
        pieces += [text[done:start], to_fullwidth(text[start:end])]
        done = end
    return "".join(pieces) + text[done:]


def tidy(text: str, suffix: str) -> str:
    """A source file tidied by its kind: YAML by scalars, a module's head likewise and its
    Markdown body whole, any other text whole."""
    if suffix in (".yaml", ".yml"):
        return tidy_yaml(text)
    opening, closing_fence = "---\n", "\n---\n"
    if suffix == ".md" and text.startswith(opening):
        closing = text.find(closing_fence, len(opening) - 1)
        if closing != -1:
            head, body = text[len(opening) : closing + 1], text[closing + len(closing_fence) :]
            return f"{opening}{tidy_yaml(head)}---\n{to_fullwidth(body)}"
    return to_fullwidth(text)


USAGE = "用法：python -m generator.core.typography 文件…（把紧挨中文的半角标点改为全角；YAML 只改文字内容）"


def main(paths: list[str]) -> int:
    if not paths or paths[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if paths else 1
    failed = 0
    for name in paths:
        path = Path(name)
        if not path.is_file():
            print(f"未整理：找不到文件 {name}", file=sys.stderr)
            failed = 1
            continue
        before = path.read_text(encoding="utf-8")
        try:
            after = tidy(before, path.suffix)
        except yaml.YAMLError:
            print(f"未整理：{name} 不是正确的 YAML，请先运行 handbook check 改正", file=sys.stderr)
            failed = 1
            continue
        if after != before:
            write_atomic(path, after.encode("utf-8"))
            print(f"已整理：{name}")
    return failed


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
