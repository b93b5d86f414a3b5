"""``handbook serve``: a live preview that rebuilds once for every edit.

MkDocs' own ``serve`` watches the folder of pages it builds from. The handbook's pages are
generated into that folder from curriculum/, quizzes/ and site_templates/, so under it every
edit cost two builds: one for the edit, and one more for the pages the first build rewrote.
This preview watches the sources and mkdocs.yml only; each change regenerates the pages and
runs MkDocs once, with the build cache (``build_cache.py``), so that only the edited pages are
indexed for search again.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.livereload import LiveReloadServer

from ..core.errors import CheckFailed, HandbookError
from ..core.handbook import load_checked
from ..core.project import Project
from .build import generate
from .engine import mkdocs_config, show_mkdocs_warnings

log = logging.getLogger(__name__)


class Preview:
    """Builds the preview into a private folder: on start and after each change of a source."""

    def __init__(self, project: Project, site: Path, url: str) -> None:
        self.project, self.site, self.url = project, site, url
        self.builds = 0
        """MkDocs builds so far: one on start and one per edit (tests/site/test_serve.py)."""
        self.started = False

    def watched(self) -> list[Path]:
        """The sources and the settings, not build/docs: the build itself writes there."""
        project = self.project
        return [project.curriculum, project.quizzes, project.templates, project.mkdocs_yml]

    def build(self) -> None:
        """Check, regenerate, build. A curriculum that fails its check is reported and the last
        good pages stay served, so that a half-typed edit does not take the preview down."""
        try:
            found = load_checked(self.project)
        except CheckFailed as failure:
            print("\n".join(str(p) for p in failure.problems), file=sys.stderr)
            print(f"{failure.summary()}预览保持上一次的页面。", file=sys.stderr)
            return
        rendered, report = generate(self.project, found)
        if report.written or report.removed:
            print(f"已重新生成：{'、'.join(report.written + report.removed)}", file=sys.stderr)
        config = mkdocs_config(self.project, rendered.nav, self.site)
        config.site_url = self.url
        if not self.started:
            config.plugins.on_startup(command="serve", dirty=False)
            self.started = True
        mkdocs_build(config, serve_url=self.url)
        self.builds += 1
        log.info(f"预览已更新（第 {self.builds} 次构建）。")

    def error_page(self, code: int) -> bytes | None:
        page = self.site / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None


def host_and_port(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise HandbookError(f"预览地址应为 主机:端口，如 127.0.0.1:8000，实际为：{address}")
    return host.strip("[]"), int(port)


def preview_server(project: Project, address: str, site: Path) -> tuple[LiveReloadServer, Preview]:
    """The server and its builder, the first build done and the sources watched."""
    host, port = host_and_port(address)
    preview = Preview(project, site, f"http://{address}/")
    server = LiveReloadServer(builder=preview.build, host=host, port=port, root=str(site))
    server.error_handler = preview.error_page
    preview.build()
    for path in preview.watched():
        server.watch(str(path))
    return server, preview


def serve(project: Project, address: str) -> None:
    """Serve with live reload; an edit under curriculum/, quizzes/ or site_templates/ rebuilds."""
    show_mkdocs_warnings()
    load_checked(project)  # refuse to start on a broken curriculum, with every error listed
    site = Path(tempfile.mkdtemp(prefix="handbook-preview-"))
    try:
        server, _ = preview_server(project, address, site)
        print(f"预览地址：http://{address}/（修改内容后自动刷新，按 Ctrl+C 停止）")
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("预览已停止。")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site, ignore_errors=True)
