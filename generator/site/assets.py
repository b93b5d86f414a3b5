"""Our own scripts and styles as the site ships them: one script file and one style sheet,
loaded by every page and cached after the first.

The scripts are kept as separate sources (site_templates/assets/quiz.js, learning.js …) so that
each can be read and edited on its own, and joined into ``assets/handbook.js`` at build time: one
request and one cache entry instead of several, and gzip shares one dictionary across them.
Scripts and style sheets lose their comments and the spaces no token needs on the way, by rjsmin
and rcssmin (names are kept, so what a browser reports still reads like the source): a third of
the download on a phone, and the room issue 17's budget of 12 KB gzipped needs.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

RUNTIME_SCRIPTS = ("quiz.js", "learning.js")
"""Our scripts in the order they run: learning.js uses what quiz.js exposes (window.handbookQuiz)."""
RUNTIME_BUNDLE = "handbook.js"


def shipped(path: Path) -> bytes:
    """A file as the site ships it: a script or style sheet minified, anything else as it is."""
    if path.suffix == ".js":
        return rjsmin.jsmin(path.read_text(encoding="utf-8")).encode("utf-8")
    if path.suffix == ".css":
        return rcssmin.cssmin(path.read_text(encoding="utf-8")).encode("utf-8")
    return path.read_bytes()


def static_assets(assets: Path) -> dict[str, bytes]:
    """Every file under site_templates/assets as the site ships it, the runtime scripts joined
    into one (each on its own lines, so that no statement runs into the next)."""
    files = {
        f"assets/{path.relative_to(assets).as_posix()}": shipped(path)
        for path in sorted(assets.rglob("*"))
        if path.is_file() and path.name not in RUNTIME_SCRIPTS
    }
    files[f"assets/{RUNTIME_BUNDLE}"] = b";\n".join(shipped(assets / name) for name in RUNTIME_SCRIPTS)
    return files
