"""Search on a phone: the index is downloaded only once search is opened, and then it finds pages,
without telling the reader that a word the result holds is missing from it."""

from __future__ import annotations

import pytest

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


MISSING_AND_TEXT = """() => [...document.querySelectorAll(".md-search-result__article")].map(article => {
  const listed = article.querySelector(".md-search-result__terms");
  const missing = listed ? [...listed.querySelectorAll("del")].map(word => word.textContent) : [];
  const text = [...article.childNodes].filter(node => node !== listed).map(node => node.textContent).join("")
    .replaceAll("\\u200b", "");  // the index keeps jieba's cuts as zero-width spaces
  return {missing, text};
})"""
"""Each result shown (its sections too): the words listed under it as missing (缺少), and its own text."""


def search_results(phone, server: str, query: str) -> tuple[list[str], list[dict]]:
    """The titles of the pages found for ``query``, and the results shown (MISSING_AND_TEXT)."""
    phone.goto(f"{server}/{PAGE}")
    phone.locator("label.md-header__button[for=__search]").click()
    phone.get_by_role("textbox", name="搜索").fill(query)
    phone.locator(".md-search-result__item").first.wait_for()
    assert "个符合条件的结果" in phone.locator(".md-search-result__meta").inner_text()
    titles = phone.locator(".md-search-result__item h1").all_inner_texts()
    return [title.replace("\u200b", "") for title in titles], phone.evaluate(MISSING_AND_TEXT)


@pytest.mark.parametrize(
    ("query", "word", "page_title"),
    [
        ("投诉处理", "投诉", "业户投诉处理流程及回复"),  # the theme cuts it into 投诉 and 处
        ("消防演练", "消防", "消防设施的工作原理和日常检查"),  # into 消防 and 演
        ("投诉*", "投诉", "业户投诉处理流程及回复"),  # a reader's own wildcard
    ],
)
def test_a_word_a_result_holds_is_not_listed_as_missing(
    phone, server: str, query: str, word: str, page_title: str
) -> None:
    titles, results = search_results(phone, server, query)
    assert page_title in titles  # still found
    holding = [result for result in results if word in result["text"]]
    assert holding
    assert [result["missing"] for result in holding if {word, f"{word}*"} & set(result["missing"])] == []


def test_a_word_a_result_lacks_is_still_listed_as_missing(phone, server: str) -> None:
    _, results = search_results(phone, server, "投诉处理")
    assert any("投诉" in result["missing"] for result in results if "投诉" not in result["text"])


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
