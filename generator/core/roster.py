"""The roster (花名册): employee id, name, role, team and arrival date, from YAML, CSV or Excel.

Supervisors keep rosters in Excel with Chinese headers, so headers are accepted in Chinese or
English and roles by their id, full name or short name. Every bad row is reported with its
file, line and column; nothing is dropped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from ..models.base import Strict, Text
from ..models.content import Role
from .errors import CheckFailed, Problem
from .messages import describe
from .sources import read_yaml
from .text_files import MAX_SOURCE_BYTES, read_text
from .workbooks import sheet_rows

HEADERS = {
    "id": ("id", "employee_id", "工号", "员工编号", "编号"),
    "name": ("name", "姓名", "名字"),
    "role": ("role", "角色", "岗位"),
    "team": ("team", "班组", "班次", "所在班组"),
    "arrival": ("arrival", "arrival_date", "到岗日期", "入职日期", "到岗时间"),
}


class StaffMember(Strict):
    id: Text = Field(max_length=64)
    """Employee id (工号), unique in the roster."""
    name: Text = Field(max_length=64)
    """Full name."""
    role: Text
    """Role id from roles.yaml (its Chinese name or short name is accepted too)."""
    team: str = ""
    """Team (班组); the team leader of the same team arranges a new hire's job practice."""
    arrival: dt.date | None = None
    """Arrival date (到岗日期); needed for new hires."""


@dataclass(frozen=True)
class Roster:
    staff: list[StaffMember]

    def by_id(self) -> dict[str, StaffMember]:
        return {member.id: member for member in self.staff}

    def with_role(self, role_id: str) -> list[StaffMember]:
        return [member for member in self.staff if member.role == role_id]


@dataclass(frozen=True)
class Row:
    """One entry as read, with where each field stood, for error messages."""

    values: dict[str, Any]
    line: int
    columns: dict[str, int]


def _field_for(header: Any) -> str | None:
    text = str(header or "").strip().lower()
    return next((name for name, aliases in HEADERS.items() if text in aliases), None)


def _blank(cell: Any) -> bool:
    """Whether a cell is empty as the supervisor sees it: nothing, or only spaces. A space typed
    into a cell (or left by a cleared one) shows as an empty cell in Excel, so a row of them is a
    blank row to skip, and such a field is missing rather than an id or name of spaces."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _table_rows(table: list[list[Any]], first_line: int) -> list[Row]:
    header_index = next((i for i, row in enumerate(table) if any(_field_for(cell) for cell in row)), None)
    if header_index is None:
        return []
    fields = [_field_for(cell) for cell in table[header_index]]
    rows = []
    for offset, cells in enumerate(table[header_index + 1 :], header_index + 1):
        if all(map(_blank, cells)):
            continue  # blank rows are common in hand-kept sheets
        values = {f: c for f, c in zip(fields, cells, strict=False) if f and not _blank(c)}
        columns = {f: i + 1 for i, f in enumerate(fields) if f}
        rows.append(Row(values, first_line + offset, columns))
    return rows


def csv_table(path: Path, label: str, limit: int) -> list[list[str]]:
    """A CSV file's cells, in UTF-8 or GB18030 (what Excel on Chinese Windows saves as "CSV");
    raise CheckFailed naming ``label`` when it cannot be read."""
    text = read_text(path, label, limit).text
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise CheckFailed([Problem(label, 1, 1, "（文件）", f"CSV 格式有误：{error}")]) from None


def _read_csv(path: Path, label: str, limit: int) -> list[Row]:
    return _table_rows(csv_table(path, label, limit), 1)


def _read_xlsx(path: Path, label: str, limit: int) -> list[Row]:
    rows = sheet_rows(path, label, limit=limit)
    return _table_rows([[c.date() if isinstance(c, dt.datetime) else c for c in row] for row in rows], 1)


def _read_yaml(path: Path, label: str, limit: int) -> list[Row]:
    source, problem = read_yaml(path, label, limit)
    if problem is not None:
        raise CheckFailed([problem])
    entries = source.data.get("staff", []) if isinstance(source.data, dict) else source.data or []
    rows = []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        line, _ = source.locator.where(("staff", index) if isinstance(source.data, dict) else (index,))
        rows.append(Row(entry if isinstance(entry, dict) else {}, line, {}))
    return rows


def _date_text(value: Any) -> Any:
    """2026/9/28, 2026.9.28 and 2026年9月28日 as Excel users type them → 2026-09-28."""
    if not isinstance(value, str):
        return value
    parts = [p for p in re.split(r"[-/.年月日\s]+", value.strip()) if p]
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[0]):04d}-{int(parts[1]):02d}-{int(parts[2]):02d}"
    return value


def _role_lookup(roles: list[Role]) -> dict[str, str]:
    lookup = {}
    for role in roles:
        lookup.update({role.id: role.id, role.name: role.id, role.short: role.id})
    return lookup


READERS = {".csv": _read_csv, ".xlsx": _read_xlsx, ".yaml": _read_yaml, ".yml": _read_yaml}


def load_roster(path: Path, roles: list[Role], label: str | None = None, *, limit: int = MAX_SOURCE_BYTES) -> Roster:
    """Read and validate a roster of at most ``limit`` bytes; raise CheckFailed listing every bad row."""
    label = label or path.name
    if not path.exists():
        raise CheckFailed([Problem(label, 1, 1, "（文件）", "找不到花名册文件")])
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise CheckFailed([Problem(label, 1, 1, "（文件）", "花名册应为 .yaml、.csv 或 .xlsx 文件")])
    return _validate_rows(reader(path, label, limit), roles, label)


def _validate_rows(rows: list[Row], roles: list[Role], label: str) -> Roster:
    lookup, problems, staff, seen = _role_lookup(roles), [], [], set()
    for row in rows:
        values = {
            k: str(v).strip() if isinstance(v, int | float | str) and k != "arrival" else v
            for k, v in row.values.items()
        }
        if "arrival" in values:
            values["arrival"] = _date_text(values["arrival"])
        if "role" in values:
            values["role"] = lookup.get(str(values["role"]), values["role"])
        if "role" in values and values["role"] not in lookup.values():
            problems.append(Problem(label, row.line, row.columns.get("role", 1), "role", f"未知角色“{values['role']}”"))
        try:
            member = StaffMember.model_validate(values)
        except ValidationError as error:
            for item in error.errors(include_url=False):
                field = str(item["loc"][0]) if item["loc"] else "（行）"
                problems.append(Problem(label, row.line, row.columns.get(field, 1), field, describe(item)))
            continue
        if member.id in seen:
            problems.append(Problem(label, row.line, row.columns.get("id", 1), "id", f"工号“{member.id}”重复"))
        else:
            seen.add(member.id)
            staff.append(member)
    if problems:
        raise CheckFailed(problems)
    return Roster(staff)
