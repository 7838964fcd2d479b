"""What every page of the notebooks shares: its workbook's path and day, a quiet flag for
the changes a page makes to its own widgets, and reading the workbook with one wording for
a workbook that cannot be read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

import ipywidgets as widgets

from infoview_lib.errors import InfoviewError
from infoview_lib.store import Workbook
from infoview_lib.ui import session
from infoview_lib.ui.components import Quiet, unreadable

T = TypeVar("T")


class Page:
    """A notebook's page: the workbook at ``path`` (default: the session's), as of ``today``
    (default: the session's day)."""

    def __init__(self, path: Path | None = None, today: date | None = None) -> None:
        self.path = path or session.workbook_path()
        self.today = today or session.today()
        self._quiet = Quiet()

    def read(self, shown_in: widgets.HTML, action: Callable[[Workbook], T]) -> T | None:
        """What ``action`` reads from the workbook, all in one consistent snapshot; when the
        workbook cannot be read, ``None``, and ``shown_in`` says why in plain words."""
        try:
            with Workbook.open(self.path) as book, book.snapshot():
                return action(book)
        except (InfoviewError, OSError) as error:
            shown_in.value = unreadable(error)
            return None
