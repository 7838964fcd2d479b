"""Unsaved input kept in the workbook: choices, dates, pauses in typing, and records."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest

from infoview_lib.model import StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.ui import unsaved_before
from infoview_lib.ui.components import Form, choice_field, text_field
from infoview_lib.ui.fields import date_field
from infoview_lib.ui.unsaved import decode, encode


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")):
        pass
    return path


def _form(path: Path, options: list[tuple[str, int | None]]) -> Form:
    form = Form(
        [
            text_field("note", "Note"),
            choice_field("pick", "Pick", options, None),
            date_field("day", "Day"),
        ],
        lambda values: "saved",
    )
    form.keep_unsaved(path, "test")
    form.unsaved.show("record-1")  # type: ignore[union-attr]
    return form


def test_text_choices_and_dates_come_back_as_they_were(path: Path) -> None:
    options = [("None yet", None), ("Ana", 1), ("Ben", 2)]
    form = _form(path, options)
    form.fields["note"].widget.value = "call on Tuesday"
    form.fields["pick"].widget.value = 2
    form.fields["day"].widget.value = date(2026, 3, 20)
    again = _form(path, options)
    assert again.values() == {"note": "call on Tuesday", "pick": 2, "day": date(2026, 3, 20)}


def test_a_choice_that_has_gone_keeps_the_saved_one(path: Path) -> None:
    form = _form(path, [("None yet", None), ("Ana", 1), ("Ben", 2)])
    form.fields["note"].widget.value = "ask about labs"
    form.fields["pick"].widget.value = 2
    again = _form(path, [("None yet", None), ("Ana", 1)])  # Ben was removed
    assert again.values()["pick"] is None
    assert again.values()["note"] == "ask about labs"


def test_each_record_keeps_its_own_input(path: Path) -> None:
    form = _form(path, [("None yet", None)])
    form.fields["note"].widget.value = "for the first"
    form.set_values({"note": ""})
    form.unsaved.show("record-2")  # type: ignore[union-attr]
    assert form.values()["note"] == ""
    form.fields["note"].widget.value = "for the second"
    form.set_values({"note": ""})
    assert form.unsaved.show("record-1")  # type: ignore[union-attr]
    assert form.values()["note"] == "for the first"


def test_in_a_kernel_it_waits_for_a_pause_in_typing(path: Path) -> None:
    async def typing() -> dict[str, str]:
        form = _form(path, [("None yet", None)])
        for text in ("c", "ca", "cal", "call"):
            form.fields["note"].widget.value = text
        with Workbook.open(path) as book:
            before = book.settings("unsaved:")
        await asyncio.sleep(1.2)
        return before

    before = asyncio.run(typing())
    assert before == {}
    with Workbook.open(path) as book:
        kept = book.settings("unsaved:")
    assert list(kept) == ["unsaved:test:record-1"]
    assert '"note": "call"' in kept["unsaved:test:record-1"]


def test_a_workbook_that_cannot_be_written_does_not_stop_the_typing(path: Path) -> None:
    form = _form(path, [("None yet", None)])
    path.unlink()
    path.mkdir()  # something that is no workbook now stands where it was
    form.fields["note"].widget.value = "still typing"
    assert form.values()["note"] == "still typing"


def test_values_are_stored_as_plain_json_data() -> None:
    assert encode((date(2026, 1, 2), None)) == [{"date": "2026-01-02"}, None]
    assert decode({"date": "2026-01-02"}, text_field("x", "X").widget) == date(2026, 1, 2)


def test_false_and_the_nothing_entry_are_told_apart() -> None:
    from infoview_lib.ui.components import NOTHING

    widget = choice_field("x", "X", [("Not asked", NOTHING), ("Yes", True), ("No", False)], NOTHING)
    assert decode(False, widget.widget) is False
    assert decode(0, widget.widget) == NOTHING


def test_typing_before_the_workbook_exists_is_kept_beside_it_then_read_from_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "later.infoview"  # no workbook yet
    form = _form(path, [("None yet", None)])
    form.fields["note"].widget.value = "before the first save"
    assert not path.exists()
    assert form.unsaved is not None
    assert form.unsaved.kept_records() == ["record-1"]
    with Workbook.create(path, StudentProfile(name="Ana Lima")):
        pass  # saved elsewhere (another form): what was typed here still comes back
    again = _form(path, [("None yet", None)])
    assert again.values()["note"] == "before the first save"
    assert again.unsaved is not None
    assert again.unsaved.restored
    again.submit()
    assert not unsaved_before.kept_file(path).exists()
    assert again.unsaved.kept_records() == []


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"unsaved:test:record-1": 3}'])
def test_a_damaged_file_of_early_typing_is_read_as_nothing_kept(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "later.infoview"
    unsaved_before.kept_file(path).write_text(content, encoding="utf-8")
    form = _form(path, [("None yet", None)])
    assert form.values()["note"] == ""
    assert form.unsaved is not None
    assert not form.unsaved.restored
    form.fields["note"].widget.value = "typed again"  # and it is written whole again
    assert (
        unsaved_before.read(path, "unsaved:test:record-1")
        == '{"day": null, "note": "typed again", "pick": null}'
    )
