"""Working days: the mainland-China statutory calendar, holidays off and make-up weekends on.

This is the only module that knows where the calendar comes from. A year comes, in this order,
from the office's own file ``curriculum/calendar/<year>.yaml`` (which also corrects the
package), from the ``chinesecalendar`` package, or — only when asked with ``provisional`` —
from weekends alone, marked 暂定. A year known by none of them is refused: the State Council
publishes each year's holidays late in the year before, and a guessed one would move sessions
onto days off without anyone noticing.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..models.schedule import CalendarFile
from .errors import CheckFailed, HandbookError, Problem
from .messages import problems_from
from .sources import Locator, Source, read_yaml

STATUTORY, OVERRIDE, PROVISIONAL = "statutory", "override", "provisional"
TEMPLATE_NAME = "template.yaml"
MAKE_UP_NAME = "调休上班"
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class YearCalendar:
    """One year's days off and make-up working days, and where they come from."""

    year: int
    kind: str
    source: str
    days_off: frozenset[dt.date] = frozenset()
    make_up: frozenset[dt.date] = frozenset()
    names: dict[dt.date, str] = field(default_factory=dict)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.make_up:
            return True
        return day not in self.days_off and day.weekday() <= calendar.FRIDAY


class UnknownYear(HandbookError):
    """A year that neither an override file nor the package knows, outside provisional mode."""


def _package() -> str:
    """The calendar package as sources name it, with its version. Read from the package's
    metadata only here: ``handbook check`` reads the office's calendar files alone and does not
    pay for importlib.metadata."""
    from importlib.metadata import version

    return f"chinesecalendar {version('chinesecalendar')}"


def _statutory(year: int) -> YearCalendar | None:
    import chinese_calendar  # loaded by the commands that plan days, not by handbook check
    from chinese_calendar.constants import Holiday

    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:
        return None
    chinese = {h.value: h.chinese for h in Holiday}
    off = {d: chinese.get(n, n) for d, n in chinese_calendar.holidays.items() if d.year == year}
    make_up = {d: f"{chinese.get(n, n)}{MAKE_UP_NAME}" for d, n in chinese_calendar.workdays.items() if d.year == year}
    source = f"国家法定节假日安排（{_package()}）"
    return YearCalendar(year, STATUTORY, source, frozenset(off), frozenset(make_up), off | make_up)


def _provisional(year: int) -> YearCalendar:
    return YearCalendar(year, PROVISIONAL, f"{year} 年节假日安排尚未公布：暂按仅周六、周日休息排期")


def _span_problems(data: CalendarFile, locator: Locator, year: int) -> list[Problem]:
    problems = []
    if data.year != year:
        problems.append(locator.problem(("year",), f"年份应与文件名一致，为 {year}，实际为：{data.year}"))
    for key in ("holidays", "workdays"):
        for index, span in enumerate(getattr(data, key)):
            where = (key, index)
            if (span.date is None) == (span.first is None and span.last is None):
                problems.append(locator.problem(where, "应写 date（单独一天），或同时写 from 和 to（连续几天）"))
            elif span.date is None and (span.first is None or span.last is None or span.first > span.last):
                problems.append(locator.problem(where, "from 和 to 须同时写，且 from 不晚于 to"))
            elif any(day.year != year for day in span.days()):
                problems.append(locator.problem(where, f"日期应在 {year} 年之内"))
            elif key == "workdays" and any(day.weekday() <= calendar.FRIDAY for day in span.days()):
                problems.append(locator.problem(where, "调休上班日应是周六或周日（周一至周五本来就上班）"))
    return problems


def _overlap_problems(data: CalendarFile, locator: Locator) -> list[Problem]:
    off = {day for span in data.holidays for day in span.days()}
    return [
        locator.problem(("workdays", index), f"{day.isoformat()} 同时写在放假日和调休上班日中")
        for index, span in enumerate(data.workdays)
        for day in span.days()
        if day in off
    ]


def read_calendar_file(path: Path, label: str, year: int) -> YearCalendar:
    """One override file, every mistake in it reported with its place."""
    source, problem = read_yaml(path, label)
    if problem is not None:
        raise CheckFailed([problem])
    data = _validated(source)
    problems = _span_problems(data, source.locator, year)
    problems += _overlap_problems(data, source.locator) if not problems else []
    if problems:
        raise CheckFailed(problems)
    off = {day: span.name for span in data.holidays for day in span.days()}
    make_up = {day: span.name for span in data.workdays for day in span.days()}
    found = YearCalendar(year, OVERRIDE, f"{label}（{data.source}）", frozenset(off), frozenset(make_up), off | make_up)
    problems = _idle_months(found, data, source.locator)
    if problems:
        raise CheckFailed(problems)
    return found


def _idle_months(found: YearCalendar, data: CalendarFile, locator: Locator) -> list[Problem]:
    """A month with no working day at all cannot hold its assessment or its plan's deadlines: it
    is a mistake in the file (a holiday span typed a month too long), reported at the span."""
    problems = []
    for month in range(1, len(calendar.month_name)):  # month_name[0] is the empty string
        days = [dt.date(found.year, month, day) for day in range(1, calendar.monthrange(found.year, month)[1] + 1)]
        if any(found.is_working_day(day) for day in days):
            continue
        index = next(i for i, span in enumerate(data.holidays) if any(day.month == month for day in span.days()))
        problems.append(locator.problem(("holidays", index), f"{month} 月整月都是放假日，没有一个工作日；请核对日期"))
    return problems


def _validated(source: Source) -> CalendarFile:
    try:
        return CalendarFile.model_validate(source.data if source.data is not None else {})
    except ValidationError as error:
        raise CheckFailed(problems_from(error, source.locator)) from error


class WorkCalendar:
    """Answers "is this a working day?" for any day, loading each year when first asked."""

    def __init__(self, folder: Path, *, provisional: bool = False, label: str = "curriculum/calendar") -> None:
        self.folder = folder
        self.label = label
        self.provisional = provisional
        self._years: dict[int, YearCalendar] = {}

    def year(self, year: int) -> YearCalendar:
        if year not in self._years:
            self._years[year] = self._load(year)
        return self._years[year]

    def _load(self, year: int) -> YearCalendar:
        path = self.folder / f"{year}.yaml"
        if path.is_file():
            return read_calendar_file(path, f"{self.label}/{path.name}", year)
        known = _statutory(year)
        if known is not None:
            return known
        if self.provisional:
            return _provisional(year)
        raise UnknownYear(self.unknown_year_message(year))

    def unknown_year_message(self, year: int) -> str:
        return (
            f"{year} 年的法定节假日和调休安排还不知道（{_package()} 没有收录，"
            f"本处也没有 {self.label}/{year}.yaml），不能确定哪天上班，所以不排期。"
            f"请按国务院办公厅公布的 {year} 年节假日安排，照 {self.label}/{TEMPLATE_NAME} 的说明"
            f"新建 {self.label}/{year}.yaml；或者加 --provisional，先按只有周六、周日休息暂排，"
            f"所有日期都会标注“暂定”。"
        )

    def is_working_day(self, day: dt.date) -> bool:
        return self.year(day.year).is_working_day(day)

    def working_days(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Working days from ``first`` to ``last``, both included."""
        days, day = [], first
        while day <= last:
            if self.is_working_day(day):
                days.append(day)
            day += ONE_DAY
        return days

    def nth_working_day_after(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day``; the first working day after it is day 1."""
        count = 0
        while count < n:
            day += ONE_DAY
            count += self.is_working_day(day)
        return day

    def on_or_before(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the last working day before it."""
        while not self.is_working_day(day):
            day -= ONE_DAY
        return day

    def note(self, day: dt.date) -> str:
        """The holiday's name on a day off, 调休上班 on a make-up working day, else nothing."""
        return self.year(day.year).names.get(day, "")

    def is_make_up(self, day: dt.date) -> bool:
        return day in self.year(day.year).make_up

    def used(self) -> list[YearCalendar]:
        return [self._years[year] for year in sorted(self._years)]

    def is_provisional(self) -> bool:
        """Whether any day asked about so far came from a guessed (weekends-only) year."""
        return any(year.kind == PROVISIONAL for year in self._years.values())
