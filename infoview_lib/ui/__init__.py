"""The forms of the guided notebooks: thin ipywidgets views over ``coach``, ``store`` and
the workbook operations of :mod:`infoview_lib.workflow`.

A notebook cell is one call, like ``ui.start_here()``. Every form opens the
workbook from :func:`infoview_lib.ui.session.workbook_path`, saves only when its
button is clicked, through a workbook operation that checks the rule and saves in one
transaction (no form opens a transaction of its own), says on screen whether the save
worked, and keeps what the student typed when it did not. Each page is a
:class:`~infoview_lib.ui.page.Page` (its workbook and day, a quiet flag, reading the
workbook with one wording for one that cannot be read); the fields and labels pages share
(a record's field made from the label its record declares, a contact or a meeting in a
list, a date picker, a time of day read the same everywhere) are in
:mod:`infoview_lib.ui.fields`, so no page imports another.

Each form lives in its own module and is imported only when a notebook asks for it.
A page that cannot be built (its workbook is damaged, say) shows why, in plain words.

On a hub with a workshop service, building any page also starts the kernel's progress
reporter (once): :func:`infoview_lib.hub.progress_reporter.start_progress_reporter`.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

#: The call each notebook makes, and the module that holds it.
FORMS = {
    "start_here": "infoview_lib.ui.start",
    "pick_contacts": "infoview_lib.ui.contacts",
    "draft_outreach": "infoview_lib.ui.outreach",
    "prepare_questions": "infoview_lib.ui.questions",
    "plan_meeting": "infoview_lib.ui.meeting",
    "follow_up": "infoview_lib.ui.followup",
}

__all__ = sorted(FORMS)


def __getattr__(name: str) -> Any:
    if name in FORMS:
        from infoview_lib.preheated import quiet_until_visited

        quiet_until_visited()  # a preheated kernel stopped while importing ends quietly
        from infoview_lib.hub.progress_reporter import start_progress_reporter
        from infoview_lib.ui.components import guarded_page
        from infoview_lib.ui.session import workbook_path

        # Asked at each look: the reporter follows the workbook the pages open.
        start_progress_reporter(workbook_path)  # only on a hub; never raises
        return guarded_page(getattr(import_module(FORMS[name]), name))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
