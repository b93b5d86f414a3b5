"""Roles, modules, question banks and the glossary: the files supervisors edit."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt

from .base import Id, Slug, Strict, Text

GENERAL = "general"
"""Programme value of the competency-framework modules, which belong to no programme."""


class Role(Strict):
    id: Id
    """Stable role identifier used by every other file."""
    name: Text
    """Full Chinese name."""
    short: Text
    """Short name for tables and calendars."""
    description: Text
    """What the role does in training."""


class RolesFile(Strict):
    roles: list[Role]
    """The roles of the regulation."""


class ModuleHead(Strict):
    id: Slug
    """Module id; also the module's file name and its page's name."""
    title: Text
    """Title of the module page."""
    programme: Id
    """Programme id from policy.yaml, or ``general`` for the competency framework."""
    topics: list[Id] = []
    """Topics of the programme that this module teaches."""
    competencies: list[Text] = []
    """Competencies (``area.item`` from policy.yaml) that this module builds."""
    audience: Annotated[list[Id], Field(min_length=1)]
    """Roles that study this module."""
    instructor: Id
    """Role that teaches this module."""
    class_hours: Annotated[StrictFloat, Field(gt=0, multiple_of=0.5, allow_inf_nan=False)]
    """Class hours, in multiples of half an hour."""
    order: StrictInt = 100
    """Position among the programme's modules, smallest first."""
    objectives: Annotated[list[Text], Field(min_length=1)]
    """What a trainee can do after the module."""


class Option(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+$")]
    """Stable option id; result files name options by it."""
    text: Text
    """Option text, shown as plain text."""
    step: Text | None = None
    """In an ordering question with a ``procedure``: the step of that procedure this option is,
    so that questions worded differently can be checked to order the same steps alike."""


class QuestionBase(Strict):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$")]
    """Stable question id, unique in its bank; result files name questions by it."""
    stem: Text
    """The question."""
    explanation: Text
    """Why the key is right; shown after answering a self-check question."""
    topic: Id | None = None
    """Topic id when the question is about one topic of the module's programme."""
    difficulty: Annotated[StrictInt, Field(ge=1, le=3)] | None = None
    """1 easy, 2 medium, 3 hard."""
    tags: list[Text] = []
    """Free tags."""


class SingleChoice(QuestionBase):
    type: Literal["single"]
    """单选题."""
    options: Annotated[list[Option], Field(min_length=2)]
    """The choices."""
    answer: Annotated[str, Field(min_length=1)]
    """Id of the right option."""


class MultipleChoice(QuestionBase):
    type: Literal["multiple"]
    """多选题."""
    options: Annotated[list[Option], Field(min_length=2)]
    """The choices."""
    answer: Annotated[list[str], Field(min_length=1)]
    """Ids of every right option."""


class TrueFalse(QuestionBase):
    type: Literal["true_false"]
    """判断题."""
    answer: StrictBool
    """true or false."""


class FillBlank(QuestionBase):
    type: Literal["fill_blank"]
    """填空题: every run of three or more underscores in the stem is a blank."""
    answer: Annotated[list[Annotated[list[Text], Field(min_length=1)]], Field(min_length=1)]
    """Per blank, the accepted answers."""


class Ordering(QuestionBase):
    type: Literal["ordering"]
    """排序题."""
    procedure: Id | None = None
    """The procedure whose steps this question orders (``handover``, ``complaint`` …); every
    ordering question of one procedure must put the steps it shares in the same order."""
    options: Annotated[list[Option], Field(min_length=2)]
    """The items to put in order."""
    answer: Annotated[list[str], Field(min_length=2)]
    """Option ids in the right order."""


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | FillBlank | Ordering,
    Field(discriminator="type"),
]
QUESTION_TYPES = ("single", "multiple", "true_false", "fill_blank", "ordering")


class Bank(Strict):
    id: Slug
    """Bank id; also the file name."""
    module: Slug
    """Id of the module this bank tests."""
    title: Text
    """Title of the quiz page."""
    mode: Literal["self-check", "exam"] = "self-check"
    """``self-check`` publishes keys and explanations; ``exam`` publishes neither."""
    questions: Annotated[list[Question], Field(min_length=1)]
    """The questions."""


class Term(Strict):
    term: Text
    """The term."""
    definition: Text
    """A short definition."""
    modules: list[Slug] = []
    """Modules where the term is taught."""


class GlossaryFile(Strict):
    terms: list[Term]
    """Terms of the glossary."""
