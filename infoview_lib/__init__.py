"""infoview: a coaching workbook for informational interviews.

The package is layered; each layer imports only the ones listed before it:

- :mod:`infoview_lib.model`: typed records, validated when built.
- :mod:`infoview_lib.store`: the student's workbook, one SQLite file each.
- :mod:`infoview_lib.sample_cohort`: the bundled, fictional sample cohort.
- :mod:`infoview_lib.cli`: the ``infoview`` command.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("infoview")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
