# mypy: disable-error-code="arg-type"
"""The "pick contacts" page: brainstorm, the contact form, the table and the outreach order."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from infoview_lib.coach.contacts import brainstorm_prompts, score_contact
from infoview_lib.model import (
    Contact,
    ContactCategory,
    InvalidRecord,
    Meeting,
    Outreach,
    PipelineStatus,
    Priority,
    StudentProfile,
)
from infoview_lib.model.labels import labels
from infoview_lib.store import Workbook
from infoview_lib.ui import pick_contacts, session
from infoview_lib.ui.components import CSS, NOTHING, html_text
from infoview_lib.ui.contact_form import NEW_CONTACT, NOBODY, ContactForm
from infoview_lib.ui.contact_lists import SORT_CHOICES, sort_contacts
from infoview_lib.ui.contacts import PickContacts

TODAY = date(2026, 3, 16)
HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """An empty workbook for a public-health student."""
    where = tmp_path / "ana.infoview"
    profile = StudentProfile(name="Ana Lima", target_fields=("public health",))
    with Workbook.create(where, profile):
        pass
    return where


def _add(path: Path, *contacts: Contact) -> list[Contact]:
    with Workbook.open(path) as book:
        return [book.add(contact) for contact in contacts]


def _saved(path: Path) -> list[Contact]:
    with Workbook.open(path) as book:
        return book.all(Contact)


def _fill(form: ContactForm, **values: Any) -> None:
    for name, value in values.items():
        form.form.fields[name].widget.value = value


def _shown(widget: Any) -> bool:
    return bool(widget.layout.display != "none")


def _kept(path: Path) -> dict[str, str]:
    """The unsaved input kept in the workbook, by setting."""
    with Workbook.open(path) as book:
        return book.settings("unsaved:")


#: A new contact's form: every field as a new contact starts.
NEW_VALUES = {
    "name": "",
    "category": ContactCategory.OTHER,
    "organisation": "",
    "role": "",
    "field": "",
    "connection": "",
    "email": "",
    "linkedin_url": "",
    "phone": "",
    "notes": "",
    "priority": Priority.MEDIUM,
    "status": PipelineStatus.IDENTIFIED,
    "referred_by": NOTHING,
}


# -- adding --------------------------------------------------------------------------------


def test_adding_a_contact_saves_it_says_so_and_empties_the_form(path: Path) -> None:
    page = PickContacts(path, TODAY)
    form = page.form
    assert "adding a <b>new contact</b>" in form.mode.value
    assert _shown(form.add_button)
    assert not _shown(form.save_button)
    assert not _shown(form.delete_button)
    _fill(
        form,
        name="  Wei Ng ",
        category=ContactCategory.ALUMNI,
        organisation="Riverside Clinic",
        role="Senior Epidemiologist",
        field="public health",
        connection="met at the alumni evening",
        email="wei@example.org",
        linkedin_url="linkedin.com/in/wei-ng",
        phone="+1 555 010 7788",
        notes="Runs the vaccine programme.\nAsk about fieldwork.",
        priority=Priority.HIGH,
    )
    form.add_button.click()

    assert _saved(path) == [
        Contact(
            id=1,
            name="Wei Ng",
            category="alumni",
            organisation="Riverside Clinic",
            role="Senior Epidemiologist",
            field="public health",
            connection="met at the alumni evening",
            email="wei@example.org",
            linkedin_url="https://linkedin.com/in/wei-ng",
            phone="+1 555 010 7788",
            notes="Runs the vaccine programme.\nAsk about fieldwork.",
            priority="high",
        )
    ]
    status = form.form.status.value
    assert "Saved." in status
    assert "Wei Ng is in your list, which now has 1 contact." in status
    assert form.form.values() == NEW_VALUES  # every field as a new contact starts
    assert form.picker.options == ((NEW_CONTACT, NOTHING), ("Wei Ng (Riverside Clinic)", 1))
    assert form.picker.value == NOTHING
    assert "Wei Ng" in page.table.table.value
    assert "Alumni (1 so far)" in page.brainstorm.view.titles
    assert "Wei Ng" in page.order.view.value


def test_a_contact_can_be_referred_by_another(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng", organisation="Helix"))
    page = PickContacts(path, TODAY)
    referrers = page.form.form.fields["referred_by"].widget.options
    assert referrers == ((NOBODY, NOTHING), ("Wei Ng (Helix)", wei.id))
    assert page.form.form.fields["referred_by"].widget.value == NOTHING
    _fill(page.form, name="Kim Park", referred_by=wei.id)
    page.form.add_button.click()
    assert _saved(path)[1].referred_by == wei.id
    assert "Referred by Wei Ng" in page.table.table.value


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "   ", "Full name is empty: enter the person's full name."),
        ("email", "wei@", "is not an email address"),
        ("email", "wei at example.org", "It should look like name@example.org"),
        ("linkedin_url", "https://example.com/wei", "it is not a linkedin.com address"),
        ("linkedin_url", "linkedin", "it is not a complete web address"),
        ("phone", "call me", "does not look like a phone number"),
        ("role", "Manager\tnight shift", "should fit on one line"),
    ],
)
def test_each_error_is_shown_by_its_field_and_nothing_is_lost(
    path: Path, field: str, value: str, message: str
) -> None:
    form = PickContacts(path, TODAY).form
    _fill(form, name="Wei Ng", organisation="Helix", notes="Met at the fair")
    _fill(form, **{field: value})
    typed = form.form.values()
    form.add_button.click()
    assert _saved(path) == []
    error = form.form.fields[field].error.value
    assert "Fix this:" in error
    assert message.replace("'", "&#x27;") in error
    others = [name for name in form.form.fields if name != field]
    assert all(form.form.fields[name].error.value == "" for name in others)
    assert "Not saved." in form.form.status.value
    assert "everything you typed is still here" in form.form.status.value
    assert form.form.values() == typed


def test_several_errors_are_each_shown_by_their_own_field(path: Path) -> None:
    form = PickContacts(path, TODAY).form
    _fill(form, name="", email="nope", linkedin_url="https://twitter.com/wei")
    form.add_button.click()
    for field in ("name", "email", "linkedin_url"):
        assert "Fix this:" in form.form.fields[field].error.value
    # by the button, the notice names them: the first may be off screen, above
    said = form.form.status.value
    assert "Fix what is marked above (Full name, Email, LinkedIn URL)" in said, said
    _fill(form, name="Wei Ng", email="wei@example.org", linkedin_url="")
    form.add_button.click()
    assert all(item.error.value == "" for item in form.form.fields.values())
    assert [contact.name for contact in _saved(path)] == ["Wei Ng"]


def test_without_a_workbook_the_page_says_where_to_start_and_keeps_the_input(
    tmp_path: Path,
) -> None:
    page = PickContacts(tmp_path / "none.infoview", TODAY)
    assert "notebook 00 (Start here)" in page.message.value
    assert "No contacts yet" in page.table.table.value
    _fill(page.form, name="Wei Ng")
    page.form.add_button.click()
    assert "Not saved." in page.form.form.status.value
    assert "notebook 00 (Start here)" in page.form.form.status.value
    assert page.form.form.values()["name"] == "Wei Ng"
    assert not (tmp_path / "none.infoview").exists()


def test_a_failed_write_keeps_the_input_and_says_why(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = PickContacts(path, TODAY)
    _fill(page.form, name="Wei Ng", email="wei@example.org")
    typed = page.form.form.values()

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "add", disk_full)
    page.form.add_button.click()
    status = page.form.form.status.value
    assert "Not saved." in status
    assert "No space left on device" in status
    assert "Traceback" not in status
    assert page.form.form.values() == typed
    monkeypatch.undo()
    assert _saved(path) == []
    page.form.add_button.click()
    assert [contact.name for contact in _saved(path)] == ["Wei Ng"]


def test_a_damaged_workbook_is_explained_not_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.infoview"
    broken.write_text("not a workbook", encoding="utf-8")
    page = PickContacts(broken, TODAY)
    assert "Could not read your workbook." in page.message.value
    assert "is not an infoview workbook" in page.message.value


# -- editing -------------------------------------------------------------------------------


def test_picking_a_contact_fills_the_form_and_saves_only_what_changed(path: Path) -> None:
    wei, kim = _add(
        path,
        Contact(name="Wei Ng", organisation="Helix", email="wei@example.org"),
        Contact(name="Kim Park", category="professor"),
    )
    page = PickContacts(path, TODAY)
    form = page.form
    form.picker.value = wei.id
    assert form.form.values()["email"] == "wei@example.org"
    assert "You are editing <b>Wei Ng</b>" in form.mode.value
    assert (_shown(form.add_button), _shown(form.save_button), _shown(form.delete_button)) == (
        False,
        True,
        True,
    )
    referrers = [value for _, value in form.form.fields["referred_by"].widget.options]
    assert referrers == [NOTHING, kim.id]  # not themself
    with Workbook.open(path) as other_window:
        other_window.edit(Contact, wei.id or 0, notes="From the other window")
    _fill(form, role="Epidemiologist", status=PipelineStatus.CONTACTED, referred_by=kim.id)
    form.save_button.click()
    assert "Your changes to Wei Ng are saved." in form.form.status.value
    with Workbook.open(path) as book:
        saved = book.get(Contact, wei.id or 0)
    assert (saved.role, saved.status, saved.referred_by) == ("Epidemiologist", "contacted", kim.id)
    assert saved.notes == "From the other window"
    assert form.form.values()["notes"] == "From the other window"
    assert "Contacted" in page.table.table.value


def test_renaming_updates_the_picker_and_keeps_editing(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng"))
    form = PickContacts(path, TODAY).form
    form.picker.value = wei.id
    _fill(form, name="Dr. Wei Ng")
    form.save_button.click()
    assert form.picker.value == wei.id
    assert form.picker.options[1] == ("Dr. Wei Ng", wei.id)
    assert "You are editing <b>Dr. Wei Ng</b>" in form.mode.value


def test_saving_with_no_changes_says_so(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng"))
    form = PickContacts(path, TODAY).form
    form.picker.value = wei.id
    form.save_button.click()
    assert "Nothing had changed" in form.form.status.value


def test_a_bad_edit_is_shown_by_its_field_and_kept(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng", email="wei@example.org"))
    form = PickContacts(path, TODAY).form
    form.picker.value = wei.id
    _fill(form, email="wei@", notes="new notes")
    form.save_button.click()
    assert "Fix this:" in form.form.fields["email"].error.value
    assert form.form.values()["email"] == "wei@"
    assert form.form.values()["notes"] == "new notes"
    assert _saved(path)[0].email == "wei@example.org"


def test_editing_a_contact_deleted_elsewhere_says_so_and_keeps_the_input(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng"))
    form = PickContacts(path, TODAY).form
    form.picker.value = wei.id
    with Workbook.open(path) as other_window:
        other_window.delete(Contact, wei.id or 0)
    _fill(form, role="Epidemiologist")
    form.save_button.click()
    assert "Not saved." in form.form.status.value
    assert "no contact number" in form.form.status.value
    assert form.form.values()["role"] == "Epidemiologist"


def test_switching_contacts_keeps_what_was_typed_to_come_back_to(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng"))
    form = PickContacts(path, TODAY).form
    _fill(form, name="Kim Park", email="kim@example.org")
    form.picker.value = wei.id
    assert form.form.values()["name"] == "Wei Ng"
    assert not form.unsaved.restored
    _fill(form, role="Epidemiologist")
    form.picker.value = NOTHING
    assert form.form.values()["name"] == "Kim Park"
    assert form.form.values()["email"] == "kim@example.org"
    assert form.unsaved.restored
    assert "Not saved yet." in form.unsaved.note.value
    form.picker.value = wei.id
    assert form.form.values()["role"] == "Epidemiologist"
    assert form.unsaved.restored


# -- deleting ------------------------------------------------------------------------------


def test_delete_shows_the_impact_and_waits_for_a_second_click(path: Path) -> None:
    wei, kim = _add(path, Contact(name="Wei Ng"), Contact(name="Kim Park"))
    with Workbook.open(path) as book:
        book.edit(Contact, kim.id or 0, referred_by=wei.id)
        book.add(Outreach(contact_id=wei.id or 0, channel="email", body="Hello"))
        book.add(Meeting(contact_id=wei.id or 0, starts_at="2026-03-20T10:00"))
    page = PickContacts(path, TODAY)
    form = page.form
    form.picker.value = wei.id
    assert not _shown(form.confirm_buttons)
    form.delete_button.click()
    assert len(_saved(path)) == 2  # not yet
    assert _shown(form.confirm_buttons)
    assert "<b>Delete Wei Ng?</b>" in form.confirm.value
    assert "also deletes 1 message and 1 meeting" in form.confirm.value
    assert "1 contact linked to it will be kept" in form.confirm.value
    form.confirm_button.click()
    assert [contact.name for contact in _saved(path)] == ["Kim Park"]
    status = form.form.status.value
    assert "Saved." in status
    assert "Wei Ng is deleted, with 1 message and 1 meeting." in status
    assert "1 contact linked to them stay" in status
    assert form.confirm.value == ""
    assert not _shown(form.confirm_buttons)
    assert form.editing is None
    assert form.picker.value == NOTHING
    assert form.picker.options == ((NEW_CONTACT, NOTHING), ("Kim Park", kim.id))
    assert form.form.values()["name"] == ""
    assert "Wei Ng" not in page.table.table.value


def test_delete_can_be_called_off(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng"))
    form = PickContacts(path, TODAY).form
    form.picker.value = wei.id
    form.delete_button.click()
    form.cancel_button.click()
    assert "Nothing was deleted: Wei Ng is still in your list." in form.form.status.value
    assert not _shown(form.confirm_buttons)
    form.confirm_button.click()  # a stray click later deletes nothing
    assert len(_saved(path)) == 1


def test_picking_another_contact_calls_off_a_delete(path: Path) -> None:
    wei, kim = _add(path, Contact(name="Wei Ng"), Contact(name="Kim Park"))
    form = PickContacts(path, TODAY).form
    form.picker.value = wei.id
    form.delete_button.click()
    form.picker.value = kim.id
    assert form.confirm.value == ""
    form.confirm_button.click()
    assert len(_saved(path)) == 2


# -- duplicates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ({"name": "Zoe Muller", "organisation": "helix bio"}, "the same name and organisation"),
        ({"name": "Z. M.", "email": "ZOE@example.org"}, "the same email address"),
        ({"linkedin_url": "linkedin.com/in/zoe-muller/"}, "the same LinkedIn profile"),
    ],
)
def test_a_look_alike_is_flagged_as_the_student_types(
    path: Path, typed: dict[str, str], reason: str
) -> None:
    _add(
        path,
        Contact(
            name="Zoë Müller",
            organisation="Helix Bio",
            email="zoe@example.org",
            linkedin_url="https://www.linkedin.com/in/zoe-muller",
        ),
    )
    form = PickContacts(path, TODAY).form
    assert form.duplicates.value == ""
    _fill(form, **typed)
    shown = form.duplicates.value
    assert "Suggestion:" in shown
    assert "Zoë Müller" in shown
    assert reason in shown
    assert "only a suggestion" in shown
    _fill(form, name=typed.get("name", "Zoe Muller"))
    form.add_button.click()  # a suggestion, not a block
    assert len(_saved(path)) == 2


def test_a_half_typed_email_does_not_stop_the_check(path: Path) -> None:
    _add(path, Contact(name="Wei Ng", organisation="Helix"))
    form = PickContacts(path, TODAY).form
    _fill(form, email="wei@", name="Wei Ng", organisation="Helix")
    assert "the same name and organisation" in form.duplicates.value
    _fill(form, organisation="Riverside")
    assert form.duplicates.value == ""


def test_a_contact_being_edited_is_not_its_own_duplicate(path: Path) -> None:
    wei, _ = _add(path, Contact(name="Wei Ng", email="wei@example.org"), Contact(name="Kim"))
    page = PickContacts(path, TODAY)
    page.form.picker.value = wei.id
    assert page.form.duplicates.value == ""
    _fill(page.form, name="Kim")
    assert "Kim looks like the same person as Kim" in page.form.duplicates.value


def test_the_list_shows_contacts_entered_twice(path: Path) -> None:
    _add(
        path,
        Contact(name="Wei Ng", email="w@example.org"),
        Contact(name="W. Ng", email="w@example.org"),
    )
    page = PickContacts(path, TODAY)
    assert "Possible duplicates in your list" in page.table.duplicates.value
    assert "the same email address" in page.table.duplicates.value


# -- the table -----------------------------------------------------------------------------


def _order(page: PickContacts) -> list[str]:
    html = page.table.table.value
    names = ["Álvaro Díaz", "bea Stone", "Chen Li", "Dana Fox"]
    return sorted((name for name in names if name in html), key=html.index)


def test_the_table_sorts_by_the_chosen_column(path: Path) -> None:
    _add(
        path,
        Contact(name="Chen Li", organisation="Zeta Labs", status="scheduled"),
        Contact(
            name="Dana Fox",
            organisation="alpha Health",
            category="alumni",
            field="public health",
            status="met",
        ),
        Contact(name="bea Stone", status="contacted", priority="high"),
        Contact(name="Álvaro Díaz", organisation="Beta Clinic", category="professor"),
    )
    page = PickContacts(path, TODAY)
    assert page.table.sort.description == "Sort by"
    assert [key for _, key in page.table.sort.options] == [key for _, key in SORT_CHOICES]
    assert _order(page) == ["Dana Fox", "Álvaro Díaz", "bea Stone", "Chen Li"]
    assert "sorted by priority score (best first)" in page.table.table.value
    page.table.sort.value = "name"
    assert _order(page) == ["Álvaro Díaz", "bea Stone", "Chen Li", "Dana Fox"]
    assert "sorted by name (a to z)" in page.table.table.value
    page.table.sort.value = "organisation"
    assert _order(page) == ["Dana Fox", "Álvaro Díaz", "Chen Li", "bea Stone"]
    page.table.sort.value = "status"
    assert _order(page) == ["Álvaro Díaz", "bea Stone", "Chen Li", "Dana Fox"]


def test_the_table_shows_each_score_with_its_reasons(path: Path) -> None:
    (wei,) = _add(
        path,
        Contact(
            name="Wei Ng",
            category="alumni",
            role="Senior Epidemiologist",
            field="Public Health",
            connection="met at the alumni evening",
        ),
    )
    with Workbook.open(path) as book:
        score = score_contact(wei, book.profile())
    html = PickContacts(path, TODAY).table.table.value
    assert f"<td><b>{score.points}</b></td>" in html
    assert len(score.reasons) >= 3
    for reason in score.reasons:
        points = f"{reason.points:+d} point{'' if abs(reason.points) == 1 else 's'}"
        assert f"<li>{points}: {html_text(reason.text)}</li>" in html
    assert "+3 points: Works in public health" in html
    assert "Your 1 contact" in html


def test_sort_contacts_refuses_an_unknown_column() -> None:
    with pytest.raises(ValueError, match="cannot sort by 'age'"):
        sort_contacts([], "age")


def test_hostile_text_is_escaped_everywhere_it_is_shown(path: Path) -> None:
    (evil,) = _add(
        path,
        Contact(
            name=f"Eve {HOSTILE}",
            organisation=f"<b>Org</b> {HOSTILE}",
            role=HOSTILE,
            connection=f"met {HOSTILE}",
            email="eve@example.org",
        ),
    )
    page = PickContacts(path, TODAY)
    form = page.form
    _fill(form, name="Someone", email="eve@example.org")
    form.picker.value = evil.id
    form.delete_button.click()
    _fill(form, name=f"Eve {HOSTILE}")
    form.save_button.click()
    shown = [
        page.table.table.value,
        page.order.view.value,
        *(child.value for child in page.brainstorm.pages),
        form.mode.value,
        form.confirm.value,
        form.form.status.value,
    ]
    for html in shown:
        assert "<script>" not in html
        assert "<b>Org</b>" not in html
    assert ESCAPED in page.table.table.value
    assert ESCAPED in page.order.view.value
    assert ESCAPED in form.mode.value
    assert ESCAPED in form.confirm.value
    assert any(ESCAPED in child.value for child in page.brainstorm.pages)
    form.picker.value = NOTHING
    _fill(form, name=HOSTILE, email="eve@example.org")
    assert "<script>" not in form.duplicates.value
    assert ESCAPED in form.duplicates.value


# -- brainstorming and the outreach order ---------------------------------------------------


def test_the_brainstorm_has_a_labelled_fold_per_category_with_prompts_and_why(path: Path) -> None:
    _add(path, Contact(name="Prof. Ada Obi", category="professor"))
    panel = PickContacts(path, TODAY).brainstorm
    groups = brainstorm_prompts()
    assert len(panel.view.children) == len(groups) == len(ContactCategory)
    assert panel.view.titles[0] == "Alumni (0 so far)"
    professor = [group.category for group in groups].index(ContactCategory.PROFESSOR)
    assert panel.view.titles[professor] == "Professor (1 so far)"
    html = panel.pages[professor].value
    assert "<b>Why:</b>" in html
    assert "Which professor&#x27;s class made you want to work in this field?" in html
    assert "In your list so far (1):</b> Prof. Ada Obi" in html
    assert "nobody yet" in panel.pages[0].value


def test_the_outreach_order_says_who_starts_now_and_why_others_wait(path: Path) -> None:
    _add(
        path,
        *(
            Contact(name=f"Helix person {n}", organisation="Helix", category="alumni")
            for n in (1, 2, 3)
        ),
        Contact(name="Already written", organisation="Zeta", status="contacted"),
        Contact(name="Met already", status="met"),
    )
    html = PickContacts(path, TODAY).order.view.value
    assert "You already have 1 contact in play" in html
    assert "<h3>Start now (2), best first</h3>" in html
    assert "<h3>Later (1)</h3>" in html
    start, later = html.split("<h3>Later")
    assert "Helix person 1" in start
    assert "Helix person 2" in start
    assert "Helix person 3" in later
    assert "Waits: you already have 2 people at Helix in play" in later
    assert "Met already" not in html


def test_the_outreach_order_when_nobody_is_waiting(path: Path) -> None:
    assert "Nobody on your list is waiting" in PickContacts(path, TODAY).order.view.value
    _add(path, Contact(name="Wei Ng", status="scheduled"))
    html = PickContacts(path, TODAY).order.view.value
    assert "You already have 1 contact in play" in html
    assert "Nobody on your list is waiting" in html


# -- the notebook call ----------------------------------------------------------------------


def test_pick_contacts_uses_the_workbook_from_the_environment(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(path, Contact(name="Wei Ng"))
    monkeypatch.setenv(session.WORKBOOK_VARIABLE, str(path))
    monkeypatch.setenv(session.TODAY_VARIABLE, TODAY.isoformat())
    page = PickContacts()
    assert (page.path, page.today) == (path, TODAY)
    view = pick_contacts()
    assert "<style>" in view.children[0].value
    assert pick_contacts(str(path), TODAY) is not None


def test_every_input_has_a_visible_label(path: Path) -> None:
    page = PickContacts(path, TODAY)
    inputs = [page.form.picker, page.table.sort]
    inputs += [item.widget for item in page.form.form.fields.values()]
    assert all(widget.description.strip() for widget in inputs)
    buttons = [page.form.add_button, page.form.save_button, page.form.delete_button]
    buttons += [page.form.confirm_button, page.form.cancel_button, page.refresh_button]
    assert all(button.description and not button.icon for button in buttons)


def test_reload_picks_up_changes_made_elsewhere_and_keeps_the_typing(path: Path) -> None:
    page = PickContacts(path, TODAY)
    _fill(page.form, name="Half typed")
    _add(path, Contact(name="From the other notebook"))
    page.refresh_button.click()
    assert "From the other notebook" in page.table.table.value
    assert page.form.form.values()["name"] == "Half typed"


# -- every field of a new contact starts at its default ---------------------------------------


def test_the_new_contact_form_starts_as_a_new_contact_does() -> None:
    model = Contact(name="Someone")
    assert {name: getattr(model, name) for name in NEW_VALUES if name != "name"} == {
        **{name: value for name, value in NEW_VALUES.items() if name != "name"},
        "referred_by": None,  # "Nobody", shown as NOTHING in the drop-down
    }


def test_after_adding_every_field_is_back_to_its_default(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng"))
    page = PickContacts(path, TODAY)
    form = page.form
    assert form.form.values() == NEW_VALUES
    _fill(
        form,
        name="Kim Park",
        category=ContactCategory.FAMILY_FRIEND,
        organisation="Helix",
        role="Analyst",
        field="genomics",
        connection="my aunt's colleague",
        email="kim@example.org",
        linkedin_url="https://www.linkedin.com/in/kim-park",
        phone="+1 555 010 7788",
        notes="Ask about the lab.",
        priority=Priority.HIGH,
        status=PipelineStatus.CONTACTED,
        referred_by=wei.id,
    )
    form.add_button.click()
    assert "Kim Park is in your list" in form.form.status.value
    assert form.form.values() == NEW_VALUES
    _fill(form, name="Lee Chan")
    form.add_button.click()
    assert _saved(path)[-1] == Contact(id=3, name="Lee Chan")  # nothing carried over


def test_after_deleting_every_field_is_back_to_its_default(path: Path) -> None:
    wei, kim = _add(
        path,
        Contact(name="Wei Ng"),
        Contact(
            name="Kim Park",
            category="professor",
            priority="high",
            status="contacted",
            organisation="Helix",
        ),
    )
    with Workbook.open(path) as book:
        book.edit(Contact, kim.id or 0, referred_by=wei.id)
    form = PickContacts(path, TODAY).form
    form.picker.value = kim.id
    form.delete_button.click()
    form.confirm_button.click()
    assert "Kim Park is deleted" in form.form.status.value
    assert form.form.values() == NEW_VALUES


# -- "Nobody" and "New contact" are never an empty box --------------------------------------


def test_none_yet_entries_are_never_none(path: Path) -> None:
    wei, kim = _add(path, Contact(name="Wei Ng"), Contact(name="Kim Park"))
    with Workbook.open(path) as book:
        book.edit(Contact, kim.id or 0, referred_by=wei.id)
    form = PickContacts(path, TODAY).form
    referred_by = form.form.fields["referred_by"].widget
    assert (form.picker.value, referred_by.value) == (NOTHING, NOTHING)
    assert None not in [value for _, value in form.picker.options]
    assert None not in [value for _, value in referred_by.options]
    form.picker.value = kim.id
    assert referred_by.value == wei.id
    referred_by.value = NOTHING  # "Nobody: I found them myself"
    form.save_button.click()
    assert "Your changes to Kim Park are saved." in form.form.status.value
    assert _saved(path)[1].referred_by is None
    assert referred_by.value == NOTHING


def test_a_new_contact_can_be_referred_by_the_one_edited_just_before(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng"))
    form = PickContacts(path, TODAY).form
    form.picker.value = wei.id
    form.picker.value = NOTHING
    referrers = [value for _, value in form.form.fields["referred_by"].widget.options]
    assert referrers == [NOTHING, wei.id]


# -- what was typed is kept until it is saved ----------------------------------------------


def test_a_new_contact_typed_comes_back_after_a_restart_and_adding_forgets_it(
    path: Path,
) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng"))
    before = PickContacts(path, TODAY).form
    _fill(
        before,
        name="Kim Park",
        category=ContactCategory.PROFESSOR,
        notes="Teaches epidemiology",
        priority=Priority.HIGH,
        referred_by=wei.id,
    )
    assert list(_kept(path)) == ["unsaved:contacts:new"]
    # The kernel restarts: a new page, built from the workbook alone.
    page = PickContacts(path, TODAY)
    form = page.form
    assert form.form.values() == {
        **NEW_VALUES,
        "name": "Kim Park",
        "category": ContactCategory.PROFESSOR,
        "notes": "Teaches epidemiology",
        "priority": Priority.HIGH,
        "referred_by": wei.id,
    }
    assert form.unsaved.restored
    assert "Not saved yet." in form.unsaved.note.value
    assert form.unsaved.view in form.view.children
    assert form.view in page.view.children
    assert _saved(path) == [wei]  # kept aside, not added
    form.add_button.click()
    assert [contact.name for contact in _saved(path)] == ["Wei Ng", "Kim Park"]
    assert _kept(path) == {}
    assert form.form.values() == NEW_VALUES
    assert not form.unsaved.restored
    again = PickContacts(path, TODAY).form
    assert again.form.values() == NEW_VALUES
    assert not again.unsaved.restored


def test_an_edit_comes_back_after_a_restart_and_saving_forgets_it(path: Path) -> None:
    wei, kim = _add(path, Contact(name="Wei Ng"), Contact(name="Kim Park"))
    form = PickContacts(path, TODAY).form
    form.picker.value = wei.id
    _fill(form, role="Epidemiologist", status=PipelineStatus.CONTACTED, referred_by=kim.id)
    assert list(_kept(path)) == [f"unsaved:contacts:contact:{wei.id}"]
    again = PickContacts(path, TODAY).form
    # Issue 14: it comes back on the contact the edit is kept for, not as a new contact.
    assert again.picker.value == wei.id
    assert again.editing == wei
    assert "You are editing <b>Wei Ng</b>" in again.mode.value
    values = again.form.values()
    assert (values["name"], values["role"]) == ("Wei Ng", "Epidemiologist")
    assert (values["status"], values["referred_by"]) == (PipelineStatus.CONTACTED, kim.id)
    assert again.unsaved.restored
    assert _saved(path)[0].role == ""
    again.save_button.click()
    assert "Your changes to Wei Ng are saved." in again.form.status.value
    assert _kept(path) == {}
    saved = _saved(path)[0]
    assert (saved.role, saved.status, saved.referred_by) == ("Epidemiologist", "contacted", kim.id)


def test_after_a_restart_the_form_says_which_other_contacts_have_edits_kept(path: Path) -> None:
    wei, kim = _add(path, Contact(name="Wei Ng"), Contact(name="Kim Park"))
    form = PickContacts(path, TODAY).form
    form.picker.value = wei.id
    _fill(form, role="Epidemiologist")
    form.picker.value = kim.id
    _fill(form, role="Nurse")
    again = PickContacts(path, TODAY).form
    assert again.editing == kim  # one of them is open; the other is named
    assert again.unsaved.restored
    assert again.unsaved.put_back.description == "Put back the saved version"
    assert "You also typed changes for Wei Ng" in again.form.status.value


def test_a_new_contacts_kept_typing_offers_to_clear_it_not_a_saved_version(path: Path) -> None:
    form = PickContacts(path, TODAY).form
    _fill(form, name="Lee Chan")
    again = PickContacts(path, TODAY).form
    assert again.editing is None
    assert again.form.values()["name"] == "Lee Chan"
    assert again.unsaved.put_back.description == "Clear what I typed"
    assert "saved version" not in again.unsaved.note.value
    again.unsaved.put_back.click()
    assert again.form.values() == NEW_VALUES
    assert _kept(path) == {}


def test_enter_in_a_one_line_box_presses_the_button_showing(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng"))
    form = PickContacts(path, TODAY).form
    name = form.form.fields["name"].widget
    name.value = "Lee Chan"
    name._handle_custom_msg({"event": "submit"}, [])  # what the browser sends on Enter
    assert "Lee Chan is in your list" in form.form.status.value
    form.picker.value = wei.id
    role = form.form.fields["role"].widget
    role.value = "Epidemiologist"
    role._handle_custom_msg({"event": "submit"}, [])
    assert "Your changes to Wei Ng are saved." in form.form.status.value
    form.delete_button.click()  # Enter never presses a button that deletes
    role._handle_custom_msg({"event": "submit"}, [])
    assert form.confirm_buttons.layout.display != "none"
    assert _saved(path)[0].name == "Wei Ng"


def test_a_bad_linkedin_address_is_quoted_as_typed() -> None:
    with pytest.raises(InvalidRecord) as raised:
        Contact(name="Zoe", linkedin_url="zoe-obrien")
    message = raised.value.message_for("linkedin_url") or ""
    assert "'zoe-obrien'" in message
    assert "https://zoe-obrien" not in message


def test_each_contact_keeps_its_own_typing(path: Path) -> None:
    wei, kim = _add(path, Contact(name="Wei Ng"), Contact(name="Kim Park"))
    form = PickContacts(path, TODAY).form
    _fill(form, name="Lee Chan")
    form.picker.value = wei.id
    _fill(form, role="Epidemiologist")
    form.picker.value = kim.id
    _fill(form, notes="Met at the fair")
    assert set(_kept(path)) == {
        "unsaved:contacts:new",
        f"unsaved:contacts:contact:{wei.id}",
        f"unsaved:contacts:contact:{kim.id}",
    }
    form = PickContacts(path, TODAY).form
    assert form.form.values()["name"] == "Lee Chan"
    form.picker.value = kim.id
    assert form.form.values()["notes"] == "Met at the fair"
    assert form.form.values()["role"] == ""
    form.picker.value = wei.id
    assert form.form.values()["role"] == "Epidemiologist"
    assert form.form.values()["notes"] == ""


def test_a_failed_add_keeps_the_typing_in_the_workbook(path: Path) -> None:
    form = PickContacts(path, TODAY).form
    _fill(form, name="Wei Ng", email="wei@")
    form.add_button.click()
    assert "Not saved." in form.form.status.value
    assert list(_kept(path)) == ["unsaved:contacts:new"]
    again = PickContacts(path, TODAY).form
    assert (again.form.values()["name"], again.form.values()["email"]) == ("Wei Ng", "wei@")


def test_deleting_a_contact_forgets_its_typing_and_brings_back_the_new_one(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng"))
    form = PickContacts(path, TODAY).form
    _fill(form, name="Lee Chan")
    form.picker.value = wei.id
    _fill(form, role="Epidemiologist")
    form.delete_button.click()
    form.confirm_button.click()
    assert "Wei Ng is deleted" in form.form.status.value
    assert list(_kept(path)) == ["unsaved:contacts:new"]
    assert form.form.values() == {**NEW_VALUES, "name": "Lee Chan"}
    assert form.unsaved.restored
    _fill(form, notes="Ask about the lab")  # kept as the new contact's, not Wei's
    assert list(_kept(path)) == ["unsaved:contacts:new"]


def test_changes_made_by_the_page_itself_are_not_kept_as_typing(path: Path) -> None:
    wei, kim = _add(path, Contact(name="Wei Ng"), Contact(name="Kim Park"))
    with Workbook.open(path) as book:
        book.edit(Contact, kim.id or 0, referred_by=wei.id, priority="high")
    page = PickContacts(path, TODAY)
    form = page.form
    form.picker.value = kim.id
    form.picker.value = wei.id
    form.picker.value = NOTHING
    page.refresh_button.click()
    _fill(form, name="Lee Chan")
    form.add_button.click()
    form.picker.value = kim.id
    form.save_button.click()
    assert _kept(path) == {}
    assert not PickContacts(path, TODAY).form.unsaved.restored


def test_a_referrer_deleted_elsewhere_is_not_taken_for_typing(path: Path) -> None:
    wei, kim = _add(path, Contact(name="Wei Ng"), Contact(name="Kim Park"))
    with Workbook.open(path) as book:
        book.edit(Contact, kim.id or 0, referred_by=wei.id)
    page = PickContacts(path, TODAY)
    page.form.picker.value = kim.id
    with Workbook.open(path) as other_window:
        other_window.delete(Contact, wei.id or 0)
    page.refresh_button.click()
    assert page.form.form.fields["referred_by"].widget.value == NOTHING
    assert _kept(path) == {}


def test_putting_back_the_saved_contact_forgets_the_typing(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng", role="Analyst"))
    form = PickContacts(path, TODAY).form
    form.picker.value = wei.id
    _fill(form, role="Epidemiologist")
    form = PickContacts(path, TODAY).form
    form.picker.value = wei.id
    assert form.form.values()["role"] == "Epidemiologist"
    form.unsaved.put_back.click()
    assert form.form.values()["role"] == "Analyst"
    assert _kept(path) == {}


# -- long text is shown in full -------------------------------------------------------------


LONG_NAME = "Dr. Maximiliana Alexandrovna Featherstonehaugh-Cholmondeley"
LONG_ORGANISATION = "Riverside University Hospital Department of Infectious Disease Epidemiology"


def test_long_names_and_organisations_are_shown_in_full_and_wrap(path: Path) -> None:
    (long_one,) = _add(
        path,
        Contact(
            name=LONG_NAME,
            organisation=LONG_ORGANISATION,
            connection="met at the alumni evening of the public health society",
            field="public health",
        ),
    )
    page = PickContacts(path, TODAY)
    page.form.picker.value = long_one.id
    shown = {
        "table": page.table.table.value,
        "order": page.order.view.value,
        "brainstorm": page.brainstorm.pages[-1].value,
        "mode": page.form.mode.value,
    }
    for where, html in shown.items():
        assert LONG_NAME in html, where
        assert 'class="infoview-readable"' in html, where  # a long word wraps, and too
        # wide a table scrolls in its own box (the shared CSS, checked below)
        assert "nowrap" not in html, where
        assert "ellipsis" not in html, where
    readable_css = CSS.split(".infoview-readable {", 1)[1].split("}", 1)[0]
    assert "overflow-wrap: anywhere" in readable_css
    assert "overflow-x: auto" in readable_css
    for where in ("table", "order", "mode"):
        assert LONG_ORGANISATION in shown[where], where
    table = shown["table"]
    for text in (LONG_NAME, LONG_ORGANISATION):  # may break even inside a word to fit
        assert f"overflow-wrap: anywhere; min-width: 7em'>{text}<" in table
    assert "Works in public health" in shown["table"]  # the reasons, in full


def test_typing_for_a_contact_deleted_elsewhere_stays_as_a_new_contact(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng"))
    page = PickContacts(path, TODAY)
    form = page.form
    form.picker.value = wei.id
    _fill(form, role="Epidemiologist")
    with Workbook.open(path) as other_window:
        other_window.delete(Contact, wei.id or 0)
    page.refresh_button.click()
    assert form.editing is None
    assert form.picker.value == NOTHING
    assert "Wei Ng was deleted in another window or notebook." in form.form.status.value
    assert "still here, as a new contact" in form.form.status.value
    assert form.form.values() == {**NEW_VALUES, "name": "Wei Ng", "role": "Epidemiologist"}
    assert list(_kept(path)) == ["unsaved:contacts:new"]
    again = PickContacts(path, TODAY).form
    assert again.form.values()["role"] == "Epidemiologist"
    again.add_button.click()
    assert [contact.role for contact in _saved(path)] == ["Epidemiologist"]
    assert _kept(path) == {}


def test_a_contact_deleted_elsewhere_with_nothing_typed_leaves_a_blank_form(path: Path) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng", role="Analyst"))
    page = PickContacts(path, TODAY)
    page.form.picker.value = wei.id
    with Workbook.open(path) as other_window:
        other_window.delete(Contact, wei.id or 0)
    page.refresh_button.click()
    assert "Wei Ng was deleted in another window or notebook." in page.form.form.status.value
    assert page.form.form.values() == NEW_VALUES
    assert _kept(path) == {}


def test_in_a_kernel_switching_or_adding_before_the_pause_loses_or_keeps_nothing_wrongly(
    path: Path,
) -> None:
    (wei,) = _add(path, Contact(name="Wei Ng"))

    async def typing() -> tuple[dict[str, str], dict[str, str]]:
        form = PickContacts(path, TODAY).form
        _fill(form, name="Lee Chan")
        form.picker.value = wei.id  # before the pause: Lee is kept on the way out
        switched = _kept(path)
        form.picker.value = NOTHING
        _fill(form, email="lee@example.org")
        form.add_button.click()  # before the pause: the waiting copy is dropped
        await asyncio.sleep(1.2)
        return switched, _kept(path)

    switched, added = asyncio.run(typing())
    assert list(switched) == ["unsaved:contacts:new"]
    assert added == {}
    assert [contact.email for contact in _saved(path)] == ["", "lee@example.org"]


def test_the_contact_form_is_built_from_the_models_labels(path: Path) -> None:
    form = PickContacts(path, TODAY).form.form
    declared = labels(Contact)
    assert list(form.fields) == list(declared)  # every labelled field, in the model's order
    for name, label in declared.items():
        widget = form.fields[name].widget
        assert widget.description == label.text
        if label.example:
            assert widget.placeholder == label.example
