"""``infoview calendar``: a student's meetings and follow-ups as an iCalendar (.ics) file to
import into Google Calendar, Outlook or Apple Calendar (:mod:`infoview_lib.exports.calendar`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from infoview_lib.cli.options import as_of_option
from infoview_lib.exports.calendar import write_calendar
from infoview_lib.store import Workbook


@click.command(name="calendar")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="The .ics file to write (replaced if it is there).",
)
@as_of_option(
    "The day the file is as of: which follow-ups are open (default: today).",
    today_if_left_out=True,
)
@click.option(
    "--time-zone",
    "zone",
    metavar="ZONE",
    help="The time zone the meeting times are in, like Europe/Paris "
    "(default: the one used last for this workbook, else this computer's).",
)
def calendar(workbook: Path, out: Path, as_of: date, zone: str | None) -> None:
    """Write WORKBOOK's meetings and open follow-ups to an .ics file for your calendar.

    Importing a newer file updates the events instead of adding them twice; a meeting
    cancelled or moved, or a follow-up done, is sent as cancelled.
    """
    if out.suffix.lower() != ".ics":
        raise click.BadParameter(
            "the file should end in .ics, like meetings.ics.", param_hint="--out"
        )
    if not out.parent.is_dir():
        raise click.BadParameter(
            f"there is no folder {out.parent}: make it first.", param_hint="--out"
        )
    with Workbook.open(workbook) as book:
        written = write_calendar(book, out, as_of=as_of, zone=zone)
    click.echo(
        f"Wrote {written.path}: {written.meetings} meeting(s) and {written.follow_ups} "
        f"follow-up(s), {written.cancelled} of them cancelled; times in {written.time_zone}."
    )
