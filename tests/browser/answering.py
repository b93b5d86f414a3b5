"""Answering a quiz page the way a trainee does: clicking, typing and moving items."""

from __future__ import annotations

from generator.models.content import FillBlank, MultipleChoice, Ordering, SingleChoice, TrueFalse


def wrong_single(question: SingleChoice) -> str:
    return next(o.id for o in question.options if o.id != question.answer)


def answer(page, question, *, right: bool = True) -> None:
    box = page.locator(f"#q-{question.id}")
    if isinstance(question, SingleChoice):
        choice = question.answer if right else wrong_single(question)
        box.locator(f"input[value='{choice}']").check()
    elif isinstance(question, MultipleChoice):
        for option_id in question.answer if right else [o.id for o in question.options]:
            box.locator(f"input[value='{option_id}']").check()
    elif isinstance(question, TrueFalse):
        box.locator(f"input[value='{str(question.answer if right else not question.answer).lower()}']").check()
    elif isinstance(question, FillBlank):
        for i, accepted in enumerate(question.answer):
            box.locator("input").nth(i).fill(accepted[0] if right else "不知道")
    elif isinstance(question, Ordering):
        put_in_order(page, box, list(question.answer) if right else wrong_order(question, current_order(box)))


def wrong_order(question: Ordering, shown: list[str]) -> list[str]:
    """A wrong order that differs from the one on screen too: an ordering left as shown is not
    answered, and the page may well show it reversed."""
    key = list(question.answer)
    candidates = [key[::-1], key[1:] + key[:1], key[-1:] + key[:-1]]
    return next(order for order in candidates if order not in (key, shown))


def current_order(box) -> list[str]:
    return box.locator("button[data-dir='1']").evaluate_all("(bs) => bs.map((b) => b.dataset.id)")


def put_in_order(page, box, wanted: list[str]) -> None:
    """Move items up one step at a time with the keyboard, as a screen-reader user would."""
    for position, option_id in enumerate(wanted):
        while current_order(box).index(option_id) > position:
            box.locator(f"button[data-id='{option_id}'][data-dir='-1']").focus()
            page.keyboard.press("Enter")
