"""The start page's "Take your work with you": a spreadsheet and a backup next to the
workbook, each saying where it went, owner-only, the workbook unchanged."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest

from infoview_lib.exports.restore import restore
from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.ui.backup_panel import BackupPanel
from infoview_lib.ui.start import StartHere
from tests.conftest import digest

TODAY = date(2026, 3, 16)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="=Wei Ng", organisation="Riverside Clinic"))
    return path


def test_the_spreadsheet_goes_next_to_the_workbook(workbook: Path) -> None:
    before = digest(workbook)
    panel = BackupPanel(workbook, TODAY)
    panel.spreadsheet_button.click()
    made = workbook.with_name("ana-2026-03-16.xlsx")
    assert "Saved." in panel.status.value
    assert str(made) in panel.status.value
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    sheet = openpyxl.load_workbook(made)["Contacts"]
    assert (sheet["B1"].value, sheet["B2"].value) == ("Full name", "'=Wei Ng")
    assert digest(workbook) == before


def test_the_backup_goes_next_to_the_workbook_and_says_how_to_restore(
    workbook: Path, tmp_path: Path
) -> None:
    panel = BackupPanel(workbook, TODAY)
    panel.backup_button.click()
    made = workbook.with_name("ana-backup-2026-03-16.json")
    assert str(made) in panel.status.value
    assert "infoview restore" in panel.status.value
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert json.loads(made.read_text(encoding="utf-8"))["profile"]["name"] == "Ana Lima"
    restored = restore(made, tmp_path / "restored.infoview")
    with Workbook.read_only(restored) as book:
        assert [contact.name for contact in book.all(Contact)] == ["=Wei Ng"]
    assert "infoview restore BACKUP --out NEW_WORKBOOK" in panel.view.children[-1].value


def test_made_again_the_same_day_replaces_that_days_file(workbook: Path) -> None:
    panel = BackupPanel(workbook, TODAY)
    panel.backup_button.click()
    with Workbook.open(workbook) as book:
        book.add(Contact(name="Zoë O'Brien"))
    panel.backup_button.click()
    made = workbook.with_name("ana-backup-2026-03-16.json")
    assert "Zoë O'Brien" in made.read_text(encoding="utf-8")
    BackupPanel(workbook, date(2026, 3, 17)).backup_button.click()
    assert made.exists()
    assert workbook.with_name("ana-backup-2026-03-17.json").exists()


def test_without_a_workbook_it_says_how_to_start(tmp_path: Path) -> None:
    panel = BackupPanel(tmp_path / "ana.infoview", TODAY)
    panel.spreadsheet_button.click()
    assert "There is no workbook yet" in panel.status.value
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_cannot_be_written_is_said(workbook: Path) -> None:
    workbook.with_name("ana-2026-03-16.xlsx").mkdir()  # a folder in the way
    panel = BackupPanel(workbook, TODAY)
    panel.spreadsheet_button.click()
    assert "Not saved." in panel.status.value
    assert "is a folder" in panel.status.value


def test_a_damaged_workbook_is_said_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    path.write_text("my notes", encoding="utf-8")
    panel = BackupPanel(path, TODAY)
    panel.backup_button.click()
    assert "not an infoview workbook" in panel.status.value
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ana.infoview"]


def test_the_start_page_shows_the_panel(workbook: Path) -> None:
    start = StartHere(workbook, TODAY)
    assert start.take_away.view in start.view.children
    start.take_away.backup_button.click()
    assert workbook.with_name("ana-backup-2026-03-16.json").exists()
