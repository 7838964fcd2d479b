"""``infoview hand-in``: a student's workbook, saved as one file to give their advisor;
``infoview workshop collect``: the advisor's folder of such files, one per roster student.

Without a workshop hub, a hand-in is a file the student uploads to their advisor
(through their learning platform or by email); ``infoview cohort`` turns a folder of
them into reports. A workbook that cannot be opened exits with 1 and the store's
message; a bad date with 2, as every command does.

``workshop collect`` exits 0 when every roster student handed in, 1 when someone has not
or a hand-in could not be read, and 2 for bad input (a missing folder, a roster that
cannot be read or has bad rows).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from infoview_lib.cli_dates import given_day
from infoview_lib.store import Workbook
from infoview_lib.workflow import HAND_IN_ADVICE, default_hand_in_folder, hand_in_file


class BadInput(click.ClickException):
    """Input that cannot be collected from: exits with status 2."""

    exit_code = 2


class NotComplete(click.ClickException):
    """Someone has not handed in, or a hand-in could not be read: exits with status 1."""

    exit_code = 1


@click.command(name="hand-in")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to save the hand-in in (default: ~/infoview/hand-ins/).",
)
@click.option(
    "--as-of",
    callback=given_day,
    metavar="YYYY-MM-DD",
    help="The day in the file's name (default: today); a hand-in the same day replaces it.",
)
def hand_in(workbook: Path, out_dir: Path | None, as_of: date | None) -> None:
    """Save WORKBOOK's saved work as one file to hand in to your advisor.

    The file is named after you and the day, readable by you only; handing in again the
    same day replaces it. Unsaved form input is left out.
    """
    folder = out_dir if out_dir is not None else default_hand_in_folder()
    with Workbook.open(workbook) as book:
        saved = hand_in_file(book, folder, today=as_of or date.today())
    click.echo(f"Handed in: {saved}")
    click.echo(HAND_IN_ADVICE)


@click.group()
def workshop() -> None:
    """Run a workshop: collect the students' hand-ins."""


@workshop.command(name="collect")
@click.option(
    "--from",
    "hand_ins",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder you downloaded the students' hand-ins (*.infoview files) into.",
)
@click.option(
    "--roster",
    required=True,
    type=click.Path(path_type=Path),
    help="The workshop's roster (CSV or XLSX).",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder to collect into (made, readable by you only, if missing).",
)
def collect_command(hand_ins: Path, roster: Path, out_dir: Path) -> None:
    """Collect the newest hand-in of every student on the ROSTER into one folder.

    Each collected workbook is saved as <student>.infoview, with collect-summary.csv
    saying who handed in, who has not, and which files could not be read; a hand-in of
    someone not on the roster is collected too, and said so. Then `infoview cohort DIR
    --out DIR/reports` makes the reports.
    """
    # Only this command needs them: every other command starts without them.
    from infoview_lib.workshop.collect import NOT_ON_ROSTER, UNREADABLE, CollectError, collect
    from infoview_lib.workshop.roster import RosterError, read_roster

    try:
        students = read_roster(roster)
    except RosterError as error:
        raise BadInput(str(error)) from None
    if students.bad_rows:
        for bad in students.bad_rows:
            click.echo(f"  {bad.message}", err=True)
        count = len(students.bad_rows)
        raise BadInput(
            f"the roster {roster} has {count} bad row{'' if count == 1 else 's'} (listed "
            "above): fix them and collect again; nothing was collected."
        )
    try:
        done = collect(hand_ins, students, out_dir)
    except CollectError as error:
        raise BadInput(str(error)) from None

    total = len(students.students)
    handed = total - len(done.missing)
    click.echo(f"Collected {handed} of {total} students' hand-ins into {done.out_dir}/.")
    if done.missing:
        click.echo(f"Not handed in ({len(done.missing)}):")
        for student in done.missing:
            click.echo(f"  row {student.row}  {student.profile.name}")
    strangers = done.with_status(NOT_ON_ROSTER)
    if strangers:
        click.echo(f"Not on the roster, collected all the same ({len(strangers)}):")
        for row in strangers:
            who = f"{row.student} <{row.email}>" if row.email else row.student
            click.echo(f"  {who}: {row.hand_in} -> {row.file}")
    unreadable = done.with_status(UNREADABLE)
    if unreadable:
        click.echo(f"Could not be read ({len(unreadable)}):")
        for row in unreadable:
            click.echo(f"  {row.hand_in}: {row.reason}")
    click.echo(f"Summary: {done.summary}")
    click.echo(
        f"Make the reports with: infoview cohort {done.out_dir} --out {done.out_dir / 'reports'}"
    )
    problems = []
    if done.missing:
        count = len(done.missing)
        problems.append(f"{count} student{'' if count == 1 else 's'} not handed in")
    if unreadable:
        count = len(unreadable)
        problems.append(f"{count} hand-in{'' if count == 1 else 's'} could not be read")
    if problems:
        raise NotComplete(f"{' and '.join(problems)}: see above.")
