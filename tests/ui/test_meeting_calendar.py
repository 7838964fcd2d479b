"""The meeting page's "Add to my calendar": the .ics file next to the workbook, where it is,
a download link, and how to import it; a bad time zone refused in words."""

from __future__ import annotations

import base64
import re
import stat
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest

from infoview_lib.model import Contact, Meeting, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.ui.components import Quiet
from infoview_lib.ui.meeting import PlanMeeting
from infoview_lib.ui.meeting_calendar import CalendarPanel, calendar_path

TODAY = date(2026, 3, 16)


@dataclass
class FakePage:
    """What a panel takes from its page."""

    path: Path
    today: date = TODAY
    quiet: Quiet = field(default_factory=Quiet)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A workbook with a meeting planned with Wei <b>, on 20 March 2026 at 17:30."""
    where = tmp_path / "ana.infoview"
    with Workbook.create(where, StudentProfile(name="Ana Lima")) as book:
        wei = book.add(Contact(name="Wei <b>Ng</b>"))
        assert wei.id is not None
        book.add(Meeting(contact_id=wei.id, starts_at=datetime(2026, 3, 20, 17, 30)))
    return where


def test_the_button_writes_the_calendar_next_to_the_workbook_and_says_where(path: Path) -> None:
    panel = CalendarPanel(FakePage(path))
    panel.zone.value = "Europe/Lisbon"
    panel.button.click()
    target = path.parent / "ana-calendar.ics"
    assert calendar_path(path) == target
    assert "Saved." in panel.status.value
    assert str(target) in panel.status.value
    assert "1 meeting(s)" in panel.status.value
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    [event] = icalendar.Calendar.from_ical(target.read_bytes()).events
    assert event["dtstart"].params["TZID"] == "Europe/Lisbon"
    assert event.stamp.date() == TODAY


def test_it_says_how_to_import_and_offers_the_file_to_download(path: Path) -> None:
    panel = CalendarPanel(FakePage(path))
    panel.zone.value = "UTC"
    panel.button.click()
    shown = panel.help.value
    for app in ("Google Calendar", "Outlook", "Apple Calendar"):
        assert f"<b>{app}:</b>" in shown
    link = re.search(
        r'download="ana-calendar.ics" href="data:text/calendar;[^"]*base64,([^"]+)"', shown
    )
    assert link is not None
    assert base64.b64decode(link.group(1)) == calendar_path(path).read_bytes()
    assert "<b>Ng</b>" not in shown + panel.status.value  # student text is never HTML here


def test_the_zone_used_last_is_offered_next_time(path: Path) -> None:
    first = CalendarPanel(FakePage(path))
    first.zone.value = "Asia/Seoul"
    first.button.click()
    assert CalendarPanel(FakePage(path)).zone.value == "Asia/Seoul"


def test_a_zone_that_does_not_exist_is_refused_in_words(path: Path) -> None:
    panel = CalendarPanel(FakePage(path))
    panel.zone.value = "Paris"
    panel.button.click()
    assert "Not saved." in panel.status.value
    assert "&#x27;Paris&#x27; is not a time zone name" in panel.status.value
    assert panel.help.value == ""
    assert not calendar_path(path).exists()


def test_without_a_workbook_it_says_to_start_in_notebook_00(tmp_path: Path) -> None:
    panel = CalendarPanel(FakePage(tmp_path / "none.infoview"))
    panel.button.click()
    assert "open notebook 00" in panel.status.value
    assert list(tmp_path.iterdir()) == []


def test_the_meeting_page_has_the_panel(path: Path) -> None:
    planner = PlanMeeting(path, TODAY, datetime(2026, 3, 16, 9))
    assert planner.calendar.view in planner.view.children
    assert planner.calendar.button.description == "Add to my calendar"
    planner.calendar.zone.value = "UTC"
    planner.calendar.button.click()
    assert "Saved." in planner.calendar.status.value
    assert calendar_path(path).exists()
