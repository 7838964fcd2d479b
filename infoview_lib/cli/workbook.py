"""``infoview init``, ``status``, ``next`` and ``demo``: a student's workbook, and the
sample cohort's, from the command line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from infoview_lib.cli.options import as_of_option, folder_option, given_path
from infoview_lib.cli.reports import make_cohort_reports
from infoview_lib.model import StudentProfile
from infoview_lib.store import StatusSummary, Workbook, status_summary, when_due

if TYPE_CHECKING:
    from infoview_lib.coach.agenda import Action

#: How many overdue or due follow-ups ``status`` lists before summing up the rest.
LISTED_FOLLOW_UPS = 10

#: The workbook a command reads.
WORKBOOK = click.argument("path", type=click.Path(), callback=given_path)


@click.command()
@click.argument("path", type=click.Path(dir_okay=False), callback=given_path)
@click.option("--name", required=True, help="The student's full name.")
@click.option("--email", default="", help="The student's email address.")
@click.option("--program", default="", help="Programme or major, e.g. 'BSc Biology'.")
@click.option("--graduation-year", type=int, help="Expected graduation year, e.g. 2028.")
@click.option(
    "--target-field",
    "target_fields",
    multiple=True,
    help="A field the student wants to explore; repeat for several.",
)
def init(
    path: Path,
    name: str,
    email: str,
    program: str,
    graduation_year: int | None,
    target_fields: tuple[str, ...],
) -> None:
    """Create a new workbook at PATH (never overwrites a file)."""
    profile = StudentProfile(
        name=name,
        email=email,
        program=program,
        graduation_year=graduation_year,
        target_fields=target_fields,
    )
    with Workbook.create(path, profile):
        pass
    click.echo(f"Created {path} for {profile.name}; only you can read it.")


@click.command()
@WORKBOOK
@as_of_option("Count due and overdue follow-ups as of this day (default: today).")
def status(path: Path, as_of: date | None) -> None:
    """Print a workbook's contacts per stage and its follow-ups due and overdue."""
    with Workbook.open(path) as book:
        click.echo(status_report(book, as_of or date.today()))


@click.command(name="next")
@WORKBOOK
@as_of_option("Say what is due as of this day (default: today).")
def next_steps(path: Path, as_of: date | None) -> None:
    """Print what to do next, overdue first, each with its reason."""
    from infoview_lib.coach.agenda import next_actions  # only this command needs it

    today = as_of or date.today()
    with Workbook.open(path) as book:
        student = book.profile().name
        actions = next_actions(book, today)
    overdue = sum(action.overdue for action in actions)
    click.echo(
        f"{student}: {len(actions)} thing{'' if len(actions) == 1 else 's'} to do "
        f"({overdue} overdue), as of {today.isoformat()}"
    )
    for action in actions:
        tag = "OVERDUE" if action.overdue else "due"
        click.echo(
            f"  {tag:<7}  {action.kind.label}: {action.contact_name}, "
            f"{when_due(action.due_on, today)}"
        )
        click.echo(f"           {action.reason}")


@click.command()
@folder_option(
    "--dir",
    "out_dir",
    "Folder to build the sample workbooks in.",
    default=Path("demo"),
    show_default=True,
)
def demo(out_dir: Path) -> None:
    """Build the sample cohort's workbooks, print each one's status, and make their reports.

    The PDFs, the executed notebooks and the cohort summary go into DIR/reports/.
    """
    from infoview_lib.sample_cohort import build_cohort, load_cohort  # only this command needs it

    cohort = load_cohort()
    paths = build_cohort(out_dir, cohort)
    for path in paths:
        with Workbook.open(path) as book:
            click.echo(status_report(book, cohort.as_of))
        click.echo()
    click.echo(
        f"Built {len(paths)} sample workbooks in {out_dir}/ "
        f"(status as of the sample's date, {cohort.as_of.isoformat()})."
    )
    click.echo("Making each student's PDF report and the cohort summary...")
    make_cohort_reports(out_dir, out_dir / "reports", as_of=cohort.as_of)


def status_report(book: Workbook, as_of: date) -> str:
    """A workbook's status: contacts per stage, then what is overdue and due soon.

    The follow-ups are :func:`~infoview_lib.coach.agenda.next_actions`, so the
    status lists the same thank-yous and nudges as ``infoview next``.
    """
    from infoview_lib.coach.agenda import next_actions  # only these commands need it

    return format_status(status_summary(book, as_of), next_actions(book, as_of))


def format_status(summary: StatusSummary, actions: Sequence[Action]) -> str:
    """The status summary and the actions due within its horizon, as lines of text."""
    lines = [
        f"{summary.student}: {summary.contacts} contact"
        f"{'' if summary.contacts == 1 else 's'}, as of {summary.as_of.isoformat()}"
    ]
    width = max(len(stage.label) for stage, _ in summary.stages)
    lines += [f"  {stage.label:<{width}}  {count:>4}" for stage, count in summary.stages]
    overdue = [action for action in actions if action.overdue]
    soon = [a for a in actions if not a.overdue and -a.days_late <= summary.horizon_days]
    lines.append(
        f"Follow-ups: {len(overdue)} overdue, {len(soon)} due in the next "
        f"{summary.horizon_days} days"
    )
    listed = [("OVERDUE", action) for action in overdue] + [("due", action) for action in soon]
    lines += [
        f"  {tag:<7}  {action.kind.label}: {action.contact_name}, "
        f"{when_due(action.due_on, summary.as_of)}"
        for tag, action in listed[:LISTED_FOLLOW_UPS]
    ]
    if len(listed) > LISTED_FOLLOW_UPS:
        lines.append(f"  ... and {len(listed) - LISTED_FOLLOW_UPS} more")
    return "\n".join(lines)
