"""Office time: the office's clock, in which dates of results, records and deadlines are told."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

OFFICE_TIME = ZoneInfo("Asia/Shanghai")
"""Mainland China keeps one time zone, without daylight saving."""


def office_moment(moment: dt.datetime) -> dt.datetime:
    """A moment told on the office's clock: every report gives its times in one zone, whatever
    offset a phone wrote into a result file."""
    return moment.astimezone(OFFICE_TIME)


def office_date(moment: dt.datetime) -> dt.date:
    """The office's calendar date of a moment given with any offset."""
    return moment.astimezone(OFFICE_TIME).date()
