"""Our scripts and styles as shipped: comment lines and indentation left out, the scripts joined
in their order, and a source that compacting could change refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.errors import HandbookError
from generator.site.assets import RUNTIME_BUNDLE, RUNTIME_SCRIPTS, compact, static_assets

ASSETS = Path(__file__).resolve().parents[2] / "site_templates" / "assets"

SOURCE = """/* What this file does,
 * over two lines. */
(() => {
  // why the next line is there
  const a = "x  //  y";  // kept: a comment after code

  /* one line */ const b = `${a} z`;
  return a + b;
})();
"""


def test_comment_lines_blank_lines_and_indentation_go() -> None:
    assert compact(SOURCE, "x.js") == (
        '(() => {\nconst a = "x  //  y";  // kept: a comment after code\nconst b = `${a} z`;\nreturn a + b;\n})();\n'
    )


@pytest.mark.parametrize("line", ["const t = `first line", 'const s = "first \\'])
def test_a_literal_running_over_a_line_end_is_refused(line: str) -> None:
    with pytest.raises(HandbookError, match=r"x\.js:2: 这一行的字符串跨到了下一行"):
        compact(f"(() => {{\n  {line}\n  second line`;\n}})();\n", "x.js")


def test_the_scripts_ship_as_one_file_in_their_order() -> None:
    files = static_assets(ASSETS)
    bundle = files[f"assets/{RUNTIME_BUNDLE}"].decode("utf-8")
    parts = [compact((ASSETS / name).read_text(encoding="utf-8"), name) for name in RUNTIME_SCRIPTS]
    assert bundle == "".join(parts)
    assert "window.handbookQuiz = " in parts[0] and "window.handbookQuiz;" in parts[1]
    assert not any(f"assets/{name}" in files for name in RUNTIME_SCRIPTS)
    css = files["assets/handbook.css"].decode("utf-8")
    assert not any(line.startswith(("/*", " ")) for line in css.splitlines())
