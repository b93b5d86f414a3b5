"""The training regulation as data: every number of it lives in curriculum/policy.yaml."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictInt, model_validator

from .base import Id, Percent, PositiveAmount, PositiveCount, Strict, Text


class Responsibility(Strict):
    role: Id
    """The role that carries this duty (an id from roles.yaml)."""
    unit: str = ""
    """Where the role sits, as the regulation names it (总公司品质部)."""
    duty: Text
    """The duty as the regulation states it."""


class Named(Strict):
    id: Id
    """Stable identifier, referenced from modules and other files."""
    name: Text
    """Name shown in the handbook."""
    description: str = ""
    """Longer explanation shown in the handbook."""


class CompetencyArea(Named):
    items: list[Named]
    """The competencies of this area; modules reference them as ``area.item``."""


class Instructor(Strict):
    role: Id
    """Role that teaches in this programme."""
    hours: PositiveAmount | None = None
    """Class hours this role teaches, where the regulation sets them."""
    at_least: bool = False
    """True when ``hours`` is a minimum （不得少于）, false when it is exact."""
    part: str = ""
    """Which part of the programme this role teaches."""
    unit: str = ""
    """Where the instructor sits, as the regulation names it (客服主管（总公司品质部）)."""
    at_post: bool = False
    """True when this part is job practice （岗位实习）: taught at the post, not in the training room."""


Unit = Literal["week", "month"]


class Frequency(Strict):
    id: Id
    """Identifier of this frequency group."""
    sessions: PositiveCount
    """Number of sessions in each period."""
    every: PositiveCount
    """Length of the period, in ``unit``s (2 weeks, 3 months …)."""
    unit: Unit
    """``week`` or ``month``."""
    topics: list[Id]
    """Topics of this programme that the group's sessions rotate through."""


class Programme(Strict):
    id: Id
    """Programme identifier: induction, regular, drill or fire."""
    name: Text
    """Chinese name of the programme."""
    audience: list[Id]
    """Roles that take this programme."""
    timing: Text
    """When in a staff member's career the programme takes place."""
    days: PositiveCount | None = None
    """Length in days, for the induction."""
    class_hours: PositiveAmount | None = None
    """Total class hours, for the induction; module hours must add up to it."""
    instructors: list[Instructor]
    """Roles that teach, with their hours where the regulation sets them."""
    topics: list[Named]
    """Topics the regulation lists for this programme."""
    frequencies: list[Frequency]
    """How often sessions take place, per group of topics."""
    coverage_per_person_per_year: PositiveCount | None = None
    """Sessions every staff member must attend at least, each year."""


class MonthlyPlan(Strict):
    draft_by_day: Annotated[StrictInt, Field(ge=1, le=31)]
    """Day of the month by which next month's plan is drafted."""
    approve_by_day: Annotated[StrictInt, Field(ge=1, le=31)]
    """Day of the month by which the director approves it (a shorter month: its last day)."""


class AnnualPlan(Strict):
    month: Annotated[StrictInt, Field(ge=1, le=12)]
    """Month in which next year's plan is drafted and reviewed."""
    draft_by_day: Annotated[StrictInt, Field(ge=1, le=31)]
    """Day by which the supervisor drafts the annual plan."""
    review_by_day: Annotated[StrictInt, Field(ge=1, le=31)]
    """Day by which the director reviews it."""


class Planning(Strict):
    inputs: list[Text]
    """What a plan is based on."""
    drafted_by: Id
    """Role that drafts the plans."""
    approved_by: Id
    """Role that approves the plans."""
    monthly_plan: MonthlyPlan
    """Deadlines of the monthly plan."""
    annual_plan: AnnualPlan
    """Deadlines of the annual plan."""
    deadline_on_day_off: Literal["last_working_day_before"]
    """What happens to a deadline that falls on a day off."""


class InductionRules(Strict):
    theory_by: Id
    """Role that teaches the induction's theory part."""
    theory_within_working_days: PositiveCount
    """The theory part takes place within this many working days of arrival."""
    practice_arranged_by: Id
    """Role that arranges the job-practice part for its own team's new hires."""


class InPostRules(Strict):
    instructor_named_in_advance_by: Id
    """Role that names each session's instructor in advance."""
    supervisor_weekly_class_hours_min: PositiveAmount
    """Class hours the supervisor teaches every week, at least."""
    supervisor_on_site_at: list[Id]
    """Programmes at which the supervisor must be on site."""
    record_form_every_session: bool
    """Whether every session fills in a training record form."""
    focus_revision: Text
    """The supervisor revises the training's focus and key points with what owners need (5.0 item 3)."""


class MonthlyAssessment(Strict):
    within_first_working_days: PositiveCount
    """Held within this many first working days of the next month."""
    parts: list[Literal["written", "practical"]]
    """The parts of the assessment."""


class Assessment(Strict):
    max_score: PositiveCount
    """Full marks of an assessment."""
    pass_mark: PositiveAmount
    """Score needed to pass an assessment; at most ``max_score``, or no one could ever pass."""
    induction_theory_on_working_day: PositiveCount
    """The new hire's theory assessment falls on this working day after arrival."""
    monthly: MonthlyAssessment
    """The assessment after each month's training."""
    fire_every_months: PositiveCount
    """Fire knowledge is assessed once in this many months."""
    analysis_within_days: PositiveCount
    """Days after an assessment by which results are analysed and the plan reconsidered."""
    revision_reviewed_by: Id
    """Role that reviews a revised plan."""

    @model_validator(mode="after")
    def _pass_mark_within_full_marks(self) -> Assessment:
        if self.pass_mark > self.max_score:
            raise ValueError(f"pass_mark（{self.pass_mark:g}）不能高于满分 max_score（{self.max_score}）")
        return self


class CohortTarget(Strict):
    sitting: PositiveCount
    """Sitting number: 1 for the first attempt, 2 for the first retake …"""
    pass_rate: Percent
    """Share of the cohort that must have passed after this sitting (cumulative)."""


class InstructorTarget(Strict):
    id: Id
    """Identifier of the measure, used in result files."""
    name: Text
    """Name of the measure."""
    question: Text
    """The question the feedback form asks."""
    kind: Literal["yes_no", "agree"]
    """Answer kind on the feedback form."""
    target: Percent
    """Target share of trainees."""
    direction: Literal["at_least", "at_most"]
    """Whether the share must reach the target or stay under it."""


class Deduction(Strict):
    id: Id
    """Identifier used in training records."""
    name: Text
    """What the trainee did."""
    points: PositiveCount
    """Attendance points deducted."""


Action = Literal[
    "none",
    "one_to_one_retraining",
    "deadline_to_master",
    "dismissal_review",
    "retrain_induction",
    "replan_and_rerun",
    "instructor_takes_training",
    "loses_right_to_train",
]


class FailedSitting(Strict):
    sitting: PositiveCount
    """Which failed sitting of the same assessment."""
    points: PositiveCount
    """Attendance points deducted."""
    action: Action
    """What follows the failure."""
    note: str = ""
    """The regulation's wording."""


class Deductions(Strict):
    attendance: list[Deduction]
    """Deductions for attendance and conduct."""
    failed_assessment: list[FailedSitting]
    """Deductions and actions for each failed sitting."""
    mastery_deadline_days: PositiveCount
    """Days allowed to master the content after the last deducted sitting."""
    after_deadline_action: Action
    """What a fail after the deadline leads to."""
    induction_fail_action: Action
    """What a failed induction assessment leads to."""


class Strike(Strict):
    strike: PositiveCount
    """How many times the instructor has missed the standard."""
    action: Action
    """What follows."""
    name: Text
    """The regulation's wording."""


class Record(Strict):
    id: Id
    """Identifier of the record form."""
    name: Text
    """Name of the form."""
    section: Text
    """Section number in the regulation."""


class OfficeChoice(Strict):
    field: Text
    """Dotted path of the policy field this choice concerns (list items by their id)."""
    note: Text
    """What the office decided and why, shown in the handbook."""


class Grading(Strict):
    max_result_file_bytes: PositiveCount
    """A result file larger than this is rejected unread (a real one is a few kilobytes)."""
    max_result_files: PositiveCount
    """Files, at most, in the folders handed to the grader (counting every file there, not only
    result files): a folder with more is refused before anything is read, so that pointing the
    grader at a whole disk ends at once."""
    max_office_file_bytes: PositiveCount
    """A roster or training-record file (workbook, CSV or YAML) larger than this is refused
    unread; a year's records of a large office are well under a megabyte."""


class Policy(Strict):
    title: Text
    """Title of the regulation."""
    purpose: Text
    """Purpose （目的）."""
    scope: Text
    """Scope （适用范围）."""
    responsibilities: list[Responsibility]
    """Duties （职责）."""
    competency_areas: list[CompetencyArea]
    """The four competency areas of the opening section."""
    training_cycle: list[Named]
    """The four steps of the training cycle."""
    evaluation_standards: list[Named]
    """The four evaluation standards."""
    programmes: list[Programme]
    """The four training programmes (section 4.0)."""
    planning: Planning
    """Planning rules (5.0 item 1)."""
    induction_rules: InductionRules
    """Induction rules (5.0 item 2)."""
    in_post_rules: InPostRules
    """In-post training rules (5.0 item 3)."""
    assessment: Assessment
    """Assessment rules (5.0 item 4)."""
    cohort_targets: list[CohortTarget]
    """Cohort pass-rate targets per sitting (6.0)."""
    instructor_targets: list[InstructorTarget]
    """Instructor targets from the feedback form (6.0)."""
    deductions: Deductions
    """Trainee deductions (6.0)."""
    instructor_strikes: list[Strike]
    """Consequences for instructors who miss the standard (6.0)."""
    actions: dict[Action, Text]
    """Chinese wording of every action."""
    records: list[Record]
    """Record forms (7.0)."""
    grading: Grading
    """Limits the grader applies to result files."""
    office_choices: list[OfficeChoice] = []
    """Rules the regulation leaves open, as this office decided them."""

    def programme(self, programme_id: str) -> Programme:
        return next(p for p in self.programmes if p.id == programme_id)

    @model_validator(mode="after")
    def _one_induction_and_one_fire(self) -> Policy:
        """Plans, grades and audits ask the policy which programme is which: each must be one."""
        inductions = [p for p in self.programmes if p.days is not None and p.class_hours is not None]
        fires = [p for p in self.programmes if p.coverage_per_person_per_year]
        if len(inductions) != 1:
            raise ValueError("应有且只有一个培训项目写明 days 和 class_hours（即岗前培训）")
        if len(fires) != 1:
            raise ValueError("应有且只有一个培训项目写明 coverage_per_person_per_year（即消防培训）")
        return self

    @property
    def induction(self) -> Programme:
        """The induction （岗前培训）: the one programme the regulation gives a length in days."""
        return next(p for p in self.programmes if p.days is not None and p.class_hours is not None)

    @property
    def fire(self) -> Programme:
        """Fire training （消防知识培训）: the programme every staff member attends each year."""
        return next(p for p in self.programmes if p.coverage_per_person_per_year)

    @property
    def supervisor(self) -> Id:
        """The supervisor's role （客服主管）: 5.0 item 3 gives every in-post rule to the role that
        names the instructors, and that is the supervisor."""
        return self.in_post_rules.instructor_named_in_advance_by
