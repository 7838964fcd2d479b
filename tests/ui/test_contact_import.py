"""The LinkedIn import panel on the "pick contacts" page, driven from Python: upload,
preview counts, find by company or position, tick with a category, and add."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from infoview_lib.model import Contact, ContactCategory, PipelineStatus, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.ui.contact_import import PAGE_SIZE, ContactImport
from infoview_lib.ui.contacts import PickContacts

from ..conftest import digest
from ..imports.many import hidden_rows, many_connections

TODAY = date(2026, 3, 16)
DATA = Path(__file__).parent.parent / "data" / "linkedin"
HOSTILE = "<script>alert(1)</script>"
#: The new rows of ``connections_2024.csv`` against a workbook holding Wei Ng of Riverside
#: Clinic, as each tick box reads (the browser test ticks them too).
ROWS_2024 = [
    "Zoë Müller (Research Analyst, Helix Bio). Connected on LinkedIn on 30 May 2024",
    "Priya Raman (Nurse Practitioner, Harbor Health, Inc.). Connected on LinkedIn on "
    "14 February 2022",
    "Tomás Ortega (Professor of Public Health, Northfield University). Connected on "
    "LinkedIn on 5 September 2020",
    "Amara Okafor. Connected on LinkedIn on 19 July 2019",
]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A workbook that already has Wei Ng of Riverside Clinic."""
    where = tmp_path / "ana.infoview"
    with Workbook.create(where, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Wei Ng", organisation="Riverside Clinic"))
    return where


def _upload(panel: ContactImport, name: str, data: bytes | None = None) -> None:
    content = data if data is not None else (DATA / name).read_bytes()
    panel.upload.value = (
        {
            "name": name,
            "type": "text/csv",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime(2026, 3, 16, tzinfo=UTC),
        },
    )


def _shown(panel: ContactImport) -> list[str]:
    return [row.tick.description for row in panel.rows if row.view.layout.display != "none"]


def _saved(path: Path) -> dict[str, Contact]:
    with Workbook.open(path) as book:
        return {contact.name: contact for contact in book.all(Contact)}


def test_upload_shows_counts_and_rows_and_writes_nothing(path: Path) -> None:
    before = digest(path)
    panel = ContactImport(path, TODAY)
    assert panel.chooser.layout.display == "none"
    _upload(panel, "connections_2024.csv")
    assert "4 new, 1 already in your workbook, 1 skipped" in panel.counts.value
    assert "Wei Ng: looks like Wei Ng (the same name and organisation)" in panel.counts.value
    assert "a member who hides their details" in panel.counts.value
    assert panel.chooser.layout.display is None
    assert _shown(panel) == ROWS_2024
    assert panel.confirm.disabled
    assert digest(path) == before


def test_tick_with_a_category_per_row_and_add_in_one_go(path: Path) -> None:
    changed = []
    panel = ContactImport(path, TODAY, on_change=lambda: changed.append(True))
    _upload(panel, "connections_2024.csv")
    panel.default_category.value = "alumni"
    zoe, priya, tomas, _ = panel.rows[:4]
    zoe.tick.value = True
    tomas.tick.value = True
    tomas.category.value = "professor"
    priya.category.value = "family_friend"  # changed but not ticked: not added
    assert panel.confirm.description == "Add 2 ticked contacts"
    panel.confirm.click()
    saved = _saved(path)
    assert sorted(saved) == ["Tomás Ortega", "Wei Ng", "Zoë Müller"]
    assert saved["Zoë Müller"].category is ContactCategory.ALUMNI
    assert saved["Tomás Ortega"].category is ContactCategory.PROFESSOR
    assert saved["Zoë Müller"].status is PipelineStatus.IDENTIFIED
    assert saved["Zoë Müller"].connection == "Connected on LinkedIn on 30 May 2024"
    assert "Added 2 contacts from LinkedIn" in panel.result.value
    assert changed == [True]
    # the preview now counts them as already in the workbook
    assert "2 new, 3 already in your workbook" in panel.counts.value
    assert panel.confirm.disabled


def test_find_by_company_or_position_and_tick_all_found(path: Path) -> None:
    panel = ContactImport(path, TODAY)
    _upload(panel, "connections_2024.csv")
    panel.search.value = "helix"
    assert [label.split(" (")[0] for label in _shown(panel)] == ["Zoë Müller"]
    panel.search.value = "PUBLIC health"
    assert [label.split(" (")[0] for label in _shown(panel)] == ["Tomás Ortega"]
    panel.search.value = "nurse"
    panel.tick_all.click()
    panel.search.value = "nobody works here"
    assert _shown(panel) == []
    assert "No new contact matches" in panel.page_line.value
    panel.search.value = ""
    assert [row.tick.value for row in panel.rows[:4]] == [False, True, False, False]
    panel.confirm.click()
    assert sorted(_saved(path)) == ["Priya Raman", "Wei Ng"]


def test_a_refused_file_is_said_plainly_and_the_workbook_unchanged(path: Path) -> None:
    before = digest(path)
    panel = ContactImport(path, TODAY)
    _upload(panel, "no_name_columns.csv")
    assert "File not read." in panel.status.value
    assert "no_name_columns.csv has no name columns" in panel.status.value
    assert panel.chooser.layout.display == "none"
    assert digest(path) == before


def test_student_text_is_escaped(path: Path) -> None:
    data = f"First Name,Last Name,Company\nEve,{HOSTILE},Helix\n".encode()
    panel = ContactImport(path, TODAY)
    _upload(panel, f"{HOSTILE}.csv", data)
    assert HOSTILE not in panel.counts.value
    assert "&lt;script&gt;" in panel.counts.value
    # a tick box's words are shown as text by the browser, not as HTML
    assert not panel.rows[0].tick.description_allow_html


def test_five_thousand_rows_a_page_at_a_time(path: Path) -> None:
    panel = ContactImport(path, TODAY)
    _upload(panel, "Connections.csv", many_connections(5_000))
    new = 5_000 - hidden_rows()
    assert f"{new:,} new, 0 already in your workbook, {hidden_rows()} skipped" in (
        panel.counts.value
    )
    assert len(_shown(panel)) == PAGE_SIZE
    assert f"Rows 1 to {PAGE_SIZE} of {new:,} new" in panel.page_line.value
    assert panel.previous.disabled
    panel.rows[0].tick.value = True
    panel.next.click()
    assert f"Rows {PAGE_SIZE + 1} to {2 * PAGE_SIZE} of" in panel.page_line.value
    assert not panel.rows[0].tick.value  # another person on this page
    panel.rows[0].tick.value = True
    panel.previous.click()
    assert panel.rows[0].tick.value  # the tick was kept
    panel.search.value = "helix pharmacist"
    found = panel.matching
    assert found
    assert all("Helix" in item.row.company and item.row.position == "Pharmacist" for item in found)
    assert panel.confirm.description == "Add 2 ticked contacts"
    panel.confirm.click()
    assert len(_saved(path)) == 3


def test_on_the_pick_contacts_page(path: Path) -> None:
    page = PickContacts(path, TODAY)
    _upload(page.importer, "connections_2024.csv")
    page.importer.rows[0].tick.value = True
    page.importer.confirm.click()
    assert "Zoë Müller" in page.table.table.value
