"""The cohort's summary: a row per student (:class:`StudentRow`), written as
``cohort-summary.csv`` (formulas neutralised, for a spreadsheet) and as
``cohort-summary.pdf`` (with the reports' print style), each 0600."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from infoview_lib.exports.cells import neutralise
from infoview_lib.model import PipelineStatus
from infoview_lib.private_files import write_private

#: The summary's file names, without suffix (no student's report may take it).
SUMMARY = "cohort-summary"


@dataclass(frozen=True)
class StudentRow:
    """One student's line in the summary; the figures are None when the workbook cannot be read."""

    student: str
    file: str
    slug: str
    stage_counts: tuple[tuple[str, int], ...] = ()
    contacts: int | None = None
    overdue_follow_ups: int | None = None
    overdue_actions: int | None = None
    last_activity: date | None = None
    stuck: bool | None = None
    stuck_reason: str = ""
    report: str = ""
    executed: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the student's report was made."""
        return self.error is None


def stage_labels() -> list[str]:
    """Every pipeline stage's label, in the order the summary lists them."""
    return [stage.label for stage in PipelineStatus]


def summary_records(rows: Sequence[StudentRow]) -> list[dict[str, object]]:
    """The summary as plain records: one per student, one column per stage."""
    records = []
    for row in rows:
        counts = dict(row.stage_counts)
        record: dict[str, object] = {"student": row.student, "file": row.file}
        for label in stage_labels():
            record[label] = counts.get(label) if row.stage_counts else None
        record.update(
            contacts=row.contacts,
            overdue_follow_ups=row.overdue_follow_ups,
            overdue_next_actions=row.overdue_actions,
            last_activity=row.last_activity.isoformat() if row.last_activity else "",
            stuck="" if row.stuck is None else ("yes" if row.stuck else "no"),
            stuck_reason=row.stuck_reason,
            report=row.report,
            executed_notebook=row.executed,
            status="ok" if row.ok else "failed",
            reason=row.error or "",
        )
        records.append(record)
    return records


def write_csv(rows: Sequence[StudentRow], target: Path) -> Path:
    """The summary as CSV, formulas neutralised, written 0600.

    UTF-8 with a byte-order mark, so a spreadsheet opened with a double click
    shows names in every script as they are.
    """
    import pandas as pd

    records = [{k: neutralise(v) for k, v in record.items()} for record in summary_records(rows)]
    columns = list(summary_records([StudentRow("", "", "")])[0])
    frame = pd.DataFrame.from_records(records, columns=columns)
    for label in [*stage_labels(), "contacts", "overdue_follow_ups", "overdue_next_actions"]:
        frame[label] = frame[label].astype("Int64")  # whole numbers, blank when unknown
    text = frame.to_csv(index=False, lineterminator="\n")
    write_private(target, text.encode("utf-8-sig"))
    return target


#: The summary table's column headers (fixed words, HTML as they are).
_HEADERS = (
    "Student",
    "Contacts",
    "Per stage",
    "Overdue follow-ups / actions",
    "Last activity",
    "Stuck",
    "Report",
)
#: The summary table's column widths, in percent of the page's width.
_WIDTHS = (18, 10, 22, 12, 14, 14, 10)


def summary_meta(rows: Sequence[StudentRow], *, as_of: date) -> str:
    """The line under the summary's title (plain text)."""
    failed = sum(not row.ok for row in rows)
    stuck = sum(bool(row.stuck) for row in rows)
    return (
        f"As of {as_of.isoformat()} · {len(rows)} students · {stuck} stuck · "
        f"{failed} failed · Confidential"
    )


def summary_html(rows: Sequence[StudentRow]) -> str:
    """The summary's body: a table of students, then the failures with their reasons.

    Each row's header cell is the student's name, so a screen reader names the student
    and the column with every figure (the print CSS makes it look like the other cells).
    """
    esc = html.escape
    failed = [row for row in rows if not row.ok]
    parts = [
        '<table class="infoview-table infoview-cohort">',
        "".join(f'<col style="width: {width}%">' for width in _WIDTHS),
        "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in _HEADERS) + "</tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        stages = ", ".join(f"{label} {count}" for label, count in row.stage_counts if count)
        stuck_cell = "" if row.stuck is None else ("yes" if row.stuck else "no")
        if row.stuck:
            stuck_cell = "STUCK" + (f": {row.stuck_reason}" if row.stuck_reason else "")
        report = "made" if row.ok else "FAILED, see below"
        overdue = (
            f"{row.overdue_follow_ups} / {row.overdue_actions}"
            if row.overdue_follow_ups is not None
            else ""
        )
        urgent = row.overdue_follow_ups or row.overdue_actions or row.stuck or not row.ok
        marked = ' class="infoview-overdue"' if urgent else ""
        parts.append(
            f'<tr{marked}><th scope="row">{esc(row.student)}</th>'
            f"<td>{'' if row.contacts is None else row.contacts}</td>"
            f"<td>{esc(stages)}</td><td>{overdue}</td>"
            f"<td>{row.last_activity.isoformat() if row.last_activity else ''}</td>"
            f"<td>{esc(stuck_cell)}</td><td>{esc(report)}</td></tr>"
        )
    parts.append("</tbody></table>")
    if failed:
        parts.append("<h2>Reports that failed</h2><ul>")
        parts += [
            f"<li><strong>{esc(row.student)}</strong> ({esc(row.file)}): {esc(row.error or '')}"
            + (f" Executed notebook: {esc(row.executed)}." if row.executed else "")
            + "</li>"
            for row in failed
        ]
        parts.append("</ul>")
    return "\n".join(parts)


def write_pdf(rows: Sequence[StudentRow], target: Path, *, as_of: date, paper: str) -> Path:
    """The summary as a PDF, with the reports' print style, written 0600."""
    from infoview_lib.reports.printing import document_pdf

    content = document_pdf(
        summary_html(rows),
        title="Cohort summary",
        paper=paper,
        meta=summary_meta(rows, as_of=as_of),
    )
    write_private(target, content)
    return target
