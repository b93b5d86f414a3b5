"""``read_bytes``: a regular file whole, at most the limit, whatever happens to it while it is read."""

from __future__ import annotations

import os

import pytest

from generator.core import text_files
from generator.core.text_files import Unreadable, read_bytes

LIMIT = 64


@pytest.mark.parametrize("size", [0, 1, LIMIT - 1, LIMIT])
def test_a_file_up_to_the_limit_is_read_whole(tmp_path, size):
    path = tmp_path / "result.json"
    path.write_bytes(bytes(range(size)))
    assert read_bytes(path, LIMIT) == bytes(range(size))


def test_a_file_over_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "result.json"
    path.write_bytes(b"x" * (LIMIT + 1))
    with pytest.raises(Unreadable, match="文件过大：超过 64 字节 的上限"):
        read_bytes(path, LIMIT)


def _growing(monkeypatch, path, added: bytes) -> None:
    """Make ``path`` grow by ``added`` right after the reader has looked at its size."""
    real = os.fstat

    def look_then_grow(descriptor):
        info = real(descriptor)
        with path.open("ab") as handle:
            handle.write(added)
        return info

    monkeypatch.setattr(text_files.os, "fstat", look_then_grow)


def test_a_file_that_grows_after_its_size_is_seen_is_read_to_its_end(tmp_path, monkeypatch):
    path = tmp_path / "result.json"
    path.write_bytes(b"a" * 10)
    _growing(monkeypatch, path, b"b" * 20)
    assert read_bytes(path, LIMIT) == b"a" * 10 + b"b" * 20


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "result.json"
    path.write_bytes(b"a" * 10)
    _growing(monkeypatch, path, b"b" * LIMIT)
    with pytest.raises(Unreadable, match="文件过大"):
        read_bytes(path, LIMIT)


def test_a_file_that_shrinks_after_its_size_is_seen_gives_what_it_holds(tmp_path, monkeypatch):
    path = tmp_path / "result.json"
    path.write_bytes(b"a" * 30)
    real = os.fstat

    def look_then_shrink(descriptor):
        info = real(descriptor)
        os.truncate(path, 12)
        return info

    monkeypatch.setattr(text_files.os, "fstat", look_then_shrink)
    assert read_bytes(path, LIMIT) == b"a" * 12


def test_a_folder_and_a_fifo_are_refused(tmp_path):
    with pytest.raises(Unreadable, match="这是一个文件夹"):
        read_bytes(tmp_path, LIMIT)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(Unreadable, match="不是普通文件"):
        read_bytes(fifo, LIMIT)
