"""What every page of the notebooks shares: its workbook's path and day, a quiet flag for
the changes a page makes to its own widgets, reading the workbook (with one wording for a
workbook that cannot be read), and going to another record with the unsaved-changes
check, with each form showing what was typed for that record and not saved."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

import ipywidgets as widgets

from infoview_lib.errors import InfoviewError
from infoview_lib.store import Workbook
from infoview_lib.ui import session
from infoview_lib.ui.components import Confirmation, Form, Quiet, unreadable

T = TypeVar("T")


def fill_for(form: Form, blank: Mapping[str, Any], record: str) -> None:
    """Show ``form`` empty for ``record``, with what was typed for it and not saved; a form
    still showing ``record`` keeps what is in it."""
    if form.unsaved is None or form.unsaved.record == record:
        return
    form.set_values(blank)
    form.unsaved.show(record)


class Page:
    """A notebook's page: the workbook at ``path`` (default: the session's), as of ``today``
    (default: the session's day)."""

    def __init__(self, path: Path | None = None, today: date | None = None) -> None:
        self.path = path or session.workbook_path()
        self.today = today or session.today()
        self.quiet = Quiet()

    def read(self, shown_in: widgets.HTML, action: Callable[[Workbook], T]) -> T | None:
        """What ``action`` reads from the workbook, all in one consistent snapshot; when the
        workbook cannot be read, ``None``, and ``shown_in`` says why in plain words."""
        try:
            with Workbook.open(self.path) as book, book.snapshot():
                return action(book)
        except (InfoviewError, OSError) as error:
            shown_in.value = unreadable(error)
            return None

    def switch(
        self,
        confirm: Confirmation,
        widget: Any,
        change: Mapping[str, Any],
        show: Callable[[Any], None],
        *,
        unsaved: bool,
        discard: Callable[[], None],
        message: str,
    ) -> None:
        """Go to what the student picked in ``widget``; with ``unsaved`` changes, ask first
        with ``message`` by ``confirm``; going ahead calls ``discard``."""

        def go(choice: Any) -> None:
            if unsaved:  # the student chose to discard the changes: they are not kept either
                discard()
            show(choice)

        confirm.switch(widget, change, go, quiet=self.quiet, unsaved=unsaved, message=message)


class PanelPage(Protocol):
    """What a panel takes from the page it is part of: the workbook's path, the day, and
    the quiet flag set while the page, not the student, changes its widgets."""

    path: Path
    today: date
    quiet: Quiet
