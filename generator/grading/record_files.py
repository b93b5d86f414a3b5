"""Training records as files: YAML, or the record form as ``.xlsx`` or its CSV export.

Each reader gives the record's values and, for every value, where it stood (line and column, or
row and column of the sheet), so a mistake is reported at its place. Supervisors write the words
of the printed form （出席、请假、缺席，培训、考核，是、否） and programme and topic names; they
are turned into the ids the model expects here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import CheckFailed, Problem
from ..core.folders import Found, files_in
from ..core.record_layout import ATTENDANCE_WORDS, COLUMNS, HEAD_FIELDS, KIND_WORDS, NO, YES
from ..core.roster import _date_text, csv_table
from ..core.sources import read_yaml
from ..core.workbooks import sheet_rows
from ..models.policy import Policy

Path_ = tuple[str | int, ...]
SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")
TOPIC_SEPARATORS = re.compile(r"[,，、;；\s]+")
TRUE_WORDS = {YES, "√", "✓", "有", "在", "true", "yes", "y"}
FALSE_WORDS = {NO, "×", "✗", "无", "不在", "false", "no", "n", ""}
MORE_ATTENDANCE_WORDS = {
    "present": ("到", "√", "✓"),
    "excused": ("事假", "病假", "公假"),
    "absent": ("无故缺席", "旷课", "×", "✗"),
}
ATTENDANCE_ALIASES = {key: (key, word, *MORE_ATTENDANCE_WORDS[key]) for key, word in ATTENDANCE_WORDS.items()}


@dataclass
class RawRecord:
    """A record as read, before validation."""

    label: str
    data: dict[str, Any]
    where: Callable[[Path_], tuple[int, int]]
    field_names: dict[str, str] = field(default_factory=dict)
    """Field → the label the file uses for it, for messages."""


def _scalar(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value.strip() if isinstance(value, str) else value


def _text(value: Any) -> str:
    value = _scalar(value)
    return "" if value is None else str(value)


def _label_key(text: str, labels: dict[str, str]) -> str | None:
    bare = text.strip().rstrip("：:").strip()
    return next((key for key, label in labels.items() if bare in (label, key)), None)


def _table_record(table: list[list[Any]], label: str) -> RawRecord:
    data: dict[str, Any] = {}
    places: dict[Path_, tuple[int, int]] = {}
    for number, cells in enumerate(table, 1):
        texts = [_text(c) for c in cells]
        header = {i: key for i, text in enumerate(texts) if (key := _label_key(text, COLUMNS))}
        if "id" in header.values():
            data["trainees"] = _trainee_rows(table[number:], number + 1, header, places)
            break
        for index, text in enumerate(texts[:-1]):
            key = _label_key(text, HEAD_FIELDS)
            if key and key not in data:
                data[key] = _scalar(cells[index + 1])
                places[(key,)] = (number, index + 2)
    data = {k: v for k, v in data.items() if v not in (None, "") or k == "trainees"}
    names = {**HEAD_FIELDS, **COLUMNS}
    return RawRecord(label, data, lambda path: _nearest(places, path), names)


def _trainee_rows(rows: list[list[Any]], first: int, header: dict[int, str], places: dict) -> list[dict]:
    trainees: list[dict] = []
    for number, cells in enumerate(rows, first):
        texts = [_text(c) for c in cells]
        if texts and texts[0].endswith(("：", ":")):
            break  # the signature lines: the table is over
        values = {key: _scalar(cells[i]) for i, key in header.items() if i < len(cells) and texts[i]}
        if "id" not in values:
            continue  # blank rows and the hint row of the blank form
        for i, key in header.items():
            places[("trainees", len(trainees), key)] = (number, i + 1)
        places[("trainees", len(trainees))] = (number, 1)
        trainees.append(values)
    return trainees


def _nearest(places: dict[Path_, tuple[int, int]], path: Path_) -> tuple[int, int]:
    for end in range(len(path), 0, -1):
        if path[:end] in places:
            return places[path[:end]]
    return 1, 1


def _yaml_record(path: Path, label: str, limit: int) -> RawRecord:
    source, problem = read_yaml(path, label, limit)
    if problem is not None:
        raise CheckFailed([problem])
    if not isinstance(source.data, dict):
        raise CheckFailed([Problem(label, 1, 1, "（文件）", "培训记录应为键值对（session_id: …、date: … 等）")])
    return RawRecord(label, dict(source.data), source.locator.where)


def read_record_file(path: Path, label: str, limit: int) -> RawRecord:
    """A record file of at most ``limit`` bytes as read; raise CheckFailed if it cannot be read."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _yaml_record(path, label, limit)
    table = sheet_rows(path, label, limit=limit) if suffix == ".xlsx" else csv_table(path, label, limit)
    return _table_record(table, label)


def is_record_name(name: str) -> bool:
    """A record file's name: not Excel's lock files (``~$…``) nor hidden files."""
    return name.lower().endswith(SUFFIXES) and not name.startswith(("~$", "."))


def record_paths(folder: Path, limit: int) -> Found:
    """Record files under ``folder``, and the files left out with the reason."""
    return files_in(folder, is_record_name, limit, f"培训记录文件夹 {folder}")


def _word(value: Any, aliases: dict[str, tuple[str, ...]]) -> Any:
    text = _text(value).lower()
    return next((key for key, words in aliases.items() if text in words), value)


def _programme_id(value: Any, policy: Policy) -> Any:
    return next((p.id for p in policy.programmes if _text(value) in (p.id, p.name)), value)


def _topic_ids(value: Any, programme: Any, policy: Policy) -> Any:
    items = TOPIC_SEPARATORS.split(value.strip()) if isinstance(value, str) else value
    if not isinstance(items, list):
        return value
    known = next((p.topics for p in policy.programmes if p.id == programme), [])
    return [next((t.id for t in known if _text(item) in (t.id, t.name)), item) for item in items if item != ""]


def _flag(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    return True if text in TRUE_WORDS else False if text in FALSE_WORDS else value


def normalise(raw: RawRecord, policy: Policy) -> dict[str, Any]:
    """The form's words as the model's values; anything unrecognised is left for the model to refuse."""
    data = {k: v for k, v in raw.data.items() if k != "instructor_name"}
    if "programme" in data:
        data["programme"] = _programme_id(data["programme"], policy)
    if "topics" in data:
        data["topics"] = _topic_ids(data["topics"], data.get("programme"), policy)
    if "kind" in data:
        data["kind"] = _word(data["kind"], {k: (k, w) for k, w in KIND_WORDS.items()})
    if "supervisor_on_site" in data:
        data["supervisor_on_site"] = _flag(data["supervisor_on_site"])
    if isinstance(data.get("date"), str):
        data["date"] = _date_text(data["date"])
    for key in ("session_id", "instructor"):
        if isinstance(data.get(key), int | float):
            data[key] = _text(data[key])
    if isinstance(data.get("trainees"), list):
        data["trainees"] = [_row(row) for row in data["trainees"]]
    return data


def _row(row: Any) -> Any:
    if not isinstance(row, dict):
        return row
    row = {k: _text(v) if k != "attendance" and isinstance(v, int | float) else v for k, v in row.items()}
    if "attendance" in row:
        row["attendance"] = _word(row["attendance"], ATTENDANCE_ALIASES)
    return row
