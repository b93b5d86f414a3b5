"""Our scripts and styles as shipped: comment lines and indentation left out, the scripts joined
in their order, and a source that compacting could change refused."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.core.errors import HandbookError
from generator.site.assets import RUNTIME_BUNDLE, RUNTIME_SCRIPTS, compact, static_assets
from generator.site.squeeze import Unreadable, squeeze

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
    parts = [squeeze(compact((ASSETS / name).read_text(encoding="utf-8"), name), name) for name in RUNTIME_SCRIPTS]
    assert bundle == "\n".join(parts)
    assert "window.handbookQuiz=" in parts[0] and "window.handbookQuiz;" in parts[1]
    assert not any(f"assets/{name}" in files for name in RUNTIME_SCRIPTS)
    css = files["assets/handbook.css"].decode("utf-8")
    assert not any(line.startswith(("/*", " ")) for line in css.splitlines())


SCRIPT = (
    'const a = "x  //  y", b = `t ${c ? ` 场次 ${d}` : ""} u`;  // why\n'
    "if (a) return /a b\\/c [/]/g.test(a) + +b\n"
    "const half = x / 2 / (y)\n"
    "const f = (q) =>\n"
    "  q\n"
)


def test_squeeze_keeps_every_literal_and_line_end_that_matters() -> None:
    assert squeeze(SCRIPT, "x.js") == (
        'const a="x  //  y",b=`t ${c?` 场次 ${d}`:""} u`;if(a)return/a b\\/c [/]/g.test(a)+ +b\n'
        "const half=x/2/(y)\nconst f=(q)=>q\n"
    )


@pytest.mark.parametrize("broken", ['const a = "open\nb"', "const t = `open", "const r = /open\n"])
def test_squeeze_refuses_what_it_cannot_read(broken: str) -> None:
    with pytest.raises(Unreadable, match=r"x\.js: "):
        squeeze(broken, "x.js")


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_the_shipped_bundle_parses(tmp_path: Path) -> None:
    bundle = tmp_path / RUNTIME_BUNDLE
    bundle.write_bytes(static_assets(ASSETS)[f"assets/{RUNTIME_BUNDLE}"])
    subprocess.run(["node", "--check", str(bundle)], check=True)
