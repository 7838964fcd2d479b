"""``infoview message``: the same workbook operations as the forms, so a message marked as
sent is refused an edit from the command line too."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from infoview_lib.model import Contact, Outreach, OutreachStatus, PipelineStatus, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.workflow import MessageText, mark_sent, save_draft
from tests.conftest import run_cli

from .conftest import digest

run = run_cli


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """A workbook with one draft (1) and one message sent on 13 March 2026 (2)."""
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        wei = book.add(Contact(name="Wei Chen"))
        assert wei.id is not None
        save_draft(book, MessageText(wei.id, "email", "Your path", "Dear Wei, a draft."))
        sent = save_draft(book, MessageText(wei.id, "linkedin", "", "Hi Wei, sent."))
        mark_sent(book, sent.id, sent_on=date(2026, 3, 13), today=date(2026, 3, 16))
    return path


def test_list_shows_every_message_and_where_it_stands(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    code, out, _ = run(capsys, "message", "list", str(workbook))
    assert code == 0
    assert out.splitlines() == [
        "   1  Wei Chen: Email (draft): Your path",
        "   2  Wei Chen: LinkedIn note (sent 2026-03-13): Hi Wei, sent.",
    ]


def test_editing_a_sent_message_is_refused_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    before = digest(workbook)
    code, out, err = run(capsys, "message", "edit", str(workbook), "2", "--subject", "New")
    assert (code, out) == (1, "")
    assert "You sent this message on Friday 13 March 2026" in err
    assert "cannot be changed" in err
    assert digest(workbook) == before


def test_a_draft_gets_new_words_from_standard_input(
    capsys: pytest.CaptureFixture[str], workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("Dear Wei, ¿qué tal?".encode())))
    code, out, _ = run(capsys, "message", "edit", str(workbook), "1", "--body-file", "-")
    assert (code, out) == (0, "Message 1 is saved.\n")
    with Workbook.open(workbook) as book:
        saved = book.get(Outreach, 1)
    assert (saved.subject, saved.body) == ("Your path", "Dear Wei, ¿qué tal?")


def test_an_empty_draft_is_refused_with_the_forms_words(
    capsys: pytest.CaptureFixture[str], workbook: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    code, _, err = run(capsys, "message", "edit", str(workbook), "1", "--body-file", str(empty))
    assert code == 1
    assert "Your message is empty" in err


def test_sent_and_reply_check_the_day_against_as_of(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    code, _, err = run(
        capsys, "message", "sent", str(workbook), "1", "--on", "2026-03-20", "--as-of", "2026-03-16"
    )
    assert code == 1
    assert "Day you sent it 2026-03-20 is after today (2026-03-16)" in err
    code, out, _ = run(
        capsys, "message", "sent", str(workbook), "1", "--on", "2026-03-16", "--as-of", "2026-03-16"
    )
    assert (code, out) == (0, "Message 1 is marked as sent on 2026-03-16.\n")
    code, out, _ = run(
        capsys,
        "message",
        "reply",
        str(workbook),
        "1",
        "--on",
        "2026-03-16",
        "--as-of",
        "2026-03-16",
    )
    assert (code, out) == (0, "Reply to message 1 recorded on 2026-03-16.\n")
    with Workbook.open(workbook) as book:
        saved = book.get(Outreach, 1)
        wei = book.get(Contact, saved.contact_id)
    assert (saved.status, saved.replied_on) == (OutreachStatus.SENT, date(2026, 3, 16))
    assert wei.status is PipelineStatus.CONTACTED


def test_edit_with_nothing_to_change_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    code, _, err = run(capsys, "message", "edit", str(workbook), "1")
    assert code == 2
    assert "nothing to change" in err
