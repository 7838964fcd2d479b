"""Working days and months for follow-up dates: numpy's business days, pandas' month steps.

Business days skip Saturdays, Sundays and the holidays in ``data/coaching/holidays.csv``.
Nothing here knows what today is: every date comes from the caller.

>>> calendar = BusinessCalendar(holidays=frozenset({date(2027, 1, 1)}))
>>> calendar.add_business_days(date(2026, 12, 30), 3)  # Thu 31, (Fri 1 is a holiday), Mon 4, Tue 5
datetime.date(2027, 1, 5)
>>> add_months(date(2026, 1, 31), 1)
datetime.date(2026, 2, 28)
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import numpy as np

from infoview_lib.coach.kinds import Cell, Day
from infoview_lib.coach.rulebook import loader
from infoview_lib.coach.schema import entry, read_rows

#: The coaching file listing the days that are not working days, besides weekends.
HOLIDAYS_FILE = "holidays.csv"


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """Monday to Friday, less ``holidays``: the days a busy professional reads email.

    >>> BusinessCalendar().is_business_day(date(2026, 1, 31))  # a Saturday
    False
    """

    holidays: frozenset[date] = frozenset()

    def is_business_day(self, day: date) -> bool:
        """Whether ``day`` is a weekday that is not a holiday.

        >>> BusinessCalendar().is_business_day(date(2026, 1, 30))  # a Friday
        True
        """
        return bool(np.is_busday(_day64(day), busdaycal=_numpy_calendar(self.holidays)))

    def add_business_days(self, day: date, n: int) -> date:
        """The business day ``n`` business days after ``day``.

        Counting starts the day after ``day``: the n-th business day after a
        Friday and after the Saturday that follows it is the same day, so a
        message sent at the weekend is not given an extra day. 0 gives the first
        business day on or after ``day``.

        >>> BusinessCalendar().add_business_days(date(2026, 1, 30), 3)  # Friday -> Wednesday
        datetime.date(2026, 2, 4)
        >>> BusinessCalendar().add_business_days(date(2026, 1, 31), 3)  # Saturday -> Wednesday
        datetime.date(2026, 2, 4)
        >>> BusinessCalendar().add_business_days(date(2026, 1, 31), 0)  # Saturday -> Monday
        datetime.date(2026, 2, 2)
        """
        if n < 0:
            raise ValueError(f"n must be 0 or more, not {n}")
        start, steps = (day, 0) if n == 0 else (day + timedelta(days=1), n - 1)
        moved = np.busday_offset(
            _day64(start), steps, roll="forward", busdaycal=_numpy_calendar(self.holidays)
        ).item()
        assert isinstance(moved, date)  # a day-precision datetime64 is a date
        return moved

    def business_days_between(self, start: date, end: date) -> int:
        """How many business days fall after ``start``, up to and including ``end``.

        It undoes :meth:`add_business_days` for n of 1 or more: from a Friday, or
        the Saturday after it, to the Wednesday three business days later gives 3.
        Negative if ``end`` is earlier.

        >>> BusinessCalendar().business_days_between(date(2026, 1, 31), date(2026, 2, 4))
        3
        """
        if end < start:
            return -self.business_days_between(end, start)
        one = timedelta(days=1)
        return int(
            np.busday_count(
                _day64(start + one), _day64(end + one), busdaycal=_numpy_calendar(self.holidays)
            )
        )


def add_months(day: date, months: int) -> date:
    """The same day ``months`` months later, or that month's last day if it is shorter.

    >>> add_months(date(2028, 1, 31), 1)  # a leap year
    datetime.date(2028, 2, 29)
    >>> add_months(date(2026, 12, 15), 1)
    datetime.date(2027, 1, 15)
    >>> add_months(date(2026, 3, 31), -1), add_months(date(2026, 8, 31), 18)
    (datetime.date(2026, 2, 28), datetime.date(2028, 2, 29))
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last_day))


def day_words(day: date) -> str:
    """A day as a student reads it in a reminder.

    >>> day_words(date(2026, 1, 30))
    'Friday 30 January 2026'
    """
    return f"{day:%A} {day.day} {day:%B %Y}"


@dataclass(frozen=True, slots=True)
class Holiday:
    """A row of ``holidays.csv``: a day that is not a working day, and its name."""

    day: date = field(
        metadata=entry(
            Day("so follow-up reminders can skip that day"),
            "year-month-day, like `2026-12-25`",
            key="date",
        )
    )
    name: str = field(metadata=entry(Cell(required=False), "for people reading the file"))


def _build_default_calendar() -> BusinessCalendar:
    """The calendar with the holidays listed in ``data/coaching/holidays.csv``."""
    return BusinessCalendar(frozenset(row.day for row in read_rows(Holiday, HOLIDAYS_FILE)))


_load_default_calendar = loader(_build_default_calendar)


def default_calendar() -> BusinessCalendar:
    """Weekends plus the holidays in ``data/coaching/holidays.csv``, read once per data folder.

    >>> default_calendar().is_business_day(date(2026, 3, 16))  # a Monday
    True
    """
    return _load_default_calendar()


def _day64(day: date) -> np.datetime64:
    return np.datetime64(day, "D")


@cache
def _numpy_calendar(holidays: frozenset[date]) -> np.busdaycalendar:
    return np.busdaycalendar(holidays=np.array(sorted(holidays), dtype="datetime64[D]"))
