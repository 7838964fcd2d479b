"""What ``meeting.yaml`` holds: the meeting checklist and readiness wording, declared once.

:func:`meeting_rules` reads the file through the generic loader; the data README's tables of
the checklist's keys, the numbers and the rules are made from the same declarations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from infoview_lib.coach.findings import RuleText
from infoview_lib.coach.kinds import Items, Text, TextList, Whole, Wordings
from infoview_lib.coach.rule_wording import RuleTexts
from infoview_lib.coach.schema import Place, entry, schema_loader
from infoview_lib.model import MeetingFormat

FILE = "meeting.yaml"
_ID = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
#: The blanks every rule's wording may use.
EVERY_RULE = ("name", "when")
#: Each rule the check uses, and the blanks its wording may use besides {name} and {when}.
RULES: dict[str, frozenset[str]] = {
    "meeting_done": frozenset(),
    "meeting_cancelled": frozenset(),
    "meeting_past": frozenset(),
    "confirm_now": frozenset({"time"}),
    "confirm_today": frozenset(),
    "confirm_on": frozenset({"day"}),
    "not_ready_soon": frozenset({"items", "count"}),
    "still_to_do": frozenset({"items", "count"}),
    "ready": frozenset({"reminders"}),
    "long_meeting": frozenset({"minutes", "longest"}),
}
#: When each rule is given, for the README.
MEANINGS: dict[str, str] = {
    "meeting_done": "the meeting is marked done: getting ready no longer applies",
    "meeting_cancelled": "the meeting is cancelled: getting ready no longer applies",
    "meeting_past": "the meeting's start time has passed",
    "confirm_now": "the meeting is today and not confirmed (a problem)",
    "confirm_today": "the meeting is tomorrow and not confirmed (a problem)",
    "confirm_on": "the meeting is further off and not confirmed yet; `{day}`: the day before",
    "not_ready_soon": "the meeting is soon and items are still to do (a problem)",
    "still_to_do": "the meeting is further off and items are still to do",
    "ready": "everything to do before the meeting is done; `{reminders}`: the at-the-meeting items",
    "long_meeting": "the time asked for is over `longest_minutes`",
}
MOMENT_BLANKS = ("weekday", "day", "month", "time")


class When(StrEnum):
    """When a checklist item is done: before the meeting, or at it."""

    BEFORE = "before"
    AT_MEETING = "at_the_meeting"


class ItemId:
    """A checklist item's id: stored in workbooks, so a plain name."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not _ID.match(value):
            raise at.error(
                f"{key!r} must be lower-case letters, digits and underscores, "
                "like confirm_day_before."
            )
        return value


class Timing:
    """Before the meeting, or at it."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> When:
        value = data.get(key)
        try:
            return When(str(value).strip().casefold().replace(" ", "_"))
        except ValueError:
            raise at.error(f"{key!r} must be before or at the meeting, not {value!r}.") from None


class Formats:
    """Kinds of meeting; left out: all of them."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> frozenset[MeetingFormat]:
        if key not in data:
            return frozenset(MeetingFormat)
        found = set()
        for value in TextList().read(data, key, at):
            try:
                found.add(MeetingFormat(value.casefold()))
            except ValueError:
                choices = ", ".join(kind.value for kind in MeetingFormat)
                raise at.error(
                    f"{value!r} under {key!r} is not a kind of meeting (use {choices})."
                ) from None
        return frozenset(found)


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One thing to do for a meeting, and why the guide asks for it."""

    id: str = field(
        metadata=entry(
            ItemId(),
            "lower-case letters, digits and underscores, unique; stored in the workbook when "
            "the student ticks the item, so never rename an id students may have ticked",
        )
    )
    label: str = field(metadata=entry(Text(squash=True), "the item, as the checklist shows it"))
    why: str = field(metadata=entry(Text(squash=True), "why the guide asks for it (no blanks)"))
    hint: str = field(
        metadata=entry(Text(squash=True), "what to do while it is still to do (no blanks)")
    )
    when: When = field(
        metadata=entry(
            Timing(),
            "`before` (must be done for the student to be ready) or `at the meeting` (a "
            "reminder; it does not hold up being ready)",
        )
    )
    formats: frozenset[MeetingFormat] = field(
        metadata=entry(
            Formats(),
            "the kinds of meeting the item is for (`coffee`, `video`, `phone`, `office`); leave "
            "it out for all",
        )
    )


class Checklist:
    """The checklist's items, in order, each id used once."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> tuple[ChecklistItem, ...]:
        items: tuple[ChecklistItem, ...] = Items(ChecklistItem, "item").read(data, key, at)
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise at.inside(key).error(f"the id {item.id!r} is used twice.")
            seen.add(item.id)
        return items


@dataclass(frozen=True, slots=True)
class MeetingRules:
    """Everything ``meeting.yaml`` holds, checked."""

    checklist: tuple[ChecklistItem, ...] = field(
        metadata=entry(Checklist(), "the items, in the order shown")
    )
    soon_days: int = field(
        metadata=entry(
            Whole(0),
            "a meeting this many days away or fewer (0 today, 1 tomorrow) is soon: anything "
            "still to do is then a problem, not a suggestion",
        )
    )
    longest_minutes: int = field(
        metadata=entry(Whole(1), "asking for longer than this gets a suggestion")
    )
    moments: Mapping[str, str] = field(
        metadata=entry(
            Wordings(dict.fromkeys(("today", "tomorrow", "date", "later"), MOMENT_BLANKS), True),
            "how a day and time are written (the time is 24-hour, like 14:30)",
        )
    )
    weekdays: tuple[str, ...] = field(
        metadata=entry(TextList(exactly=7), "the 7 day names, from Monday")
    )
    months: tuple[str, ...] = field(
        metadata=entry(TextList(exactly=12), "the 12 month names, from January")
    )
    rules: dict[str, RuleText] = field(
        metadata=entry(
            RuleTexts({rule: (*EVERY_RULE, *sorted(more)) for rule, more in RULES.items()}),
            "the wording of each finding",
        )
    )


#: The meeting rules in use, read once per data folder.
meeting_rules = schema_loader(MeetingRules, FILE)
