"""What the report notebook calls: :func:`open_report` builds a student's report from the
notebook's parameters, and the :class:`ReportView` it returns displays the report one
section at a time (the HTML is :mod:`~infoview_lib.reports.sections`')."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from infoview_lib.errors import InfoviewError
from infoview_lib.model import iso_day
from infoview_lib.reports.chart import funnel_alt, funnel_png
from infoview_lib.reports.content import build_report
from infoview_lib.reports.sections import section_html, title_html
from infoview_lib.reports.student_report import StudentReport, parse_sections
from infoview_lib.store import Workbook


class ReportView:
    """A built report the notebook displays one section at a time."""

    def __init__(self, report: StudentReport, max_rows: int | None = None) -> None:
        self.report = report
        self.max_rows = max_rows

    def show_title(self) -> None:
        """Display the title block."""
        _display_html(title_html(self.report))

    def show(self, name: str) -> None:
        """Display a section (the progress section with its chart, whose figures in words
        are the image's text alternative); nothing if left out."""
        html = section_html(self.report, name, self.max_rows)
        if not html:
            return
        _display_html(html)
        if name == "progress":
            counts = self.report.stage_counts
            _display_png(funnel_png(counts), funnel_alt(counts))


def _display_html(html: str) -> None:
    from IPython.display import HTML, display

    display(HTML(html))  # type: ignore[no-untyped-call]


def _display_png(png: bytes, alt: str) -> None:
    """Display ``png`` with ``alt`` as its output's ``infoview_alt`` (the print template's
    ``alt``)."""
    from IPython.display import Image, display

    image = Image(data=png, format="png")  # type: ignore[no-untyped-call]
    display(image, metadata={"infoview_alt": alt})  # type: ignore[no-untyped-call]


def parse_day(value: str | date) -> date:
    """The report's as-of day from ``YYYY-MM-DD`` text; required, never today by default."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        raise InfoviewError("as_of is empty: give the report's date as YYYY-MM-DD.")
    try:
        return iso_day(text)
    except ValueError:
        raise InfoviewError(
            f"as_of {text[:40]!r} is not a date: write it as YYYY-MM-DD, like 2026-03-16."
        ) from None


def open_report(
    workbook: str | Path,
    as_of: str | date,
    advisor: str = "",
    sections: str | Sequence[str] = "all",
    *,
    max_rows: int | None = None,
) -> ReportView:
    """Open ``workbook``, build its report as of ``as_of``, close it, and return the view."""
    if not str(workbook).strip():
        raise InfoviewError("workbook is empty: give the path of the student's .infoview file.")
    day = parse_day(as_of)
    chosen = parse_sections(sections)
    with Workbook.read_only(Path(workbook)) as book:
        report = build_report(book, day, advisor=advisor, sections=chosen)
    return ReportView(report, max_rows)


__all__ = ["ReportView", "open_report", "parse_day"]
