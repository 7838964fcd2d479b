"""A student's first workbook, made from their workshop roster profile the first time they
land on a hub (:func:`ensure_workbook`); it never touches a workbook that exists."""

from __future__ import annotations

import logging
from dataclasses import fields
from pathlib import Path

from infoview_lib.hub.client import configured, me
from infoview_lib.model import StudentProfile
from infoview_lib.store import Workbook

log = logging.getLogger(__name__)


def ensure_workbook(path: Path, *, timeout: float = 3.0) -> bool:
    """Make the student's workbook at ``path`` from their roster profile, if they have none.

    Acts only when there is no file at ``path`` and the hub is configured; the profile is
    that of the first workshop the service lists for the student (by name). Returns
    whether it made the workbook.
    Never raises (a failure is logged at debug level: the student then fills in the
    profile form), and never touches an existing workbook.
    """
    try:
        if path.exists() or path.is_symlink() or not configured():
            return False
        workshops = me(timeout=timeout).get("workshops")
        if not isinstance(workshops, list) or not workshops:
            return False
        given = workshops[0].get("profile") if isinstance(workshops[0], dict) else None
        if not isinstance(given, dict):
            return False
        known = {item.name for item in fields(StudentProfile)}
        profile = StudentProfile(**{key: value for key, value in given.items() if key in known})
        with Workbook.create(path, profile):  # refuses to replace a file made meanwhile
            pass
        return True
    except Exception as error:  # never in the way of the page that asked
        log.debug("no workbook made from the roster: %s", error)
        return False
