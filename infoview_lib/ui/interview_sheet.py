"""The Print my interview sheet panel (notebooks 03 and 04): the meeting's sheet as a PDF
beside the workbook (:mod:`infoview_lib.reports.sheet`), and a notice saying where it is.

The sheet holds the questions as saved: while the questions on screen have changes not
saved yet, the panel asks the student to save them first and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from infoview_lib.errors import InfoviewError
from infoview_lib.private_files import DISK_FULL, is_disk_full
from infoview_lib.ui.components import notice

#: The button's words.
PRINT = "Print my interview sheet"
#: The paper sizes offered: (shown, given to the sheet).
PAPERS = (("A4", "A4"), ("Letter (US)", "Letter"))


def _never() -> bool:
    return False


class InterviewSheetPanel:
    """A paper size, the Print my interview sheet button, and what became of the sheet.

    ``meeting`` gives the meeting shown (``None`` when there is none); ``unsaved`` tells
    whether the questions on screen have changes not saved yet.
    """

    def __init__(
        self,
        path: Path,
        meeting: Callable[[], int | None],
        *,
        unsaved: Callable[[], bool] = _never,
    ) -> None:
        self.path = path
        self._meeting = meeting
        self._unsaved = unsaved
        self.paper = widgets.Dropdown(options=PAPERS, value="A4", description="Paper")
        self.button = widgets.Button(
            description=PRINT,
            tooltip=(
                "Print my interview sheet: a PDF of this meeting's questions with room to "
                "write, the guide's reminders and room for notes, saved beside your workbook"
            ),
        )
        self.status = widgets.HTML()
        self.button.on_click(lambda _: self.print_sheet())
        self.view = widgets.VBox(
            [
                widgets.HTML(
                    "<p>The guide says to bring paper and pen. Print a sheet with your "
                    "questions in order, room to write under each, and the guide's reminders, "
                    "to take to the meeting.</p>"
                ),
                widgets.HBox([self.paper, self.button]),
                self.status,
            ]
        )

    def print_sheet(self) -> Path | None:
        """Write the meeting's sheet beside the workbook and say where; ``None`` when it
        could not be made (the notice says why)."""
        from infoview_lib.reports.sheet import sheet_file, write_sheet

        meeting_id = self._meeting()
        if meeting_id is None:
            self.status.value = notice(
                "info", "Pick a meeting first: the sheet is for one meeting and its questions."
            )
            return None
        if self._unsaved():
            self.status.value = notice(
                "info",
                "You have changed your questions since they were last saved, and the sheet "
                "prints the saved ones. Click Save my questions, then print the sheet.",
            )
            return None
        target = sheet_file(self.path, meeting_id)
        self.status.value = notice("info", "Making your interview sheet: a few seconds.")
        self.button.disabled = True
        try:
            write_sheet(self.path, meeting_id, target, paper=str(self.paper.value))
        except InfoviewError as error:
            self.status.value = notice("error", str(error))
            return None
        except OSError as error:
            said = DISK_FULL if is_disk_full(error) else str(error.strerror or error)
            self.status.value = notice("error", f"The sheet could not be written: {said}.")
            return None
        finally:
            self.button.disabled = False
        self.status.value = notice(
            "saved",
            f"Your interview sheet is in {target}, beside your workbook. Open it and print "
            "it; take a pen too.",
        )
        return target
