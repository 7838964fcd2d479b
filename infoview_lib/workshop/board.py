"""The workshop board as a table for a terminal: where each student is, not started first.

:func:`board_table` takes the service's ``GET workshops/{ws}/board`` reply as it is. A
student "has not started" when they sent no progress, or progress with nothing in it
(no contact, draft, message, question or meeting: a workbook made from the roster and
never used). Names are the students' own text: shown as text, with any control
character (a terminal escape, say) replaced, never interpreted.

>>> reply = {"workshop": "spring", "students": [
...     {"user": "s1", "name": "Ana Lima", "handed_in_at": None,
...      "progress": {"contacts": {"identified": 2, "contacted": 1}, "drafts_written": 1,
...                   "drafts_ready": 1, "messages_sent": 1, "questions_prepared": 5,
...                   "meetings_planned": 0, "meetings_done": 0,
...                   "last_saved_at": "2026-03-16T10:40:00Z"}},
...     {"user": "s2", "name": "Ben Okafor", "progress": None, "handed_in_at": None}]}
>>> [row[0] for row in board_rows(reply)]
['Ben Okafor', 'Ana Lima']
>>> board_rows(reply)[0][2], board_rows(reply)[1][2]
('not started', '2 id 1 con')
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from infoview_lib.hub.service.contract import PROGRESS_COUNTS
from infoview_lib.model import PipelineStatus

__all__ = ["HEADINGS", "STAGE_SHORT", "board_rows", "board_table", "not_started", "terminal_text"]

#: Each stage's short name in the table's contacts column.
STAGE_SHORT = {
    PipelineStatus.IDENTIFIED.value: "id",
    PipelineStatus.CONTACTED.value: "con",
    PipelineStatus.SCHEDULED.value: "sch",
    PipelineStatus.MET.value: "met",
    PipelineStatus.THANKED.value: "thx",
    PipelineStatus.KEEPING_IN_TOUCH.value: "kit",
    PipelineStatus.DECLINED.value: "dec",
    PipelineStatus.NO_REPLY.value: "nr",
}
#: The table's columns.
HEADINGS = (
    "Student",
    "User",
    "Contacts",
    "Drafts/ready",
    "Sent",
    "Questions",
    "Meetings/done",
    "Last activity",
    "Handed in",
)


def terminal_text(value: object, limit: int = 40) -> str:
    """``value`` as one line of plain text for a terminal: control characters replaced,
    cut at ``limit`` characters.

    >>> terminal_text("Ana\\x1b[31m Lima\\n")
    'Ana?[31m Lima?'
    """
    text = "" if value is None else str(value)
    shown = "".join("?" if unicodedata.category(char)[0] == "C" else char for char in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def not_started(progress: object) -> bool:
    """Whether a student's progress says they have not started (none sent, or all zero)."""
    if not isinstance(progress, Mapping):
        return True
    contacts = progress.get("contacts")
    stages = contacts.values() if isinstance(contacts, Mapping) else ()
    return not any(_count(value) for value in stages) and not any(
        _count(progress.get(key)) for key in PROGRESS_COUNTS
    )


def _when(value: object) -> str:
    """A service time (UTC) as this computer's local time, to the minute; else as sent."""
    if not isinstance(value, str) or not value:
        return "-"
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return terminal_text(value, 25)
    if when.tzinfo is not None:
        when = when.astimezone()
    return f"{when:%Y-%m-%d %H:%M}"


def _contacts(progress: Mapping[str, Any]) -> str:
    contacts = progress.get("contacts")
    if not isinstance(contacts, Mapping):
        return "-"
    parts = [
        f"{_count(contacts.get(stage))} {short}"
        for stage, short in STAGE_SHORT.items()
        if _count(contacts.get(stage))
    ]
    return " ".join(parts) or "0"


def _waiting(student: Mapping[str, Any]) -> bool:
    """Not started: no progress worth the name, and never handed in."""
    return not_started(student.get("progress")) and not student.get("handed_in_at")


def board_rows(reply: Mapping[str, Any]) -> list[tuple[str, ...]]:
    """The table's rows: students who have not started first, then the others, each in
    the roster's order."""
    students = [s for s in reply.get("students") or () if isinstance(s, Mapping)]
    waiting = [s for s in students if _waiting(s)]
    going = [s for s in students if not _waiting(s)]
    rows: list[tuple[str, ...]] = []
    for student in waiting + going:
        progress = student.get("progress")
        name = terminal_text(student.get("name"))
        user = terminal_text(student.get("user"), 32)
        handed = _when(student.get("handed_in_at"))
        if not isinstance(progress, Mapping) or _waiting(student):
            seen = progress.get("last_saved_at") if isinstance(progress, Mapping) else None
            said = "not started" if _waiting(student) else "-"
            rows.append((name, user, said, "", "", "", "", _when(seen), handed))
            continue
        rows.append(
            (
                name,
                user,
                _contacts(progress),
                f"{_count(progress.get('drafts_written'))}/{_count(progress.get('drafts_ready'))}",
                str(_count(progress.get("messages_sent"))),
                str(_count(progress.get("questions_prepared"))),
                f"{_count(progress.get('meetings_planned'))}/{_count(progress.get('meetings_done'))}",
                _when(progress.get("last_saved_at")),
                handed,
            )
        )
    return rows


def _width(text: str) -> int:
    """How many columns ``text`` takes in a terminal (wide characters take two)."""
    return sum(
        0
        if unicodedata.combining(char)
        else 2
        if unicodedata.east_asian_width(char) in ("W", "F")
        else 1
        for char in text
    )


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def board_table(reply: Mapping[str, Any]) -> str:
    """The board as lines of text: a heading line, the table and a key to the stages."""
    rows = board_rows(reply)
    students = len(rows)
    waiting = sum(row[2] == "not started" for row in rows)
    handed = sum(row[-1] != "-" for row in rows)
    name = terminal_text(reply.get("workshop"), 64)
    lines = [
        f"{name}: {students} student{'' if students == 1 else 's'}, {waiting} not started, "
        f"{handed} handed in"
    ]
    if not rows:
        lines.append("No students on the roster yet: add them with `infoview workshop create`.")
        return "\n".join(lines)
    table: Sequence[tuple[str, ...]] = [HEADINGS, *rows]
    widths = [max(_width(row[column]) for row in table) for column in range(len(HEADINGS))]
    for row in table:
        lines.append("  ".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True)))
    lines.append(
        "Contacts: "
        + ", ".join(f"{short} = {stage.replace('_', ' ')}" for stage, short in STAGE_SHORT.items())
        + ". Times are this computer's."
    )
    return "\n".join(line.rstrip() for line in lines)
