"""The forms of the guided notebooks: thin ipywidgets views over ``coach`` and ``store``.

A notebook cell is one call, like ``ui.start_here()``. Every form opens the
workbook from :func:`infoview_lib.ui.session.workbook_path`, saves only when its
button is clicked, says on screen whether the save worked, and keeps what the
student typed when it did not.
"""

from infoview_lib.ui.start import start_here

__all__ = ["start_here"]
