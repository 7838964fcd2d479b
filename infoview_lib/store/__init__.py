"""The student's workbook: one private SQLite file, changed only in whole transactions."""

from infoview_lib.store.deletion import Deletion
from infoview_lib.store.errors import (
    NotAWorkbook,
    RecordNotFound,
    WorkbookBusy,
    WorkbookCorrupt,
    WorkbookError,
    WorkbookExists,
    WorkbookMissing,
    WorkbookTooNew,
)
from infoview_lib.store.summary import DueFollowUp, StatusSummary, status_summary, when_due
from infoview_lib.store.workbook import Workbook

__all__ = [
    "Deletion",
    "DueFollowUp",
    "NotAWorkbook",
    "RecordNotFound",
    "StatusSummary",
    "Workbook",
    "WorkbookBusy",
    "WorkbookCorrupt",
    "WorkbookError",
    "WorkbookExists",
    "WorkbookMissing",
    "WorkbookTooNew",
    "status_summary",
    "when_due",
]
