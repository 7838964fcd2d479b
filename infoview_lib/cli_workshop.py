"""``infoview hand-in``: a student's workbook, saved as one file to give their advisor.

Without a workshop hub, a hand-in is a file the student uploads to their advisor
(through their learning platform or by email); ``infoview cohort`` turns a folder of
them into reports. A workbook that cannot be opened exits with 1 and the store's
message; a bad date with 2, as every command does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from infoview_lib.cli_dates import given_day
from infoview_lib.store import Workbook
from infoview_lib.workflow import HAND_IN_ADVICE, default_hand_in_folder, hand_in_file


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
