"""The meeting page's "Add to my calendar": the meetings and open follow-ups as an .ics file.

The file (:mod:`infoview_lib.exports.calendar`) is written next to the workbook, readable
by the student only; the panel says where, offers it as a download (in the browser, so it
works in the app and in JupyterLab alike), and says in one line each how Google Calendar,
Outlook and Apple Calendar import it. The time zone is the one used last for this workbook,
else this computer's; the student may pick another.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path
from zoneinfo import available_timezones

import ipywidgets as widgets

from infoview_lib.errors import InfoviewError
from infoview_lib.exports.calendar import ZONE_SETTING, machine_time_zone, write_calendar
from infoview_lib.store import Workbook
from infoview_lib.ui.components import LABEL_STYLE, WIDTH, notice, unreadable
from infoview_lib.ui.page import PanelPage

#: How each calendar app imports the file, one line each.
HOW_TO_IMPORT = (
    ("Google Calendar", "Settings (the gear) → Import & export → Import, and pick the file."),
    (
        "Outlook",
        "File → Open & Export → Import/Export → Import an iCalendar (.ics) file; on the web, "
        "Calendar → Add calendar → Upload from file.",
    ),
    ("Apple Calendar", "File → Import, and pick the file (or open the file)."),
)


def calendar_path(workbook: Path) -> Path:
    """Where the calendar file goes: next to the workbook, named after it.

    >>> calendar_path(Path("/home/ana/infoview/ana.infoview"))
    PosixPath('/home/ana/infoview/ana-calendar.ics')
    """
    return workbook.with_name(f"{workbook.stem}-calendar.ics")


def import_help(target: Path, content: bytes) -> str:
    """The download link and how to import the file into each calendar app, as HTML."""
    data = base64.b64encode(content).decode("ascii")
    name = escape(target.name)
    lines = "".join(f"<li><b>{escape(app)}:</b> {escape(how)}</li>" for app, how in HOW_TO_IMPORT)
    return (
        f'<p><a download="{name}" href="data:text/calendar;charset=utf-8;base64,{data}">'
        f"Download {name}</a> to this computer, then import it:</p><ul>{lines}</ul>"
        "<p>Importing it again later updates your events instead of adding them twice.</p>"
    )


class CalendarPanel:
    """A time zone and an "Add to my calendar" button that writes the .ics file."""

    def __init__(self, page: PanelPage) -> None:
        self.page = page
        self.zone = widgets.Combobox(
            description="Time zone",
            options=sorted(available_timezones()),
            ensure_option=False,
            placeholder="e.g. Europe/Paris",
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.button = widgets.Button(
            description="Add to my calendar",
            tooltip="Write your meetings and follow-ups to a calendar file",
            layout=widgets.Layout(width="16em"),
        )
        self.button.on_click(lambda _: self.write())
        self.status = widgets.HTML()
        self.help = widgets.HTML()
        self.view = widgets.VBox(
            [
                widgets.HTML(
                    "<p>Put your meetings (with a reminder the day before, to confirm) and "
                    "your follow-ups (on the day they are due) in your own calendar.</p>"
                ),
                self.zone,
                self.button,
                self.status,
                self.help,
            ]
        )
        self.zone.value = self._zone_used_last() or machine_time_zone()

    def _zone_used_last(self) -> str | None:
        if not self.page.path.exists():
            return None
        try:
            with Workbook.open(self.page.path) as book:
                return book.setting(ZONE_SETTING)
        except (InfoviewError, OSError):
            return None  # the page says why the workbook cannot be read

    def write(self) -> None:
        """Write the calendar file; say where, and how to import it, or why not."""
        self.help.value = ""
        if not self.page.path.exists():
            self.status.value = notice(
                "info",
                "There is no workbook yet: open notebook 00 (Start here) and save your "
                "profile first.",
            )
            return
        target = calendar_path(self.page.path)
        try:
            with Workbook.open(self.page.path) as book:
                written = write_calendar(
                    book, target, as_of=self.page.today, zone=self.zone.value.strip() or None
                )
        except InfoviewError as error:
            self.status.value = notice("error", f"No calendar file was written: {error}")
            return
        except OSError as error:
            self.status.value = unreadable(error)
            return
        self.status.value = notice(
            "saved",
            f"Your calendar is in {written.path}: {written.meetings} meeting(s) and "
            f"{written.follow_ups} follow-up(s), times in {written.time_zone}.",
        )
        self.help.value = import_help(target, target.read_bytes())
