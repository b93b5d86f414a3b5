"""Checks across files: references between policy, roles, modules, banks and glossary."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models.content import GENERAL, FillBlank, MultipleChoice, Ordering, Question, SingleChoice
from ..models.policy import Policy, Programme
from .body_checks import check_body, check_texts, link_targets
from .errors import Problem
from .fields import resolve_field
from .loader import Curriculum, LoadedBank, Module
from .office_facts import reference_problems
from .orderings import ordering_problems
from .published import is_correct, normalise_blank
from .sources import Key, Source

BLANK = re.compile(r"_{3,}")


def check_curriculum(found: Curriculum) -> list[Problem]:
    """Every cross-file mistake; the per-file ones were collected while loading."""
    problems: list[Problem] = []
    role_ids = {role.id for role in found.roles}
    problems += _duplicates(((r.id, found.roles_source, ("roles", i, "id")) for i, r in enumerate(found.roles)), "角色")
    if found.policy is not None and found.policy_source is not None:
        problems += check_policy(found.policy, found.policy_source, role_ids)
    problems += check_modules(found, role_ids)
    problems += check_banks(found)
    problems += check_exam_leaks(found)
    problems += ordering_problems(found)
    problems += reference_problems(found)
    problems += check_glossary(found)
    problems += check_texts(found)
    return problems


def _duplicates(entries: Iterable[tuple[str, Source | None, tuple[Key, ...]]], what: str) -> list[Problem]:
    seen: dict[str, Source] = {}
    problems = []
    for key, source, path in entries:
        if source is None:
            continue
        if key in seen:
            problems.append(
                source.locator.problem(path, f"{what}编号“{key}”重复（已在 {seen[key].locator.file} 中使用）")
            )
        else:
            seen[key] = source
    return problems


def _unknown_role(role: str, role_ids: set[str]) -> str:
    return f"未知角色“{role}”，应为 {'、'.join(sorted(role_ids))} 之一"


def _role_refs(policy: Policy) -> Iterable[tuple[tuple[Key, ...], str]]:
    for i, duty in enumerate(policy.responsibilities):
        yield ("responsibilities", i, "role"), duty.role
    for i, programme in enumerate(policy.programmes):
        for j, role in enumerate(programme.audience):
            yield ("programmes", i, "audience", j), role
        for j, instructor in enumerate(programme.instructors):
            yield ("programmes", i, "instructors", j, "role"), instructor.role
    yield ("planning", "drafted_by"), policy.planning.drafted_by
    yield ("planning", "approved_by"), policy.planning.approved_by
    yield ("induction_rules", "theory_by"), policy.induction_rules.theory_by
    yield ("induction_rules", "practice_arranged_by"), policy.induction_rules.practice_arranged_by
    yield ("in_post_rules", "instructor_named_in_advance_by"), policy.in_post_rules.instructor_named_in_advance_by
    yield ("assessment", "revision_reviewed_by"), policy.assessment.revision_reviewed_by


def check_policy(policy: Policy, source: Source, role_ids: set[str]) -> list[Problem]:
    where = source.locator.problem
    problems = [where(path, _unknown_role(role, role_ids)) for path, role in _role_refs(policy) if role not in role_ids]
    for i, programme in enumerate(policy.programmes):
        topic_ids = {t.id for t in programme.topics}
        for j, group in enumerate(programme.frequencies):
            for k, topic in enumerate(group.topics):
                if topic not in topic_ids:
                    problems.append(
                        where(("programmes", i, "frequencies", j, "topics", k), f"“{programme.name}”没有课题“{topic}”")
                    )
        problems += _instructor_hours(programme, i, source)
    programme_ids = {p.id for p in policy.programmes}
    for i, programme_id in enumerate(policy.in_post_rules.supervisor_on_site_at):
        if programme_id not in programme_ids:
            problems.append(where(("in_post_rules", "supervisor_on_site_at", i), f"未知培训类别“{programme_id}”"))
    problems += _sittings(policy, source)
    for i, choice in enumerate(policy.office_choices):
        if resolve_field(policy, choice.field) is None:
            problems.append(where(("office_choices", i, "field"), f"制度数据中没有字段“{choice.field}”"))
    return problems


def _instructor_hours(programme: Programme, index: int, source: Source) -> list[Problem]:
    if programme.class_hours is None:
        return []
    total = sum(i.hours or 0 for i in programme.instructors)
    if total != programme.class_hours:
        message = f"各讲师课时之和应等于总课时 {programme.class_hours:g}，实际为：{total:g}"
        return [source.locator.problem(("programmes", index, "instructors"), message)]
    return []


def _sittings(policy: Policy, source: Source) -> list[Problem]:
    problems = []
    for key, items in (("cohort_targets", policy.cohort_targets), ("deductions", policy.deductions.failed_assessment)):
        numbers = [item.sitting for item in items]
        if numbers != list(range(1, len(numbers) + 1)):
            path = (key,) if key == "cohort_targets" else ("deductions", "failed_assessment")
            problems.append(source.locator.problem(path, f"考核次数应依次为 1、2、3……，实际为：{numbers}"))
    return problems


def check_modules(found: Curriculum, role_ids: set[str]) -> list[Problem]:
    problems = _duplicates(((m.head.id, m.source, ("id",)) for m in found.modules), "模块")
    banked = {b.bank.module for b in found.banks if b.bank.mode != "exam"} | found.broken_banks
    sections = {p.id for p in found.policy.programmes} | {GENERAL} if found.policy else {GENERAL}
    targets = link_targets(found.module_ids(), sections)
    for module in found.modules:
        problems += _module_refs(module, found.policy, role_ids)
        problems += check_body(module, targets)
        if module.head.id != module.source.path.stem:
            problems.append(
                module.source.locator.problem(("id",), f"模块编号应与文件名一致，应为“{module.source.path.stem}”")
            )
        if module.head.id not in banked:
            problems.append(
                module.source.locator.problem(("id",), f"模块没有自测题库：请新建 quizzes/{module.head.id}.yaml")
            )
    if found.policy is not None:
        problems += _induction_hours(found)
    return problems


def _module_refs(module: Module, policy: Policy | None, role_ids: set[str]) -> list[Problem]:
    head, where = module.head, module.source.locator.problem
    problems = [
        where(("audience", i), _unknown_role(r, role_ids)) for i, r in enumerate(head.audience) if r not in role_ids
    ]
    if head.instructor not in role_ids:
        problems.append(where(("instructor",), _unknown_role(head.instructor, role_ids)))
    if policy is None:
        return problems
    programmes = {p.id: p for p in policy.programmes}
    if head.programme != GENERAL and head.programme not in programmes:
        choices = "、".join([*programmes, GENERAL])
        problems.append(where(("programme",), f"未知培训类别“{head.programme}”，应为 {choices} 之一"))
    topics = {t.id for t in programmes[head.programme].topics} if head.programme in programmes else set()
    for i, topic in enumerate(head.topics):
        if topic not in topics:
            problems.append(where(("topics", i), f"培训类别“{head.programme}”中没有课题“{topic}”"))
    competencies = competency_ids(policy)
    for i, competency in enumerate(head.competencies):
        if competency not in competencies:
            problems.append(where(("competencies", i), f"未知能力项“{competency}”，格式为 领域.能力项，见 policy.yaml"))
    return problems


def competency_ids(policy: Policy) -> set[str]:
    return {f"{area.id}.{item.id}" for area in policy.competency_areas for item in area.items}


def _induction_hours(found: Curriculum) -> list[Problem]:
    policy, source = found.policy, found.policy_source
    if policy is None or source is None:
        return []
    induction = policy.induction
    modules = [m for m in found.modules if m.head.programme == induction.id]
    where = source.locator.problem
    index = policy.programmes.index(induction)
    total = sum(m.head.class_hours for m in modules)
    problems = []
    if total != induction.class_hours:
        problems.append(
            where(
                ("programmes", index, "class_hours"),
                f"“{induction.name}”各模块课时之和应为 {induction.class_hours:g}，实际为：{total:g}",
            )
        )
    for j, instructor in enumerate(induction.instructors):
        taught = sum(m.head.class_hours for m in modules if m.head.instructor == instructor.role)
        if instructor.hours is None:
            continue
        if taught < instructor.hours if instructor.at_least else taught != instructor.hours:
            need = "不少于" if instructor.at_least else "等于"
            problems.append(
                where(
                    ("programmes", index, "instructors", j, "hours"),
                    f"{instructor.role} 讲授的模块课时应{need} {instructor.hours:g}，实际为：{taught:g}",
                )
            )
    return problems


def check_banks(found: Curriculum) -> list[Problem]:
    problems = _duplicates(((b.bank.id, b.source, ("id",)) for b in found.banks), "题库")
    modules = {m.head.id: m for m in found.modules}
    for loaded in found.banks:
        bank, where = loaded.bank, loaded.source.locator.problem
        if bank.id != loaded.source.path.stem:
            problems.append(where(("id",), f"题库编号应与文件名一致，应为“{loaded.source.path.stem}”"))
        if bank.module not in found.module_ids():
            problems.append(where(("module",), f"没有编号为“{bank.module}”的模块"))
        problems += _duplicates(
            ((q.id, loaded.source, ("questions", i, "id")) for i, q in enumerate(bank.questions)), "题目"
        )
        topics = _programme_topics(found.policy, modules.get(bank.module))
        for i, question in enumerate(bank.questions):
            problems += _question_keys(question, loaded, i)
            if question.topic is not None and topics is not None and question.topic not in topics:
                problems.append(where(("questions", i, "topic"), f"所属模块的培训类别中没有课题“{question.topic}”"))
    return problems


def check_exam_leaks(found: Curriculum) -> list[Problem]:
    """An exam question that repeats a self-check stem would have its key published with it."""
    published = {q.stem.strip() for b in found.banks if b.bank.mode != "exam" for q in b.bank.questions}
    problems = []
    for loaded in (b for b in found.banks if b.bank.mode == "exam"):
        for i, question in enumerate(loaded.bank.questions):
            if question.stem.strip() in published:
                message = "考核题的题干与某道自测题相同，自测页会公开它的答案；请改写"
                problems.append(loaded.source.locator.problem(("questions", i, "stem"), message))
    return problems


def _programme_topics(policy: Policy | None, module: Module | None) -> set[str] | None:
    if policy is None or module is None:
        return None
    programme = next((p for p in policy.programmes if p.id == module.head.programme), None)
    return {t.id for t in programme.topics} if programme else set()


def _question_keys(question: Question, loaded: LoadedBank, index: int) -> list[Problem]:
    where = loaded.source.locator.problem
    path = ("questions", index)
    problems = []
    if isinstance(question, (SingleChoice, MultipleChoice, Ordering)):
        option_ids = [o.id for o in question.options]
        problems += _duplicates(
            ((o, loaded.source, (*path, "options", j, "id")) for j, o in enumerate(option_ids)), "选项"
        )
        keys = [question.answer] if isinstance(question, SingleChoice) else question.answer
        for j, key in enumerate(keys):
            if key not in option_ids:
                key_path = (*path, "answer") if isinstance(question, SingleChoice) else (*path, "answer", j)
                problems.append(where(key_path, f"答案“{key}”不是本题的选项，应为 {'、'.join(option_ids)} 之一"))
        if len(set(keys)) != len(keys):
            problems.append(where((*path, "answer"), "答案中有重复的选项"))
        if isinstance(question, Ordering) and sorted(keys) != sorted(option_ids):
            problems.append(where((*path, "answer"), "排序题的答案应把每个选项恰好排列一次"))
    if isinstance(question, FillBlank):
        blanks = len(BLANK.findall(question.stem))
        if blanks != len(question.answer):
            problems.append(
                where((*path, "answer"), f"题干有 {blanks} 个空（____），答案却给了 {len(question.answer)} 组")
            )
        problems += [where((*path, "answer", b, j), message) for b, j, message in accepted_answer_problems(question)]
    return problems


ANSWER_SEPARATORS = "，、；,;"


def accepted_answer_problems(question: FillBlank) -> Iterable[tuple[int, int, str]]:
    """Accepted answers that a trainee could never type: several answers run together by a
    separator (YAML reads ``[关闭， 闭合]`` as one string, since only a half-width comma separates
    flow items), or an answer that judges unlike itself, such as one of punctuation only, which
    folds to nothing and so would take an empty blank as right."""
    for b, accepted in enumerate(question.answer):
        for j, answer in enumerate(accepted):
            separator = next((c for c in answer if c in ANSWER_SEPARATORS), None)
            if separator is not None:
                parts = [p.strip() for p in re.split(f"[{ANSWER_SEPARATORS}]", answer) if p.strip()]
                yield (
                    b,
                    j,
                    (
                        f"答案“{answer}”中有“{separator}”，会被当作一个答案，学员怎么填都不对；"
                        f"同一个空的几种说法请用半角逗号分开写成几项，如 [{', '.join(parts)}]"
                    ),
                )
            elif not normalise_blank(answer):
                yield b, j, f"答案“{answer}”去掉空格和标点后什么也不剩，空着不填也会被判对"
            elif not is_correct(question, [answer if k == b else a[0] for k, a in enumerate(question.answer)]):
                yield b, j, f"答案“{answer}”按网页的判分规则与自己不相符，请改写"


def check_glossary(found: Curriculum) -> list[Problem]:
    problems = _duplicates(((t.term, s, ("terms", i, "term")) for t, s, i in found.glossary), "术语")
    module_ids = found.module_ids()
    for term, source, i in found.glossary:
        for j, module_id in enumerate(term.modules):
            if module_id not in module_ids:
                problems.append(source.locator.problem(("terms", i, "modules", j), f"没有编号为“{module_id}”的模块"))
    return problems
