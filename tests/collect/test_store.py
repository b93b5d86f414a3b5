"""The run's folder: continued after a restart, repaired after a crash, private to its owner."""

from __future__ import annotations

import datetime as dt
import json
import logging
import stat
from pathlib import Path

import pytest

from generator.collect.command import Request, prepare
from generator.collect.intake import Intake
from generator.collect.store import Store
from generator.core.errors import HandbookError
from generator.core.handbook import load_checked
from generator.core.office_time import OFFICE_TIME
from generator.core.project import Project
from generator.grading.catalog import build_catalog

from collect_support import ROSTER, Results, copy_built, running


def test_a_restart_continues_the_same_run(project: Project, results: Results, tmp_path: Path):
    out = tmp_path / "out"
    with running(project, out) as first:
        assert first.hand_in(results.exam_data("E01")).status == 201
    with running(project, out) as second:
        assert second.pin == first.pin
        assert second.said[0].startswith("继续本场收卷")
        assert "已收 1 份" in second.said[0]
        assert second.hand_in(results.exam_data("E01")).status == 409  # still known after the restart
        assert second.hand_in(results.exam_data("E02")).json["receipt"]["number"] == 2


def _intake(project: Project) -> Intake:
    return Intake(build_catalog(load_checked(project)), None)


def test_a_crash_between_database_and_file_is_repaired_on_opening(project: Project, results: Results, tmp_path: Path):
    body = json.dumps(results.exam_data("E01"), ensure_ascii=False).encode("utf-8")
    store = Store(tmp_path / "out")
    receipt = store.keep(_intake(project).judge(body, dt.datetime.now(OFFICE_TIME)), "127.0.0.1")
    store.close()
    kept = tmp_path / "out" / "results" / "00001-exam-regular-E01.json"
    kept.unlink()  # as if killed after the commit, before the file's rename
    leftover = kept.with_name(f".{kept.name}.x1y2z3.tmp")
    leftover.write_bytes(body[:10])  # as if killed while writing it
    again = Store(tmp_path / "out")
    assert again.repaired == [kept.name]
    assert kept.read_bytes() == body
    assert not leftover.exists()
    assert again.kept()[0].receipt == receipt
    again.close()
    kept.write_bytes(b"")  # as a power cut may leave a file that was renamed but not yet written
    third = Store(tmp_path / "out")
    assert third.repaired == [kept.name]
    assert kept.read_bytes() == body
    third.close()
    assert Store(tmp_path / "out").repaired == []


def test_the_folder_is_readable_by_its_owner_only(project: Project, results: Results, tmp_path: Path):
    out = tmp_path / "out"
    with running(project, out) as collector:
        assert collector.hand_in(results.exam_data("E01")).status == 201
    modes = {p.relative_to(out).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in [out, *out.rglob("*")]}
    assert modes.pop(".") == 0o700
    assert modes.pop("results") == 0o700
    assert {"collect.sqlite3", "collect.log", "results/00001-exam-regular-E01.json"} <= set(modes)
    assert set(modes.values()) == {0o600}


def test_the_folder_may_not_be_in_the_site(project: Project, tmp_path: Path):
    with pytest.raises(HandbookError, match="会随手册网站发布"):
        prepare(project, Request(project.site / "results", ROSTER, 0))


def test_a_missing_or_outdated_quiz_page_is_built_first(project: Project, tmp_path: Path, caplog):
    copy = copy_built(project, tmp_path / "copy")
    page = copy.site / "quizzes" / "exam-regular" / "index.html"
    page.unlink()
    progress = logging.getLogger("generator.collect.command")
    progress.addHandler(caplog.handler)  # the CLI's tests may have stopped "generator" from propagating
    try:
        with caplog.at_level(logging.INFO, logger="generator.collect.command"):
            collector = prepare(copy, Request(tmp_path / "out", ROSTER, 0))
    finally:
        progress.removeHandler(caplog.handler)
    collector.socket.close()
    collector.store.close()
    assert "网站需要先生成（1 个考核页缺失或已过期）……" in caplog.messages
    assert page.is_file()


def test_a_site_built_with_an_older_quiz_script_is_built_again(project: Project, tmp_path: Path):
    copy = copy_built(project, tmp_path / "copy")
    script = copy.site / "assets" / "handbook.js"
    script.write_text("/* an older handbook.js, without the hand-in event */", encoding="utf-8")
    collector = prepare(copy, Request(tmp_path / "out", ROSTER, 0))
    collector.socket.close()
    collector.store.close()
    assert b"hb-handin" in script.read_bytes()
