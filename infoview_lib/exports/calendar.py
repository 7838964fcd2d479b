"""A student's meetings and follow-ups as an iCalendar file (RFC 5545), for their own calendar.

Each meeting is an event at its time, in the student's time zone (with its VTIMEZONE), with
the place, whom it is with, and a reminder the day before (the guide: confirm the day before).
Each open follow-up is an all-day event on its due day. Every event has a UID made from the
workbook's own identity and what the event is about, so importing a newer file updates the
events instead of adding them twice. A meeting cancelled or moved, and anything sent before
that is no longer on the list (a follow-up done, a meeting deleted), is sent as cancelled.

What was sent is remembered in the workbook's settings (``calendar:``): its identity, the
time zone used last, and each event's revision, raised when the event changes (``SEQUENCE``,
which calendar apps read to take an update). Nothing in the file depends on the moment it is
written: ``DTSTAMP`` is the ``as_of`` the caller gives.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import icalendar

from infoview_lib.coach.agenda import Action, next_actions
from infoview_lib.coach.meeting import CONFIRM, meeting_checklist
from infoview_lib.coach.text import fold
from infoview_lib.errors import InfoviewError
from infoview_lib.model import Contact, Meeting, MeetingStatus
from infoview_lib.private_files import write_private
from infoview_lib.store import Workbook

#: Names this product in every file (RFC 5545's PRODID).
PRODID = "-//infoview//Informational interviews calendar//EN"
#: The settings this module keeps in the workbook.
SETTING_PREFIX = "calendar:"
IDENTITY_SETTING = f"{SETTING_PREFIX}identity"
ZONE_SETTING = f"{SETTING_PREFIX}time_zone"
SENT_PREFIX = f"{SETTING_PREFIX}sent:"
#: The statuses of a meeting that will not take place as planned.
_CALLED_OFF = (MeetingStatus.CANCELLED, MeetingStatus.RESCHEDULED)
_CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class CalendarFile:
    """What :func:`write_calendar` wrote: where, in which time zone, and how many events."""

    path: Path
    time_zone: str
    meetings: int
    follow_ups: int
    cancelled: int


def machine_time_zone() -> str:
    """This computer's time zone as an IANA name (``TZ``, then the system's), else UTC."""
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    with suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        parts = localtime.resolve().parts
        if "zoneinfo" in parts:
            candidates.append("/".join(parts[parts.index("zoneinfo") + 1 :]))
    return next((name for name in candidates if _known_zone(name)), "UTC")


def time_zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name``; a name that is not one is refused in plain words.

    >>> time_zone("Europe/Paris").key
    'Europe/Paris'
    """
    if not _known_zone(name):
        raise InfoviewError(
            f"{name!r} is not a time zone name: use one like Europe/Paris, America/New_York "
            "or Asia/Tokyo (the list is at https://en.wikipedia.org/wiki/List_of_tz_database_time_zones)."
        )
    return ZoneInfo(name)


def write_calendar(
    book: Workbook, target: Path, *, as_of: date | datetime, zone: str | None = None
) -> CalendarFile:
    """Write the student's calendar to ``target`` (owner-only, whole or not at all).

    ``zone`` is the IANA time zone the meeting times are in; left out, the one used last
    for this workbook, else this computer's. ``as_of`` is the day (or moment) the file is
    as of: which follow-ups are open, and its ``DTSTAMP``.
    """
    with book.transaction():  # what was sent is recorded only if the file is written
        calendar, summary = build_calendar(book, as_of=as_of, zone=zone)
        write_private(target, calendar.to_ical())
    return CalendarFile(target, *summary)


def build_calendar(
    book: Workbook, *, as_of: date | datetime, zone: str | None = None
) -> tuple[icalendar.Calendar, tuple[str, int, int, int]]:
    """The calendar, and its time zone with how many meetings, follow-ups and cancelled
    events it holds; what was sent is recorded in the workbook, in one transaction."""
    today = as_of.date() if isinstance(as_of, datetime) else as_of
    with book.transaction():
        settings = book.settings(SETTING_PREFIX)
        zone_name = zone or settings.get(ZONE_SETTING) or machine_time_zone()
        tz = time_zone(zone_name)
        identity = settings.get(IDENTITY_SETTING) or str(uuid.uuid4())
        names = {c.id: c for c in book.all(Contact) if c.id is not None}
        meetings = book.all(Meeting)
        actions = next_actions(book, today)
        events = {
            **{_meeting_key(m): _meeting_event(m, names.get(m.contact_id), tz) for m in meetings},
            **{_follow_up_key(a): _follow_up_event(a) for a in actions},
        }
        sent = _sent_before(settings)
        for key in sent.keys() - events.keys():
            events[key] = _gone_event(sent[key], tz)
        if not events:  # RFC 5545: a calendar holds at least one component
            raise InfoviewError(
                "There is nothing to put in a calendar yet: plan a meeting first (your "
                "follow-ups come with it)."
            )
        calendar = icalendar.Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", "Informational interviews")
        stamp = _utc_stamp(as_of, tz)
        for key in sorted(events):
            event = events[key]
            digest = hashlib.sha256(event.to_ical()).hexdigest()
            before = sent.get(key)
            revision = 0 if before is None else before["sequence"]
            if before is not None and before["digest"] != digest:
                revision += 1
            event.add("uid", f"{uuid.uuid5(uuid.UUID(identity), key)}@infoview")
            event.add("dtstamp", stamp)
            event.add("sequence", revision)
            calendar.add_component(event)
            record = {"sequence": revision, "digest": digest, **_recalled(event)}
            book.save_setting(f"{SENT_PREFIX}{key}", json.dumps(record, sort_keys=True))
        _add_time_zone(calendar)
        calendar.validate()  # type: ignore[no-untyped-call]  # icalendar leaves it untyped
        book.save_setting(IDENTITY_SETTING, identity)
        book.save_setting(ZONE_SETTING, zone_name)
    cancelled = sum(str(e.get("status")) == "CANCELLED" for e in calendar.events)
    timed = sum(isinstance(e.start, datetime) for e in calendar.events)
    return calendar, (zone_name, timed, len(events) - timed, cancelled)


# -- the events -------------------------------------------------------------------------------


def _meeting_key(meeting: Meeting) -> str:
    return f"meeting/{meeting.id}"


def _follow_up_key(action: Action) -> str:
    """What a follow-up is about: a step worked out, and the follow-up saved when it is done,
    share it (same contact, kind and due day), so marking it done cancels it."""
    key = f"follow-up/{action.contact_id}/{action.kind.value}/{action.due_on.isoformat()}"
    return f"{key}/{fold(action.referral_name)}" if action.referral_name else key


def _meeting_event(meeting: Meeting, contact: Contact | None, tz: ZoneInfo) -> icalendar.Event:
    name = contact.name if contact is not None else "your contact"
    where = f", {contact.organisation}" if contact is not None and contact.organisation else ""
    starts = meeting.starts_at
    starts = starts.replace(tzinfo=tz) if starts.tzinfo is None else starts.astimezone(tz)
    lines = [f"Informational interview with {name}{where}: {meeting.format.label.lower()}."]
    if contact is not None and contact.role:
        lines.append(f"{name} is {contact.role}{where}.")
    if meeting.status is MeetingStatus.RESCHEDULED:
        lines.append("This time was moved: see the new one in your calendar.")
    elif meeting.status is MeetingStatus.CANCELLED:
        lines.append("This meeting was cancelled.")
    event = icalendar.Event()
    event.add("summary", f"Informational interview: {name}{where}")
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=meeting.planned_minutes))
    if meeting.place:
        event.add("location", meeting.place)
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if meeting.status in _CALLED_OFF else "CONFIRMED")
    event.add("class", "PRIVATE")
    if meeting.status is MeetingStatus.SCHEDULED:
        event.add_component(_reminder(name))
    return event


def _reminder(name: str) -> icalendar.Alarm:
    """A reminder the day before, in the guide's words from the meeting checklist."""
    confirm = next(item for item in meeting_checklist() if item.id == CONFIRM)
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-1))
    alarm.add("description", f"{confirm.label}: you meet {name} tomorrow. {confirm.hint}")
    return alarm


def _follow_up_event(action: Action) -> icalendar.Event:
    event = icalendar.Event()
    event.add("summary", f"{action.kind.label}: {action.contact_name}")
    event.add("dtstart", action.due_on)
    event.add("dtend", action.due_on + timedelta(days=1))
    event.add("description", action.reason)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    event.add("class", "PRIVATE")
    return event


def _recalled(event: icalendar.Event) -> dict[str, str]:
    """What is kept of an event sent, to cancel it if it leaves the list."""
    start = event.start
    moment = start.replace(tzinfo=None) if isinstance(start, datetime) else start
    return {"start": moment.isoformat(), "summary": str(event.get("summary", ""))}


def _sent_before(settings: dict[str, str]) -> dict[str, dict[str, Any]]:
    """What earlier exports sent, by event; a record that cannot be read is left out (that
    event then starts again at revision 0, which calendar apps still take)."""
    sent: dict[str, dict[str, Any]] = {}
    for key, value in settings.items():
        if not key.startswith(SENT_PREFIX):
            continue
        try:
            record = json.loads(value)
            date.fromisoformat(record["start"][:10])
            if isinstance(record["sequence"], int) and isinstance(record["digest"], str):
                sent[key.removeprefix(SENT_PREFIX)] = record
        except (ValueError, KeyError, TypeError):
            continue
    return sent


def _gone_event(sent: dict[str, Any], tz: ZoneInfo) -> icalendar.Event:
    """An event sent before and no longer on the list, sent again as cancelled."""
    start = datetime.fromisoformat(sent["start"])
    event = icalendar.Event()
    event.add("summary", sent["summary"])
    if "T" in sent["start"]:
        event.add("dtstart", start.replace(tzinfo=tz))
    else:
        event.add("dtstart", start.date())
        event.add("dtend", start.date() + timedelta(days=1))
    event.add("status", "CANCELLED")
    return event


def _add_time_zone(calendar: icalendar.Calendar) -> None:
    """The VTIMEZONE of the zone used, with its changes from a year before the first event
    to a year after the last (so the file does not depend on today)."""
    days = [(e.start.date() if isinstance(e.start, datetime) else e.start) for e in calendar.events]
    if not any(isinstance(e.start, datetime) for e in calendar.events):
        return
    calendar.add_missing_timezones(
        first_date=date(min(days).year - 1, 1, 1), last_date=date(max(days).year + 2, 1, 1)
    )


def _utc_stamp(as_of: date | datetime, tz: ZoneInfo) -> datetime:
    """``as_of`` in UTC, as DTSTAMP must be: a day is its midnight in UTC, a moment without
    a zone is in the student's."""
    if not isinstance(as_of, datetime):
        return datetime.combine(as_of, time(), tzinfo=ZoneInfo("UTC"))
    moment = as_of
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(ZoneInfo("UTC"))


@cache
def _known_zone(name: str) -> bool:
    if not name or name not in available_timezones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
