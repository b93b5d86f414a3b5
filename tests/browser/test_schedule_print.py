"""The schedule pages print on A4: nothing sticks out past the printable width."""

from __future__ import annotations

import re

import pytest

A4_PRINTABLE_PX = 703  # 210 mm less the page's two 12 mm margins, at 96 px per inch


@pytest.mark.parametrize("path", ["schedule/2026-10/", "schedule/list/", "schedule/", "roles/cs_supervisor/"])
def test_schedule_pages_fit_the_width_of_a4(browser, server: str, path: str) -> None:
    context = browser.new_context(viewport={"width": A4_PRINTABLE_PX, "height": 1000})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(f"{server}/{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_PRINTABLE_PX
    context.close()


def test_the_month_view_is_a_seven_column_grid_with_days_off_marked(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/schedule/2026-10/")
    assert page.locator("table.hb-month thead th").all_inner_texts() == [
        "周一",
        "周二",
        "周三",
        "周四",
        "周五",
        "周六",
        "周日",
    ]
    off = page.locator("table.hb-month td.hb-off .hb-day").all_inner_texts()
    assert off[:7] == ["1", "2", "3", "4", "5", "6", "7"]  # the National Day holiday
    saturday = page.locator("table.hb-month td.hb-work", has_text="国庆节调休上班")
    assert re.match(r"^10\b", saturday.inner_text())
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    page.close()
