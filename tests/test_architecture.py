"""The tree's layering: imports point down (cli → pipelines → planning → core → models), MkDocs
and Jinja2 stay inside ``generator/site``, and grading a folder loads neither."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "generator"
SITE_ONLY = {"mkdocs", "material", "jinja2", "markupsafe"}
LAYERS = {"models": 0, "core": 1, "planning": 2, "grading": 3, "interchange": 3, "site": 3, "collect": 4, "cli": 5}
"""A module may import from its own layer's package and from lower layers only; ``collect`` serves
the site and takes in results for the grader, so it stands above both."""


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path) -> set[str]:
    """Absolute names of everything ``path`` imports, relative imports resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return found


def layer(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "generator" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LAYERS else None


def test_generator_holds_only_the_cli_beside_its_packages() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "cli.py"]


def test_only_the_site_package_imports_mkdocs_material_or_jinja2() -> None:
    offenders = [
        f"{name} imports {target}"
        for name, path in modules().items()
        if layer(name) != "site"
        for target in imports(name, path)
        if target.split(".")[0] in SITE_ONLY
    ]
    assert offenders == []


def test_imports_point_down() -> None:
    offenders = []
    for name, path in modules().items():
        own = layer(name)
        if own is None:
            continue
        for target in imports(name, path):
            other = layer(target)
            if other is not None and other != own and LAYERS[other] >= LAYERS[own]:
                offenders.append(f"{name} imports {target}")
    assert offenders == []


def test_no_import_cycle_between_modules() -> None:
    known = modules()
    graph = {name: {t for t in imports(name, path) if t in known and t != name} for name, path in known.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1 and known[nxt].name != "__init__.py":
                cycles.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_grading_and_help_load_neither_mkdocs_nor_jinja2() -> None:
    probe = (
        "import sys; from generator import cli; from generator.grading import run_grading, write_reports; "
        "from generator.grading.audit import audit; from generator.planning.command import make_schedule; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'mkdocs', 'material', 'jinja2'}))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO)
    assert run.stdout.strip() == "[]"
