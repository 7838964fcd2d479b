"""Things owed to a contact after outreach or a meeting."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from infoview_lib.model.choices import FollowUpChannel, FollowUpKind, FollowUpStatus
from infoview_lib.model.labels import label
from infoview_lib.model.validation import checking


@dataclass(frozen=True, kw_only=True, slots=True)
class FollowUp:
    """A thank-you, an update or a nudge, due on a given day."""

    id: int | None = None
    contact_id: int
    kind: FollowUpKind
    due_on: date
    channel: FollowUpChannel = dataclasses.field(
        default=FollowUpChannel.EMAIL, metadata=label("Send it as")
    )
    status: FollowUpStatus = FollowUpStatus.PENDING
    done_on: date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        with checking(self) as check:
            check.record_id("id")
            check.record_id("contact_id", required="pick who the follow-up is for.")
            check.choice("kind", FollowUpKind)
            check.day("due_on", required="pick the day it is due.")
            check.choice("channel", FollowUpChannel)
            check.choice("status", FollowUpStatus)
            done = check.day("done_on")
            check.text("note", max_length=1_000, multiline=True)
            check.status_day(
                "done_on",
                done,
                needed=self.status == FollowUpStatus.DONE,
                missing="say which day you did it.",
                stray="but the follow-up is not marked done: mark it done, or clear the date.",
            )
