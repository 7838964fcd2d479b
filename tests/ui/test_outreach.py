"""The second notebook's form: draft a first message with the Ally check, save, send, reply."""

from __future__ import annotations

import asyncio
from datetime import date
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from infoview_lib.coach.outreach import check_outreach
from infoview_lib.coach.outreach_drafts import draft_outreach
from infoview_lib.model import Contact, Outreach, OutreachChannel, PipelineStatus, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.ui.components import NOTHING
from infoview_lib.ui.outreach import DraftOutreach
from infoview_lib.ui.outreach_text import mailto_link

TODAY = date(2026, 3, 16)
READY = """Dear Dr. Ng,

My name is Ana Lima, a second-year biology student at Riverside, where you taught my BIO 210 class.
I would love to hear your story and your advice on getting into public health research.
Would you have 20 minutes for a call next week?

Thank you,
Ana Lima"""
SUBJECT = "Your public health research at Riverside University"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "ana.infoview"
    profile = StudentProfile(
        name="Ana Lima", email="ana@example.edu", program="second-year biology"
    )
    with Workbook.create(path, profile) as book:
        book.add(
            Contact(
                name="Dr. Wei Ng",
                organisation="Riverside University",
                role="Associate Professor",
                field="public health",
                email="wei.ng@example.edu",
                connection="My professor for BIO 210",
            )
        )
        book.add(Contact(name="Maria Lopez", organisation="St Mary's"))
    return path


def _form(path: Path, contact: int = 1) -> DraftOutreach:
    form = DraftOutreach(path, TODAY)
    form.contact.widget.value = contact
    return form


def _kept(path: Path) -> dict[str, str]:
    with Workbook.open(path) as book:
        return book.settings("unsaved:")


def _verdict(form: DraftOutreach) -> str:
    return form.report.verdict if form.report else "none"


def _messages(path: Path) -> list[Outreach]:
    with Workbook.open(path) as book:
        return book.all(Outreach)


def test_a_new_message_starts_from_the_template_and_is_checked(path: Path) -> None:
    form = _form(path)
    assert form.outreach_id is None
    assert "A new message: not saved yet." in form.state.value
    assert "Dr. Wei Ng" in form.about.value
    form.template_button.click()
    assert form.body.widget.value.startswith("Dear Dr. Wei Ng,")
    assert (
        form.subject.widget.value == "Your Associate Professor experience at Riverside University"
    )
    assert "[Say how you are connected" in form.body.widget.value
    assert form.report is not None
    assert form.report.verdict == "revise"
    assert "Ally check: revise." in form.check.value
    assert "Fix this:" in form.check.value
    assert "Saved." not in form.form.status.value
    assert _messages(path) == []


@pytest.mark.parametrize(
    ("channel", "start"),
    [("linkedin", "Hi Wei, I'm Ana"), ("script", "Hello Dr. Wei Ng, this is Ana Lima.")],
)
def test_each_channel_has_its_template(path: Path, channel: str, start: str) -> None:
    form = _form(path)
    form.channel.widget.value = OutreachChannel(channel)
    form.template_button.click()
    assert form.body.widget.value.startswith(start)
    assert form.subject.widget.value == ""


def test_the_check_follows_the_typing_and_says_ready_in_words(path: Path) -> None:
    form = _form(path)
    form.subject.widget.value = SUBJECT
    form.body.widget.value = READY  # no event loop here: the check runs at once
    assert form.report is not None
    assert form.report.verdict == "ready"
    assert "Ally check: ready." in form.check.value
    assert "Well done:" in form.check.value
    form.body.widget.value = READY.replace("next week?", "next week, and maybe an internship?")
    assert _verdict(form) == "revise"
    assert "internship" in form.check.value
    assert "Fix this:" in form.check.value


def test_the_check_waits_for_a_pause_in_typing_when_a_loop_runs(path: Path) -> None:
    form = _form(path)

    async def typing() -> None:
        form.checker.delay = 0.05
        form.body.widget.value = READY
        assert form.checker.pending
        assert form.report is None  # not yet: the student is still typing
        form.body.widget.value = READY + "\n"
        await asyncio.sleep(0.2)
        assert not form.checker.pending
        assert form.report is not None
        assert form.report.verdict == "revise"  # no subject yet
        form.subject.widget.value = SUBJECT
        assert form.checker.pending
        form.check_now()  # what a test (or the form itself) calls to check without waiting
        assert not form.checker.pending
        assert form.report.verdict == "ready"

    asyncio.run(typing())


def test_saving_a_draft_keeps_it_and_lists_it(path: Path) -> None:
    form = _form(path)
    form.subject.widget.value = SUBJECT
    form.body.widget.value = READY + "\n\n"
    form.form.button.click()
    assert "Saved." in form.form.status.value
    assert "Your email to Dr. Wei Ng is saved." in form.form.status.value
    [saved] = _messages(path)
    assert (saved.contact_id, saved.subject, saved.body, saved.status.value) == (
        1,
        SUBJECT,
        READY,
        "draft",
    )
    assert form.outreach_id == saved.id
    assert not form.dirty
    assert "Saved as a draft: not sent yet." in form.state.value
    form.body.widget.value = READY.replace("20 minutes", "30 minutes")
    form.form.button.click()
    [edited] = _messages(path)
    assert edited.id == saved.id
    assert "30 minutes" in edited.body
    again = _form(path)  # a new window shows the latest message of the contact
    assert again.outreach_id == saved.id
    assert again.body.widget.value == edited.body


def test_an_empty_message_is_not_saved_and_says_why_by_its_field(path: Path) -> None:
    form = _form(path)
    form.subject.widget.value = "Hello"
    form.form.button.click()
    assert "Fix this:" in form.body.error.value
    assert "Your message is empty" in form.body.error.value
    assert "Not saved." in form.form.status.value
    assert form.subject.widget.value == "Hello"
    assert _messages(path) == []


def test_too_long_a_message_is_refused_with_everything_kept(path: Path) -> None:
    form = _form(path)
    form.subject.widget.value = "Line one\nline two"
    form.body.widget.value = "word " * 1_200
    typed = form.form.values()
    form.form.button.click()
    assert "shorten it to 5,000 characters" in form.body.error.value
    assert "fit on one line" in form.subject.error.value
    assert "everything you typed is still here" in form.form.status.value
    assert form.form.values() == typed
    assert _messages(path) == []


def test_marking_as_sent_starts_the_clock_and_moves_the_contact_on(path: Path) -> None:
    form = _form(path)
    form.subject.widget.value = SUBJECT
    form.body.widget.value = READY
    form.sent_on.widget.value = date(2026, 3, 13)
    form.send_button.click()
    status = form.form.status.value
    assert "Marked as sent on Friday 13 March 2026." in status
    assert "Dr. Wei Ng is now marked as contacted." in status
    assert "follow up after" in status
    [sent] = _messages(path)
    assert (sent.status.value, sent.sent_on, sent.body) == ("sent", date(2026, 3, 13), READY)
    with Workbook.open(path) as book:
        assert book.get(Contact, 1).status is PipelineStatus.CONTACTED
    assert "Sent on Friday 13 March 2026; no reply recorded yet." in form.state.value
    assert "contacted" in form.contact.widget.label


def test_marking_a_draft_that_needs_revising_as_sent_asks_first(path: Path) -> None:
    form = _form(path)
    form.subject.widget.value = SUBJECT
    form.body.widget.value = READY.replace("?", ", and maybe an internship?", 1)
    form.sent_on.widget.value = date(2026, 3, 13)
    form.send_button.click()
    # Issue 14: asked next to Mark as sent, not under the pickers far above it.
    asking = form.sending.confirm
    assert asking.asking
    assert not form.confirm.asking
    assert "still finds 1 thing to fix" in asking.message.value
    parts = form.editor.children
    assert parts.index(asking.view) == parts.index(form.send_button) + 1
    assert _messages(path) == []
    asking.go_ahead.click()
    [sent] = _messages(path)
    assert sent.status.value == "sent"


def test_marking_as_sent_without_a_day_or_in_the_future_is_refused(path: Path) -> None:
    form = _form(path)
    form.subject.widget.value = SUBJECT
    form.body.widget.value = READY
    form.sent_on.widget.value = None
    form.send_button.click()
    assert "Day you sent it is empty" in form.sent_on.error.value
    assert "Not saved." in form.form.status.value
    form.sent_on.widget.value = date(2026, 3, 20)
    form.send_button.click()
    assert "after today" in form.sent_on.error.value
    assert form.body.widget.value == READY
    assert _messages(path) == []


def test_a_reply_is_recorded_on_or_after_the_day_it_was_sent(path: Path) -> None:
    form = _form(path)
    form.subject.widget.value = SUBJECT
    form.body.widget.value = READY
    form.sent_on.widget.value = date(2026, 3, 10)
    form.send_button.click()
    form.replied_on.widget.value = date(2026, 3, 9)
    form.reply_button.click()
    assert "on or after the day the message was sent" in form.replied_on.error.value
    assert form.replied_on.widget.value == date(2026, 3, 9)
    form.replied_on.widget.value = None
    form.reply_button.click()
    assert "Day they replied is empty" in form.replied_on.error.value
    form.replied_on.widget.value = date(2026, 3, 17)
    form.reply_button.click()
    assert "after today" in form.replied_on.error.value
    form.replied_on.widget.value = date(2026, 3, 12)
    form.reply_button.click()
    assert form.replied_on.error.value == ""
    assert "Reply recorded on Thursday 12 March 2026" in form.form.status.value
    [message] = _messages(path)
    assert message.replied_on == date(2026, 3, 12)
    assert "they replied on Thursday 12 March 2026" in form.state.value


def test_a_reply_to_a_message_never_sent_is_refused(path: Path) -> None:
    form = _form(path)
    form.body.widget.value = READY
    form.replied_on.widget.value = date(2026, 3, 12)
    form.reply_button.click()
    assert "never sent" in form.replied_on.error.value
    assert _messages(path) == []


def test_a_failed_save_keeps_the_input_and_says_why(path: Path, tmp_path: Path) -> None:
    form = _form(path)
    form.subject.widget.value = SUBJECT
    form.body.widget.value = READY
    path.unlink()  # the workbook went away (moved, or another folder)
    form.form.button.click()
    assert "Not saved." in form.form.status.value
    assert "Everything you typed is still here." in form.form.status.value
    assert "Traceback" not in form.form.status.value
    assert (form.subject.widget.value, form.body.widget.value) == (SUBJECT, READY)


def test_switching_away_from_unsaved_changes_asks_first(path: Path) -> None:
    form = _form(path)
    form.body.widget.value = READY
    form.contact.widget.value = 2
    assert form.contact_id == 1  # still on the first contact
    assert form.confirm.asking
    assert "Not saved yet." in form.confirm.message.value
    assert form.body.widget.value == READY
    form.confirm.keep.click()
    assert not form.confirm.asking
    form.contact.widget.value = 2
    form.confirm.go_ahead.click()
    assert form.contact_id == 2
    assert form.body.widget.value == ""
    assert "Maria Lopez" in form.about.value


def test_the_template_asks_before_replacing_what_was_written(path: Path) -> None:
    form = _form(path)
    form.body.widget.value = "Dear Wei, my own words."
    form.template_button.click()
    asking = form.template_confirm  # issue 14: right under the template's button
    assert asking.asking
    parts = form.editor.children
    assert parts.index(asking.view) == parts.index(form.template_button) + 1
    assert form.body.widget.value == "Dear Wei, my own words."
    assert asking.go_ahead.description == "Replace it with the template"
    assert "Replace your message?" in asking.message.value
    asking.go_ahead.click()
    assert form.body.widget.value.startswith("Dear Dr. Wei Ng,")
    form.channel.widget.value = OutreachChannel.LINKEDIN
    form.template_button.click()  # the template untouched: replaced without asking
    assert not asking.asking
    assert form.body.widget.value.startswith("Hi Wei,")


def test_saved_messages_can_be_picked_and_a_new_one_started(path: Path) -> None:
    with Workbook.open(path) as book:
        book.add(Outreach(contact_id=1, subject="First", body="Dear Wei, hello."))
        book.add(Outreach(contact_id=1, channel=OutreachChannel.LINKEDIN, body="Hi Wei, second."))
    form = _form(path)
    assert form.body.widget.value == "Hi Wei, second."
    assert form.channel.widget.value is OutreachChannel.LINKEDIN
    labels = [label for label, _ in form.message.options]
    assert labels == [
        "A new message",
        "Email (draft): First",
        "LinkedIn note (draft): Hi Wei, second.",
    ]
    form.message.value = 1
    assert (form.subject.widget.value, form.body.widget.value) == ("First", "Dear Wei, hello.")
    form.reload_button.click()  # the message picked stays picked
    assert (form.outreach_id, form.body.widget.value) == (1, "Dear Wei, hello.")
    form.message.value = NOTHING
    assert (form.outreach_id, form.body.widget.value) == (None, "")
    form.body.widget.value = "Dear Wei, a third."
    form.form.button.click()
    assert len(_messages(path)) == 3


def test_hostile_text_is_escaped_everywhere_it_is_shown(path: Path) -> None:
    with Workbook.open(path) as book:
        book.edit(Contact, 1, name="Wei <script>alert(1)</script>", connection='"><img src=x>')
    form = _form(path)
    hostile = 'Dear Wei,\n<img src=x onerror=alert(1)> "quoted" & more'
    form.subject.widget.value = '"><script>x</script>'
    form.body.widget.value = hostile
    shown = form.about.value + form.check.value + form.copy.value
    assert "<script>" not in shown
    assert "<img" not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in form.copy.value
    assert "Wei &lt;script&gt;" in form.about.value
    href = form.copy.value.split('href="', 1)[1].split('"', 1)[0]
    for unsafe in ('"', "<", ">", " "):
        assert unsafe not in href
    form.form.button.click()
    assert "<script>" not in form.form.status.value


def test_the_mailto_link_is_url_encoded_and_opens_the_message(path: Path) -> None:
    form = _form(path)
    form.subject.widget.value = "Hi & welcome?"
    form.body.widget.value = "Dear Wei,\n\n100% sure: a=b&c"
    href = unescape(form.copy.value.split('href="', 1)[1].split('"', 1)[0])
    parts = urlsplit(href)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", "wei.ng@example.edu")
    query = parse_qs(parts.query)
    assert query["subject"] == ["Hi & welcome?"]
    assert query["body"] == ["Dear Wei,\r\n\r\n100% sure: a=b&c"]
    assert "Subject: Hi &amp; welcome?" in form.copy.value
    assert mailto_link("", "a b", "c") == "mailto:?subject=a%20b&body=c"
    form.channel.widget.value = OutreachChannel.LINKEDIN
    assert "mailto:" not in form.copy.value
    assert "characters." in form.copy.value


def test_no_workbook_or_no_contacts_is_said_plainly(tmp_path: Path) -> None:
    missing = DraftOutreach(tmp_path / "none.infoview", TODAY)
    assert "There is no workbook yet" in missing.form.status.value
    assert missing.editor.layout.display == "none"
    empty = tmp_path / "empty.infoview"
    with Workbook.create(empty, StudentProfile(name="Ana Lima")):
        pass
    form = DraftOutreach(empty, TODAY)
    assert "You have no contacts yet" in form.form.status.value
    with Workbook.open(empty) as book:
        book.add(Contact(name="Ken Sato"))
    form.reload_button.click()
    assert [label for label, _ in form.contact.widget.options] == [
        "Pick a contact",
        "Ken Sato, identified",
    ]
    assert form.form.status.value == ""


def test_reloading_keeps_unsaved_text(path: Path) -> None:
    form = _form(path)
    form.body.widget.value = "Dear Wei, still writing"
    with Workbook.open(path) as book:
        book.add(Contact(name="Zoe Muller"))
    form.reload_button.click()
    assert form.body.widget.value == "Dear Wei, still writing"
    assert len(form.contact.widget.options) == 4


def test_the_notebook_call_opens_the_session_workbook(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoview_lib import ui

    monkeypatch.setenv("INFOVIEW_WORKBOOK", str(path))
    monkeypatch.setenv("INFOVIEW_TODAY", TODAY.isoformat())
    view = ui.draft_outreach()
    assert view.children


def test_the_none_yet_entries_are_never_an_empty_box(path: Path) -> None:
    form = DraftOutreach(path, TODAY)
    assert form.contact.widget.options[0] == ("Pick a contact", NOTHING)
    assert form.contact.widget.value == NOTHING
    assert form.contact.widget.label == "Pick a contact"
    assert form.contact_id is None
    form.contact.widget.value = 1
    assert form.message.options[0] == ("A new message", NOTHING)
    assert form.message.value == NOTHING
    assert form.message.label == "A new message"
    assert form.outreach_id is None


def test_the_message_box_is_large(path: Path) -> None:
    layout = _form(path).body.widget.layout
    assert (layout.width, layout.height) == ("min(100%, 60em)", "20em")


def test_a_long_role_title_is_left_out_of_the_subject(path: Path) -> None:
    director = "Senior Director of Clinical Research Operations and Strategic Partnerships"
    with Workbook.open(path) as book:
        book.edit(Contact, 1, role=director)
    form = _form(path)
    form.template_button.click()
    assert form.subject.widget.value == "Your experience at Riverside University"


# -- what was typed is kept until it is saved -----------------------------------------------


def test_a_new_message_typed_comes_back_after_a_restart(path: Path) -> None:
    form = _form(path)
    form.channel.widget.value = OutreachChannel.LINKEDIN
    form.subject.widget.value = "Wei"
    form.body.widget.value = "Hi Wei, still writing"
    form.sent_on.widget.value = date(2026, 3, 12)
    assert list(_kept(path)) == ["unsaved:outreach:contact:1:new"]
    assert _messages(path) == []  # kept aside, not saved as a message
    # The kernel restarts: a new form, built from the workbook alone.
    again = _form(path)
    assert again.outreach_id is None
    assert again.form.values() == {
        "channel": OutreachChannel.LINKEDIN,
        "subject": "Wei",
        "body": "Hi Wei, still writing",
        "sent_on": date(2026, 3, 12),
        "replied_on": None,
    }
    assert again.unsaved.restored
    assert "Not saved yet." in again.unsaved.note.value
    assert again.unsaved.view in again.view.children
    assert again.report is not None  # the Ally check ran on what came back
    assert "Ally check:" in again.check.value
    assert again.dirty
    again.contact.widget.value = 2  # a restored draft counts as unsaved changes
    assert again.confirm.asking
    assert again.contact_id == 1
    again.confirm.keep.click()
    again.form.button.click()
    assert "Saved." in again.form.status.value
    assert _kept(path) == {}
    assert not again.unsaved.restored
    assert not again.dirty
    [saved] = _messages(path)
    assert (saved.channel, saved.body) == (OutreachChannel.LINKEDIN, "Hi Wei, still writing")
    assert not _form(path).unsaved.restored


def test_changes_to_a_saved_draft_come_back_after_a_restart(path: Path) -> None:
    with Workbook.open(path) as book:
        book.add(Outreach(contact_id=1, subject="First", body="Dear Wei, first."))
        book.add(Outreach(contact_id=1, subject="Second", body="Dear Wei, second."))
    form = _form(path)
    assert form.outreach_id == 2  # the latest
    form.message.value = 1
    form.body.widget.value = "Dear Wei, first, edited."
    assert list(_kept(path)) == ["unsaved:outreach:outreach:1"]
    again = _form(path)
    assert again.outreach_id == 1  # the one typed in, not the latest
    assert again.body.widget.value == "Dear Wei, first, edited."
    assert again.subject.widget.value == "First"
    assert again.unsaved.restored
    again.form.button.click()
    assert _kept(path) == {}
    assert [m.body for m in _messages(path)] == ["Dear Wei, first, edited.", "Dear Wei, second."]


def test_a_new_message_typed_is_shown_before_the_saved_ones(path: Path) -> None:
    with Workbook.open(path) as book:
        book.add(Outreach(contact_id=1, subject="First", body="Dear Wei, first."))
    form = _form(path)
    form.message.value = NOTHING
    form.body.widget.value = "Dear Wei, another one."
    again = _form(path)
    assert (again.outreach_id, again.body.widget.value) == (None, "Dear Wei, another one.")
    again.message.value = 1  # restored, so it asks first
    assert again.confirm.asking
    again.confirm.go_ahead.click()  # discard: it is not kept either
    assert (again.outreach_id, again.body.widget.value) == (1, "Dear Wei, first.")
    assert _kept(path) == {}
    assert _form(path).outreach_id == 1


def test_showing_messages_is_not_taken_for_typing(path: Path) -> None:
    with Workbook.open(path) as book:
        book.add(
            Outreach(
                contact_id=1, channel=OutreachChannel.LINKEDIN, subject="First", body="Hi Wei."
            )
        )
        book.add(Outreach(contact_id=2, subject="Hello", body="Dear Maria, hello."))
    form = _form(path)
    form.message.value = NOTHING
    form.message.value = 1
    form.contact.widget.value = 2
    form.contact.widget.value = NOTHING
    form.contact.widget.value = 1
    form.reload_button.click()
    assert not form.confirm.asking
    assert not form.dirty
    assert _kept(path) == {}


def test_the_template_is_kept_like_typing(path: Path) -> None:
    form = _form(path)
    form.template_button.click()
    assert list(_kept(path)) == ["unsaved:outreach:contact:1:new"]
    assert _form(path).body.widget.value.startswith("Dear Dr. Wei Ng,")


def test_putting_back_the_saved_version_forgets_what_was_typed(path: Path) -> None:
    with Workbook.open(path) as book:
        book.add(Outreach(contact_id=1, subject="First", body=READY))
    form = _form(path)
    form.body.widget.value = READY.replace("next week?", "next week, and maybe an internship?")
    again = _form(path)
    assert _verdict(again) == "revise"
    again.unsaved.put_back.click()
    assert again.body.widget.value == READY
    assert not again.unsaved.restored
    assert not again.dirty
    assert "internship" not in again.check.value  # checked again
    assert _kept(path) == {}


# -- a sent message is a record of what was sent ------------------------------------------------


def _sent(path: Path) -> DraftOutreach:
    form = _form(path)
    form.subject.widget.value = SUBJECT
    form.body.widget.value = READY
    form.sent_on.widget.value = date(2026, 3, 13)
    form.send_button.click()
    assert "Marked as sent" in form.form.status.value
    return form


def test_a_sent_message_is_shown_but_not_changed(path: Path) -> None:
    for form in (_sent(path), _form(path)):  # just sent, and in a new window
        for item in (form.channel, form.subject, form.body, form.sent_on):
            assert item.widget.disabled
        assert not form.replied_on.widget.disabled
        for button in (form.form.button, form.send_button, form.template_button):
            assert button.layout.display == "none"
        assert form.reply_button.layout.display != "none"
        assert "You sent this message on Friday 13 March 2026." in form.sent.value
        assert "A new message" in form.sent.value
        assert form.check.value == ""  # too late for "fix this before you send it"
        assert "Copy-ready text" in form.copy.value


def test_save_draft_on_a_sent_message_keeps_what_was_sent(path: Path) -> None:
    form = _sent(path)
    form.body.widget.value = "Changed after sending"  # not possible on screen: disabled
    form.form.button.click()
    assert "Not saved." in form.form.status.value
    assert "You sent this message on Friday 13 March 2026." in form.form.status.value
    form.send_button.click()
    assert "You sent this message on" in form.form.status.value
    [sent] = _messages(path)
    assert (sent.body, sent.subject, sent.sent_on) == (READY, SUBJECT, date(2026, 3, 13))
    form.replied_on.widget.value = date(2026, 3, 14)
    form.reply_button.click()  # recording the reply still works, and changes nothing else
    assert "Reply recorded on Saturday 14 March 2026" in form.form.status.value
    [replied] = _messages(path)
    assert (replied.body, replied.replied_on) == (READY, date(2026, 3, 14))


def test_a_message_sent_from_another_window_is_not_overwritten(path: Path) -> None:
    first = _form(path)
    first.body.widget.value = READY
    first.form.button.click()
    second = _form(path)
    second.subject.widget.value = SUBJECT
    second.send_button.click()
    assert "Marked as sent" in second.form.status.value
    first.body.widget.value = "Edited in the old window"
    first.form.button.click()
    assert "Not saved." in first.form.status.value
    assert "You sent this message on Monday 16 March 2026." in first.form.status.value
    assert first.body.widget.value == "Edited in the old window"
    [sent] = _messages(path)
    assert sent.body == READY


def test_a_reply_day_typed_on_a_sent_message_comes_back(path: Path) -> None:
    form = _sent(path)
    form.replied_on.widget.value = date(2026, 3, 14)
    again = _form(path)
    assert again.replied_on.widget.value == date(2026, 3, 14)
    assert again.body.widget.value == READY
    assert again.unsaved.restored
    again.reply_button.click()
    assert _kept(path) == {}


LINKEDIN_CASES = {
    "referred": (Contact(id=2, name="Wei Ng", field="genomics", referred_by=1), "Dr. Jae Kim"),
    "noted": (Contact(id=3, name="Maria Lopez", connection="we met at the alumni evening"), None),
    "unknown": (Contact(id=4, name="Priya Raman", organisation="St Mary's Hospital"), None),
}


@pytest.mark.parametrize("case", sorted(LINKEDIN_CASES))
def test_the_linkedin_template_fits_a_connection_note_as_it_comes(case: str) -> None:
    """Issue 14: the template, filled in from typical data, never trips its own length warning."""
    ana = StudentProfile(
        name="Ana Lima", program="second-year biology", target_fields=("public health",)
    )
    contact, referrer = LINKEDIN_CASES[case]
    draft = draft_outreach(
        ana,
        contact,
        channel=OutreachChannel.LINKEDIN,
        referrer=None if referrer is None else Contact(id=1, name=referrer),
    )
    report = check_outreach(draft.body, channel=OutreachChannel.LINKEDIN)
    assert len(draft.body) <= 200, draft.body
    assert "linkedin_length" not in {finding.rule for finding in report.findings}
