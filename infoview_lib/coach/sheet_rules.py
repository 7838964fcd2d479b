"""What ``sheet.yaml`` holds: the guide's reminders printed on the interview sheet.

A reminder names an item of ``meeting.yaml``'s checklist, whose label and hint it prints (so
the sheet and the meeting page say the same), or gives its own label and hint.

>>> [reminder.label for reminder in sheet_rules().reminders]  # doctest: +NORMALIZE_WHITESPACE
['Be on time', 'Hand over a resume only if they ask', 'Ask whom else you should talk to',
 'Ask whether you may keep in touch, and how']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from infoview_lib.coach.kinds import Text
from infoview_lib.coach.meeting_rules import meeting_rules
from infoview_lib.coach.rulebook import line_of
from infoview_lib.coach.schema import Place, entry, only_known, schema_loader

#: The coaching file holding the sheet's reminders.
FILE = "sheet.yaml"


@dataclass(frozen=True, slots=True)
class Reminder:
    """Something to remember at the meeting: what (``label``) and how (``hint``)."""

    label: str
    hint: str


class Reminders:
    """The reminders, in order: each a checklist item's id, or its own label and hint."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> tuple[Reminder, ...]:
        found = data.get(key)
        if not isinstance(found, list) or not found:
            raise at.error(f"{key!r} is missing or is not a list of reminders.")
        checklist = {item.id: item for item in meeting_rules().checklist}
        reminders = []
        for index, item in enumerate(found):
            here = at.labelled(f"reminder {index + 1}", line_of(found, index))
            if not isinstance(item, dict):
                raise here.error("give each reminder's keys: checklist, or label and hint.")
            if "checklist" not in item:
                only_known(item, ("label", "hint"), here)
                text = Text(squash=True)
                reminders.append(
                    Reminder(text.read(item, "label", here), text.read(item, "hint", here))
                )
                continue
            only_known(item, ("checklist",), here)
            named = checklist.get(str(item["checklist"]))
            if named is None:
                raise here.error(
                    f"{item['checklist']!r} is not an item of meeting.yaml's checklist; its "
                    f"ids are: {', '.join(checklist)}."
                )
            reminders.append(Reminder(named.label, named.hint))
        return tuple(reminders)


@dataclass(frozen=True, slots=True)
class SheetRules:
    """Everything ``sheet.yaml`` holds, checked."""

    reminders: tuple[Reminder, ...] = field(
        metadata=entry(
            Reminders(),
            "the reminders printed, in order: `checklist` (an item id of `meeting.yaml`, whose "
            "label and hint are printed), or `label` and `hint` (no blanks)",
        )
    )


#: The sheet's reminders in use, read once per data folder.
sheet_rules = schema_loader(SheetRules, FILE, closed=True)
