"""Weak topics: per topic, the share of wrong answers in the graded sittings, worst first.

A question counts towards its own ``topic`` if it has one, else towards the first topic of its
bank's module. This list is what ``handbook schedule --focus-from`` puts into next month's focus.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain
from operator import attrgetter

from ..models.grades import PERCENT_SCALE, WeakTopic
from ..models.policy import Policy
from .catalog import Catalog, TopicRef
from .results import ExamSubmission

WRONG = attrgetter("wrong")


def _tally(sittings: list[list[ExamSubmission]], catalog: Catalog) -> tuple[Counter, Counter]:
    by_quiz: dict[tuple[str, str], list[ExamSubmission]] = defaultdict(list)
    for group in sittings:
        for submission in group:  # positions are those of the edition answered
            by_quiz[(submission.quiz_id, submission.edition)].append(submission)
    answers: Counter[TopicRef] = Counter()
    wrong: Counter[TopicRef] = Counter()
    for (quiz_id, edition), taken in by_quiz.items():
        wrong_at = Counter(chain.from_iterable(map(WRONG, taken)))  # wrong answers per question position
        for position, topic in enumerate(catalog.key(quiz_id, edition).topics):
            if topic is not None:
                answers[topic] += len(taken)
                wrong[topic] += wrong_at[position]
    return answers, wrong


def weak_topics(sittings: list[list[ExamSubmission]], catalog: Catalog) -> list[WeakTopic]:
    answers, wrong = _tally(sittings, catalog)
    rows = [_row(catalog.policy, topic, answers[topic], wrong[topic]) for topic in answers]
    return sorted(rows, key=lambda r: (-r.wrong_share, -r.wrong, r.programme, r.topic))


def _row(policy: Policy, topic: TopicRef, answers: int, wrong: int) -> WeakTopic:
    programme = policy.programme(topic[0])
    name = next(t.name for t in programme.topics if t.id == topic[1])
    return WeakTopic(
        programme=programme.id,
        programme_name=programme.name,
        topic=topic[1],
        topic_name=name,
        answers=answers,
        wrong=wrong,
        wrong_share=round(wrong * PERCENT_SCALE / answers, 1),
    )
