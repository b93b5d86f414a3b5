"""Where a handbook project keeps its sources and its outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import HandbookError

PACKAGE_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Project:
    """The folders of one handbook: sources in, generated pages and site out."""

    root: Path

    @classmethod
    def locate(cls, root: Path | None = None) -> Project:
        """The given folder, else the current one if it holds a curriculum, else the shipped one."""
        if root is not None:
            return cls(root.resolve())
        here = Path.cwd()
        if (here / "curriculum" / "policy.yaml").is_file():
            return cls(here)
        return cls(PACKAGE_ROOT)

    @property
    def curriculum(self) -> Path:
        return self.root / "curriculum"

    @property
    def quizzes(self) -> Path:
        return self.root / "quizzes"

    @property
    def editions(self) -> Path:
        """Exam banks as they were published, kept beside quizzes/ (``core/editions.py``)."""
        return self.root / "editions"

    @property
    def templates(self) -> Path:
        return self.root / "site_templates"

    @property
    def docs(self) -> Path:
        return self.root / "build" / "docs"

    @property
    def cache(self) -> Path:
        return self.root / "build" / "cache"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def label(self, path: Path) -> str:
        """A path as shown in messages: relative to the project, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def public_places(self) -> list[Path]:
        """Folders whose files end up on the public site: its sources (templates, curriculum,
        quizzes, generated pages) and the built site itself."""
        return [self.site, self.root / "build", self.templates, self.curriculum, self.quizzes, self.mkdocs_yml]

    def refuse_public(self, out: Path, holds: str) -> Path:
        """``out`` resolved, or a refusal when it lies in a public place: a file there would be
        published by the next build. ``holds`` says what the output contains, e.g. "员工姓名"."""
        target = out.resolve()
        for public in self.public_places():
            place = public.resolve()
            if target == place or place in target.parents:
                raise HandbookError(
                    f"输出位置 {out} 在 {self.label(public)} 里，会随手册网站发布；"
                    f"输出含{holds}，不能放在这里，请换一个手册文件夹以外的位置。"
                )
        return target
