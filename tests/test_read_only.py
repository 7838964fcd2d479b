"""Opening a workbook to read it only, as reports do: the file is never written."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import Workbook, WorkbookError
from infoview_lib.store.errors import WorkbookCorrupt


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Wei Ng"))
    return path


def test_it_reads_everything_and_leaves_the_file_and_folder_as_they_were(path: Path) -> None:
    before = {
        item.name: (item.read_bytes(), item.stat().st_mtime_ns) for item in path.parent.iterdir()
    }
    with Workbook.read_only(path) as book:
        assert book.profile().name == "Ana Lima"
        assert [contact.name for contact in book.all(Contact)] == ["Wei Ng"]
    after = {
        item.name: (item.read_bytes(), item.stat().st_mtime_ns) for item in path.parent.iterdir()
    }
    assert after == before


def test_changes_are_refused(path: Path) -> None:
    with Workbook.read_only(path) as book, pytest.raises(WorkbookError, match="read-only"):
        book.add(Contact(name="Kim Park"))
    with Workbook.open(path) as book:
        assert book.count(Contact) == 1


def test_it_sees_what_another_window_has_just_saved(path: Path) -> None:
    writer = Workbook.open(path)
    try:
        writer.add(Contact(name="Kim Park"))
        with Workbook.read_only(path) as book:
            assert book.count(Contact) == 2
    finally:
        writer.close()


def test_a_damaged_file_is_refused_as_open_refuses_it(path: Path) -> None:
    damaged = path.with_name("damaged.infoview")
    damaged.write_bytes(path.read_bytes()[:100] + b"\0" * 5000)
    with pytest.raises(WorkbookCorrupt, match=r"damaged\.infoview is damaged"):
        Workbook.read_only(damaged)
