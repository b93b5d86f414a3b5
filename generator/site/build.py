"""The recipe: check the curriculum, render its pages, build the site."""

from __future__ import annotations

import logging
import time

from ..core.handbook import Handbook, load_checked
from ..core.project import Project
from ..core.writer import WriteReport, sync_tree
from .engine import build_site
from .quiz_pages import schema_asset
from .render import Rendered, render_site

log = logging.getLogger(__name__)


def generate(project: Project, found: Handbook) -> tuple[Rendered, WriteReport]:
    """Render every page and write to build/docs only the files whose content changed."""
    rendered = render_site(found, project.templates, project.cache / "jinja")
    files = {path: text.encode("utf-8") for path, text in rendered.pages.items()}
    files.update(static_assets(project))
    files.update(schema_asset())
    return rendered, sync_tree(files, project.docs)


def static_assets(project: Project) -> dict[str, bytes]:
    assets = project.templates / "assets"
    return {
        f"assets/{p.relative_to(assets).as_posix()}": p.read_bytes() for p in sorted(assets.rglob("*")) if p.is_file()
    }


def build(project: Project, *, offline: bool = False, strict: bool = False) -> WriteReport:
    """check → render → mkdocs build, as ``handbook build`` runs it."""
    started = time.perf_counter()
    log.info("正在检查内容……")
    found = load_checked(project)
    log.debug(
        f"  检查用时 {time.perf_counter() - started:.2f} 秒：{len(found.modules)} 个模块，{len(found.banks)} 个题库"
    )
    started = time.perf_counter()
    log.info("正在生成页面……")
    rendered, report = generate(project, found)
    log.info(f"  写入 {len(report.written)} 个文件，未变 {len(report.unchanged)} 个，删除 {len(report.removed)} 个")
    log.debug(f"  生成用时 {time.perf_counter() - started:.2f} 秒；写入的文件：{'、'.join(report.written) or '无'}")
    started = time.perf_counter()
    log.info("正在构建网站（MkDocs）……")
    build_site(project, rendered.nav, offline=offline, strict=strict)
    log.debug(f"  MkDocs 用时 {time.perf_counter() - started:.2f} 秒")
    return report
