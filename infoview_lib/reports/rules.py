"""The report thresholds an advisor can change, read from ``reports.yaml``: when a student
looks stuck, and how many rows a table shows."""

from __future__ import annotations

from dataclasses import dataclass

from infoview_lib.coach.findings import CoachingDataError
from infoview_lib.coach.rulebook import loader, read_yaml, section

#: The coaching file holding the report thresholds.
FILE = "reports.yaml"


@dataclass(frozen=True, slots=True)
class ReportRules:
    """The thresholds in ``reports.yaml``."""

    quiet_days: int
    overdue_follow_ups: int
    max_rows: int


def _build_rules() -> ReportRules:
    """Read ``reports.yaml``."""
    data = read_yaml(FILE)
    where = FILE
    stuck = section(data, "stuck", where, dict)
    tables = section(data, "tables", where, dict)
    return ReportRules(
        quiet_days=_whole(stuck, "quiet_days", f"{where} stuck"),
        overdue_follow_ups=_whole(stuck, "overdue_follow_ups", f"{where} stuck"),
        max_rows=_whole(tables, "max_rows", f"{where} tables"),
    )


def _whole(data: dict[str, object], key: str, where: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise CoachingDataError(
            f"The coaching file {where}: '{key}' must be a whole number of 1 or more, "
            f"not {value!r}."
        )
    return value


#: The report rules in use, read once per data folder.
report_rules = loader(_build_rules)
