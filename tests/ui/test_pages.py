"""Every notebook's page, given a workbook it cannot read, says why in plain words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import ipywidgets as widgets
import pytest

from infoview_lib import ui
from infoview_lib.model import StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.ui.followup import AfterTheMeeting
from infoview_lib.ui.meeting import PlanMeeting
from infoview_lib.ui.start import StartHere
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


def test_a_workbook_damaged_after_the_page_opened_is_explained_on_refresh(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")):
        pass
    start = StartHere(path, date(2026, 3, 16))
    meeting = PlanMeeting(path, date(2026, 3, 16))
    after = AfterTheMeeting(path, date(2026, 3, 16))
    path.unlink()
    path.write_text("copied over by mistake", encoding="utf-8")
    start.refresh_button.click()
    meeting.refresh()
    after.refresh()
    after.refresh_actions()
    for shown in (
        start.dashboard.value,
        meeting.intro.value,
        after.intro.value,
        _html(after.actions),
    ):
        assert "Could not read your workbook." in shown
        assert "is not an infoview workbook" in shown
