"""The recipe: check the curriculum, render its pages, build the site.

Nothing heavy is imported until there is work to do: when nothing a build reads has changed
since the last one (``stamp.py``), ``handbook build`` says so at once.
"""

from __future__ import annotations

import json
import logging
import time
from typing import TYPE_CHECKING

from ..core.project import Project
from ..core.writer import WriteReport, sync_tree
from .stamp import Stamp, mkdocs_digest, sources_digest

if TYPE_CHECKING:
    from ..core.handbook import Handbook
    from .cutting_process import CuttingProcess
    from .render import Rendered

log = logging.getLogger(__name__)


def generate(project: Project, found: Handbook) -> tuple[Rendered, WriteReport]:
    """Render every page and write to build/docs only the files whose content changed. Each
    exam edition published is kept first (core/editions.py), and the site carries the
    published form of every kept edition — without keys, like every exam page."""
    from ..core.editions import keep_editions
    from .assets import static_assets
    from .quiz_pages import schema_asset
    from .render import render_site

    for path in keep_editions(project, found):
        log.info(f"  保留考核题库的发布版本：{project.label(path)}（旧版成绩据此评分，请一并保存）")
    rendered = render_site(found, project.templates, project.cache)
    files = {path: text.encode("utf-8") for path, text in rendered.pages.items()}
    files.update(static_assets(project.templates / "assets"))
    files.update(schema_asset())
    files.update(edition_forms(project))
    return rendered, sync_tree(files, project.docs)


def edition_forms(project: Project) -> dict[str, bytes]:
    """The published form (no key) of every kept exam edition, as the exam pages carry it."""
    from ..core.editions import kept_editions
    from ..core.published import published_quiz

    return {
        f"assets/editions/{e.bank.id}/{e.version}.json": json.dumps(
            published_quiz(e.bank), ensure_ascii=False, indent=1
        ).encode("utf-8")
        for e in kept_editions(project)
    }


def build(project: Project, *, offline: bool = False, strict: bool = False, cut_aside: bool = False) -> WriteReport:
    """check → render → mkdocs build, as ``handbook build`` runs it; each step only when what it
    reads changed since the last build. ``cut_aside``: start a second process that makes the
    search index meanwhile (``cutting_process.py``), as the command does."""
    switches = {"offline": offline, "strict": strict}
    stamp, sources = Stamp.read(project), sources_digest(project, switches)
    if stamp.sources == sources and stamp.site_is_current(project):
        log.info("内容、模板和设置都与上次构建时相同，网站已是最新。")
        _repeat(stamp.warnings)
        return WriteReport()
    if not cut_aside:
        return _build(project, stamp, switches, None)
    from .cutting_process import started

    helper = started()
    try:
        return _build(project, stamp, switches, helper)
    finally:
        if helper is not None:
            helper.stop()


def _build(project: Project, stamp: Stamp, switches: dict[str, bool], helper: CuttingProcess | None) -> WriteReport:
    from ..core.handbook import load_checked

    started = time.perf_counter()
    log.info("正在检查内容……")
    found = load_checked(project)
    elapsed = time.perf_counter() - started
    log.debug(f"  检查用时 {elapsed:.2f} 秒：{len(found.modules)} 个模块，{len(found.banks)} 个题库")
    started = time.perf_counter()
    log.info("正在生成页面……")
    rendered, report = generate(project, found)
    log.info(f"  写入 {len(report.written)} 个文件，未变 {len(report.unchanged)} 个，删除 {len(report.removed)} 个")
    log.debug(f"  生成用时 {time.perf_counter() - started:.2f} 秒；写入的文件：{'、'.join(report.written) or '无'}")
    pages = mkdocs_digest(project, rendered.nav, switches)
    if stamp.mkdocs == pages and stamp.site_is_current(project):
        log.info("生成的页面和设置都没有变化，网站已是最新，不必再运行 MkDocs。")
        _repeat(stamp.warnings)
        warnings = stamp.warnings
    else:
        from .engine import build_site

        started = time.perf_counter()
        log.info("正在构建网站（MkDocs）……")
        warnings = build_site(project, rendered.nav, helper=helper, **switches)
        log.debug(f"  MkDocs 用时 {time.perf_counter() - started:.2f} 秒")
    # The build keeps each exam edition it publishes in editions/, which the next build reads:
    # the fingerprint recorded is of the sources as this build leaves them.
    Stamp(sources_digest(project, switches), pages, warnings=warnings).write(project)
    return report


def _repeat(warnings: list[str]) -> None:
    """What MkDocs warned about when it built this very site: still to be fixed."""
    for message in warnings:
        log.warning(f"MkDocs（上次构建时）：{message}")
