"""``infoview import``: contacts from elsewhere, through the same workbook operations as
the form (:mod:`infoview_lib.workflow.imports`): LinkedIn's ``Connections.csv``.

The command adds every new connection (the form on 01 is where a student picks some);
``--dry-run`` prints the preview and writes nothing. A file that is not a list of
connections is refused before the workbook is opened, so it is left as it was.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from infoview_lib.cli.options import as_of_option
from infoview_lib.imports import read_connections
from infoview_lib.model import ContactCategory
from infoview_lib.store import Workbook
from infoview_lib.workflow.imports import (
    ImportPreview,
    NewContact,
    import_contacts,
    preview_linkedin,
)

AS_OF = as_of_option(
    "The day the contacts' notes say they were imported (default: today).",
    today_if_left_out=True,
)


@click.group(name="import")
def import_() -> None:
    """Add contacts from elsewhere to a workbook: LinkedIn's list of connections."""


@import_.command()
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print what would be added; write nothing.")
@click.option(
    "--category",
    type=click.Choice([choice.value for choice in ContactCategory]),
    default=ContactCategory.OTHER.value,
    show_default=True,
    help="Where the new contacts come from, for the advice (change it later per contact).",
)
@AS_OF
def linkedin(workbook: Path, file: Path, dry_run: bool, category: str, as_of: date) -> None:
    """Add the connections in FILE (Connections.csv from LinkedIn's data export) that
    WORKBOOK does not have yet, as "identified" contacts; prints how many were added,
    already present and skipped, and why."""
    rows = read_connections(file)
    if dry_run:
        with Workbook.read_only(workbook) as book:
            preview = preview_linkedin(book, rows, category=category)
        _print_preview(preview)
        _print_counts(preview, added=len(preview.new), dry_run=True)
        return
    with Workbook.open(workbook) as book:
        preview = preview_linkedin(book, rows, category=category)
        done = import_contacts(book, preview.new, as_of=as_of)
    _print_counts(preview, added=len(done.added), dry_run=False, late=done.already_present)


def _described(item: NewContact) -> str:
    contact = item.contact
    work = ", ".join(part for part in (contact.role, contact.organisation) if part)
    return f"{contact.name}{f' ({work})' if work else ''}: {contact.connection}"


def _print_preview(preview: ImportPreview) -> None:
    """Each row, in the preview's three groups."""
    click.echo(f"New ({len(preview.new):,}):")
    for item in preview.new:
        click.echo(f"  {_described(item)}")
        for reason in item.dropped:
            click.echo(f"    left out: {reason}")
    click.echo(f"Already in the workbook ({len(preview.present):,}):")
    for there in preview.present:
        click.echo(f"  {there.row.name}: looks like {there.existing.name} ({there.reason})")
    click.echo(f"Skipped ({len(preview.skipped):,}):")
    for row in preview.skipped:
        click.echo(f"  line {row.line}{f' ({row.name})' if row.name else ''}: {row.reason}")


def _print_counts(preview: ImportPreview, *, added: int, dry_run: bool, late: int = 0) -> None:
    """The counts: added (or to add), already present, skipped with their reasons."""
    click.echo(f"{'Would add' if dry_run else 'Added'}: {added:,}")
    click.echo(f"Already in the workbook: {len(preview.present) + late:,}")
    click.echo(f"Skipped: {len(preview.skipped):,}")
    for reason, count in preview.skipped_reasons():
        click.echo(f"  {count:,} {reason}")
    if dry_run:
        click.echo("Dry run: nothing was written.")
