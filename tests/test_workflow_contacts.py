"""Workbook operations on contacts and research notes, called directly."""

from __future__ import annotations

import pytest

from infoview_lib.model import Contact, InvalidRecord, Outreach, PipelineStatus, ResearchNote
from infoview_lib.store import RecordNotFound, Workbook
from infoview_lib.workflow import MessageText, save_draft
from infoview_lib.workflow.contacts import (
    add_contact,
    advance_contact,
    delete_contact,
    edit_contact,
)
from infoview_lib.workflow.research import add_research_note

from .conftest import digest


def test_a_contact_is_added_edited_and_deleted_with_what_belongs_to_them(book: Workbook) -> None:
    wei = add_contact(book, Contact(name="Wei Ng"))
    assert wei.id is not None
    assert edit_contact(book, wei.id, {}) == wei  # nothing changed, nothing saved
    edited = edit_contact(book, wei.id, {"organisation": "Helix", "role": "Analyst"})
    assert (edited.name, edited.organisation, edited.role) == ("Wei Ng", "Helix", "Analyst")
    save_draft(book, MessageText(wei.id, "email", "Hi", "Dear Wei, ..."))
    gone = delete_contact(book, wei.id)
    assert [words for words, _ in gone.removed] == ["1 message"]
    assert book.all(Outreach) == []
    with pytest.raises(RecordNotFound):
        book.get(Contact, wei.id)


def test_an_edit_is_checked_as_a_whole_record(book: Workbook) -> None:
    wei = add_contact(book, Contact(name="Wei Ng"))
    assert wei.id is not None
    before = digest(book.path)
    with pytest.raises(InvalidRecord) as refused:
        edit_contact(book, wei.id, {"name": "  "})
    assert refused.value.fields == ("name",)
    assert digest(book.path) == before


def test_a_note_about_an_unknown_organisation_is_refused_by_its_field(book: Workbook) -> None:
    al = add_contact(book, Contact(name="Al"))
    assert al.id is not None
    with pytest.raises(InvalidRecord) as refused:
        add_research_note(book, al.id, about_person=False, topic="Mission", text="...")
    assert refused.value.fields == ("about",)
    note = add_research_note(book, al.id, about_person=True, topic="Career", text="Ten years.")
    assert (note.contact_id, note.topic) == (al.id, "Career")
    assert book.all(ResearchNote) == [note]


@pytest.mark.parametrize(
    ("start", "stage", "moved", "ends"),
    [
        (PipelineStatus.IDENTIFIED, PipelineStatus.SCHEDULED, True, PipelineStatus.SCHEDULED),
        (PipelineStatus.MET, PipelineStatus.SCHEDULED, False, PipelineStatus.MET),
        (PipelineStatus.MET, PipelineStatus.MET, False, PipelineStatus.MET),
        (PipelineStatus.DECLINED, PipelineStatus.MET, False, PipelineStatus.DECLINED),
        (PipelineStatus.NO_REPLY, PipelineStatus.CONTACTED, False, PipelineStatus.NO_REPLY),
    ],
)
def test_a_contact_moves_forward_only_and_never_off_a_side_track(
    book: Workbook, start: PipelineStatus, stage: PipelineStatus, moved: bool, ends: PipelineStatus
) -> None:
    wei = add_contact(book, Contact(name="Wei Ng", status=start))
    assert wei.id is not None
    assert advance_contact(book, wei.id, stage) is moved
    assert book.get(Contact, wei.id).status is ends
