"""The quiz pages: self-checks, exams, the feedback form and the supervisors' guide to results.

A page carries its quiz as JSON in a ``<script type="application/json">`` element that the shared
runtime (``assets/quiz.js``) reads; nothing is fetched, so the pages also work from disk. The JSON
is the published quiz of ``published.py``: an exam's has no key and no explanation.
"""

from __future__ import annotations

import json

import jinja2
from markupsafe import Markup

from ..core.project import PACKAGE_ROOT
from ..core.published import published_feedback_form, published_quiz

RESULT_SCHEMA_FILE = PACKAGE_ROOT / "schemas" / "result.schema.json"
# Inside <script>, "</" would end the element and U+2028/2029 break older parsers.
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: object) -> Markup:
    """JSON that can sit inside a script element whatever text a bank holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escape in SCRIPT_ESCAPES.items():
        text = text.replace(character, escape)
    return Markup(text)


def _banks(site) -> list:
    return sorted(site.banks.values(), key=lambda b: (b.mode != "exam", b.id))


def quiz_nav(site) -> dict:
    """Exams and the feedback form in the navigation; self-checks are reached from their modules."""
    exams = [{b.title: f"quizzes/{b.id}.md"} for b in _banks(site) if b.mode == "exam"]
    return {"自测与考核": [{"说明": "quizzes/index.md"}, *exams, {"培训效果考核表": "quizzes/feedback.md"}]}


def quiz_pages(env: jinja2.Environment, site, shared: dict) -> dict[str, str]:
    """The quiz pages, by path."""
    banks = _banks(site)
    template, pages = env.get_template("quiz.md.j2"), {}
    for bank in banks:
        quiz = published_quiz(bank)
        pages[f"quizzes/{bank.id}.md"] = template.render(
            **shared, bank=bank, quiz=quiz, data=script_json(quiz), module=site.module(bank.module)
        )
    form = published_feedback_form(site.policy)
    pages["quizzes/feedback.md"] = env.get_template("feedback.md.j2").render(
        **shared, form=form, data=script_json(form)
    )
    pages["quizzes/index.md"] = env.get_template("quizzes.md.j2").render(**shared, banks=banks)
    schema = RESULT_SCHEMA_FILE.read_text(encoding="utf-8")
    pages["results.md"] = env.get_template("results.md.j2").render(**shared, schema=schema, form=form)
    return pages


def schema_asset() -> dict[str, bytes]:
    """The result-file schema, also offered as a download for supervisors' tools."""
    return {"assets/result.schema.json": RESULT_SCHEMA_FILE.read_bytes()}
