"""The printable report in Markdown and in HTML, written out in Python: the grader loads no
template engine, so grading a folder stays light and needs nothing from the site's toolchain."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .report_tables import Table, shown

TITLE = "考核与培训评估报告"
REVISION = "是否需要修订培训计划"
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|#])")
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
"""


def md_text(value: object) -> str:
    """Text for a Markdown table or list: no markup, no line breaks, no column separators."""
    text = html.escape(str(value), quote=False).replace("\r", " ").replace("\n", " ")
    return MARKDOWN_SPECIALS.sub(r"\\\1", text)


def html_text(value: object) -> str:
    """Text inside HTML elements and attributes: trainees' names and answers are never markup."""
    return html.escape(str(value), quote=True).replace("&#x27;", "&#39;").replace("&quot;", "&#34;")


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
        if table.rows:
            out += [
                "<table>",
                "<thead><tr>" + "".join(f"<th>{html_text(h)}</th>" for h in table.headers) + "</tr></thead>",
            ]
            out.append("<tbody>")
            out += ["<tr>" + "".join(f"<td>{html_text(shown(v))}</td>" for v in row) + "</tr>" for row in table.rows]
            out += ["</tbody>", "</table>"]
        else:
            out.append(f"<p>{html_text(table.empty)}</p>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
