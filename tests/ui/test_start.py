# mypy: disable-error-code="arg-type"
"""The first notebook's forms: the profile (which creates the workbook) and the dashboard."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from infoview_lib.model import Contact, FollowUp, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.ui import session
from infoview_lib.ui.start import StartHere
from infoview_lib.ui.unsaved_before import kept_file

TODAY = date(2026, 3, 16)


def _fill(start: StartHere, **values: str) -> None:
    for name, value in values.items():
        start.profile.form.fields[name].widget.value = value


def test_saving_the_profile_creates_a_private_workbook(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    start = StartHere(path, TODAY)
    assert "There is no workbook yet" in start.dashboard.value
    _fill(
        start,
        name="Ana Lima",
        email="ana@example.edu",
        program="BSc Biology",
        graduation_year="2028",
        target_fields="public health, genomics",
    )
    start.profile.form.button.click()
    assert "Saved." in start.profile.form.status.value
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with Workbook.open(path) as book:
        assert book.profile() == StudentProfile(
            name="Ana Lima",
            email="ana@example.edu",
            program="BSc Biology",
            graduation_year=2028,
            target_fields=("public health", "genomics"),
        )
    assert "Ana Lima: 0 contacts, as of 2026-03-16" in start.dashboard.value


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "  ", "enter your name"),
        ("email", "ana@", "email"),
        ("graduation_year", "20x8", "Graduation year"),
        ("graduation_year", "1850", "Graduation year"),
    ],
)
def test_a_bad_entry_is_shown_by_its_field_and_nothing_is_lost(
    tmp_path: Path, field: str, value: str, message: str
) -> None:
    path = tmp_path / "ana.infoview"
    start = StartHere(path, TODAY)
    _fill(start, name="Ana Lima", email="ana@example.edu")
    _fill(start, **{field: value})
    typed = start.profile.form.values()
    start.profile.form.button.click()
    assert not path.exists()
    error = start.profile.form.fields[field].error.value
    assert "Fix this:" in error
    assert message.lower() in error.lower()
    assert "Not saved." in start.profile.form.status.value
    assert "everything you typed is still here" in start.profile.form.status.value
    assert start.profile.form.values() == typed


def test_a_failed_save_keeps_the_input_and_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    start = StartHere(blocker / "ana.infoview", TODAY)
    _fill(start, name="Ana Lima")
    start.profile.form.button.click()
    assert "Not saved." in start.profile.form.status.value
    assert start.profile.form.values()["name"] == "Ana Lima"
    assert "Traceback" not in start.profile.form.status.value


def test_an_existing_workbook_fills_the_form_and_saves_changes(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima", target_fields=("genomics",))):
        pass
    start = StartHere(path, TODAY)
    assert start.profile.form.values()["name"] == "Ana Lima"
    assert start.profile.form.values()["target_fields"] == "genomics"
    _fill(start, program="MSc Genomics")
    start.profile.form.button.click()
    with Workbook.open(path) as book:
        assert book.profile().program == "MSc Genomics"


def test_the_dashboard_marks_overdue_actions_in_words_and_escapes_names(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana <Lima>")) as book:
        wei = book.add(Contact(name="Wei <script>alert(1)</script>", status="met"))
        book.add(FollowUp(contact_id=wei.id or 0, kind="thank_you", due_on="2026-03-13"))
    shown = StartHere(path, TODAY).dashboard.value
    assert "<script>" not in shown
    assert "Wei &lt;script&gt;" in shown
    assert "Ana &lt;Lima&gt;" in shown
    assert "<b>OVERDUE</b>" in shown
    assert "3 days overdue (2026-03-13)" in shown
    assert "Next actions: 1 (1 overdue)" in shown


def test_the_notebooks_find_the_workbook_and_day_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(session.WORKBOOK_VARIABLE, str(tmp_path / "w.infoview"))
    monkeypatch.setenv(session.TODAY_VARIABLE, "2026-03-16")
    start = StartHere()
    assert (start.path, start.today) == (tmp_path / "w.infoview", TODAY)
    monkeypatch.setenv(session.TODAY_VARIABLE, "March")
    with pytest.raises(Exception, match="not a date"):
        session.today()
    monkeypatch.delenv(session.WORKBOOK_VARIABLE)
    assert session.workbook_path() == Path.home() / "infoview" / "my-workbook.infoview"


def _saved_workbook(path: Path) -> None:
    with Workbook.create(path, StudentProfile(name="Ana Lima", email="ana@example.edu")):
        pass


def test_typing_is_kept_in_the_workbook_and_comes_back_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    _saved_workbook(path)
    before = StartHere(path, TODAY)
    _fill(before, program="BSc Biology", target_fields="genomics")
    # The kernel restarts: a new form, built from the workbook alone.
    after = StartHere(path, TODAY)
    form = after.profile.form
    assert form.values()["program"] == "BSc Biology"
    assert form.values()["target_fields"] == "genomics"
    assert form.unsaved is not None
    assert form.unsaved.restored
    assert "Not saved yet." in form.unsaved.note.value
    with Workbook.open(path) as book:
        assert book.profile().program == ""  # kept aside, not saved as the profile


def test_a_profile_typed_before_the_first_save_comes_back_and_no_workbook_is_made(
    tmp_path: Path,
) -> None:
    path = tmp_path / "student" / "ana.infoview"
    before = StartHere(path, TODAY)
    _fill(before, name="Ana Lima", program="BSc Biology")
    assert not path.exists()  # typing never makes a half-made workbook
    kept = kept_file(path)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    after = StartHere(path, TODAY)  # the kernel restarts
    form = after.profile.form
    assert form.unsaved is not None
    assert form.unsaved.restored
    assert (form.values()["name"], form.values()["program"]) == ("Ana Lima", "BSc Biology")
    assert "saved version" not in form.unsaved.note.value  # there is none yet
    assert form.unsaved.put_back.description == "Clear what I typed"
    form.button.click()
    assert "Your workbook is ready" in form.status.value
    assert not kept.exists()
    with Workbook.open(path) as book:
        assert book.profile().program == "BSc Biology"
        assert book.settings("unsaved:") == {}


def test_clearing_a_profile_typed_before_the_first_save_forgets_it(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    _fill(StartHere(path, TODAY), name="Ana Lima")
    again = StartHere(path, TODAY)
    assert again.profile.form.unsaved is not None
    again.profile.form.unsaved.put_back.click()
    assert again.profile.form.values()["name"] == ""
    assert not kept_file(path).exists()
    assert not path.exists()


def test_saving_forgets_the_kept_input(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    _saved_workbook(path)
    start = StartHere(path, TODAY)
    _fill(start, program="BSc Biology")
    start.profile.form.button.click()
    assert "Saved." in start.profile.form.status.value
    with Workbook.open(path) as book:
        assert book.settings("unsaved:") == {}
    again = StartHere(path, TODAY)
    assert again.profile.form.unsaved is not None
    assert not again.profile.form.unsaved.restored
    assert again.profile.form.values()["program"] == "BSc Biology"


def test_putting_back_the_saved_version_forgets_what_was_typed(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    _saved_workbook(path)
    _fill(StartHere(path, TODAY), name="Ana L.")
    start = StartHere(path, TODAY)
    keeper = start.profile.form.unsaved
    assert keeper is not None
    assert start.profile.form.values()["name"] == "Ana L."
    keeper.put_back.click()
    assert start.profile.form.values()["name"] == "Ana Lima"
    assert not keeper.restored
    with Workbook.open(path) as book:
        assert book.settings("unsaved:") == {}
    assert StartHere(path, TODAY).profile.form.values()["name"] == "Ana Lima"


def test_typing_back_the_saved_text_leaves_nothing_kept(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    _saved_workbook(path)
    start = StartHere(path, TODAY)
    _fill(start, name="Ana L.")
    _fill(start, name="Ana Lima")
    with Workbook.open(path) as book:
        assert book.settings("unsaved:") == {}


def test_the_dashboard_suggests_first_messages_before_anything_is_due(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Wei <Ng>", priority="high"))
    start = StartHere(path, TODAY)
    shown = start.dashboard.value
    assert "Nothing has a due day yet." in shown
    assert "Also worth doing (no set day)" in shown
    assert "Write a first message: Wei &lt;Ng&gt;" in shown
    assert "Wei <Ng>" not in shown


def test_the_dashboard_hands_the_saved_work_in_and_says_when(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = tmp_path / "ana.infoview"
    start = StartHere(path, TODAY)
    start.hand_in.button.click()
    assert "There is no workbook yet" in start.hand_in.status.value
    with Workbook.create(path, StudentProfile(name="Ana Lima")):
        pass
    start.refresh()
    assert "You have not handed in yet." in start.hand_in.last.value
    start.hand_in.button.click()
    saved = tmp_path / "home" / "infoview" / "hand-ins" / "ana-lima-2026-03-16.infoview"
    assert "Handed in:" in start.hand_in.status.value
    assert str(saved) in start.hand_in.status.value
    assert "send it only to them" in start.hand_in.status.value
    assert "Last handed in on 2026-03-16" in start.hand_in.last.value
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    with Workbook.read_only(saved) as handed:
        assert handed.profile().name == "Ana Lima"
