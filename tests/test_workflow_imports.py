"""Importing LinkedIn connections: the preview's counts, duplicates against the workbook
and within the file, one transaction, and the same file twice adding nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infoview_lib.coach.duplicates import possible_duplicates
from infoview_lib.imports import as_contact, parse_connections, read_connections
from infoview_lib.imports.linkedin import HIDDEN
from infoview_lib.model import Contact, ContactCategory, PipelineStatus, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.workflow.imports import import_contacts, preview_linkedin

from .conftest import AS_OF
from .imports.many import hidden_rows, many_connections

DATA = Path(__file__).parent / "data" / "linkedin"
CONNECTIONS = read_connections(DATA / "connections_2024.csv")


def test_preview_counts_new_present_and_skipped_and_writes_nothing(book: Workbook) -> None:
    book.add(Contact(name="Dr. Wei Ng", organisation="Riverside Clinic"))  # name + organisation
    book.add(Contact(name="Z. Muller", linkedin_url="linkedin.com/in/Zoe-Muller-Fictional/"))
    before = book.count(Contact)
    preview = preview_linkedin(book, CONNECTIONS)
    assert preview.counts() == {"new": 3, "already in the workbook": 2, "skipped": 1}
    assert [item.contact.name for item in preview.new] == [
        "Priya Raman", "Tomás Ortega", "Amara Okafor"
    ]  # fmt: skip
    assert {(item.row.name, item.existing.name, item.reason) for item in preview.present} == {
        ("Zoë Müller", "Z. Muller", "the same LinkedIn profile"),
        ("Wei Ng", "Dr. Wei Ng", "the same name and organisation"),
    }
    assert preview.skipped_reasons() == [(HIDDEN, 1)]
    assert book.count(Contact) == before


def test_new_contacts_are_identified_with_the_connection_noted_as_linkedin(
    book: Workbook,
) -> None:
    preview = preview_linkedin(book, CONNECTIONS, category="alumni")
    done = import_contacts(book, preview.new, as_of=AS_OF)
    saved = {contact.name: contact for contact in book.all(Contact)}
    assert [contact.name for contact in done.added] == list(saved)
    priya = saved["Priya Raman"]
    assert priya.status is PipelineStatus.IDENTIFIED
    assert priya.category is ContactCategory.ALUMNI
    assert (priya.organisation, priya.role) == ("Harbor Health, Inc.", "Nurse Practitioner")
    assert priya.connection == "Connected on LinkedIn on 14 February 2022"
    assert priya.notes == "Imported from your LinkedIn connections on 16 March 2026."
    assert priya.linkedin_url == "https://www.linkedin.com/in/priya-raman-fictional"
    assert saved["Wei Ng"].email == "wei.ng@example.org"


def test_a_member_urn_in_the_email_column_is_not_stored_as_an_email(book: Workbook) -> None:
    preview = preview_linkedin(book, CONNECTIONS)
    (priya,) = [item for item in preview.new if item.row.name == "Priya Raman"]
    assert priya.row.email == "urn:li:member:48151623"
    assert priya.contact.email == ""
    assert priya.dropped == ("the email column's 'urn:li:member:48151623' is not an email address",)


def test_a_bad_email_or_profile_address_is_left_out_but_the_contact_kept() -> None:
    text = (
        "First Name,Last Name,URL,Email Address\nWei,Ng,https://example.com/wei,wei@@example..org\n"
    )
    (row,) = parse_connections(text.encode()).connections
    contact, dropped = as_contact(row)
    assert (contact.name, contact.email, contact.linkedin_url) == ("Wei Ng", "", "")
    assert len(dropped) == 2


def test_a_row_whose_name_cannot_be_a_contacts_is_skipped_with_the_reason(
    book: Workbook,
) -> None:
    text = f"First Name,Last Name,Company\n{'A' * 130},Ng,Helix\nWei,Ng,Helix\n"
    preview = preview_linkedin(book, parse_connections(text.encode()))
    assert [item.contact.name for item in preview.new] == ["Wei Ng"]
    ((line, reason),) = [(row.line, row.reason) for row in preview.skipped]
    assert line == 2
    assert "full name is 133 characters long" in reason


def test_the_same_person_twice_in_the_file_is_skipped_the_second_time(book: Workbook) -> None:
    text = (
        "First Name,Last Name,URL,Company\n"
        "Wei,Ng,https://www.linkedin.com/in/wei-ng,Helix\n"
        "Wei,Ng,http://linkedin.com/in/WEI-NG/,Helix Bio\n"
        "Ana,Lima,,Helix\n"
    )
    preview = preview_linkedin(book, parse_connections(text.encode()))
    assert [item.contact.name for item in preview.new] == ["Wei Ng", "Ana Lima"]
    assert [(row.line, row.reason) for row in preview.skipped] == [
        (3, "the same person as line 2 of the file")
    ]
    assert preview.skipped_reasons() == [("the same person as an earlier row of the file", 1)]


def test_matches_agree_with_the_duplicate_rules_of_the_contact_form(book: Workbook) -> None:
    saved = [
        book.add(Contact(name="Wei Ng", email="WEI.NG@example.org")),
        book.add(Contact(name="Tomas Ortega", organisation="The Northfield University")),
        book.add(Contact(name="Amara Okafor", organisation="Elsewhere")),
    ]
    preview = preview_linkedin(book, CONNECTIONS)
    for item in preview.present:
        candidate, _ = as_contact(item.row)
        assert item.existing in [match.contact for match in possible_duplicates(candidate, saved)]
    for new in preview.new:
        assert possible_duplicates(new.contact, saved) == []
    assert {item.row.name for item in preview.present} == {"Wei Ng", "Tomás Ortega"}


def test_category_per_row_and_a_default_for_the_rest(book: Workbook) -> None:
    preview = preview_linkedin(book, CONNECTIONS)
    lines = {item.row.name: item.row.line for item in preview.new}
    import_contacts(
        book,
        preview.new,
        category="professor",
        categories={lines["Amara Okafor"]: ContactCategory.FAMILY_FRIEND},
        as_of=AS_OF,
    )
    saved = {contact.name: contact.category for contact in book.all(Contact)}
    assert saved["Amara Okafor"] is ContactCategory.FAMILY_FRIEND
    assert saved["Tomás Ortega"] is ContactCategory.PROFESSOR


def test_importing_the_same_file_twice_adds_nothing(book: Workbook) -> None:
    first = import_contacts(book, preview_linkedin(book, CONNECTIONS).new, as_of=AS_OF)
    second_preview = preview_linkedin(book, CONNECTIONS)
    assert second_preview.counts()["new"] == 0
    assert second_preview.counts()["already in the workbook"] == len(first.added) == 5
    assert import_contacts(book, second_preview.new, as_of=AS_OF).added == ()
    assert book.count(Contact) == 5


def test_a_stale_preview_adds_nothing_twice(book: Workbook) -> None:
    preview = preview_linkedin(book, CONNECTIONS)
    import_contacts(book, preview.new, as_of=AS_OF)
    again = import_contacts(book, preview.new, as_of=AS_OF)
    assert (again.added, again.already_present) == ((), 5)
    assert book.count(Contact) == 5


def test_all_or_nothing_when_a_save_fails_half_way(
    book: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = preview_linkedin(book, CONNECTIONS)
    real_add = Workbook.add
    calls = []

    def failing_add(self: Workbook, record: Contact) -> Contact:
        calls.append(record)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_add(self, record)

    monkeypatch.setattr(Workbook, "add", failing_add)
    with pytest.raises(OSError, match="disk full"):
        import_contacts(book, preview.new, as_of=AS_OF)
    monkeypatch.undo()
    assert book.count(Contact) == 0


def test_five_thousand_rows_against_a_workbook_of_two_hundred(book_path: Path) -> None:
    data = many_connections(5_000)
    rows = parse_connections(data)
    with Workbook.create(book_path, StudentProfile(name="Ana Lima")) as book, book.transaction():
        for index, row in enumerate(rows.connections[:400:2]):  # every other of the first 400
            contact, _ = as_contact(row)
            book.add(Contact(name=f"Someone {index}", linkedin_url=contact.linkedin_url))
    with Workbook.open(book_path) as book:
        preview = preview_linkedin(book, rows)
        assert preview.counts() == {
            "new": 5_000 - hidden_rows() - 200,
            "already in the workbook": 200,
            "skipped": hidden_rows(),
        }
        done = import_contacts(book, preview.new, as_of=date(2026, 3, 16))
        assert len(done.added) == 5_000 - hidden_rows() - 200
        assert book.count(Contact) == 5_000 - hidden_rows()
        assert preview_linkedin(book, rows).counts()["new"] == 0
