"""Put imported questions into a bank: new stable ids, nothing repeated, nothing existing changed.

A question counts as already in the bank when its type, stem and set of option texts are the
same (ignoring width of letters, spacing and the length of blanks), so importing the same file
twice adds nothing. When such a question's key differs from the bank's, the bank's is kept and
the difference reported: which one is right is for a person to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .drafts import PLACEHOLDER, Draft, Notice, Where
from .text import comparable

QUESTION_ID = re.compile(r"^q(\d+)$")


@dataclass
class Merged:
    added: list[dict] = field(default_factory=list)
    """New questions with their ids, in the file's order."""
    repeated: list[Notice] = field(default_factory=list)
    """Questions already in the bank (or twice in the file), not added again."""
    conflicts: list[Notice] = field(default_factory=list)
    """Questions already in the bank whose key in the file differs."""
    placeholders: list[str] = field(default_factory=list)
    """Ids of added questions that got the placeholder explanation."""
    origins: dict[str, Where] = field(default_factory=dict)
    """Where each added question stood in the imported file, by its new id."""


def fingerprint(question: dict[str, Any]) -> tuple:
    options = sorted(comparable(o["text"]) for o in question.get("options", []))
    return question["type"], comparable(question["stem"]), tuple(options)


def key(question: dict[str, Any]) -> Any:
    """The right answer in terms of option texts, so that option ids do not matter."""
    answer = question["answer"]
    if question["type"] == "fill_blank":
        return [sorted(comparable(a) for a in accepted) for accepted in answer]
    if question["type"] == "true_false":
        return answer
    texts = {o["id"]: comparable(o["text"]) for o in question["options"]}
    if question["type"] == "single":
        return texts.get(answer)
    chosen = [texts.get(i) for i in answer]
    return chosen if question["type"] == "ordering" else sorted(chosen, key=str)


def new_ids(taken: set[str], count: int) -> list[str]:
    """q01, q02 … continuing after the bank's highest qNN, never reusing an id."""
    numbers = [int(m.group(1)) for i in taken if (m := QUESTION_ID.match(i))]
    width = max((len(m.group(1)) for i in taken if (m := QUESTION_ID.match(i))), default=2)
    ids: list[str] = []
    number = max(numbers, default=0)
    while len(ids) < count:
        number += 1
        candidate = f"q{number:0{width}d}"
        if candidate not in taken:
            ids.append(candidate)
    return ids


def _fresh(existing: list[dict[str, Any]], drafts: list[Draft], merged: Merged) -> list[Draft]:
    """The drafts that are neither in the bank nor earlier in the file; the rest are reported."""
    known = {fingerprint(q): q for q in existing}
    fresh: list[Draft] = []
    for draft in drafts:
        same = known.get(fingerprint(draft.question))
        if same is None:
            known[fingerprint(draft.question)] = {**draft.question, "id": None}
            fresh.append(draft)
            continue
        where = f"题库中的 {same['id']} " if same["id"] else "文件中前面的一道题"
        if key(same) != key(draft.question):
            message = f"与{where}题干和选项相同，但答案不同；未导入，保留前者的答案，请人工核对"
            merged.conflicts.append(Notice(draft.where, message))
        else:
            merged.repeated.append(Notice(draft.where, f"与{where}相同，未重复导入"))
    return fresh


def merge(existing: list[dict[str, Any]], drafts: list[Draft]) -> Merged:
    """Which drafts are new, with ids and explanations filled in."""
    merged = Merged()
    fresh = _fresh(existing, drafts, merged)
    ids = new_ids({str(q["id"]) for q in existing}, len(fresh))
    for question_id, draft in zip(ids, fresh, strict=True):
        question = {"id": question_id, **draft.question}
        if not question.get("explanation"):
            question["explanation"] = PLACEHOLDER
            merged.placeholders.append(question_id)
        merged.added.append(question)
        merged.origins[question_id] = draft.where
    return merged
