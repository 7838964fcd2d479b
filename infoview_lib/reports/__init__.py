"""Advisor reports: a PDF per student, and a cohort's batch with its summary.

Imports are lazy, so ``import infoview_lib.reports`` stays cheap (no
Matplotlib, nbconvert or WeasyPrint until they are used).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from infoview_lib.reports.content import build_report
    from infoview_lib.reports.notebook_view import open_report
    from infoview_lib.reports.sections import report_html
    from infoview_lib.reports.student_report import SECTIONS, StudentReport

_WHERE = {
    "SECTIONS": "student_report",
    "StudentReport": "student_report",
    "build_report": "content",
    "open_report": "notebook_view",
    "report_html": "sections",
}

__all__ = ["SECTIONS", "StudentReport", "build_report", "open_report", "report_html"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"infoview_lib.reports.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
