"""Where the collector keeps a run: SQLite (WAL) and a result file per hand-in, under the supervisor's folder.

A hand-in is durable before its receipt goes out: its row, which holds the file's bytes, is
committed to SQLite (WAL, synchronous=FULL: on the disk when the commit returns). Then its result
file is written atomically (one rename) under ``results/``, where ``handbook grade`` reads it
unchanged; other programs see it at once, and it outlives the collector being killed.

The database is the record; the files are its copy for the grader, and are not synced one by one:
a hundred hand-ins at once then wait for a few disk syncs, not a few hundred (see
bench/collect.py). What a crash or a power cut can leave (a row without its file, a file not yet
on the disk, a temporary file) is put right when the store is opened again: every file is
compared with its row and written again if it is missing or differs, and temporary files are
removed, so the folder never holds a partial result. The run itself (its 口令 and start time) is
a row too: starting the collector on the same folder continues the run.

The folder and everything in it are readable by the owner only: it holds staff names and answers.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import re
import sqlite3
import stat
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from ..core.office_time import OFFICE_TIME
from ..core.published import check_code
from ..core.writer import TEMPORARY_SUFFIX, sync_folder, write_atomic
from .intake import HandIn
from .pin import new_pin

DATABASE = "collect.sqlite3"
RESULTS = "results"
PRIVATE_FOLDER, PRIVATE_FILE = stat.S_IRWXU, stat.S_IRUSR | stat.S_IWUSR  # rwx------ and rw-------
UNSAFE_IN_NAMES = re.compile(r"[^A-Za-z0-9_-]+")
BATCH = 500
"""Hand-ins committed together at most (SQLite takes this many parameters in one statement)."""
NAME_PART = 32
"""Characters of a quiz or trainee id kept in a result file's name; the file holds them whole."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS run (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    number INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    received_at TEXT NOT NULL,
    address TEXT NOT NULL,
    quiz_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    trainee_id TEXT NOT NULL,
    trainee_name TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    once TEXT NOT NULL UNIQUE,
    answers TEXT NOT NULL,
    file TEXT NOT NULL UNIQUE,
    body BLOB NOT NULL
);
"""


@dataclass(frozen=True)
class Receipt:
    """What the trainee is shown, and the supervisor finds again: a number in order of receipt,
    and the check code of the file (the one the trainee's own receipt shows, see ``published``)."""

    number: int
    code: str
    received_at: str

    def as_json(self) -> dict[str, object]:
        return {"number": self.number, "code": self.code, "received_at": self.received_at}


@dataclass(frozen=True)
class Kept:
    """One hand-in as the supervisor's page lists it."""

    receipt: Receipt
    quiz_id: str
    trainee_id: str
    trainee_name: str
    file: str


class Taken(Exception):
    """A hand-in that may be taken only once was taken already (409)."""

    def __init__(self, earlier: Receipt, hand_in: HandIn, same: bool) -> None:
        super().__init__(earlier.number)
        self.earlier = earlier
        self.hand_in = hand_in
        self.same = same
        """True when it is the very same submission again, not another one in its place."""


@dataclass
class _Waiting:
    """A hand-in waiting for the writer, and the receipt to come."""

    hand_in: HandIn
    address: str
    done: Future[Receipt]


COLUMNS = (
    "number", "code", "received_at", "address", "quiz_id", "mode", "trainee_id", "trainee_name",
    "submitted_at", "once", "answers", "file", "body",
)  # fmt: skip
"""The columns of ``results``, in the order of its table."""


def _row(hand_in: HandIn, receipt: Receipt, file: str, address: str) -> tuple:
    """A hand-in's row of ``results``, in the order of ``COLUMNS``."""
    return (
        receipt.number,
        receipt.code,
        receipt.received_at,
        address,
        hand_in.quiz_id,
        hand_in.mode,
        hand_in.trainee_id,
        hand_in.trainee_name,
        hand_in.submitted_at,
        hand_in.once,
        hand_in.answers,
        file,
        hand_in.body,
    )


def _private_file(path: Path) -> None:
    """Create ``path`` (if missing) readable by the owner only, before anything writes to it."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    os.chmod(path, PRIVATE_FILE)


def private_folder(path: Path) -> Path:
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    os.chmod(path, PRIVATE_FOLDER)
    return path


def file_name(number: int, quiz_id: str, trainee_id: str) -> str:
    """``00017-exam-monthly-written-E1002.json``: numbered in order of receipt, safe on any disk."""
    parts = [UNSAFE_IN_NAMES.sub("_", text)[:NAME_PART].strip("_") or "_" for text in (quiz_id, trainee_id)]
    return f"{number:05d}-{parts[0]}-{parts[1]}.json"


class Store:
    """The run's database and result files; safe to use from several threads."""

    def __init__(self, folder: Path) -> None:
        self.folder = private_folder(folder)
        self.results = private_folder(folder / RESULTS)
        database = folder / DATABASE
        _private_file(database)  # SQLite gives its -wal and -shm files the database's permissions
        self._lock = threading.Lock()
        """Held while the database is used."""
        self._queue: queue.SimpleQueue[_Waiting | None] = queue.SimpleQueue()
        """Hand-ins for the writer; None tells it to stop."""
        self._db = sqlite3.connect(database, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a commit is on the disk when it returns
        self._db.executescript(SCHEMA)
        self.pin = self._run_value("pin", new_pin)
        self.started_at = self._run_value("started_at", now_text)
        self.repaired = self._repair()
        self._writer = threading.Thread(target=self._write, name="collect-writer", daemon=True)
        self._writer.start()

    def _run_value(self, key: str, make) -> str:
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO run (key, value) VALUES (?, ?)", (key, make()))
            return self._db.execute("SELECT value FROM run WHERE key = ?", (key,)).fetchone()[0]

    def _repair(self) -> list[str]:
        """Remove what a crash left half-written; write again, and sync, each kept result whose
        file is missing or differs from its row."""
        for leftover in self.results.glob(f".*{TEMPORARY_SUFFIX}"):
            leftover.unlink(missing_ok=True)
        written = []
        with self._lock:
            rows = self._db.execute("SELECT file, body FROM results ORDER BY number").fetchall()
        for file, body in rows:
            path = self.results / file
            if not path.is_file() or path.read_bytes() != body:
                write_atomic(path, body, durable=True)
                written.append(file)
        return written

    def submit(self, hand_in: HandIn, address: str) -> Future[Receipt]:
        """A hand-in to keep; the future gives its receipt once it is durable, or raises Taken
        with the earlier one's receipt."""
        entry = _Waiting(hand_in, address, Future())
        self._queue.put(entry)
        return entry.done

    def keep(self, hand_in: HandIn, address: str) -> Receipt:
        """``submit``, waiting for the receipt."""
        return self.submit(hand_in, address).result()

    def _write(self) -> None:
        """The writer: one thread that takes every hand-in waiting and commits them together
        (group commit), then writes their files. While it commits, the next ones gather: a
        hundred phones handing in at once wait for a few disk syncs, not a hundred, and no other
        thread contends with the server for the interpreter."""
        stop = False
        while not stop:
            batch, stop = self._gather()
            if batch:
                self._keep_batch(batch)

    def _gather(self) -> tuple[list[_Waiting], bool]:
        """The hand-ins waiting, at least one (it waits for the first) and at most ``BATCH``, and
        whether to stop after them."""
        batch: list[_Waiting] = []
        item = self._queue.get()
        while True:
            if item is None:
                return batch, True
            batch.append(item)
            if self._queue.empty() or len(batch) == BATCH:
                return batch, False
            item = self._queue.get()

    def _keep_batch(self, batch: list[_Waiting]) -> None:
        try:
            with self._lock:
                outcomes = self._commit(batch)
        except BaseException as error:  # the disk full, say: every hand-in of the batch is refused
            for entry in batch:
                entry.done.set_exception(error)
            return
        for entry, outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, Taken):
                entry.done.set_exception(outcome)
                continue
            receipt, file = outcome
            try:
                write_atomic(self.results / file, entry.hand_in.body)
            except OSError as error:
                with self._lock:
                    self._db.execute("DELETE FROM results WHERE number = ?", (receipt.number,))
                entry.done.set_exception(error)
                continue
            entry.done.set_result(receipt)

    def _commit(self, batch: list[_Waiting]) -> list[tuple[Receipt, str] | Taken]:
        """Insert every hand-in of the batch that is not taken already, in one transaction.

        A few statements for the whole batch, not a few per hand-in: between two statements
        the writer waits for the interpreter, which the server's thread holds while it reads
        and judges the next hand-ins."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            outcomes, rows = self._numbered(batch)
            self._db.executemany(f"INSERT INTO results VALUES ({', '.join('?' * len(COLUMNS))})", rows)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return outcomes

    def _numbered(self, batch: list[_Waiting]) -> tuple[list[tuple[Receipt, str] | Taken], list[tuple]]:
        """Each hand-in's receipt and file, or Taken for one taken before (in this batch too)."""
        onces = [entry.hand_in.once for entry in batch]
        marks = ", ".join("?" * len(onces))
        found = self._db.execute(
            f"SELECT once, number, code, received_at, answers FROM results WHERE once IN ({marks})", onces
        )
        earlier = {once: (Receipt(number, code, at), answers) for once, number, code, at, answers in found}
        number = self._db.execute("SELECT coalesce(max(number), 0) FROM results").fetchone()[0]
        outcomes: list[tuple[Receipt, str] | Taken] = []
        rows = []
        for entry in batch:
            hand_in = entry.hand_in
            if hand_in.once in earlier:
                receipt, answers = earlier[hand_in.once]
                outcomes.append(Taken(receipt, hand_in, same=answers == hand_in.answers))
                continue
            number += 1
            receipt = Receipt(number, check_code(hand_in.body), now_text())
            file = file_name(number, hand_in.quiz_id, hand_in.trainee_id)
            earlier[hand_in.once] = (receipt, hand_in.answers)
            outcomes.append((receipt, file))
            rows.append(_row(hand_in, receipt, file, entry.address))
        return outcomes, rows

    def kept(self) -> list[Kept]:
        """Every hand-in of the run, in order of receipt."""
        with self._lock:
            rows = self._db.execute(
                "SELECT number, code, received_at, quiz_id, trainee_id, trainee_name, file FROM results ORDER BY number"
            ).fetchall()
        return [Kept(Receipt(*row[:3]), *row[3:]) for row in rows]

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM results").fetchone()[0]

    def close(self) -> None:
        """Stop the writer once it has kept what it was given, close the database, and put the
        run's result files on the disk before the collector ends."""
        self._queue.put(None)
        self._writer.join()
        with self._lock:
            self._db.close()
        if hasattr(os, "sync"):
            os.sync()
        sync_folder(self.results)


def now_text() -> str:
    """Now in office time, to the second, as result files write times."""
    return dt.datetime.now(OFFICE_TIME).isoformat(timespec="seconds")
