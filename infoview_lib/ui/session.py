"""Which workbook the notebooks open, and which day it is, without the student typing either.

Every notebook opens the same workbook: ``$INFOVIEW_WORKBOOK`` when a workshop or
a test sets it, else ``~/infoview/my-workbook.infoview``. ``$INFOVIEW_TODAY``
(YYYY-MM-DD) fixes the day for tests and demonstrations; otherwise it is today.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from infoview_lib.errors import InfoviewError
from infoview_lib.model import iso_day

#: Set to a workbook's path to open that one in every notebook.
WORKBOOK_VARIABLE = "INFOVIEW_WORKBOOK"
#: Set to a day (YYYY-MM-DD) to make the notebooks behave as on that day.
TODAY_VARIABLE = "INFOVIEW_TODAY"
#: Where a student's workbook lives when nothing else is said.
DEFAULT_WORKBOOK = Path("infoview") / "my-workbook.infoview"


def workbook_path() -> Path:
    """The workbook the notebooks open.

    >>> import os
    >>> os.environ[WORKBOOK_VARIABLE] = "/tmp/ana.infoview"
    >>> str(workbook_path())
    '/tmp/ana.infoview'
    >>> del os.environ[WORKBOOK_VARIABLE]
    """
    chosen = os.environ.get(WORKBOOK_VARIABLE, "").strip()
    return Path(chosen).expanduser() if chosen else Path.home() / DEFAULT_WORKBOOK


def today() -> date:
    """The day the notebooks count from: ``$INFOVIEW_TODAY`` if set, else today."""
    chosen = os.environ.get(TODAY_VARIABLE, "").strip()
    if not chosen:
        return date.today()
    try:
        return iso_day(chosen)
    except ValueError:
        raise InfoviewError(
            f"{TODAY_VARIABLE} is set to {chosen!r}, which is not a date: write it like "
            "2026-03-16, or unset it."
        ) from None


def hub_server_prefix() -> str | None:
    """The address of the student's own server on a JupyterHub (``/user/NAME/``), or None
    off a hub; the hub sets it for the server, and its kernels inherit it.

    >>> import os
    >>> os.environ["JUPYTERHUB_SERVICE_PREFIX"] = "/user/ana/"
    >>> hub_server_prefix()
    '/user/ana/'
    >>> del os.environ["JUPYTERHUB_SERVICE_PREFIX"]
    >>> hub_server_prefix() is None
    True
    """
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "").strip()
    return prefix if prefix.startswith("/") and prefix.endswith("/") else None
