"""Errors opening or changing a workbook, each with a way out for the user."""

from __future__ import annotations

from pathlib import Path

from infoview_lib.errors import InfoviewError


class WorkbookError(InfoviewError):
    """Something is wrong with a workbook file, or with what was asked of it."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        super().__init__(message)


class WorkbookMissing(WorkbookError):
    """There is no file where the workbook should be."""


class WorkbookExists(WorkbookError):
    """A new workbook would overwrite a file that is already there."""


class NotAWorkbook(WorkbookError):
    """The file is not an infoview workbook (empty, another kind of file, another database)."""


class WorkbookCorrupt(WorkbookError):
    """The file says it is a workbook but cannot be read."""


class WorkbookTooNew(WorkbookError):
    """The workbook was written by a newer infoview than this one."""


class WorkbookBusy(WorkbookError):
    """Another program kept the workbook locked for too long."""


class RecordNotFound(WorkbookError):
    """A record asked for by its number is not in the workbook."""
