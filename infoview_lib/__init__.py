"""infoview: a coaching workbook for informational interviews.

The package is layered; each layer imports only the ones listed before it:

- :mod:`infoview_lib.private_files`: writing a student's data privately (0600 files, 0700
  folders), whole or not at all.
- :mod:`infoview_lib.model`: typed records, validated when built.
- :mod:`infoview_lib.store`: the student's workbook, one SQLite file each.
- :mod:`infoview_lib.coach`: the guide's advice as pure rules returning findings,
  worded from ``data/coaching/``.
- :mod:`infoview_lib.workflow`: workbook operations, every change a student can make as
  one function that checks its rule and saves in one transaction (messages, follow-ups,
  a contact's stage, handing in); the forms and the command line call these.
- :mod:`infoview_lib.ui`: the notebooks' forms; :mod:`infoview_lib.reports`: the advisor's
  reports; :mod:`infoview_lib.workshop`: workshops (the roster).
- :mod:`infoview_lib.sample_cohort`: the bundled, fictional sample cohort.
- :mod:`infoview_lib.cli`: the ``infoview`` command (a module per group of commands), and
  :mod:`infoview_lib.app_server`, the Voila server ``infoview app`` runs.
- :mod:`infoview_lib.hub`: JupyterHub, the workshop service (:mod:`infoview_lib.hub.service`),
  its client and the server extension that serves the app on a hub.
"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is looked up only when asked for: importlib.metadata is slow
    # to import, and every command would pay for it.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("infoview")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
