"""The start page's "Take your work with you": a spreadsheet and a backup of the workbook.

Each button writes its file next to the workbook, named after it and the day
(``ana-2026-03-16.xlsx``, ``ana-backup-2026-03-16.json``), readable by the student only,
and says where it went; making one again the same day replaces that day's file, and
an earlier day's stays. The workbook is only read. Restoring a backup stays a command
(``infoview restore``), which the panel names: it makes a new workbook, which a page
working on this one has no place to show.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import ipywidgets as widgets

from infoview_lib.errors import InfoviewError
from infoview_lib.exports.backup import write_backup
from infoview_lib.exports.spreadsheet import write_xlsx
from infoview_lib.private_files import DISK_FULL, is_disk_full
from infoview_lib.store import Workbook
from infoview_lib.ui.components import notice

_INTRO = (
    "<h3>Take your work with you</h3><p>Your workbook is read by infoview only. Make a "
    "<b>spreadsheet</b> of it to open in Excel, LibreOffice or Google Sheets (a sheet for "
    "your contacts, messages, research notes, meetings, questions, interview logs and "
    "follow-ups), or a <b>backup</b> of everything in it, to keep somewhere safe. Each "
    "goes in the folder of your workbook, readable only by you.</p>"
)


def spreadsheet_path(workbook: Path, today: date) -> Path:
    """Where the spreadsheet of ``workbook`` made on ``today`` goes.

    >>> spreadsheet_path(Path("/home/ana/ana.infoview"), date(2026, 3, 16)).name
    'ana-2026-03-16.xlsx'
    """
    return workbook.with_name(f"{workbook.stem}-{today.isoformat()}.xlsx")


def backup_path(workbook: Path, today: date) -> Path:
    """Where the backup of ``workbook`` made on ``today`` goes.

    >>> backup_path(Path("/home/ana/ana.infoview"), date(2026, 3, 16)).name
    'ana-backup-2026-03-16.json'
    """
    return workbook.with_name(f"{workbook.stem}-backup-{today.isoformat()}.json")


def restore_hint(backup: Path) -> str:
    """How to make a workbook from a backup again (a command, in a terminal)."""
    return f"infoview restore {backup} --out {backup.with_name('restored.infoview')}"


class BackupPanel:
    """Two buttons, each writing a file next to the workbook, and a line saying where."""

    def __init__(self, path: Path, today: date) -> None:
        self.path = path
        self.today = today
        self.spreadsheet_button = widgets.Button(
            description="Make a spreadsheet", layout=widgets.Layout(width="16em")
        )
        self.spreadsheet_button.on_click(lambda _: self.make_spreadsheet())
        self.backup_button = widgets.Button(
            description="Make a backup", layout=widgets.Layout(width="16em")
        )
        self.backup_button.on_click(lambda _: self.make_backup())
        self.status = widgets.HTML()
        self.view = widgets.VBox(
            [
                widgets.HTML(_INTRO),
                widgets.HBox([self.spreadsheet_button, self.backup_button]),
                self.status,
                widgets.HTML(
                    "<p>To make a workbook from a backup again, run "
                    "<code>infoview restore BACKUP --out NEW_WORKBOOK</code> in a terminal: "
                    "it makes a new workbook and never replaces one.</p>"
                ),
            ]
        )

    def make_spreadsheet(self) -> None:
        """Write the XLSX spreadsheet next to the workbook and say where it is."""
        target = spreadsheet_path(self.path, self.today)
        if self._write(lambda book: write_xlsx(book, target, replace=True)):
            self.status.value = notice(
                "saved",
                f"Your spreadsheet is {target}: a sheet per kind of record, readable only "
                "by you. Changes made in it do not come back into your workbook.",
            )

    def make_backup(self) -> None:
        """Write the JSON backup next to the workbook and say where it is and how to use it."""
        target = backup_path(self.path, self.today)
        if self._write(lambda book: write_backup(book, target, replace=True)):
            self.status.value = notice(
                "saved",
                f"Your backup is {target}, readable only by you; keep a copy somewhere "
                f"safe. To make a workbook from it: {restore_hint(target)}",
            )

    def _write(self, write: Callable[[Workbook], Path]) -> bool:
        """Run ``write`` on the workbook, read only; say why if it could not be done."""
        if not self.path.exists():
            self.status.value = notice(
                "info", "There is no workbook yet: fill in your profile above and save it."
            )
            return False
        try:
            with Workbook.read_only(self.path) as book:
                write(book)
        except InfoviewError as error:
            self.status.value = notice("error", str(error))
            return False
        except OSError as error:  # writing the file: a full disk, a folder not ours
            said = DISK_FULL if is_disk_full(error) else error.strerror or str(error)
            where = f" ({error.filename})" if error.filename else ""
            self.status.value = notice("error", f"{said}{where}.")
            return False
        return True


__all__ = ["BackupPanel", "backup_path", "restore_hint", "spreadsheet_path"]
