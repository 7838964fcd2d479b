"""The ``infoview`` command: a thin layer over the Python API.

Every error meant for the user is printed as one line and gives a non-zero
exit status; set ``INFOVIEW_DEBUG=1`` to see the traceback of a bug.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from infoview_lib.cli_app import app, lab
from infoview_lib.cli_check import check
from infoview_lib.cli_dates import given_day
from infoview_lib.cli_messages import message
from infoview_lib.cli_reports import cohort, make_cohort_reports, report
from infoview_lib.cli_workshop import hand_in, workshop
from infoview_lib.errors import InfoviewError
from infoview_lib.model import StudentProfile
from infoview_lib.private_files import DISK_FULL, is_disk_full
from infoview_lib.store import StatusSummary, Workbook, status_summary, when_due

if TYPE_CHECKING:
    from infoview_lib.coach.agenda import Action

#: How many overdue or due follow-ups ``status`` lists before summing up the rest.
LISTED_FOLLOW_UPS = 10


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="infoview", prog_name="infoview")
def cli() -> None:
    """infoview: a coaching workbook for informational interviews."""


def given_path(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    """A workbook's path from the command line; an empty one is a usage error."""
    if not value:
        raise click.BadParameter(
            "a path is needed: give the workbook's file, like ~/infoview/ana.infoview."
        )
    return Path(value)


@cli.command()
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


@cli.command()
@click.argument("path", type=click.Path(), callback=given_path)
@click.option(
    "--as-of",
    callback=given_day,
    metavar="YYYY-MM-DD",
    help="Count due and overdue follow-ups as of this day (default: today).",
)
def status(path: Path, as_of: date | None) -> None:
    """Print a workbook's contacts per stage and its follow-ups due and overdue."""
    with Workbook.open(path) as book:
        click.echo(status_report(book, as_of or date.today()))


@cli.command(name="next")
@click.argument("path", type=click.Path(), callback=given_path)
@click.option(
    "--as-of",
    callback=given_day,
    metavar="YYYY-MM-DD",
    help="Say what is due as of this day (default: today).",
)
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


@cli.command()
@click.option(
    "--dir",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo"),
    show_default=True,
    help="Folder to build the sample workbooks in.",
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


cli.add_command(check)
cli.add_command(app)
cli.add_command(lab)
cli.add_command(report)
cli.add_command(cohort)
cli.add_command(hand_in)
cli.add_command(workshop)
cli.add_command(message)


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="infoview",
            standalone_mode=False,
        )
    except click.exceptions.Abort:
        click.echo("infoview: stopped.", err=True)
        return 130
    except click.exceptions.NoArgsIsHelpError as error:
        click.echo(error.ctx.get_help() if error.ctx else "")
        return 0
    except click.ClickException as error:
        hint = ""
        if isinstance(error, click.UsageError) and error.ctx is not None:
            hint = f" (see '{error.ctx.command_path} --help')"
        click.echo(f"infoview: {error.format_message()}{hint}", err=True)
        return error.exit_code
    except InfoviewError as error:
        click.echo(f"infoview: {error}", err=True)
        return 1
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        said = DISK_FULL if is_disk_full(error) else error.strerror or str(error)
        click.echo(f"infoview: {said}{where}", err=True)
        return 1
    except Exception as error:
        if os.environ.get("INFOVIEW_DEBUG"):
            raise
        click.echo(
            f"infoview: unexpected error ({type(error).__name__}: {error}). "
            "Run again with INFOVIEW_DEBUG=1 for details, and report it.",
            err=True,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
