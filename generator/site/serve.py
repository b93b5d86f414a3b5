"""``handbook serve``: MkDocs' live-reload server, regenerating pages when a source changes."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve

from ..core.handbook import load_checked
from ..core.project import Project
from .build import generate
from .engine import show_mkdocs_warnings

HOOKS = Path(__file__).with_name("hooks.py")


def serve(project: Project, address: str) -> None:
    """Serve with live reload; an edit under curriculum/, quizzes/ or site_templates/ rebuilds."""
    show_mkdocs_warnings()
    found = load_checked(project)  # refuse to start on a broken curriculum, with every error listed
    rendered, _ = generate(project, found)
    print(f"预览地址：http://{address}/（修改内容后自动刷新，按 Ctrl+C 停止）")
    mkdocs_serve(
        str(project.mkdocs_yml),
        livereload=True,
        watch=[str(project.curriculum), str(project.quizzes), str(project.templates)],
        dev_addr=address,
        docs_dir=str(project.docs),
        nav=rendered.nav,
        hooks=[str(HOOKS)],
    )
