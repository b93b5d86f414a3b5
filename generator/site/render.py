"""Render the handbook's Markdown pages from the curriculum with the Jinja2 templates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..core import record_layout
from ..core.errors import HandbookError
from ..core.fields import resolve_field
from ..core.handbook import Handbook
from ..core.loader import Module
from ..core.office_facts import fill_facts, unfilled_facts
from ..core.policy_text import frequencies, frequency
from ..core.typography import join_cjk_lines
from ..models.content import GENERAL
from ..planning.curricula import role_curriculum
from ..planning.induction import day_plan
from .glossary import READINGS, KeptReadings, by_initial, reading
from .learning_page import learning_page
from .markdown_text import table_cell
from .quiz_pages import quiz_nav, quiz_pages, script_json
from .schedule_pages import (
    SiteSchedule,
    office_settings,
    role_nav,
    role_pages,
    schedule_nav,
    schedule_pages,
    site_schedule,
)

GENERAL_TITLE = "能力框架"


@dataclass
class Rendered:
    """The generated pages (path relative to docs_dir → Markdown) and the site navigation."""

    pages: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)


def hours(value: float) -> str:
    return f"{value:g}"


def environment(templates: Path, cache: Path | None = None) -> jinja2.Environment:
    """Templates are compiled once and the bytecode kept in ``cache``, since compiling them
    costs about as much as rendering every page."""
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)) if cache is not None else None,
        loader=jinja2.FileSystemLoader(templates / "pages"),
        autoescape=True,  # values from YAML must not inject markup into the site
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        hours=hours, frequency=frequency, frequencies=frequencies, cell=table_cell, script_json=script_json
    )
    return env


class Site:
    """Everything the templates may look up, computed once per build."""

    def __init__(self, found: Handbook, read: Callable[[str], str] = reading) -> None:
        self.policy = found.policy
        self.roles = {role.id: role for role in found.roles}
        self.modules = sorted(found.modules, key=lambda m: (m.head.order, m.head.id))
        self.banks = {b.bank.id: b.bank for b in found.banks}
        self.glossary = by_initial([t for t, _, _ in found.glossary], read)
        self.choices = {c.field: c.note for c in self.policy.office_choices}
        self.settings = office_settings(found)
        self.sections = [(GENERAL, GENERAL_TITLE)] + [(p.id, p.name) for p in self.policy.programmes]
        missing = sorted(unfilled_facts(found.office), key=lambda pair: not pair[1].safety)
        self.missing_facts = [fact for _, fact in missing]
        """The office's facts still to fill, those needed in an emergency first."""

    def role(self, role_id: str) -> str:
        return self.roles[role_id].name

    def module(self, module_id: str) -> Module:
        return next(m for m in self.modules if m.head.id == module_id)

    def self_check(self, module_id: str):
        """The module's self-check bank (exams tied to the module are not listed here)."""
        return next((b for b in self.banks.values() if b.module == module_id and b.mode != "exam"), None)

    def in_programme(self, programme_id: str) -> list[Module]:
        return [m for m in self.modules if m.head.programme == programme_id]

    def next_module(self, module: Module) -> Module | None:
        """The module after this one in its programme's teaching order, which is also the order of a
        new hire's day plan: where the 下一步 of a self-check leads."""
        same = self.in_programme(module.head.programme)
        index = same.index(module)
        return same[index + 1] if index + 1 < len(same) else None

    def exam_of(self, programme_id: str):
        """The exam set on a programme's modules, if it has one."""
        exams = sorted((b for b in self.banks.values() if b.mode == "exam"), key=lambda b: b.id)
        return next((b for b in exams if self.module(b.module).head.programme == programme_id), None)

    def with_competency(self, competency: str) -> list[Module]:
        return [m for m in self.modules if competency in m.head.competencies]

    def topic_modules(self, programme_id: str, topic_id: str) -> list[Module]:
        return [m for m in self.in_programme(programme_id) if topic_id in m.head.topics]

    def value(self, dotted: str) -> object:
        return resolve_field(self.policy, dotted)

    def rotations(self) -> dict[str, int]:
        """Groups whose topics the office chose to rotate (schedule.yaml's topics_per_session):
        a departure from the regulation, shown as 本处自定 on the policy page."""
        groups = self.settings.groups if self.settings is not None else {}
        return {key: plan.topics_per_session for key, plan in groups.items() if plan.topics_per_session is not None}

    def rotation(self, programme_id: str, group_id: str) -> int | None:
        return self.rotations().get(f"{programme_id}.{group_id}")


def newcomer_studies(found: Handbook, site: Site) -> list[Module]:
    """The modules a new hire studies, as their role page lists them: the start page shows the same."""
    newcomer = site.roles[site.policy.induction.audience[0]]
    return role_curriculum(site.policy, found.roles, site.modules, newcomer).studies


def _nav(site: Site, schedule: SiteSchedule | None = None) -> list:
    nav: list = [{"首页": "index.md"}, {"新员工的头五天": "start.md"}, {"我的学习": "learning.md"}]
    for section_id, title in site.sections:
        entries = [{"概览": f"programmes/{section_id}.md"}]
        entries += [{m.head.title: f"modules/{m.head.id}.md"} for m in site.in_programme(section_id)]
        nav.append({title: entries})
    nav += [
        quiz_nav(site),
        {"按能力领域浏览": "competencies.md"},
        {"培训制度": "policy.md"},
        *([schedule_nav(schedule)] if schedule is not None else []),
        {"培训记录表": "record-form.md"},
        {"答题结果文件（主管用）": "results.md"},
        role_nav(site),
        {"术语表": "glossary.md"},
    ]
    return nav


def render_site(found: Handbook, templates: Path, cache: Path | None = None) -> Rendered:
    """Every page of the handbook, in memory. Nothing is written here but, given the build's
    ``cache`` folder, what makes the next render quicker: compiled templates and readings."""
    readings = KeptReadings(cache / READINGS) if cache is not None else None
    try:
        rendered = _render(found, environment(templates, cache / "jinja" if cache else None), readings or reading)
    except jinja2.TemplateSyntaxError as error:
        raise HandbookError(f"{error.filename}:{error.lineno}: 模板语法错误：{error.message}") from error
    except jinja2.TemplateError as error:
        raise HandbookError(f"模板出错：{error}") from error
    if readings is not None:
        readings.save()
    return rendered


def _render(found: Handbook, env: jinja2.Environment, read: Callable[[str], str]) -> Rendered:
    site = Site(found, read)
    shared = {"site": site, "policy": site.policy}
    schedule = site_schedule(found)
    out = Rendered(nav=_nav(site, schedule))
    induction = site.policy.induction
    plan = day_plan(induction, site.in_programme(induction.id))
    singles: dict[str, dict[str, object]] = {
        "index.md": {"schedule": schedule is not None},
        "start.md": {"induction": induction, "plan": plan, "studies": newcomer_studies(found, site)},
        "policy.md": {},
        "competencies.md": {},
        "glossary.md": {},
        "record-form.md": {"layout": record_layout},
    }
    for path, extra in singles.items():
        out.pages[path] = env.get_template(f"{path}.j2").render(**shared, **extra)
    for section_id, title in site.sections:
        programme = next((p for p in site.policy.programmes if p.id == section_id), None)
        page = env.get_template("programme.md.j2").render(
            **shared, section_id=section_id, title=title, programme=programme
        )
        out.pages[f"programmes/{section_id}.md"] = page
    out.pages.update(quiz_pages(env, site, shared))
    out.pages.update(learning_page(env, site, shared, schedule))
    out.pages.update(role_pages(env, site, shared, schedule))
    out.pages.update(schedule_pages(env, shared, schedule))
    for module in site.modules:
        # Authored Markdown, checked for raw HTML by `handbook check`; the office's facts go in escaped.
        body = Markup(fill_facts(module.body, found.office))
        out.pages[f"modules/{module.head.id}.md"] = env.get_template("module.md.j2").render(
            **shared, module=module, head=module.head, body=body
        )
    out.pages = {path: join_cjk_lines(text) for path, text in out.pages.items()}
    return out
