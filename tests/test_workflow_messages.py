"""Workbook operations on messages, called directly: save a draft, mark it sent, record
the reply; a sent message keeps its words whoever asks."""

from __future__ import annotations

from datetime import date

import pytest

from infoview_lib.model import Contact, InvalidRecord, Outreach, OutreachStatus, PipelineStatus
from infoview_lib.store import Workbook
from infoview_lib.workflow import MessageSent, MessageText, mark_sent, record_reply, save_draft

from .conftest import AS_OF, digest


@pytest.fixture
def wei(book: Workbook) -> Contact:
    return book.add(Contact(name="Wei Chen", organisation="Harbor Labs"))


def text(contact: Contact, body: str = "Dear Wei, I'd love to hear your story.") -> MessageText:
    assert contact.id is not None
    return MessageText(contact.id, "email", "Your path into data science", body)


def test_a_draft_is_saved_and_its_words_can_change(book: Workbook, wei: Contact) -> None:
    draft = save_draft(book, text(wei))
    again = save_draft(book, text(wei, "Dear Wei, a second try."), outreach_id=draft.id)
    assert again.id == draft.id
    assert again.status is OutreachStatus.DRAFT
    assert book.get(Outreach, draft.id).body == "Dear Wei, a second try."  # type: ignore[arg-type]


def test_an_empty_message_is_refused_by_its_field(book: Workbook, wei: Contact) -> None:
    with pytest.raises(InvalidRecord) as refused:
        save_draft(book, text(wei, "   "))
    assert refused.value.fields == ("body",)
    assert book.all(Outreach) == []


def test_marking_sent_moves_the_contact_and_keeps_the_words(book: Workbook, wei: Contact) -> None:
    draft = save_draft(book, text(wei))
    sent = mark_sent(book, draft.id, sent_on=date(2026, 3, 13), today=AS_OF)
    assert (sent.status, sent.sent_on, sent.body) == (
        OutreachStatus.SENT,
        date(2026, 3, 13),
        draft.body,
    )
    assert book.get(Contact, wei.id).status is PipelineStatus.CONTACTED  # type: ignore[arg-type]


def test_a_sent_day_after_today_is_refused(book: Workbook, wei: Contact) -> None:
    with pytest.raises(InvalidRecord) as refused:
        mark_sent(book, None, text(wei), sent_on=date(2026, 3, 17), today=AS_OF)
    assert refused.value.fields == ("sent_on",)
    assert "Day you sent it 2026-03-17 is after today (2026-03-16)" in str(refused.value)
    assert book.all(Outreach) == []
    assert book.get(Contact, wei.id).status is PipelineStatus.IDENTIFIED  # type: ignore[arg-type]


def test_a_sent_message_cannot_be_edited_nor_sent_again(book: Workbook, wei: Contact) -> None:
    sent = mark_sent(book, None, text(wei), sent_on=date(2026, 3, 13), today=AS_OF)
    with pytest.raises(MessageSent, match="You sent this message on Friday 13 March 2026"):
        save_draft(book, text(wei, "Dear Wei, changed after sending."), outreach_id=sent.id)
    with pytest.raises(MessageSent):
        mark_sent(book, sent.id, text(wei), sent_on=AS_OF, today=AS_OF)
    assert book.get(Outreach, sent.id) == sent  # type: ignore[arg-type]


def test_a_reply_keeps_the_sent_words_and_needs_a_day(book: Workbook, wei: Contact) -> None:
    sent = mark_sent(book, None, text(wei), sent_on=date(2026, 3, 13), today=AS_OF)
    with pytest.raises(InvalidRecord) as refused:
        record_reply(book, sent.id, replied_on=None, today=AS_OF)
    assert refused.value.fields == ("replied_on",)
    assert "Day they replied is empty" in str(refused.value)
    with pytest.raises(InvalidRecord, match=r"Day they replied 2026-03-20 is after today"):
        record_reply(book, sent.id, replied_on=date(2026, 3, 20), today=AS_OF)
    replied = record_reply(
        book,
        sent.id,
        text(wei, "ignored: a sent message keeps its words"),
        replied_on=AS_OF,
        today=AS_OF,
    )
    assert (replied.replied_on, replied.body, replied.status) == (
        AS_OF,
        sent.body,
        OutreachStatus.SENT,
    )


def test_a_refused_change_leaves_the_file_as_it_was(book: Workbook, wei: Contact) -> None:
    sent = mark_sent(book, None, text(wei), sent_on=date(2026, 3, 13), today=AS_OF)
    before = digest(book.path)
    with pytest.raises(MessageSent):
        save_draft(book, text(wei, "changed"), outreach_id=sent.id)
    assert digest(book.path) == before
