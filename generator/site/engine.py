"""Build the site with MkDocs into a fresh folder, then swap it in place of site/."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..core.errors import BuildFailed
from ..core.project import Project
from ..core.writer import clean_leftovers, fresh_sibling, locked, replace_dir
from .build_cache import install
from .cutting_process import CuttingProcess

SAFETY_HOOKS = Path(__file__).with_name("safety_hooks.py")
"""Sanitising, plain titles and the Content-Security-Policy: run by every build and by serve."""
OFFLINE_PLUGIN = "material/offline"
"""mkdocs-material's plugin that makes a site work from file://; mkdocs.yml lists it switched off."""
WORKER_SHIM = "assets/iframe-worker.js"
"""Our own stand-in for the Web Worker that search needs from file://. The theme's offline plugin
adds a copy from a foreign host unless a polyfill's name already contains "iframe-worker"."""


class _MkDocsWarnings(logging.StreamHandler):
    """MkDocs' warnings on standard error, added once however many builds a process runs."""


def show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _MkDocsWarnings) for h in logger.handlers):
        handler = _MkDocsWarnings()
        handler.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def mkdocs_config(
    project: Project,
    nav: list,
    site_dir: Path,
    *,
    strict: bool = False,
    offline: bool = False,
    helper: CuttingProcess | None = None,
):
    """mkdocs.yml with the generated pages, their navigation and the build's switches applied;
    ``helper`` cuts the search index's words in a second process."""
    config = load_config(
        str(project.mkdocs_yml),
        docs_dir=str(project.docs),
        site_dir=str(site_dir),
        nav=nav,
        strict=strict,
        hooks=[str(SAFETY_HOOKS)],
    )
    config.plugins[OFFLINE_PLUGIN].config.enabled = offline
    if offline:
        config.extra["polyfills"] = [WORKER_SHIM]
    install(config, project.cache / "mkdocs", helper)
    return config


class _Collected(logging.Handler):
    """MkDocs' warnings of one build, kept to be told again while the site stays the same."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(
    project: Project, nav: list, *, offline: bool = False, strict: bool = False, helper: CuttingProcess | None = None
) -> list[str]:
    """Build into a temporary sibling of site/ and swap it in only when the build succeeded;
    returns what MkDocs warned about.

    Builds of one project take turns (a lock on site/), and each first removes what a killed
    build left behind."""
    show_mkdocs_warnings()
    with locked(project.site, "网站文件夹 site/"):
        clean_leftovers(project.site)
        return _build_and_swap(project, nav, offline=offline, strict=strict, helper=helper)


def _build_and_swap(
    project: Project, nav: list, *, offline: bool, strict: bool, helper: CuttingProcess | None
) -> list[str]:
    fresh = fresh_sibling(project.site)
    collected = _Collected()
    logging.getLogger("mkdocs").addHandler(collected)
    try:
        config = mkdocs_config(project, nav, fresh, strict=strict, offline=offline, helper=helper)
        # jieba, imported by the search plugin while loading the config, logs its dictionary
        # loading at DEBUG level on import; quiet it once it is imported.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as error:
        shutil.rmtree(fresh, ignore_errors=True)
        raise BuildFailed(f"MkDocs 构建失败，原来的 site/ 保持不变：{error}") from error
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(collected)
    replace_dir(fresh, project.site)
    return collected.messages
