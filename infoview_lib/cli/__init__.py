"""The ``infoview`` command: a thin layer over the Python API, one module per group of
commands (``workbook``: init, status, next, demo; ``check``; ``messages``; ``reports``:
report, cohort; ``workshop``: hand-in, workshop; ``app``: app, lab), with the options
they share in ``options`` and :func:`main` in ``main``."""

from __future__ import annotations

from infoview_lib.cli.main import cli, main

__all__ = ["cli", "main"]
