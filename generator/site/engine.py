"""Build the site with MkDocs into a fresh folder, then swap it in place of site/."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..core.errors import BuildFailed
from ..core.project import Project
from ..core.writer import replace_dir

OFFLINE_VARIABLE = "HANDBOOK_OFFLINE"


@contextmanager
def offline_mode(enabled: bool):
    """mkdocs.yml reads this variable to switch on mkdocs-material's offline plugin."""
    before = os.environ.get(OFFLINE_VARIABLE)
    os.environ[OFFLINE_VARIABLE] = "true" if enabled else "false"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(OFFLINE_VARIABLE, None)
        else:
            os.environ[OFFLINE_VARIABLE] = before


def show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "handbook", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        handler.handbook = True
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def mkdocs_config(project: Project, nav: list, site_dir: Path, *, strict: bool = False):
    return load_config(
        str(project.mkdocs_yml),
        docs_dir=str(project.docs),
        site_dir=str(site_dir),
        nav=nav,
        strict=strict,
    )


def build_site(project: Project, nav: list, *, offline: bool = False, strict: bool = False) -> None:
    """Build into a temporary sibling of site/ and swap it in only when the build succeeded."""
    show_mkdocs_warnings()
    fresh = Path(tempfile.mkdtemp(prefix=".site-", dir=project.root))
    try:
        with offline_mode(offline):
            config = mkdocs_config(project, nav, fresh, strict=strict)
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
    replace_dir(fresh, project.site)
