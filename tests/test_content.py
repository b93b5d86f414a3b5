"""The shipped handbook: every topic of the policy taught, every module complete, enough questions."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations

import pytest

from generator.core.checks import competency_ids
from generator.core.handbook import load_checked as check
from generator.core.loader import Curriculum
from generator.core.orderings import ordered_steps, ordering_problems
from generator.core.project import Project
from generator.core.published import is_correct
from generator.models.content import FillBlank, Ordering
from generator.site.build import generate
from generator.site.engine import build_site

MIN_QUESTIONS_PER_BANK = 10
MIN_QUESTIONS = 300
MIN_CJK, MAX_CJK = 1500, 4500
CJK = re.compile(r"[\u4e00-\u9fff]")
# Policy figures belong on the policy page only; these are the ways module text would restate them.
RESTATED_POLICY = [
    re.compile(r"扣(除)?(考勤)?\s*\d+\s*分"),
    re.compile(r"每(周|月|两周|季度|两个?月)\s*(进行)?\s*[\d一二三两]+\s*次"),
    re.compile(r"\d+\s*日前"),
    re.compile(r"合格率.{0,6}\d+\s*%"),
    re.compile(r"认同率.{0,6}\d+\s*%"),
    re.compile(r"\d+\s*分(及以上|以上)?(为|算)?合格"),
]


@pytest.fixture(scope="module")
def shipped_curriculum() -> Curriculum:
    return check(Project.locate(None))


def test_every_programme_topic_is_taught_by_a_module(shipped_curriculum: Curriculum) -> None:
    taught = {(m.head.programme, t) for m in shipped_curriculum.modules for t in m.head.topics}
    missing = [
        f"{p.id}.{t.id}" for p in shipped_curriculum.policy.programmes for t in p.topics if (p.id, t.id) not in taught
    ]
    assert missing == []


def test_every_competency_is_built_by_a_module(shipped_curriculum: Curriculum) -> None:
    built = {c for m in shipped_curriculum.modules for c in m.head.competencies}
    assert sorted(competency_ids(shipped_curriculum.policy) - built) == []


def test_enough_questions_in_every_bank_and_overall(shipped_curriculum: Curriculum) -> None:
    counts = {b.bank.module: len(b.bank.questions) for b in shipped_curriculum.banks}
    assert {m: n for m, n in counts.items() if n < MIN_QUESTIONS_PER_BANK} == {}
    assert sum(counts.values()) >= MIN_QUESTIONS


def test_every_bank_mixes_question_types(shipped_curriculum: Curriculum) -> None:
    for loaded in shipped_curriculum.banks:
        types = Counter(q.type for q in loaded.bank.questions)
        assert len(types) >= 4, f"{loaded.bank.id}: {dict(types)}"


def test_procedures_have_ordering_questions(shipped_curriculum: Curriculum) -> None:
    banks = {b.bank.module: b.bank for b in shipped_curriculum.banks}
    for module_id in ("regular-complaint-handling", "fire-escape-evacuation"):
        assert any(q.type == "ordering" for q in banks[module_id].questions), module_id


def test_module_bodies_are_long_enough_to_learn_from(shipped_curriculum: Curriculum) -> None:
    lengths = {m.head.id: len(CJK.findall(m.body)) for m in shipped_curriculum.modules}
    assert {m: n for m, n in lengths.items() if not MIN_CJK <= n <= MAX_CJK} == {}


def test_modules_do_not_restate_policy_figures(shipped_curriculum: Curriculum) -> None:
    found = []
    for module in shipped_curriculum.modules:
        texts = [
            module.body,
            *(q.stem for b in shipped_curriculum.banks if b.bank.module == module.head.id for q in b.bank.questions),
        ]
        for pattern in RESTATED_POLICY:
            found += [f"{module.head.id}: {match.group(0)}" for text in texts for match in pattern.finditer(text)]
    assert found == []


def test_shipped_handbook_builds_without_warnings(shipped: Project) -> None:
    rendered, _ = generate(shipped, check(shipped))
    build_site(shipped, rendered.nav, strict=True)  # strict: a broken link or anchor fails
    assert (shipped.site / "modules" / "fire-extinguishers" / "index.html").is_file()


def test_orderings_that_share_steps_agree(shipped_curriculum: Curriculum) -> None:
    steps = [
        set(ordered_steps(b, i, q).keys)
        for b in shipped_curriculum.banks
        for i, q in enumerate(b.bank.questions)
        if isinstance(q, Ordering)
    ]
    sharing = sum(1 for a, b in combinations(steps, 2) if len(a & b) >= 2)
    assert sharing >= 20  # the procedures taught in several banks are tied together and compared
    assert ordering_problems(shipped_curriculum) == []


def test_every_fill_in_answer_judges_as_right(shipped_curriculum: Curriculum) -> None:
    wrong = [
        f"{b.bank.id} {q.id}: {answer}"
        for b in shipped_curriculum.banks
        for q in b.bank.questions
        if isinstance(q, FillBlank)
        for blank, accepted in enumerate(q.answer)
        for answer in accepted
        if not is_correct(q, [answer if k == blank else a[0] for k, a in enumerate(q.answer)])
        or any(c in answer for c in "，、；")
    ]
    assert wrong == []
