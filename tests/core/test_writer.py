"""Output sets: written whole or not at all, stale files gone, a killed run's leftovers cleaned."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from generator.core.errors import HandbookError
from generator.core.writer import SET_MARK, fresh_sibling, locked, write_set


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_rerun_leaves_exactly_the_new_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_set(out, {"grades.json": b"1", "records/r1.xlsx": b"old", "records/r2.xlsx": b"gone"})
    write_set(out, {"grades.json": b"2", "records/r1.xlsx": b"new"})
    assert files_under(out) == {SET_MARK: files_under(out)[SET_MARK], "grades.json": b"2", "records/r1.xlsx": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_outputs_are_private_to_the_user(tmp_path: Path) -> None:
    write_set(tmp_path / "out", {"grades.json": b"{}"})
    assert (tmp_path / "out" / "grades.json").stat().st_mode & 0o077 == 0


def test_a_folder_with_someone_elses_files_is_refused_and_kept(tmp_path: Path) -> None:
    (tmp_path / "desktop").mkdir()
    (tmp_path / "desktop" / "工资表.xlsx").write_bytes(b"mine")
    with pytest.raises(HandbookError) as refused:
        write_set(tmp_path / "desktop", {"grades.json": b"{}"})
    assert str(refused.value) == (
        f"输出文件夹 {tmp_path / 'desktop'} 里已有别的文件（工资表.xlsx），"
        "本命令会整体替换这个文件夹；请换一个新的或空的文件夹。"
    )
    assert files_under(tmp_path / "desktop") == {"工资表.xlsx": b"mine"}


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").write_bytes(b"x")
    with pytest.raises(HandbookError, match="已存在，但不是文件夹"):
        write_set(tmp_path / "out", {"grades.json": b"{}"})


def test_leftovers_of_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_set(out, {"grades.json": b"1"})
    half = fresh_sibling(out)
    (half / "grades.json").write_bytes(b"half-written personal data")
    write_set(out, {"grades.json": b"2"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_run_killed_between_the_renames_gets_the_old_set_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_set(out, {"grades.json": b"1", "report.md": b"old"})
    out.rename(tmp_path / ".out.old")  # killed after moving the old set away, before moving the new one in
    write_set(out, {"grades.json": b"2", "report.md": b"new"})
    assert files_under(out)["report.md"] == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _hold(folder: str, ready, seconds: float) -> None:
    with locked(Path(folder) / "bank.yaml", "题库"):
        ready.set()
        time.sleep(seconds)


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    ready = multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold, args=(str(tmp_path), ready, 1.0))
    holder.start()
    assert ready.wait(30)
    started = time.monotonic()
    with locked(tmp_path / "bank.yaml", "题库"):
        waited = time.monotonic() - started
    holder.join()
    assert waited > 0.5


def test_a_killed_holder_releases_the_lock(tmp_path: Path) -> None:
    ready = multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold, args=(str(tmp_path), ready, 60.0))
    holder.start()
    assert ready.wait(30)
    os.kill(holder.pid, 9)
    holder.join()
    with locked(tmp_path / "bank.yaml", "题库"):
        pass
