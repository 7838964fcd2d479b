"""Workbook operations: every change a student can make, each one typed function that
checks its rule and saves in one transaction, or raises and saves nothing.

The layer between the forms (and the command line, and the workshop hub) and the
workbook: it uses :mod:`infoview_lib.coach` for the numbers and wording and
:class:`~infoview_lib.store.Workbook` to save. The forms call these; no form opens a
transaction of its own for them.

- :mod:`~infoview_lib.workflow.messages`: save a draft, mark it sent, record the reply;
  a sent message is never changed.
- :mod:`~infoview_lib.workflow.meetings`: plan a meeting, change its details, tick its
  checklist, move it, cancel it.
- :mod:`~infoview_lib.workflow.questions`: save a meeting's prepared questions as a set.
- :mod:`~infoview_lib.workflow.interviews`: log what was learned; the meeting is done and
  the contact met.
- :mod:`~infoview_lib.workflow.followups`: add a referral with its reminder; mark a step
  of the dashboard done.
- :mod:`~infoview_lib.workflow.contacts`: add, edit and delete a contact; move one
  forward in the pipeline.
- :mod:`~infoview_lib.workflow.research`: a research note about a person or their
  organisation.
- :mod:`~infoview_lib.workflow.hand_in`: hand the workbook in, to the workshop or as a file.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names, typed; at run time each is loaded when first asked for
    from infoview_lib.workflow.contacts import advance_contact
    from infoview_lib.workflow.followups import STAGE_AFTER, add_referral, complete_action
    from infoview_lib.workflow.hand_in import (
        HAND_IN_ADVICE,
        HAND_IN_SETTING,
        TO_FILE,
        TO_WORKSHOP,
        HandedIn,
        default_hand_in_folder,
        file_slug,
        hand_in_file,
        hand_in_to_workshop,
    )
    from infoview_lib.workflow.messages import (
        MessageSent,
        MessageText,
        mark_sent,
        record_reply,
        save_draft,
    )

#: Where each name this package offers lives. A page imports only the operations it uses:
#: the modules are loaded when a name is first asked for, so that opening a notebook does
#: not load the hand-in's network client, say.
_HOMES = {
    "advance_contact": "contacts",
    "STAGE_AFTER": "followups",
    "add_referral": "followups",
    "complete_action": "followups",
    "HAND_IN_ADVICE": "hand_in",
    "HAND_IN_SETTING": "hand_in",
    "TO_FILE": "hand_in",
    "TO_WORKSHOP": "hand_in",
    "HandedIn": "hand_in",
    "default_hand_in_folder": "hand_in",
    "file_slug": "hand_in",
    "hand_in_file": "hand_in",
    "hand_in_to_workshop": "hand_in",
    "MessageSent": "messages",
    "MessageText": "messages",
    "mark_sent": "messages",
    "record_reply": "messages",
    "save_draft": "messages",
}

__all__ = [
    "HAND_IN_ADVICE",
    "HAND_IN_SETTING",
    "STAGE_AFTER",
    "TO_FILE",
    "TO_WORKSHOP",
    "HandedIn",
    "MessageSent",
    "MessageText",
    "add_referral",
    "advance_contact",
    "complete_action",
    "default_hand_in_folder",
    "file_slug",
    "hand_in_file",
    "hand_in_to_workshop",
    "mark_sent",
    "record_reply",
    "save_draft",
]


def __getattr__(name: str) -> Any:
    """A name of :data:`__all__`, from the module it lives in."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
