"""MkDocs hooks used by ``handbook serve``: regenerate the pages before each rebuild.

Only pages whose text changed are rewritten, so the rebuild that the rewrite itself triggers
finds nothing new and the server settles instead of looping.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from generator.core.errors import CheckFailed
from generator.core.handbook import load_checked
from generator.core.project import Project
from generator.site.build import generate


def on_config(config):
    # jieba (imported by the search plugin) logs its dictionary loading at DEBUG level.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    project = Project(Path(config.config_file_path).parent)  # mkdocs.yml sits at the project's root
    try:
        found = load_checked(project)
    except CheckFailed as failure:
        # Keep serving the last good pages; the editor sees what to fix in the terminal.
        print("\n".join(str(p) for p in failure.problems), file=sys.stderr)
        print(failure.summary(), file=sys.stderr)
        return config
    rendered, report = generate(project, found)
    if report.written or report.removed:
        print(f"已重新生成：{', '.join(report.written + report.removed)}", file=sys.stderr)
    config.nav = rendered.nav
    return config
