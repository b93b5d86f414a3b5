"""``handbook forms``: the blank record forms of the policy （规程 7.0）, ready to print or fill in.

The training plan form （培训计划表） comes from ``generator.planning.plan_form``, laid out like the plans
``handbook schedule`` writes; the training record form （培训记录表） from ``record_form``, laid
out so that ``handbook grade`` and ``handbook audit`` can read it back once filled in.
"""

from __future__ import annotations

from pathlib import Path

from ..core.handbook import load_checked
from ..core.project import Project
from ..core.record_layout import FORM_TITLE
from ..core.schedule_settings import load_settings
from ..core.writer import write_atomic
from ..planning.plan_form import FormContext, blank_form_bytes
from .record_form import blank_record_form


def blank_forms(project: Project) -> dict[str, bytes]:
    """File name → workbook of every blank form."""
    found = load_checked(project)
    settings = load_settings(project.curriculum, found.policy)
    plan = FormContext(found.policy, {role.id: role for role in found.roles}, settings.day)
    return {
        f"{plan.form_name()[0]}.xlsx": blank_form_bytes(plan, settings.office),
        f"{FORM_TITLE}.xlsx": blank_record_form(),
    }


def write_blank_forms(project: Project, out: Path) -> list[Path]:
    written = []
    for name, data in blank_forms(project).items():
        write_atomic(out / name, data)
        written.append(out / name)
    return written
