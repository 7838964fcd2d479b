"""The ``infoview`` command: its commands, and :func:`main`, which runs them.

Every error meant for the user is printed as one line and gives a non-zero
exit status; set ``INFOVIEW_DEBUG=1`` to see the traceback of a bug.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import click

from infoview_lib.cli.app import app, lab
from infoview_lib.cli.calendar import calendar
from infoview_lib.cli.check import check
from infoview_lib.cli.exports import export, restore
from infoview_lib.cli.imports import import_
from infoview_lib.cli.messages import message
from infoview_lib.cli.reports import cohort, report
from infoview_lib.cli.sheet import sheet
from infoview_lib.cli.workbook import demo, init, next_steps, status
from infoview_lib.cli.workshop import hand_in, workshop
from infoview_lib.errors import InfoviewError
from infoview_lib.private_files import DISK_FULL, is_disk_full


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="infoview", prog_name="infoview")
def cli() -> None:
    """infoview: a coaching workbook for informational interviews."""


for _command in (
    init,
    status,
    next_steps,
    demo,
    check,
    app,
    lab,
    report,
    cohort,
    hand_in,
    workshop,
    message,
    calendar,
    sheet,
    export,
    restore,
    import_,
):
    cli.add_command(_command)


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
