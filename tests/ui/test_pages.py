"""Every notebook's page, given a workbook it cannot read, says why in plain words."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from infoview_lib import ui
from infoview_lib.store import Workbook
from tests.conftest import bad_workbooks


def _html(widget: widgets.Widget) -> str:
    """The HTML a page shows, in order."""
    own = widget.value if isinstance(widget, widgets.HTML) else ""
    return own + "".join(_html(child) for child in getattr(widget, "children", ()))


@pytest.mark.parametrize("page", sorted(ui.FORMS))
def test_a_page_on_a_workbook_it_cannot_read_shows_the_plain_reason(
    page: str, tmp_path: Path
) -> None:
    for path in bad_workbooks(tmp_path):
        shown = _html(getattr(ui, page)(path))
        assert "Could not read your workbook." in shown, (page, path.name)
        assert path.name in shown
        assert 'role="alert"' in shown
        assert "Traceback" not in shown


def test_the_plain_reason_is_the_store_s_own(tmp_path: Path) -> None:
    empty = tmp_path / "empty.infoview"
    empty.touch()
    with pytest.raises(Exception, match="is an empty file") as refused:
        Workbook.open(empty)
    assert str(refused.value).replace("'", "&#x27;") in _html(ui.plan_meeting(empty))
