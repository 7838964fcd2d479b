"""``infoview sheet``: a meeting's interview sheet as a PDF, to print and bring along
(:mod:`infoview_lib.reports.sheet`, the same sheet as the Print my interview sheet button)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--meeting",
    "meeting_id",
    type=click.IntRange(min=1),
    required=True,
    metavar="ID",
    help="The meeting's number in the workbook.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    metavar="FILE.pdf",
    help="The PDF file to write (replaced if it is there), readable by you only.",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default="a4",
    show_default=True,
    help="Paper size.",
)
def sheet(workbook: Path, meeting_id: int, out: Path, paper: str) -> None:
    """Print-ready sheet for a meeting: whom, when and where, your research in brief, your
    questions with room to write, the guide's reminders and room for notes."""
    from infoview_lib.reports.sheet import write_sheet

    written = write_sheet(workbook, meeting_id, out, paper=paper)
    click.echo(f"Interview sheet for meeting {meeting_id} written to {written}.")
