"""Reading the days given on the ``infoview`` command line."""

from __future__ import annotations

from datetime import date

import click

from infoview_lib.model import iso_day


def given_day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A calendar day written as YYYY-MM-DD, or ``None`` when the option was left out."""
    if value is None:
        return None
    try:
        day = iso_day(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r} {error}: write it like 2026-03-16.") from None
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
