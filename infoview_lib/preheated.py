"""Voila's preheated kernels: the page is built for the student who opens it, not before.

``infoview app`` keeps one kernel per notebook started and its notebook run ahead of
the click (Voila's ``preheat_kernel``), so a page opens without waiting for a kernel
to start and for infoview to be imported. A page read ahead would show the workbook
and the day as they were when the kernel started, so every page builder calls
:func:`wait_for_visit` first: on a preheated kernel it waits there, imports done,
until a student opens the page, and the page is then built from the workbook as it
is now. Anywhere else (JupyterLab, a hub, a test, a plain Voila kernel) it returns
at once.
"""

from __future__ import annotations

import os

#: Set by Voila in the environment of the kernels it preheats.
PREHEAT_VARIABLE = "VOILA_PREHEAT"


def wait_for_visit() -> None:
    """On a preheated Voila kernel, wait until a student opens its page (once).

    >>> os.environ.pop(PREHEAT_VARIABLE, None) and None
    >>> wait_for_visit()  # not preheated: returns at once
    """
    if os.environ.get(PREHEAT_VARIABLE) != "True":
        return
    from voila.utils import wait_for_request  # only a preheated kernel needs Voila here

    wait_for_request()
    # The request came: later calls in this kernel (a page built again) must not wait.
    os.environ[PREHEAT_VARIABLE] = "False"


__all__ = ["PREHEAT_VARIABLE", "wait_for_visit"]
