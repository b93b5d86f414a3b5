"""Whether the site is already what a build would make: ``build/cache/site-stamp.json``.

A build records, once site/ is in place, two fingerprints: one of everything the build reads
(curriculum/, quizzes/, editions/, site_templates/, mkdocs.yml, the handbook's own code, the versions of
MkDocs, its theme and jieba, the build's switches) and one of everything MkDocs reads (the
generated pages, the navigation, mkdocs.yml, the templates, the same code, versions and
switches). The next build compares: when nothing it reads changed, it has nothing to do; when
the sources changed but not the pages made from them (a comment in a YAML file), MkDocs is
skipped. Either way site/ must still be the folder that build left, or it is built again.

This module imports nothing heavy, so that an unchanged build answers at once.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..core.project import PACKAGE_ROOT, Project
from ..core.writer import write_atomic

STAMP = "site-stamp.json"
LIBRARIES = ("mkdocs", "material", "jieba", "markdown", "pymdownx", "jinja2", "pypinyin")
"""What builds the site besides the handbook's code: a new version may build it differently."""


def _files(folder: Path) -> Iterable[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def installed(name: str) -> str:
    """Where a library is installed and when its files last changed, found without loading it:
    an upgrade changes them, and the new version may make something differently."""
    spec = importlib.util.find_spec(name)
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    return f"{name}:{origin}:{origin.stat().st_mtime_ns if origin else ''}"


def _libraries() -> list[str]:
    return [installed(name) for name in LIBRARIES]


def _code() -> Iterable[tuple[str, bytes]]:
    """The handbook's own code and the schema it publishes."""
    for folder in (PACKAGE_ROOT / "generator", PACKAGE_ROOT / "schemas"):
        for path in _files(folder):
            if path.suffix in (".py", ".json"):
                yield path.relative_to(PACKAGE_ROOT).as_posix(), path.read_bytes()


def _digest(parts: Iterable[tuple[str, bytes]], switches: dict[str, bool]) -> str:
    digest = hashlib.sha256(json.dumps([switches, _libraries()]).encode())
    for name, data in parts:
        digest.update(f"\n{name}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def _project_files(project: Project) -> Iterable[tuple[str, bytes]]:
    for folder in (project.curriculum, project.quizzes, project.editions, project.templates):
        for path in _files(folder):
            yield project.label(path), path.read_bytes()
    yield "mkdocs.yml", project.mkdocs_yml.read_bytes()


def sources_digest(project: Project, switches: dict[str, bool]) -> str:
    """Everything ``handbook build`` reads."""
    return _digest([*_project_files(project), *_code()], switches)


def mkdocs_digest(project: Project, nav: list, switches: dict[str, bool]) -> str:
    """Everything MkDocs reads: the generated pages and navigation, its settings and templates."""
    generated = [(project.label(p), p.read_bytes()) for p in _files(project.docs)]
    navigation = [("nav", json.dumps(nav, ensure_ascii=False).encode())]
    templates = [(project.label(p), p.read_bytes()) for p in _files(project.templates)]
    settings = [("mkdocs.yml", project.mkdocs_yml.read_bytes())]
    return _digest([*generated, *navigation, *templates, *settings, *_code()], switches)


def site_identity(site: Path) -> str:
    """The built folder as it was left: replaced or emptied, it is another folder."""
    try:
        info = site.stat()
    except OSError:
        return ""
    return f"{info.st_ino}:{info.st_mtime_ns}" if (site / "index.html").is_file() else ""


@dataclass
class Stamp:
    sources: str = ""
    mkdocs: str = ""
    site: str = ""
    warnings: list[str] = field(default_factory=list)
    """What MkDocs warned about when it built this site: still true while nothing changed."""

    @classmethod
    def read(cls, project: Project) -> Stamp:
        try:
            data = json.loads((project.cache / STAMP).read_text(encoding="utf-8"))
            return cls(**{key: data[key] for key in ("sources", "mkdocs", "site", "warnings")})
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def write(self, project: Project) -> None:
        self.site = site_identity(project.site)
        write_atomic(project.cache / STAMP, json.dumps(asdict(self), ensure_ascii=False).encode())

    def site_is_current(self, project: Project) -> bool:
        return bool(self.site) and self.site == site_identity(project.site)
