"""Search on a phone: the index is downloaded only once search is opened, and then it finds pages."""

from __future__ import annotations

INDEX = "search/search_index.json"
PAGE = "modules/regular-complaint-handling/"


def index_requests(page) -> list[str]:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if request.url.endswith(INDEX) else None)
    return asked


def test_the_index_waits_until_search_is_opened(phone, server: str) -> None:
    asked = index_requests(phone)
    phone.goto(f"{server}/{PAGE}")
    phone.wait_for_load_state("networkidle")
    assert asked == []  # a first visit does not download the whole handbook's text
    phone.locator("label.md-header__button[for=__search]").click()
    phone.get_by_role("textbox", name="搜索").fill("投诉")
    results = phone.locator(".md-search-result__item")
    results.first.wait_for()
    assert asked == [f"{server}/{INDEX}"]
    assert "投诉" in results.first.inner_text()


def test_a_page_reached_from_a_search_result_is_highlighted(phone, server: str) -> None:
    asked = index_requests(phone)
    phone.goto(f"{server}/{PAGE}?h=%E6%8A%95%E8%AF%89")  # 投诉
    phone.locator("mark[data-md-highlight]").first.wait_for()
    assert asked == [f"{server}/{INDEX}"]


def test_the_keyboard_shortcut_opens_search_with_its_index(browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    asked = index_requests(page)
    page.goto(f"{server}/{PAGE}")
    page.wait_for_load_state("networkidle")
    assert asked == []
    page.keyboard.press("s")
    page.keyboard.type("消防")
    page.locator(".md-search-result__item").first.wait_for()
    assert asked == [f"{server}/{INDEX}"]
    page.close()
