"""Business days across weekends, month ends, year ends, leap days and holidays; month steps."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from infoview_lib.coach.calendar import (
    BusinessCalendar,
    add_months,
    day_words,
    default_calendar,
)
from infoview_lib.coach.findings import CoachingDataError
from infoview_lib.paths import DATA_DIR_VARIABLE

CHRISTMAS = date(2026, 12, 25)
NEW_YEAR = date(2027, 1, 1)


SAT_26_DEC = date(2026, 12, 26)


@pytest.mark.parametrize(
    ("start", "n", "holidays", "expected"),
    [
        pytest.param(date(2026, 1, 30), 3, (), date(2026, 2, 4), id="fri-over-month-end"),
        pytest.param(date(2026, 1, 30), 7, (), date(2026, 2, 10), id="fri-plus-7"),
        pytest.param(date(2026, 12, 30), 3, (), date(2027, 1, 4), id="wed-over-year-end"),
        pytest.param(date(2026, 12, 30), 3, (NEW_YEAR,), date(2027, 1, 5), id="new-year"),
        pytest.param(date(2026, 12, 24), 1, (CHRISTMAS,), date(2026, 12, 28), id="christmas"),
        pytest.param(date(2026, 12, 24), 1, (SAT_26_DEC,), CHRISTMAS, id="saturday-holiday"),
        pytest.param(date(2026, 1, 31), 0, (), date(2026, 2, 2), id="sat-rolls-to-mon"),
        pytest.param(date(2026, 1, 31), 3, (), date(2026, 2, 4), id="sat-counts-like-fri"),
        pytest.param(NEW_YEAR, 0, (NEW_YEAR,), date(2027, 1, 4), id="holiday-rolls-forward"),
        pytest.param(date(2028, 2, 24), 3, (), date(2028, 2, 29), id="leap-day"),
        pytest.param(date(2027, 2, 25), 3, (), date(2027, 3, 2), id="no-leap-day"),
        pytest.param(date(2026, 3, 16), 0, (), date(2026, 3, 16), id="monday-plus-0"),
    ],
)
def test_add_business_days(start: date, n: int, holidays: tuple[date, ...], expected: date) -> None:
    assert BusinessCalendar(frozenset(holidays)).add_business_days(start, n) == expected


def test_add_business_days_refuses_going_back() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        BusinessCalendar().add_business_days(date(2026, 3, 16), -1)


@pytest.mark.parametrize(
    ("start", "end", "holidays", "expected"),
    [
        pytest.param(date(2026, 1, 30), date(2026, 2, 4), (), 3, id="friday-to-wednesday"),
        pytest.param(date(2026, 12, 30), date(2027, 1, 5), (NEW_YEAR,), 3, id="over-new-year"),
        pytest.param(date(2026, 1, 31), date(2026, 2, 1), (), 0, id="weekend-only"),
        pytest.param(date(2026, 1, 31), date(2026, 2, 2), (), 1, id="weekend-then-monday"),
        pytest.param(date(2026, 3, 16), date(2026, 3, 16), (), 0, id="same-day"),
        pytest.param(date(2026, 2, 4), date(2026, 1, 30), (), -3, id="backwards"),
    ],
)
def test_business_days_between(
    start: date, end: date, holidays: tuple[date, ...], expected: int
) -> None:
    assert BusinessCalendar(frozenset(holidays)).business_days_between(start, end) == expected


@pytest.mark.parametrize("n", [0, 1, 3, 7, 20])
def test_counting_undoes_adding(n: int) -> None:
    calendar = BusinessCalendar(frozenset({CHRISTMAS, NEW_YEAR}))
    for offset in range(21):  # every weekday and weekend day over the holidays
        start = date(2026, 12, 18) + timedelta(days=offset)
        due = calendar.add_business_days(start, n)
        assert calendar.is_business_day(due)
        if n or calendar.is_business_day(start):  # 0 from a weekend rolls to the next one
            assert calendar.business_days_between(start, due) == n


@pytest.mark.parametrize(
    ("day", "holidays", "expected"),
    [
        (date(2026, 1, 30), (), True),
        (date(2026, 1, 31), (), False),
        (date(2026, 2, 1), (), False),
        (CHRISTMAS, (CHRISTMAS,), False),
        (CHRISTMAS, (), True),
    ],
)
def test_is_business_day(day: date, holidays: tuple[date, ...], expected: bool) -> None:
    assert BusinessCalendar(frozenset(holidays)).is_business_day(day) is expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        pytest.param(date(2026, 1, 31), 1, date(2026, 2, 28), id="january-31-to-february-28"),
        pytest.param(date(2028, 1, 31), 1, date(2028, 2, 29), id="leap-year-february-29"),
        pytest.param(date(2028, 2, 29), 1, date(2028, 3, 29), id="from-leap-day"),
        pytest.param(date(2028, 2, 29), 12, date(2029, 2, 28), id="leap-day-a-year-on"),
        pytest.param(date(2026, 3, 31), 1, date(2026, 4, 30), id="short-month"),
        pytest.param(date(2026, 12, 31), 1, date(2027, 1, 31), id="over-year-end"),
        pytest.param(date(2026, 3, 16), 2, date(2026, 5, 16), id="two-months"),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 1, 30), "Friday 30 January 2026"),
        (date(2027, 1, 1), "Friday 1 January 2027"),
        (date(2028, 2, 29), "Tuesday 29 February 2028"),
    ],
)
def test_day_words(day: date, words: str) -> None:
    assert day_words(day) == words


def test_shipped_holidays_file_has_no_rows() -> None:
    assert default_calendar() == BusinessCalendar(frozenset())


def _holidays_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str | None) -> None:
    folder = tmp_path / "coaching"
    folder.mkdir()
    if text is not None:
        (folder / "holidays.csv").write_text(text, encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))


def test_default_calendar_reads_a_programmes_holidays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _holidays_file(
        tmp_path,
        monkeypatch,
        "date,name\n2026-12-25,Christmas Day\n2027-01-01 , New Year's Day\n",
    )
    calendar = default_calendar()
    assert calendar.holidays == {CHRISTMAS, NEW_YEAR}
    assert calendar.add_business_days(date(2026, 12, 24), 1) == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        pytest.param(
            "date,name\n2026-12-25,Christmas\n25/12/2026,Boxing Day\n",
            r"holidays\.csv, line 3: '25/12/2026' is not a date.*like 2026-12-25",
            id="bad-date",
        ),
        pytest.param("day,name\n2026-12-25,Christmas\n", "lacks the column", id="no-date-column"),
        pytest.param(None, "is missing", id="no-file"),
    ],
)
def test_default_calendar_refuses_an_unusable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str | None, complaint: str
) -> None:
    _holidays_file(tmp_path, monkeypatch, text)
    with pytest.raises(CoachingDataError, match=complaint):
        default_calendar()
