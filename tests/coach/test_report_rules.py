"""``reports.yaml`` is read against its declared schema: a mistake is named by file, line and
key, as in every other coaching file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from infoview_lib.coach.findings import CoachingDataError
from infoview_lib.coach.report_rules import FILE, report_rules
from infoview_lib.paths import DATA_DIR_VARIABLE, data_dir


def test_the_shipped_thresholds() -> None:
    rules = report_rules()
    assert (rules.stuck.quiet_days, rules.stuck.overdue_follow_ups, rules.tables.max_rows) == (
        21,
        3,
        50,
    )


@pytest.mark.parametrize(
    ("edit", "to", "complaint"),
    [
        (
            "quiet_days: 21",
            "quiet_days: 0",
            "reports.yaml, line 6, stuck 'quiet_days': 0 does not work here; "
            "it must be a whole number of 1 or more.",
        ),
        (
            "max_rows: 50",
            "max_rows: fifty",
            "reports.yaml, line 12, tables 'max_rows': 'fifty' does not work here",
        ),
        ("tables:", "table:", "reports.yaml: 'tables' is missing or is not a dict."),
        ("stuck:\n", "- stuck:\n", "reports.yaml is not valid YAML near line 10"),
    ],
)
def test_a_mistake_names_the_file_line_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str, to: str, complaint: str
) -> None:
    shutil.copytree(data_dir() / "coaching", tmp_path / "coaching")
    target = tmp_path / "coaching" / FILE
    text = target.read_text(encoding="utf-8")
    assert edit in text
    target.write_text(text.replace(edit, to, 1), encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(CoachingDataError, match=re.escape(complaint)):
        report_rules()
