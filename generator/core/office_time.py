"""Office time: the office's clock, in which dates of results, records and deadlines are told."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

OFFICE_TIME = ZoneInfo("Asia/Shanghai")
"""Mainland China keeps one time zone, without daylight saving."""


def office_date(moment: dt.datetime) -> dt.date:
    """The office's calendar date of a moment given with any offset."""
    return moment.astimezone(OFFICE_TIME).date()
