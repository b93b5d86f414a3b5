"""The training record form （培训记录表）: one per session, kept by the supervisor.

A record is written as YAML, or filled in on the ``.xlsx`` form that ``handbook forms`` prints
(or its CSV export). The grader takes attendance deductions from it and the audit checks the
year's records against the policy.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from .base import Id, Strict

EmployeeId = Annotated[str, Field(min_length=1, max_length=64)]
"""An employee id （工号） from the roster."""

Attendance = Literal["present", "excused", "absent"]
Kind = Literal["training", "assessment"]


class RecordRow(Strict):
    id: EmployeeId
    """Employee id （工号） of the trainee."""
    name: str = ""
    """Name as written on the form; the roster's name is the one reported."""
    attendance: Attendance = "present"
    """``present`` （出席）, ``excused`` （请假） or ``absent`` （无故缺席）."""
    discipline: str = ""
    """What the trainee did against classroom discipline; any text here deducts points."""
    form: str = ""
    """How the feedback form was not filled in properly; any text here deducts points."""


class TrainingRecord(Strict):
    session_id: EmployeeId
    """Session id （场次编号）, unique among the records; feedback forms name it."""
    date: dt.date
    """Date of the session."""
    kind: Kind = "training"
    """``training`` （培训） or ``assessment`` （考核）."""
    programme: Id
    """Programme id from policy.yaml (its Chinese name is accepted too)."""
    topics: list[Id] = []
    """Topics of the programme that the session covered."""
    instructor: EmployeeId
    """Employee id of the instructor （讲师）, or of the examiner for an assessment."""
    hours: Annotated[float, Field(ge=0, multiple_of=0.5)]
    """Class hours, in multiples of half an hour."""
    supervisor_on_site: bool = False
    """Whether the supervisor was on site （主管在场）; implied when the supervisor taught."""
    venue: str = ""
    """Where the session took place."""
    notes: str = ""
    """Anything else worth keeping."""
    trainees: list[RecordRow] = []
    """Every trainee expected at the session, present or not."""
