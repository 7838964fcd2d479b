"""``infoview export`` and ``infoview restore``: a workbook as spreadsheets or a JSON
backup, and a new workbook made from a backup.

An export never replaces a file that is already there unless ``--force`` is given
(then only the files it writes: for CSV, the seven files in the folder, nothing else
there); a restore never replaces a file at all. The workbook exported is only read,
never changed. Errors are said in one line, and leave nothing behind.
"""

from __future__ import annotations

from pathlib import Path

import click

from infoview_lib.cli.options import given_path
from infoview_lib.exports.targets import TargetExists
from infoview_lib.store import Workbook

#: What ``--format`` may be: a folder of CSV files, an XLSX spreadsheet, a JSON backup.
FORMATS = ("csv", "xlsx", "json")


def guessed_format(out: Path) -> str:
    """The format an ``--out`` path asks for when ``--format`` is left out.

    >>> guessed_format(Path("ana.xlsx")), guessed_format(Path("ana.JSON"))
    ('xlsx', 'json')
    >>> guessed_format(Path("ana-sheets"))
    'csv'
    """
    suffix = out.suffix.lower().lstrip(".")
    if suffix in ("xlsx", "json"):
        return suffix
    if not suffix or suffix == "csv" or out.is_dir():
        return "csv"
    raise click.BadParameter(
        f"cannot tell the format from {out.name!r}: add --format csv, xlsx or json.",
        param_hint="'--out'",
    )


@click.command()
@click.argument("workbook", type=click.Path(), callback=given_path)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS), case_sensitive=False),
    help="csv (a folder), xlsx or json (a file); left out, it is told from --out's name.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="Where to write: a folder for csv, a file for xlsx and json.",
)
@click.option("--force", is_flag=True, help="Replace the files of an earlier export there.")
def export(workbook: Path, fmt: str | None, out: Path, force: bool) -> None:
    """Write WORKBOOK as spreadsheets or as a backup (the workbook is only read).

    csv: a CSV file per kind of record in the folder --out; xlsx: one spreadsheet, a
    sheet per kind of record; json: a backup of everything, for 'infoview restore'.
    """
    from infoview_lib.exports.backup import write_backup
    from infoview_lib.exports.spreadsheet import write_csv_folder, write_xlsx

    chosen = (fmt or guessed_format(out)).lower()
    with Workbook.read_only(workbook) as book:  # refuses what is not a workbook, in words
        if out.exists() and out.samefile(workbook):
            raise TargetExists(f"{out} is the workbook itself: write the export somewhere else.")
        if chosen == "csv":
            written = write_csv_folder(book, out, replace=force)
            click.echo(f"Wrote {len(written)} CSV files in {out}; only you can read them.")
        elif chosen == "xlsx":
            write_xlsx(book, out, replace=force)
            click.echo(f"Wrote the spreadsheet {out}; only you can read it.")
        else:
            write_backup(book, out, replace=force)
            click.echo(
                f"Backed up {workbook} to {out}; only you can read it. To make a workbook "
                f"from it: infoview restore {out} --out NEW_WORKBOOK"
            )


@click.command()
@click.argument("backup", type=click.Path(), callback=given_path)
@click.option(
    "--out",
    "new_workbook",
    required=True,
    type=click.Path(path_type=Path),
    help="The new workbook to make (never replaces a file).",
)
def restore(backup: Path, new_workbook: Path) -> None:
    """Make a new workbook from BACKUP, a JSON backup made by 'infoview export'."""
    from infoview_lib.exports.restore import restore as restore_backup

    made = restore_backup(backup, new_workbook)
    with Workbook.read_only(made) as book:
        student = book.profile().name
    click.echo(f"Restored {backup} into {made}, {student}'s workbook; only you can read it.")
