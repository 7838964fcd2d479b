"""What ``reports.yaml`` holds: when a student looks stuck, and how long a report's tables grow.

The file's schema, declared once: :func:`report_rules` reads it through the generic loader
for the advisor's reports, and the data README's table is made from it. It is coaching data
(an advisor edits it beside the other coaching files), so it is declared here, below the
reports that use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from infoview_lib.coach.kinds import Section, Whole
from infoview_lib.coach.schema import entry, schema_loader

#: The coaching file holding the report thresholds.
FILE = "reports.yaml"


@dataclass(frozen=True, slots=True)
class Stuck:
    """When a student counts as stuck."""

    quiet_days: int = field(
        metadata=entry(
            Whole(1),
            "days without activity (a message sent, a reply received, a meeting held, a "
            "follow-up done) after which a student counts as stuck",
        )
    )
    overdue_follow_ups: int = field(
        metadata=entry(
            Whole(1),
            "follow-ups past their due day (those on the student's list and those the workbook "
            "works out, as `infoview status` counts them), from which a student counts as stuck",
        )
    )


@dataclass(frozen=True, slots=True)
class Tables:
    """How long a report's tables grow."""

    max_rows: int = field(
        metadata=entry(
            Whole(1),
            "rows a report's table shows before it sums up the rest (\"450 more contacts not "
            'shown", with a count per status)',
        )
    )


@dataclass(frozen=True, slots=True)
class ReportRules:
    """Everything ``reports.yaml`` holds, checked."""

    stuck: Stuck = field(metadata=entry(Section(Stuck), "when a student counts as stuck"))
    tables: Tables = field(metadata=entry(Section(Tables), "how long a report's tables grow"))


#: The report thresholds in use, read once per data folder.
report_rules = schema_loader(ReportRules, FILE)
