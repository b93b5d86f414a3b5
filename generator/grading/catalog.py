"""What the grader grades against: the current exam keys, their versions, and the feedback form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..core.editions import Edition
from ..core.handbook import Handbook
from ..core.published import FEEDBACK_COMMENTS, FEEDBACK_FORM_ID, bank_version, published_feedback_form, right_response
from ..models.content import Bank, FillBlank, MultipleChoice, Question
from ..models.policy import Policy

"""Programme id of the induction （岗前培训）: its exam has no deduction ladder."""

TopicRef = tuple[str, str]
"""(programme id, topic id)."""


@dataclass(frozen=True)
class ExamKey:
    """One exam bank as the grader needs it."""

    bank: Bank
    version: str
    questions: tuple[Question, ...]
    positions: dict[str, int]
    """Question id → position in the bank."""
    topics: tuple[TopicRef | None, ...]
    """Per question, the topic it counts towards in the weak-topic list."""
    induction: bool
    """True for an exam of an induction module: a fail means retraining, not deductions."""
    ids: list[str]
    """Question ids in bank order, the order in which the site writes a result file's answers."""
    right_answers: tuple[dict[str, object], ...]
    """Per question, the answer the site writes when it is right, as a result file holds it."""
    lenient: frozenset[int]
    """Positions of the questions whose other responses may be right too: options in another
    order, a fill-in written otherwise. Any other response to any other question is wrong."""
    judged: dict[tuple[str, object], int] = field(default_factory=dict, compare=False, repr=False)
    """Answers already judged: (question id, answer) → position if right, ~position if wrong."""


@dataclass(frozen=True)
class Catalog:
    policy: Policy
    exams: dict[str, ExamKey]
    other_banks: set[str]
    """Self-check banks: their result files are the trainee's own practice, not graded."""
    feedback_version: str
    measures: tuple[str, ...]
    """Ids of the instructor measures, the questions of the feedback form."""
    form_questions: frozenset[str]
    """The measures and the free-text comments: every question of the feedback form."""
    editions: dict[tuple[str, str], ExamKey] = field(default_factory=dict)
    """Earlier published editions of the exams, by (exam id, version): results answered on
    them are graded against them."""

    @property
    def feedback_id(self) -> str:
        return FEEDBACK_FORM_ID

    def key(self, quiz_id: str, edition: str = "") -> ExamKey:
        """The exam's current key, or that of the earlier edition named."""
        return self.editions[(quiz_id, edition)] if edition else self.exams[quiz_id]


def _exam_key(bank: Bank, programme: str, module_topics: list[str], policy: Policy) -> ExamKey:
    fallback = (programme, module_topics[0]) if module_topics else None
    topics = tuple((programme, q.topic) if q.topic else fallback for q in bank.questions)
    return ExamKey(
        bank=bank,
        version=bank_version(bank),
        questions=tuple(bank.questions),
        positions={q.id: i for i, q in enumerate(bank.questions)},
        ids=[q.id for q in bank.questions],
        right_answers=tuple({"question_id": q.id, "response": right_response(q)} for q in bank.questions),
        lenient=frozenset(i for i, q in enumerate(bank.questions) if isinstance(q, MultipleChoice | FillBlank)),
        topics=topics,
        induction=programme == policy.induction.id,
    )


def build_catalog(found: Handbook, editions: Sequence[Edition] = ()) -> Catalog:
    """The catalog of a checked curriculum, with the kept editions of its exams."""
    modules = {m.head.id: m.head for m in found.modules}
    exams, others = {}, set()
    for loaded in found.banks:
        bank = loaded.bank
        if bank.mode != "exam":
            others.add(bank.id)
            continue
        head = modules[bank.module]
        exams[bank.id] = _exam_key(bank, head.programme, head.topics, found.policy)
    kept = {}
    for edition in editions:
        current = exams.get(edition.bank.id)
        if current is not None and edition.version != current.version and edition.bank.module in modules:
            head = modules[edition.bank.module]
            kept[(edition.bank.id, edition.version)] = _exam_key(
                edition.bank, head.programme, head.topics, found.policy
            )
    return Catalog(
        policy=found.policy,
        editions=kept,
        exams=exams,
        other_banks=others,
        feedback_version=published_feedback_form(found.policy)["version"],
        measures=tuple(t.id for t in found.policy.instructor_targets),
        form_questions=frozenset({*(t.id for t in found.policy.instructor_targets), FEEDBACK_COMMENTS}),
    )
