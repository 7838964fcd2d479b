"""Reading the days given on the ``infoview`` command line."""

from __future__ import annotations

import re
from datetime import date

import click

#: The one way a day is written on the command line: YYYY-MM-DD, ASCII digits.
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def given_day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A calendar day written as YYYY-MM-DD, or ``None`` when the option was left out."""
    if value is None:
        return None
    text = value.strip()
    if not _DAY.fullmatch(text):
        # date.fromisoformat would also take 20260316 and 2026-W12-1: only one way is accepted.
        raise click.BadParameter(
            f"{value!r} is not a date written as year-month-day: write it like 2026-03-16."
        )
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a real date: write it like 2026-03-16."
        ) from None
    if not 1900 <= day.year <= 2200:
        raise click.BadParameter(f"{value!r} is too far off: check the year.")
    return day


def day_or_today(ctx: click.Context, param: click.Parameter, value: str | None) -> date:
    """A calendar day written as YYYY-MM-DD; today when not given.

    The command line is where infoview may read the clock: a report or a plan is
    then given the day, and never reads it itself.
    """
    day = given_day(ctx, param, value)
    return date.today() if day is None else day
