"""The helper process that cuts the search index's words (generator/site/cutting_process.py):
the same index byte for byte, every run cut ahead of time, and nothing lost or left running
when the helper fails."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import generator.site.build_cache as build_cache
import generator.site.cutting_process as cutting_process
from generator.core.project import Project
from generator.site.build import build
from generator.site.cutting_process import CuttingProcess, receive, send
from tests.conftest import FIXTURES, copy_project

INDEX = Path("search") / "search_index.json"


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> list[CuttingProcess]:
    """Every helper the builds start, with the words it was asked for."""
    started: list[CuttingProcess] = []

    class Recorded(CuttingProcess):
        def __init__(self) -> None:
            super().__init__()
            self.asked: list[list[bytes]] = []
            started.append(self)

        def words(self, runs: list[bytes]):
            self.asked.append(runs)
            return super().words(runs)

    monkeypatch.setattr(cutting_process, "CuttingProcess", Recorded)
    monkeypatch.setattr(cutting_process.os, "cpu_count", lambda: 2)
    return started


def no_jieba_here(*args, **options):
    raise AssertionError("jieba was asked to cut in the building process")


def test_the_index_is_the_same_and_every_run_was_cut_ahead(
    mini: Project, tmp_path: Path, helpers: list[CuttingProcess], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = copy_project(FIXTURES / "mini", tmp_path / "alone")
    build(alone)
    monkeypatch.setattr(build_cache, "_CUTS", {})  # cut afresh: the helper must be asked
    with monkeypatch.context() as patched:
        patched.setattr(build_cache.jieba, "cut", no_jieba_here)
        build(mini, cut_aside=True)
    assert (mini.site / INDEX).read_bytes() == (alone.site / INDEX).read_bytes()
    [helper] = helpers
    # One question, at the first run the plugin wanted: the answer held every other run too.
    assert len(helper.asked) == 1
    assert not helper.running


def test_a_helper_that_dies_costs_nothing(mini: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = copy_project(FIXTURES / "mini", tmp_path / "alone")
    build(alone)
    started: list[CuttingProcess] = []

    class Dying(CuttingProcess):
        def __init__(self) -> None:
            real = subprocess.Popen

            def exits_at_once(command, **options):
                return real([sys.executable, "-c", "pass"], **options)

            monkeypatch.setattr(cutting_process.subprocess, "Popen", exits_at_once)
            super().__init__()
            monkeypatch.setattr(cutting_process.subprocess, "Popen", real)
            started.append(self)

    monkeypatch.setattr(cutting_process, "CuttingProcess", Dying)
    monkeypatch.setattr(cutting_process.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(build_cache, "_CUTS", {})  # cut afresh: here, since the helper is gone
    build(mini, cut_aside=True)
    assert (mini.site / INDEX).read_bytes() == (alone.site / INDEX).read_bytes()
    assert started and not started[0].running


def test_a_failed_build_leaves_no_helper_running(mini: Project, helpers: list[CuttingProcess]) -> None:
    (mini.curriculum / "policy.yaml").write_text("pass_mark: [\n", encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017  (which error is the check's business, tested elsewhere)
        build(mini, cut_aside=True)
    [helper] = helpers
    assert not helper.running


def test_one_core_builds_without_a_helper(mini: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cutting_process.os, "cpu_count", lambda: 1)
    assert cutting_process.started() is None


def test_messages_go_across_whole_and_a_cut_message_ends_the_reading() -> None:
    stream = io.BytesIO()
    message = ("words", [b"\xe4\xb8\x9a\xe4\xb8\xbb", "客服人员".encode()], {b"x": ("业", "主")})
    send(stream, message)
    whole = stream.getvalue()
    assert receive(io.BytesIO(whole)) == message
    for cut_at in (0, 3, len(whole) - 1):
        with pytest.raises(EOFError):
            receive(io.BytesIO(whole[:cut_at]))


WORDS = """
import hashlib, pathlib, sys, jieba
jieba.setLogLevel(60)
if sys.argv[1] == "whole":
    from generator.site.jieba_dictionary import load_dictionary
    load_dictionary()
else:
    jieba.initialize()
text = "".join(p.read_text(encoding="utf-8") for p in sorted(pathlib.Path("curriculum").rglob("*.md")))
words = "\\u200b".join(jieba.cut(text.encode("utf-8")))
entries = sorted(jieba.dt.FREQ.items())
digests = [hashlib.sha256(repr(entries).encode()).hexdigest(), hashlib.sha256(words.encode()).hexdigest()]
print(jieba.dt.total, len(entries), *digests)
"""


def test_the_dictionary_read_whole_is_jiebas_own() -> None:
    """The same dictionary, and the same words for every module of the shipped curriculum."""
    repo = Path(__file__).resolve().parents[2]

    def run(how: str) -> str:
        command = [sys.executable, "-c", WORDS, how]
        return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=True).stdout

    whole, usual = run("whole"), run("usual")
    assert whole == usual and len(whole.split()) == 4
