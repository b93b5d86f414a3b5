"""A curriculum seeded with script in every text field and in every module body.

Every payload, if it ever ran, would set ``window.__pwned``; the browser test asserts that it
stays unset on every page. The payloads are the ways a text reaches HTML: raw tags, Markdown
links, attribute lists, entity-spelled schemes, handlers split across lines, a ``</title>`` that
tries to leave the title, and the tags that act without script (base, meta refresh, form).
"""

from __future__ import annotations

import itertools
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path

import yaml

from generator.core.handbook import Handbook
from generator.core.loader import load_curriculum
from generator.core.project import Project

FIELD_PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "[点此](javascript:window.__pwned=2)",
    "{ autofocus onfocus=window.__pwned=3 }",
    "<script>window.__pwned=4</script>",
    "</title><script>window.__pwned=5</script>",
    '<svg onload="window.__pwned=6">',
    '<a href="jav&#x61;script:window.__pwned=7">链接</a>',
    "&lt;/title&gt;&lt;script&gt;window.__pwned=8&lt;/script&gt;",
    "[x](JaVaScRiPt:window.__pwned=9)",
    '{ #__search onclick="window.__pwned=10" }',
]
"""Appended, in turn, to every text field."""
BODY_PAYLOADS = """
<div
  onmouseover="window.__pwned=21" onfocus="window.__pwned=22" tabindex="0">悬停或聚焦这里</div>

<details open ontoggle="window.__pwned=23"><summary>展开</summary>内容</details>

<base href="https://example.invalid/">

<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=24">

<form action="javascript:window.__pwned=25"><button>提交</button></form>

<iframe srcdoc="<script>parent.__pwned=26</script>"></iframe>

<object data="javascript:window.__pwned=27"></object>

<input autofocus onfocus="window.__pwned=28">

<style>body { background: url(javascript:window.__pwned=29) }</style>

<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=30"></style></mglyph></table></mtext></math>

<a href="jav&#x09;ascript:window.__pwned=31">制表符拆开的协议</a>

<a href=" javascript:window.__pwned=32">前面有空格的协议</a>

<img src="x" alt="x" onerror
  ="window.__pwned=33">

[引用链接][evil]

[evil]: javascript:window.__pwned=34

<javascript:window.__pwned=35>

段落 { onclick="window.__pwned=36" }
"""
"""Added to the end of every module body."""
TEXT_KEYS = {
    "title",
    "name",
    "short",
    "description",
    "duty",
    "purpose",
    "scope",
    "timing",
    "term",
    "definition",
    "stem",
    "text",
    "explanation",
    "note",
    "question",
    "part",
}
TEXT_LISTS = {"objectives", "inputs"}


def _seed(data: object, payloads: itertools.cycle) -> object:
    if isinstance(data, dict):
        seeded = {}
        for key, value in data.items():
            if key in TEXT_KEYS and isinstance(value, str):
                seeded[key] = f"{value} {next(payloads)}"
            elif key in TEXT_LISTS and isinstance(value, list):
                seeded[key] = [f"{item} {next(payloads)}" if isinstance(item, str) else item for item in value]
            else:
                seeded[key] = _seed(value, payloads)
        return seeded
    if isinstance(data, list):
        return [_seed(item, payloads) for item in data]
    return data


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def seed_file(path: Path, payloads: itertools.cycle) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        _, head, body = text.split("---\n", 2)
        seeded = _seed(yaml.safe_load(head), payloads)
        path.write_text(f"---\n{_dump(seeded)}---\n{body.rstrip()}\n{BODY_PAYLOADS}", encoding="utf-8")
    else:
        path.write_text(_dump(_seed(yaml.safe_load(text), payloads)), encoding="utf-8")


def hostile_copy(source: Path, target: Path, templates: Path, mkdocs_yml: Path) -> Project:
    """A copy of the curriculum at ``source`` with every text field and module body seeded."""
    shutil.copytree(source, target)
    shutil.copytree(templates, target / "site_templates")
    shutil.copy(mkdocs_yml, target / "mkdocs.yml")
    payloads = itertools.cycle(FIELD_PAYLOADS)
    for path in sorted([*(target / "curriculum").rglob("*.yaml"), *(target / "curriculum").rglob("*.md")]):
        if path.name != "EDITING.md":
            seed_file(path, payloads)
    for path in sorted((target / "quizzes").glob("*.yaml")):
        seed_file(path, payloads)
    return Project(target)


def unchecked(project: Project) -> Handbook:
    """The curriculum as loaded, without ``check``'s cross-file checks (which refuse every seeded
    construct): each file is valid on its own, so the site can be built to test the net under
    ``check``."""
    found = load_curriculum(project)
    assert found.problems == []
    return Handbook(**{f.name: getattr(found, f.name) for f in fields(found)})


@contextmanager
def bounded(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, when the body takes longer than ``seconds``: a reader that blocked
    on a FIFO or walked a whole disk ends the test with a TimeoutError."""

    def give_up(signum, frame):
        raise TimeoutError(f"took more than {seconds} s: a reader blocked or walked too far")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
