"""The month's focus from the last assessment: the policy's "revise the plan from the results".

The grader writes ``grades.json`` (schema ``handbook.grades/1``, see models/grades.py) with a
``weak_topics`` list. This module reads only what it needs from it — per item a topic id and a
wrong-answer share in percent, the programme if given — and skips, with a warning, any item that
lacks them, so a newer grader can add fields freely and a damaged file cannot stop the plan.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..core.errors import HandbookError
from ..core.text_files import Unreadable, decode_text, read_bytes
from ..models.grades import GRADES_SCHEMA, PERCENT_SCALE
from ..models.policy import Programme
from .entries import SESSION, Entry
from .sessions import Context, topic_facts

MAX_GRADES_BYTES = 16 * 1024 * 1024  # a real file is a few kilobytes; refuse anything absurd unread


@dataclass(frozen=True)
class FocusTopic:
    """A weak topic: its id, the share of wrong answers in percent and, if given, its programme."""

    topic: str
    wrong_share: float
    programme: str = ""

    @property
    def percent(self) -> str:
        return f"{self.wrong_share:.0f}%"


def _load_json(path: Path, label: str) -> Any:
    try:
        text = decode_text(read_bytes(path, MAX_GRADES_BYTES)).text
    except Unreadable as reason:
        raise HandbookError(f"{label}: {reason}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise HandbookError(f"{label}:{error.lineno}:{error.colno}: 不是有效的 JSON：{error.msg}") from error
    except RecursionError:
        raise HandbookError(f"{label}: 嵌套层数过多，不是成绩汇总文件") from None


def _item(item: Any) -> FocusTopic | None:
    if not isinstance(item, dict):
        return None
    topic, share = item.get("topic"), item.get("wrong_share")
    if not isinstance(topic, str) or not topic or isinstance(share, bool) or not isinstance(share, int | float):
        return None
    if not math.isfinite(share) or not 0 <= share <= PERCENT_SCALE:
        return None
    programme = item.get("programme")
    return FocusTopic(topic, float(share), programme if isinstance(programme, str) else "")


def read_grades(path: Path, label: str | None = None) -> tuple[list[FocusTopic], list[str]]:
    """The weak topics of a grades file, and a warning for every item that was skipped."""
    label = label or path.name
    data = _load_json(path, label)
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema != GRADES_SCHEMA:
        raise HandbookError(f"{label}: 不是成绩汇总文件（schema 应为 {GRADES_SCHEMA}，实际为：{schema}）")
    items = data.get("weak_topics")
    if not isinstance(items, list):
        raise HandbookError(f"{label}: 缺少 weak_topics 列表")
    topics, warnings = [], []
    for number, raw in enumerate(items, 1):
        found = _item(raw)
        if found is None:
            warnings.append(
                f"{label}: weak_topics 第 {number} 项缺少课题编号（topic）或错误率（wrong_share，0 到 "
                f"{PERCENT_SCALE} 之间的百分数），已跳过"
            )
        else:
            topics.append(found)
    return topics, warnings


def _groups_with(context: Context, focus: FocusTopic) -> list[tuple[Programme, str]]:
    return [
        (p, f"{p.id}.{g.id}")
        for p in context.policy.programmes
        for g in p.frequencies
        if focus.topic in g.topics and focus.programme in ("", p.id)
    ]


def select_focus(context: Context, topics: list[FocusTopic]) -> tuple[list[FocusTopic], list[str]]:
    """The weakest topics that in-post training teaches, at most as many as the settings say."""
    known, warnings, seen = [], [], set()
    for topic in sorted(topics, key=lambda t: (-t.wrong_share, t.programme, t.topic)):
        if topic.wrong_share <= 0:
            continue
        groups = _groups_with(context, topic)
        if not groups:
            warnings.append(f"课题“{topic.topic}”不在任何在岗培训的频次组中，不作为本月重点")
        elif (topic.programme, topic.topic) not in seen:
            seen.add((topic.programme, topic.topic))
            known.append(topic)
    return known[: context.settings.focus_topics], warnings


def apply_focus(context: Context, entries: list[Entry], focus: list[FocusTopic]) -> tuple[list[Entry], list[str]]:
    """Mark the month's sessions on a focus topic; where the month has none, the first session
    of a group teaching the topic is changed to it."""
    result, notes = list(entries), []
    taken: set[str] = set()
    for topic in focus:
        covering = [i for i, e in enumerate(result) if _covers(e, topic)]
        if not covering:
            covering = _retopic(context, result, topic, taken)
        if not covering:
            notes.append(f"重点课题“{_topic_name(context, topic)}”本月没有可调整的课，请另行安排。")
        for i in covering:
            taken.add(result[i].uid)
            mark = f"本月重点（上次考核错误率 {topic.percent}）"
            result[i] = replace(result[i], remarks=(*result[i].remarks, mark))
    return result, notes


def _covers(entry: Entry, topic: FocusTopic) -> bool:
    return entry.kind == SESSION and topic.topic in entry.topics and topic.programme in ("", entry.programme)


def _retopic(context: Context, entries: list[Entry], topic: FocusTopic, taken: set[str]) -> list[int]:
    for programme, key in _groups_with(context, topic):
        for i, entry in sorted(enumerate(entries), key=lambda pair: pair[1].sort_key()):
            if entry.kind == SESSION and entry.uid.startswith(f"{key}.") and entry.uid not in taken:
                entries[i] = _with_topic(context, entry, programme, topic.topic)
                return [i]
    return []


def _with_topic(context: Context, entry: Entry, programme: Programme, topic_id: str) -> Entry:
    hours, instructor, modules = topic_facts(context, programme, topic_id)
    names = {t.id: t.name for t in programme.topics}
    return replace(
        entry,
        title=names.get(topic_id, topic_id),
        topics=(topic_id,),
        modules=modules,
        hours=hours,
        minutes=round(hours * context.settings.class_hour_minutes),
        instructors=(instructor,),
        remarks=(*entry.remarks, f"按上次考核结果改讲此课题（原为{entry.title}）"),
    )


def _topic_name(context: Context, topic: FocusTopic) -> str:
    for programme, _ in _groups_with(context, topic):
        for t in programme.topics:
            if t.id == topic.topic:
                return t.name
    return topic.topic
