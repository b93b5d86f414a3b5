"""The printable report in Markdown and in HTML, written out in Python: the grader loads no
template engine, so grading a folder stays light and needs nothing from the site's toolchain."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .report_tables import Table, shown
from .summary import width

TITLE = "考核与培训评估报告"
REVISION = "是否需要修订培训计划"
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|#])")
MARKDOWN_CHANGES = re.compile(r"[&<>\r\n\\`*_\[\]|#]")
"""Every character ``md_text`` changes: markup, line breaks and ``MARKDOWN_SPECIALS``."""
HTML_SPECIALS = re.compile(r"[&<>\"']")
BLOCK_ROWS = 120
"""Rows per block of a long table. The browser lays out a block only when it comes into view
(``content-visibility``), so a report with thousands of rows opens at once instead of after
every cell has been measured; printed, every block is there, each with the column headings."""
WIDEST_COLUMN = 36
"""A column's share of the width grows with its longest text up to this many narrow characters."""
WIDTH_SAMPLE = 480
"""Rows of a long table, spread over it, that its column widths are measured on."""
FONTS = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'
STYLE = f"""\
  @page {{ size: A4 landscape; margin: 12mm; }}
  body {{ font-family: {FONTS}; font-size: 10.5pt; color: #111; }}
  h1 {{ font-size: 16pt; }}
  h2 {{ font-size: 13pt; margin-top: 1.6em; break-after: avoid; }}
  table {{ border-collapse: collapse; width: 100%; }}
  th, td {{ border: 1px solid #555; padding: 2px 5px; text-align: left; vertical-align: top; }}
  th {{ background: #eee; }}
  tr {{ break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  .note {{ color: #444; }}
  .rows {{ content-visibility: auto; contain-intrinsic-size: auto {BLOCK_ROWS * 24}px; }}
  .rows table {{ table-layout: fixed; }}
  .rows td {{ overflow-wrap: anywhere; }}
  .rows + .rows table {{ margin-top: -1px; }}
  @media screen {{ .rows + .rows thead {{ display: none; }} }}
"""


def md_text(value: object) -> str:
    """Text for a Markdown table or list: no markup, no line breaks, no column separators.
    Most texts hold none of these and are returned as they are, found so by one search."""
    text = str(value)
    if not MARKDOWN_CHANGES.search(text):
        return text
    text = html.escape(text, quote=False).replace("\r", " ").replace("\n", " ")
    return MARKDOWN_SPECIALS.sub(r"\\\1", text)


def html_text(value: object) -> str:
    """Text inside HTML elements and attributes: trainees' names and answers are never markup.
    Most texts hold no character to escape and are returned as they are, found so by one search
    (the slips of a big run escape a few hundred thousand texts)."""
    text = str(value)
    if not HTML_SPECIALS.search(text):
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&#34;").replace("'", "&#39;")


def revision_intro(reviewer: str) -> str:
    return f"以下目标未达到，请在考核后的分析中考虑修订计划，修订后报{reviewer}审定："


def report_markdown(
    overview: Iterable[tuple[str, object]], reasons: list[str], reviewer: str, tables: list[Table], verdict: str
) -> str:
    lines = [f"# {TITLE}", ""]
    lines += [f"- **{label}**：{md_text(value)}" for label, value in overview]
    lines += ["", f"## {REVISION}", ""]
    if reasons:
        lines += [revision_intro(md_text(reviewer)), ""]
        lines += [f"- {md_text(reason)}" for reason in reasons]
        lines.append("")
    lines.append(md_text(verdict))
    for table in tables:
        lines += ["", f"## {table.title}", ""]
        for note in table.notes:
            lines += [md_text(note), ""]
        if table.rows:
            lines.append("|" + "".join(f" {md_text(h)} |" for h in table.headers))
            lines.append("|" + "---|" * len(table.headers))
            lines += ["|" + "".join(f" {md_text(shown(v))} |" for v in row) for row in table.rows]
        else:
            lines.append(table.empty)
    return "\n".join(lines) + "\n"


def column_widths(headers: list[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    """Share of the page per column (0 to 1), by the longest text in it (capped; measured over
    ``WIDTH_SAMPLE`` rows spread over the table): the blocks of a long table are separate tables
    and must share their columns' widths to line up."""
    sample = [headers, *rows[:: max(1, len(rows) // WIDTH_SAMPLE)]]
    longest = [
        min(max(width(str(row[i])) for row in sample if i < len(row)), WIDEST_COLUMN) + 2 for i in range(len(headers))
    ]
    total = sum(longest)
    return [n / total for n in longest]


def table_html(headers: list[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """A table; a long one as blocks of ``BLOCK_ROWS`` rows, laid out as they come into view."""
    head = "<thead><tr>" + "".join(f"<th>{html_text(h)}</th>" for h in headers) + "</tr></thead>"
    lines = ["<tr>" + "".join(f"<td>{html_text(shown(v))}</td>" for v in row) + "</tr>" for row in rows]
    if len(rows) <= BLOCK_ROWS:
        return ["<table>", head, "<tbody>", *lines, "</tbody>", "</table>"]
    columns = (
        "<colgroup>" + "".join(f'<col style="width: {w:.0%}">' for w in column_widths(headers, rows)) + "</colgroup>"
    )
    out = []
    for start in range(0, len(lines), BLOCK_ROWS):
        out += ['<div class="rows"><table>', columns, head, "<tbody>", *lines[start : start + BLOCK_ROWS]]
        out += ["</tbody>", "</table></div>"]
    return out


def report_html(
    overview: Iterable[tuple[str, object]], reasons: list[str], reviewer: str, tables: list[Table], verdict: str
) -> str:
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">', f"<title>{TITLE}</title>"]
    out += ["<style>", STYLE + "</style>", "</head>", "<body>", f"<h1>{TITLE}</h1>", "<ul>"]
    out += [f"  <li><strong>{html_text(label)}</strong>：{html_text(value)}</li>" for label, value in overview]
    out += ["</ul>", f"<h2>{REVISION}</h2>"]
    if reasons:
        out += [f"<p>{revision_intro(html_text(reviewer))}</p>", "<ul>"]
        out += [f"  <li>{html_text(reason)}</li>" for reason in reasons]
        out.append("</ul>")
    out.append(f"<p>{html_text(verdict)}</p>")
    for table in tables:
        out.append(f"<h2>{html_text(table.title)}</h2>")
        out += [f'<p class="note">{html_text(note)}</p>' for note in table.notes]
        rows = list(table.rows)
        out += table_html(table.headers, rows) if rows else [f"<p>{html_text(table.empty)}</p>"]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
