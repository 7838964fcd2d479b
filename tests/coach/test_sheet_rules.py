"""``sheet.yaml``: the interview sheet's reminders, from meeting.yaml's checklist or in their
own words; a file that cannot be used is refused naming the reminder and its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from infoview_lib.coach.findings import CoachingDataError
from infoview_lib.coach.meeting import meeting_checklist
from infoview_lib.coach.sheet_rules import Reminder, sheet_rules
from infoview_lib.paths import DATA_DIR_VARIABLE, data_dir


def _with_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """A data folder with the shipped meeting.yaml and ``text`` as sheet.yaml."""
    (tmp_path / "coaching").mkdir()
    shutil.copy(data_dir() / "coaching" / "meeting.yaml", tmp_path / "coaching")
    (tmp_path / "coaching" / "sheet.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))


def test_a_checklist_reminder_says_what_the_meeting_page_says() -> None:
    items = {item.id: item for item in meeting_checklist()}
    first = sheet_rules().reminders[0]
    assert first == Reminder(items["on_time"].label, items["on_time"].hint)


def test_a_reminder_may_have_its_own_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_sheet(tmp_path, monkeypatch, "reminders:\n  - label: Smile\n    hint: They  like it.\n")
    assert sheet_rules().reminders == (Reminder("Smile", "They like it."),)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        (
            "reminders:\n  - checklist: on_time\n  - checklist: be_early\n",
            r"sheet\.yaml, line 3, reminder 2: 'be_early' is not an item of "
            r"meeting\.yaml's checklist",
        ),
        (
            "reminders:\n  - label: Smile\n    hnit: typo\n",
            r"line 2, reminder 1: 'hnit' is not a name the workbook uses",
        ),
        ("reminders:\n  - label: Smile\n", r"reminder 1 'hint': the wording is missing"),
        ("reminders: []\n", r"'reminders' is missing or is not a list of reminders"),
        ("reminders:\n  - checklist: on_time\nextra: 1\n", r"'extra' is not a name"),
    ],
)
def test_an_unusable_sheet_file_is_refused_in_plain_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, complaint: str
) -> None:
    _with_sheet(tmp_path, monkeypatch, text)
    with pytest.raises(CoachingDataError, match=complaint):
        sheet_rules()
