"""What several ``infoview`` commands read from their command line: a workbook's path, a
day written as YYYY-MM-DD, an ``--as-of`` day, and a folder to write in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from infoview_lib.model import iso_day

F = TypeVar("F", bound=Callable[..., Any])


def given_path(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    """A workbook's path from the command line; an empty one is a usage error."""
    if not value:
        raise click.BadParameter(
            "a path is needed: give the workbook's file, like ~/infoview/ana.infoview."
        )
    return Path(value)


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


def as_of_option(help: str, *, today_if_left_out: bool = False) -> Callable[[F], F]:
    """The ``--as-of YYYY-MM-DD`` option: ``None`` when left out, or today if so asked."""
    return click.option(
        "--as-of",
        callback=day_or_today if today_if_left_out else given_day,
        metavar="YYYY-MM-DD",
        help=help,
    )


def folder_option(name: str, dest: str, help: str, **settings: Any) -> Callable[[F], F]:
    """An option naming a folder to write in (made if missing), as a :class:`Path`."""
    return click.option(
        name, dest, type=click.Path(file_okay=False, path_type=Path), help=help, **settings
    )
