"""The calendar export: an RFC 5545 file parsed back with icalendar, its UIDs stable across
exports, cancelled meetings, time zones, the reminder, follow-ups as all-day events."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from infoview_lib.errors import InfoviewError
from infoview_lib.exports.calendar import (
    IDENTITY_SETTING,
    SENT_PREFIX,
    ZONE_SETTING,
    machine_time_zone,
    write_calendar,
)
from infoview_lib.model import (
    Contact,
    FollowUp,
    FollowUpKind,
    Meeting,
    MeetingStatus,
    StudentProfile,
)
from infoview_lib.store import Workbook
from infoview_lib.workflow.meetings import cancel_meeting, edit_meeting, reschedule_meeting

AS_OF = date(2026, 3, 16)
PLACE = 'Café "Le Zinc"; 2nd floor, table 4 \\ by the window'
NAME = "佐藤 健 (Ken Sato)"
NOTE = "Ask about the lab; bring the poster,\nand the list"


@pytest.fixture
def book(tmp_path: Path) -> Iterator[Workbook]:
    """Ken, with a meeting planned (1) and one done (2); Wei, with a referral reminder."""
    opened = Workbook.create(tmp_path / "ana.infoview", StudentProfile(name="Ana Lima"))
    ken = opened.add(Contact(name=NAME, organisation="Kestrel, Inc."))
    wei = opened.add(Contact(name="Wei Ng"))
    assert ken.id is not None
    assert wei.id is not None
    opened.add(Meeting(contact_id=ken.id, starts_at=datetime(2026, 3, 20, 17, 30), place=PLACE))
    done = MeetingStatus.DONE
    opened.add(Meeting(contact_id=ken.id, starts_at=datetime(2026, 3, 10, 9), status=done))
    referral = FollowUpKind.REFERRAL
    opened.add(FollowUp(contact_id=wei.id, kind=referral, due_on=date(2026, 3, 25), note=NOTE))
    yield opened
    opened.close()


def export(book: Workbook, name: str = "cal.ics", **options: object) -> icalendar.Calendar:
    target = book.path.parent / name
    write_calendar(book, target, as_of=options.pop("as_of", AS_OF), **options)  # type: ignore[arg-type]
    return icalendar.Calendar.from_ical(target.read_bytes())


def by_summary(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["summary"]): event for event in calendar.events}


def meeting_on(calendar: icalendar.Calendar, day: date) -> icalendar.Event:
    [found] = [
        e for e in calendar.events if isinstance(e.start, datetime) and e.start.date() == day
    ]
    return found


def test_the_file_has_every_property_the_standard_requires(book: Workbook) -> None:
    calendar = export(book, zone="Europe/Paris")
    calendar.validate()  # type: ignore[no-untyped-call]  # what RFC 5545 requires of a calendar
    assert str(calendar["version"]) == "2.0"
    assert "infoview" in str(calendar["prodid"])
    assert str(calendar["method"]) == "PUBLISH"
    assert len(calendar.events) == 4  # two meetings, the referral, the thank-you worked out
    for event in calendar.events:
        for needed in ("uid", "dtstamp", "dtstart", "summary", "sequence", "status"):
            assert needed in event, (needed, event)
        assert event.stamp == datetime(2026, 3, 16, tzinfo=ZoneInfo("UTC"))
    assert len({str(event["uid"]) for event in calendar.events}) == 4
    assert calendar.get_missing_tzids() == set()


def test_a_meeting_has_its_time_length_place_contact_and_a_reminder(book: Workbook) -> None:
    planned = meeting_on(export(book, zone="America/New_York"), date(2026, 3, 20))
    assert planned.start == datetime(2026, 3, 20, 17, 30, tzinfo=ZoneInfo("America/New_York"))
    assert planned.end - planned.start == timedelta(minutes=30)
    assert str(planned["location"]) == PLACE
    assert NAME in str(planned["summary"])
    assert "Kestrel, Inc." in str(planned["summary"])
    assert str(planned["status"]) == "CONFIRMED"
    [alarm] = planned.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(days=-1)
    assert str(alarm["action"]) == "DISPLAY"
    assert "Confirm" in str(alarm["description"])
    assert NAME in str(alarm["description"])


def test_a_meeting_done_keeps_its_event_without_a_reminder(book: Workbook) -> None:
    done = meeting_on(export(book, zone="UTC"), date(2026, 3, 10))
    assert str(done["status"]) == "CONFIRMED"
    assert done.subcomponents == []


def test_open_follow_ups_are_all_day_events_on_their_due_day(book: Workbook) -> None:
    events = by_summary(export(book, zone="Europe/Paris"))
    referral = events["Referral: Wei Ng"]
    assert referral.start == date(2026, 3, 25)
    assert not isinstance(referral.start, datetime)
    assert referral.end == date(2026, 3, 26)
    assert "bring the poster,\nand the list" in str(referral["description"])
    assert str(referral["transp"]) == "TRANSPARENT"
    # the thank-you owed for the meeting of 10 March, worked out by the follow-up rules
    assert events[f"Thank-you: {NAME}"].start == date(2026, 3, 11)


def test_uids_stay_the_same_and_an_unchanged_export_is_the_same_file(book: Workbook) -> None:
    first = (book.path.parent / "one.ics", book.path.parent / "two.ics")
    write_calendar(book, first[0], as_of=AS_OF, zone="Europe/Paris")
    write_calendar(book, first[1], as_of=AS_OF)  # the zone used last
    assert first[0].read_bytes() == first[1].read_bytes()
    uids = {str(e["summary"]): str(e["uid"]) for e in export(book, "three.ics").events}
    later = export(book, "four.ics", as_of=date(2026, 3, 18))
    assert {str(e["summary"]): str(e["uid"]) for e in later.events} == uids
    assert book.setting(IDENTITY_SETTING) is not None


def test_two_workbooks_never_share_a_uid(book: Workbook, tmp_path: Path) -> None:
    with Workbook.create(tmp_path / "other.infoview", StudentProfile(name="Bo")) as other:
        ken = other.add(Contact(name=NAME))
        assert ken.id is not None
        other.add(Meeting(contact_id=ken.id, starts_at=datetime(2026, 3, 20, 17, 30)))
        theirs = {str(e["uid"]) for e in export(other, zone="UTC").events}
    ours = {str(e["uid"]) for e in export(book, zone="UTC").events}
    assert not ours & theirs


def test_a_changed_meeting_keeps_its_uid_with_a_higher_sequence(book: Workbook) -> None:
    before = meeting_on(export(book, zone="UTC"), date(2026, 3, 20))
    edit_meeting(
        book, 1, Meeting(contact_id=1, starts_at=datetime(2026, 3, 21, 10), place="Online")
    )
    after = meeting_on(export(book, "again.ics"), date(2026, 3, 21))
    assert str(after["uid"]) == str(before["uid"])
    assert (before.sequence, after.sequence) == (0, 1)
    assert str(after["location"]) == "Online"


def test_a_cancelled_meeting_is_sent_as_cancelled(book: Workbook) -> None:
    before = meeting_on(export(book, zone="UTC"), date(2026, 3, 20))
    cancel_meeting(book, 1, "A family emergency.")
    after = meeting_on(export(book, "again.ics"), date(2026, 3, 20))
    assert str(after["uid"]) == str(before["uid"])
    assert str(after["status"]) == "CANCELLED"
    assert after.sequence > before.sequence
    assert after.subcomponents == []


def test_a_moved_meeting_cancels_the_old_time_and_adds_the_new(book: Workbook) -> None:
    old = meeting_on(export(book, zone="UTC"), date(2026, 3, 20))
    reschedule_meeting(book, 1, datetime(2026, 3, 24, 12), reason="They travel.")
    calendar = export(book, "again.ics")
    moved, new = meeting_on(calendar, date(2026, 3, 20)), meeting_on(calendar, date(2026, 3, 24))
    assert str(moved["uid"]) == str(old["uid"])
    assert str(moved["status"]) == "CANCELLED"
    assert str(new["uid"]) != str(old["uid"])
    assert str(new["status"]) == "CONFIRMED"


def test_a_follow_up_done_is_sent_as_cancelled_under_its_uid(book: Workbook) -> None:
    referral = by_summary(export(book, zone="UTC"))["Referral: Wei Ng"]
    book.edit(FollowUp, 1, status="done", done_on=AS_OF)
    gone = by_summary(export(book, "again.ics"))["Referral: Wei Ng"]
    assert str(gone["uid"]) == str(referral["uid"])
    assert str(gone["status"]) == "CANCELLED"
    assert gone.start == date(2026, 3, 25)
    assert gone.sequence == 1


def test_times_carry_the_zone_given_with_its_vtimezone(book: Workbook) -> None:
    calendar = export(book, zone="Asia/Tokyo")
    planned = meeting_on(calendar, date(2026, 3, 20))
    assert planned["dtstart"].params["TZID"] == "Asia/Tokyo"
    assert [zone.tz_name for zone in calendar.timezones] == ["Asia/Tokyo"]
    assert isinstance(planned.start, datetime)
    assert planned.start.astimezone(ZoneInfo("UTC")) == datetime(
        2026, 3, 20, 8, 30, tzinfo=ZoneInfo("UTC")
    )
    assert book.setting(ZONE_SETTING) == "Asia/Tokyo"


def test_without_a_zone_the_machines_is_used(
    book: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Australia/Sydney")
    assert machine_time_zone() == "Australia/Sydney"
    planned = meeting_on(export(book), date(2026, 3, 20))
    assert planned["dtstart"].params["TZID"] == "Australia/Sydney"


def test_a_zone_that_does_not_exist_is_refused_and_nothing_is_written(book: Workbook) -> None:
    with pytest.raises(InfoviewError, match="is not a time zone name"):
        write_calendar(book, book.path.parent / "x.ics", as_of=AS_OF, zone="Mars/Olympus")
    assert not (book.path.parent / "x.ics").exists()
    assert book.setting(IDENTITY_SETTING) is None


def test_the_file_is_readable_by_its_owner_only(book: Workbook) -> None:
    target = book.path.parent / "cal.ics"
    write_calendar(book, target, as_of=AS_OF, zone="UTC")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_workbook_with_nothing_planned_is_refused_in_words(tmp_path: Path) -> None:
    target = tmp_path / "cal.ics"
    with Workbook.create(tmp_path / "new.infoview", StudentProfile(name="Ana")) as empty:
        with pytest.raises(InfoviewError, match="nothing to put in a calendar yet"):
            write_calendar(empty, target, as_of=AS_OF, zone="UTC")
        assert empty.setting(IDENTITY_SETTING) is None
    assert not target.exists()


def test_a_damaged_record_of_what_was_sent_is_left_out(book: Workbook) -> None:
    export(book, zone="UTC")
    sent = book.settings(SENT_PREFIX)
    for key in sent:
        book.save_setting(key, "{not json")
    again = export(book, "again.ics")
    assert len(again.events) == 4
    assert {event.sequence for event in again.events} == {0}
