"""``infoview report`` and ``infoview cohort``: advisors' PDF reports from workbooks.

Bad input (a missing workbook or folder, a folder without workbooks, a bad
date) exits with 2; a report that could not be made exits with 1, after saying
why and where its executed notebook is kept, if one was (a full disk is said in
plain words, and keeps none). These commands are the only part of the reports
that may read the clock: ``--as-of`` defaults to today.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from infoview_lib.cli.options import as_of_option, folder_option
from infoview_lib.private_files import DISK_FULL, is_disk_full
from infoview_lib.reports.cohort import LOCAL_CLUSTER
from infoview_lib.reports.run import FORMATS, PAPERS

if TYPE_CHECKING:
    from infoview_lib.reports.cohort_summary import StudentRow


class BadInput(click.ClickException):
    """Input that cannot be reported on; exits with status 2."""

    exit_code = 2


class ReportsFailed(click.ClickException):
    """At least one report could not be made; exits with status 1."""

    exit_code = 1


def _sections(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """The sections asked for, checked now rather than inside the notebook."""
    from infoview_lib.reports.student_report import SECTIONS, parse_sections

    try:
        chosen = parse_sections(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    return "all" if chosen == SECTIONS else ",".join(chosen)


_AS_OF = as_of_option(
    "The day the report is as of: what is due and overdue then (default: today).",
    today_if_left_out=True,
)
_PAPER = click.option(
    "--paper",
    type=click.Choice([paper.lower() for paper in PAPERS], case_sensitive=False),
    default="a4",
    show_default=True,
    help="Paper size of the PDF.",
)


@click.command()
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_AS_OF
@folder_option(
    "--out",
    "out_dir",
    "Folder to write the report (and its executed notebook) in.",
    default=Path("reports"),
    show_default=True,
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="pdf",
    show_default=True,
    help="pdf or html (no code), or ipynb (the executed notebook).",
)
@click.option("--advisor", default="", help="The advisor's name, shown on the report.")
@_PAPER
@click.option(
    "--sections",
    default="all",
    show_default=True,
    callback=_sections,
    help="Comma-separated sections to include, e.g. progress,follow_ups.",
)
def report(
    workbook: Path,
    as_of: date,
    out_dir: Path,
    fmt: str,
    advisor: str,
    paper: str,
    sections: str,
) -> None:
    """Make one student's report from WORKBOOK (a PDF by default)."""
    from infoview_lib.reports.run import check_paper, run_report

    try:
        result = run_report(
            workbook,
            out_dir,
            as_of=as_of,
            fmt=fmt,  # type: ignore[arg-type]  # click.Choice checked it
            advisor=advisor,
            sections=sections,
            paper=check_paper(paper),
        )
    except OSError as error:  # making the output folder, say
        if not is_disk_full(error):
            raise
        raise ReportsFailed(f"no report for {workbook}: {DISK_FULL}.") from None
    if result.error:
        kept = result.kept_notebook
        where = f" The executed notebook is kept in {kept} for debugging." if kept else ""
        raise ReportsFailed(f"no report for {workbook}: {_sentence(result.error)}{where}")
    click.echo(f"Report as of {as_of.isoformat()}: {result.output}")


@click.command()
@click.argument("cohort_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@folder_option(
    "--out",
    "out_dir",
    "Folder to write the PDFs, the executed notebooks and the summary in.",
    required=True,
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Reports made at once, each in its own process (default: one per core).",
)
@click.option(
    "--dask",
    "dask",
    is_flag=False,
    flag_value=LOCAL_CLUSTER,
    default=None,
    metavar="[ADDRESS]",
    help=(
        "Make the reports on Dask: on the cluster whose scheduler is at ADDRESS "
        "(tls://host:8786), or, with --dask alone (or --dask local), on --jobs Dask workers "
        "on this computer. "
        "The workers need infoview installed, not these folders."
    ),
)
@_AS_OF
@_PAPER
def cohort(
    cohort_dir: Path,
    out_dir: Path,
    jobs: int | None,
    dask: str | None,
    as_of: date,
    paper: str,
) -> None:
    """A PDF for every workbook in COHORT_DIR, and the cohort's summary (PDF and CSV)."""
    if dask not in (None, LOCAL_CLUSTER):
        _check_cluster_address(dask, jobs)
    make_cohort_reports(cohort_dir, out_dir, as_of=as_of, jobs=jobs, paper=paper, dask=dask)


def _check_cluster_address(address: str, jobs: int | None) -> None:
    """Refuse a Dask address that cannot work before any workbook is read; warn when the
    workbooks would cross the network unencrypted."""
    from infoview_lib.reports.dask_engine import DaskError, crosses_network_unencrypted

    if jobs is not None:
        raise BadInput(
            "--jobs is for this computer's workers: a Dask cluster at an address has as "
            "many as it was started with. Leave out --jobs, or the address."
        )
    try:
        unencrypted = crosses_network_unencrypted(address)
    except DaskError as error:
        raise BadInput(str(error)) from None
    if unencrypted:
        click.echo(
            f"Warning: the workbooks and reports will cross the network to {address} "
            "unencrypted; use a tls:// address and Dask's TLS settings unless no one else "
            "uses that network (see the README).",
            err=True,
        )


def make_cohort_reports(
    cohort_dir: Path,
    out_dir: Path,
    *,
    as_of: date,
    jobs: int | None = None,
    paper: str = "A4",
    dask: str | None = None,
) -> None:
    """Run the cohort's reports and say where they are; raises if any report failed."""
    from infoview_lib.reports.cohort import CohortError, run_cohort

    # The progress bar is for a person watching, not for a log or a pipe.
    progress = sys.stderr.isatty()
    try:
        result = run_cohort(
            cohort_dir,
            out_dir,
            as_of=as_of,
            jobs=jobs,
            paper=paper,
            progress=progress,
            dask=dask,
        )
    except CohortError as error:
        raise BadInput(str(error)) from None
    except OSError as error:  # making the output folder, say
        if not is_disk_full(error):
            raise
        raise ReportsFailed(f"no reports in {out_dir}: {DISK_FULL}.") from None
    made = len(result.rows) - len(result.failed)
    click.echo(
        f"Made {made} of {len(result.rows)} reports in {out_dir}/, dated {as_of.isoformat()}."
    )
    if result.summary_error is None:
        click.echo(f"Cohort summary: {result.pdf} and {result.csv}")
    _say_failures(result.failed, out_dir, result.summary_error)


def _say_failures(
    failed: Sequence[StudentRow], out_dir: Path, summary_error: str | None = None
) -> None:
    """List the students whose report failed, and exit with 1 if any did or if the
    summary could not be written."""
    for row in failed:
        kept = f" (executed notebook: {out_dir / row.executed})" if row.executed else ""
        click.echo(f"  FAILED  {row.student} ({row.file}): {row.error}{kept}")
    problems = []
    if failed:
        count = len(failed)
        problems.append(
            f"{count} report{'' if count == 1 else 's'} could not be made: see above"
            + ("" if summary_error else ", and the summary")
        )
    if summary_error:
        problems.append(f"no cohort summary: {summary_error}")
    if problems:
        raise ReportsFailed(_sentence("; ".join(problems)))


def _sentence(text: str) -> str:
    """``text`` ending with a full stop (or the ``?`` or ``!`` it ends with)."""
    return text if text.endswith((".", "?", "!")) else f"{text}."
