"""The HTML report stays quick to open however many rows it has: a long table comes in blocks."""

from __future__ import annotations

import re

from generator.grading.report_text import BLOCK_ROWS, table_html


def test_a_short_table_is_one_table() -> None:
    html = "\n".join(table_html(["工号", "姓名"], [["E01", "张三"], ["E02", "<b>李四</b>"]]))
    assert html.count("<table>") == 1 and 'class="rows"' not in html
    assert "&lt;b&gt;李四&lt;/b&gt;" in html


def test_a_long_table_comes_in_blocks_with_the_same_columns() -> None:
    rows = [[f"E{n:05d}", f"学员{n}", "2026-03-05 r0305 无故缺席 −2"] for n in range(BLOCK_ROWS * 2 + 1)]
    html = "\n".join(table_html(["工号", "姓名", "考勤扣分明细"], rows))
    blocks = re.findall(r'<div class="rows"><table>(.*?)</table></div>', html, re.S)
    assert len(blocks) == 3
    assert [block.count("<tr>") - 1 for block in blocks] == [BLOCK_ROWS, BLOCK_ROWS, 1]  # less the headings
    columns = {re.search(r"<colgroup>.*?</colgroup>", block).group(0) for block in blocks}
    assert len(columns) == 1  # every block has the same column widths, so the columns line up
    widths = [int(w) for w in re.findall(r"width: (\d+)%", columns.pop())]
    assert widths[2] > widths[1] > widths[0] - 1 and abs(sum(widths) - 100) <= 2
    assert html.index("E00000") < html.index(f"E{BLOCK_ROWS:05d}") < html.index(f"E{BLOCK_ROWS * 2:05d}")
