"""``infoview hand-in``: a student's workbook, handed in to their workshop or saved as a file;
``infoview workshop create | board | collect | delete``: a facilitator's workshop, on a hub
or not.

On a hub with a workshop service (``INFOVIEW_HUB_URL`` and ``JUPYTERHUB_API_TOKEN`` set,
as in a hub server's terminal), a hand-in goes to the student's workshop, ``create``
sends the roster, ``board`` shows where everyone is, ``collect NAME`` downloads the
hand-ins and ``delete NAME`` deletes the workshop when it is over. Without a hub, a
hand-in is a file the student uploads to their advisor, ``create --out DIR`` makes the
workbooks to hand out and ``collect --from DIR --roster R`` collects the downloaded
files. ``infoview cohort`` turns the collected folder into reports.

Exit statuses: 0 done; 1 a workbook that cannot be opened, (``collect``) someone has
not handed in or a hand-in could not be read, or (``delete``) the deletion was not
confirmed; 2 bad input (a roster with bad rows, a missing folder, a bad date), a
workshop service that cannot be reached or refuses, or (``create``) a roster with
students on another facilitator's workshop.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from infoview_lib.cli.options import as_of_option, folder_option
from infoview_lib.hub import client as hub_client
from infoview_lib.store import Workbook
from infoview_lib.workflow import HAND_IN_ADVICE, TO_WORKSHOP, hand_in_to_workshop

if TYPE_CHECKING:
    from infoview_lib.workshop.collect import Collection
    from infoview_lib.workshop.roster import Roster


class BadInput(click.ClickException):
    """Input that cannot be collected from: exits with status 2."""

    exit_code = 2


class NotComplete(click.ClickException):
    """Someone has not handed in, or a hand-in could not be read: exits with status 1."""

    exit_code = 1


class HubProblem(click.ClickException):
    """The workshop service cannot be reached or refused: exits with status 2."""

    exit_code = 2


def _from_hub(call: Callable[[], Any]) -> Any:
    """``call()``'s result; a workshop service's error as a plain message (exit 2).

    :class:`~infoview_lib.hub.client.StudentsTaken` passes through, for the caller to
    say which students and what to do."""
    try:
        return call()
    except hub_client.StudentsTaken:
        raise
    except hub_client.HubError as error:
        raise HubProblem(str(error)) from None


def _taken(error: hub_client.StudentsTaken, shown: dict[str, str]) -> str:
    """What to say when the service refused students another facilitator has."""
    count = len(error.users)
    who = _names([(shown.get(user, ""), user) for user in error.users])
    return (
        f"the roster was refused, nothing was sent: {count} of its students already take "
        f"part in a workshop another facilitator runs: {who}. A student can be on one "
        "facilitator's workshops only. Ask that facilitator to delete their workshop once it "
        "is over (infoview workshop delete NAME), or ask the hub's administrator; or take "
        "these students off the roster and run this again."
    )


@click.command(name="hand-in")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@folder_option(
    "--out",
    "out_dir",
    "Folder to save the hand-in in when it is saved as a file (default: ~/infoview/hand-ins/).",
)
@as_of_option("The day in the file's name (default: today); a hand-in the same day replaces it.")
def hand_in(workbook: Path, out_dir: Path | None, as_of: date | None) -> None:
    """Hand in WORKBOOK's saved work: to your workshop on a hub, else as a file.

    On a hub, your saved work goes to your workshop. Otherwise (or when you are on no
    workshop's roster, or the workshop cannot be reached) it is saved as one file, named
    after you and the day, readable by you only, to give your advisor; handing in again
    the same day replaces it. Unsaved form input is left out.
    """
    with Workbook.open(workbook) as book:
        done = hand_in_to_workshop(book, today=as_of or date.today(), folder=out_dir)
    if done.where == TO_WORKSHOP or done.fallback:
        click.echo(done.message)
    else:
        click.echo(f"Handed in: {done.file}")
        click.echo(HAND_IN_ADVICE)


@click.group()
def workshop() -> None:
    """Run a workshop: make the students' workbooks, watch the board, collect hand-ins,
    delete it when it is over."""


def _good_roster(roster: Path, nothing: str) -> Roster:
    """The roster at ``roster``; its bad rows listed (on stderr) and exit 2 if it has any."""
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
            f"above): fix them and run this again; {nothing}."
        )
    if not students.students:
        raise BadInput(f"the roster {roster} has no students: {nothing}.")
    return students


def _names(people: list[tuple[str, str]]) -> str:
    from infoview_lib.workshop.board import terminal_text

    return ", ".join(f"{terminal_text(name)} ({terminal_text(user, 32)})" for name, user in people)


@workshop.command(name="create")
@click.argument("roster", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", "name", required=True, help="The workshop's name, e.g. spring-career.")
@folder_option(
    "--out",
    "out_dir",
    "Make one workbook per student in this folder instead of sending the roster "
    "to the hub (for a workshop without a hub).",
)
def create_command(roster: Path, name: str, out_dir: Path | None) -> None:
    """Start the workshop NAME with the students of ROSTER (CSV or XLSX).

    On a hub, the roster is sent to the workshop service: each student gets their
    workbook, with their profile filled in, when they first open infoview. Running it
    again adds the new students and keeps the others as they are. With --out DIR (or
    without a hub), one workbook per student is made in DIR instead, named by their user
    name, readable by you only, to hand out; a workbook already there is kept. A roster
    with bad rows is refused whole: nothing is sent or made.
    """
    if out_dir is None and not hub_client.configured():
        raise BadInput(
            "there is no workshop service here: run this in a terminal of your hub server, "
            "or pass --out DIR to make the students' workbooks in a folder to hand out."
        )
    students = _good_roster(roster, "nothing was sent or made")
    if out_dir is not None:
        from infoview_lib.workshop.handout import write_workbooks

        done = write_workbooks(students.students, out_dir)
        made = [(s.profile.name, s.user_name) for s in done.made]
        kept = [(s.profile.name, s.user_name) for s in done.kept]
        click.echo(
            f"Made {len(made)} workbook{'' if len(made) == 1 else 's'} in {out_dir}/"
            + (f": {_names(made)}" if made else ".")
        )
        if kept:
            click.echo(
                f"Kept {len(kept)} (a workbook is already there, left as it was): {_names(kept)}"
            )
        click.echo("Each file is readable by you only: give each student their own.")
        return
    from infoview_lib.hub.client import profile_json

    sent = [
        {"user": student.user_name, "profile": profile_json(student.profile)}
        for student in students.students
    ]
    shown = {s.user_name: s.profile.name for s in students.students}
    try:
        reply = _from_hub(lambda: hub_client.put_roster(name, sent))
    except hub_client.StudentsTaken as error:
        raise HubProblem(_taken(error, shown)) from None
    added = [(shown.get(str(user), ""), str(user)) for user in reply.get("added") or ()]
    kept = [(shown.get(str(user), ""), str(user)) for user in reply.get("kept") or ()]
    title = str(reply.get("workshop") or name)
    click.echo(f"{'Created' if reply.get('created') else 'Updated'} the workshop {title}.")
    click.echo(f"Added {len(added)}" + (f": {_names(added)}" if added else "."))
    if kept:
        click.echo(f"Kept {len(kept)} (already on it, left as they were): {_names(kept)}")
    click.echo(
        "Each student's workbook is made, with their profile, when they first open infoview. "
        f"Watch them with: infoview workshop board {title}"
    )


@workshop.command(name="delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Delete without asking first.")
def delete_command(name: str, yes: bool) -> None:
    """Delete the workshop NAME on the hub, when it is over.

    Its roster, every student's progress and every hand-in it holds are deleted, for
    good; the students' own workbooks are not touched. Its students can then join
    another facilitator's workshop. Collect the hand-ins first (infoview workshop collect
    NAME --out DIR). Asks before deleting, unless --yes.
    """
    if not hub_client.configured():
        raise BadInput(
            "there is no workshop service here: run this in a terminal of your hub server."
        )
    if not yes and not click.confirm(
        f"Delete the workshop {name} with its roster, progress and every hand-in it holds? "
        "This cannot be undone"
    ):
        raise NotComplete("nothing was deleted.")
    reply = _from_hub(lambda: hub_client.delete_workshop(name))
    students = _count(reply.get("students"))
    hand_ins = _count(reply.get("hand_ins"))
    title = str(reply.get("workshop") or name)
    click.echo(
        f"Deleted the workshop {title}: {students} student{'' if students == 1 else 's'} "
        f"and {hand_ins} hand-in{'' if hand_ins == 1 else 's'}."
    )


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


@workshop.command(name="board")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the service's JSON instead.")
@click.option(
    "--watch",
    type=click.FloatRange(min=1.0),
    metavar="SECONDS",
    help="Show the board again every SECONDS seconds, until Ctrl-C.",
)
def board_command(name: str, as_json: bool, watch: float | None) -> None:
    """Show where each student of the workshop NAME is: not started first.

    Contacts per stage, drafts written and ready, messages sent, questions prepared,
    meetings planned and done, the last save and the last hand-in.
    """
    from infoview_lib.workshop.board import board_table

    def show() -> None:
        reply = _from_hub(lambda: hub_client.board(name))
        if as_json:
            click.echo(json.dumps(reply, indent=2, ensure_ascii=False))
        else:
            click.echo(board_table(reply))

    if watch is None:
        show()
        return
    try:
        show()
        while True:
            click.echo(f"(every {watch:g} s; Ctrl-C to stop)")
            time.sleep(watch)
            click.clear()
            try:
                show()
            except HubProblem as error:  # once it worked, keep trying
                click.echo(f"infoview: {error.format_message()}", err=True)
    except KeyboardInterrupt:
        click.echo()


@workshop.command(name="collect")
@click.argument("name", required=False)
@click.option(
    "--from",
    "hand_ins",
    type=click.Path(path_type=Path),
    help="Without a hub: the folder you downloaded the students' hand-ins (*.infoview files) into.",
)
@click.option(
    "--roster",
    type=click.Path(path_type=Path),
    help="Without a hub: the workshop's roster (CSV or XLSX).",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder to collect into (made, readable by you only, if missing).",
)
def collect_command(
    name: str | None, hand_ins: Path | None, roster: Path | None, out_dir: Path
) -> None:
    """Collect the newest hand-in of every student into one folder.

    On a hub: `infoview workshop collect NAME --out DIR` downloads each student's latest
    hand-in to the workshop NAME. Without one: `--from FOLDER --roster ROSTER` collects
    the files you downloaded (a hand-in of someone not on the roster is collected too,
    and said so). Each workbook is saved as <student>.infoview, with collect-summary.csv
    saying who handed in, who has not, and which could not be read. Then `infoview
    cohort DIR --out DIR/reports` makes the reports.
    """
    # Only this command needs them: every other command starts without them.
    from infoview_lib.workshop.collect import CollectError, collect, collect_from_hub

    if name is not None:
        if hand_ins is not None or roster is not None:
            raise click.UsageError(
                "give either a workshop NAME (on a hub) or --from and --roster, not both."
            )
        try:
            done = _from_hub(lambda: collect_from_hub(name, out_dir))
        except CollectError as error:
            raise BadInput(str(error)) from None
        _report_collection(done)
        return
    if hand_ins is None or roster is None:
        raise click.UsageError(
            "give the workshop's NAME (in a hub terminal), or --from FOLDER and --roster "
            "ROSTER for hand-ins you downloaded."
        )
    students = _good_roster(roster, "nothing was collected")
    try:
        done = collect(hand_ins, students, out_dir)
    except CollectError as error:
        raise BadInput(str(error)) from None
    _report_collection(done)


def _report_collection(done: Collection) -> None:
    """Say what was collected, who has not handed in and what could not be read."""
    from infoview_lib.workshop.board import terminal_text
    from infoview_lib.workshop.collect import COLLECTED, NOT_HANDED_IN, NOT_ON_ROSTER, UNREADABLE

    missing = done.with_status(NOT_HANDED_IN)
    unreadable = done.with_status(UNREADABLE)
    collected = done.with_status(COLLECTED)
    total = len(collected) + len(missing) + sum(r.user_name != "" for r in unreadable)
    if any(row.roster_row is not None for row in done.rows):  # from a roster
        total = sum(row.roster_row is not None for row in done.rows)
    click.echo(f"Collected {len(collected)} of {total} students' hand-ins into {done.out_dir}/.")
    if missing:
        click.echo(f"Not handed in ({len(missing)}):")
        wheres = [
            f"row {row.roster_row}" if row.roster_row is not None else terminal_text(row.user_name)
            for row in missing
        ]
        width = max(len(where) for where in wheres)
        for where, row in zip(wheres, missing, strict=True):
            click.echo(f"  {where:<{width}}  {terminal_text(row.student)}".rstrip())
    strangers = done.with_status(NOT_ON_ROSTER)
    if strangers:
        click.echo(f"Not on the roster, collected all the same ({len(strangers)}):")
        for row in strangers:
            who = f"{row.student} <{row.email}>" if row.email else row.student
            click.echo(f"  {terminal_text(who, 80)}: {row.hand_in} -> {row.file}")
    if unreadable:
        click.echo(f"Could not be read ({len(unreadable)}):")
        for row in unreadable:
            what = row.hand_in or f"{row.student} ({row.user_name})"
            click.echo(f"  {terminal_text(what, 80)}: {row.reason}")
    click.echo(f"Summary: {done.summary}")
    click.echo(
        f"Make the reports with: infoview cohort {done.out_dir} --out {done.out_dir / 'reports'}"
    )
    problems = []
    if missing:
        count = len(missing)
        problems.append(f"{count} student{'' if count == 1 else 's'} not handed in")
    if unreadable:
        count = len(unreadable)
        problems.append(f"{count} hand-in{'' if count == 1 else 's'} could not be read")
    if problems:
        raise NotComplete(f"{' and '.join(problems)}: see above.")
