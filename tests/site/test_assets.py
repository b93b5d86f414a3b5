"""Our scripts and styles as shipped: minified, the runtime scripts joined in their order, every
string and template literal as written."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.site.assets import RUNTIME_BUNDLE, RUNTIME_SCRIPTS, static_assets

ASSETS = Path(__file__).resolve().parents[2] / "site_templates" / "assets"
LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def bundle() -> str:
    return static_assets(ASSETS)[f"assets/{RUNTIME_BUNDLE}"].decode("utf-8")


def test_the_scripts_ship_as_one_file_in_their_order() -> None:
    files, shipped = static_assets(ASSETS), bundle()
    assert not any(f"assets/{name}" in files for name in RUNTIME_SCRIPTS)
    assert 0 < shipped.index("window.handbookQuiz=") < shipped.index("window.handbookQuiz;")


@pytest.mark.parametrize("name", RUNTIME_SCRIPTS)
def test_every_string_a_trainee_reads_ships_as_written(name: str) -> None:
    source, shipped = (ASSETS / name).read_text(encoding="utf-8"), bundle()
    chinese = [s for s in LITERAL.findall(source) if re.search(r"[\u4e00-\u9fff]", s)]
    assert chinese and all(s in shipped for s in chinese)


def test_comments_and_indentation_go() -> None:
    files = static_assets(ASSETS)
    for name in (RUNTIME_BUNDLE, "handbook.css"):
        text = files[f"assets/{name}"].decode("utf-8")
        assert "/*" not in text and "\n  " not in text


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_the_shipped_bundle_parses(tmp_path: Path) -> None:
    script = tmp_path / RUNTIME_BUNDLE
    script.write_text(bundle(), encoding="utf-8")
    subprocess.run(["node", "--check", str(script)], check=True)
