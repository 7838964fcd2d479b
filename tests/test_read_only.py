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


def _linked(path: Path) -> Path:
    """A symbolic link to the workbook, in a folder of its own."""
    elsewhere = path.parent / "links"
    elsewhere.mkdir()
    link = elsewhere / "linked.infoview"
    link.symlink_to(path)
    return link


def _listing(*folders: Path) -> dict[str, list[str]]:
    return {folder.name: sorted(p.name for p in folder.iterdir()) for folder in folders}


def test_reading_through_a_symbolic_link_leaves_no_files_beside_the_real_one(path: Path) -> None:
    link = _linked(path)
    before = _listing(path.parent, link.parent)
    data = path.read_bytes()
    with Workbook.read_only(link) as book:
        assert [contact.name for contact in book.all(Contact)] == ["Wei Ng"]
    assert _listing(path.parent, link.parent) == before
    assert path.read_bytes() == data


def test_a_file_refused_through_a_symbolic_link_leaves_no_files(path: Path) -> None:
    import os

    with Workbook.open(path) as book:
        for number in range(200):
            book.add(Contact(name=f"Contact {number}", notes="x" * 500))
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the schema page, after the intact header
    path.write_bytes(bytes(data))
    link = _linked(path)
    before = _listing(path.parent, link.parent)
    for opener in (Workbook.open, Workbook.read_only):
        with pytest.raises(WorkbookCorrupt, match="damaged"):
            opener(link)
        assert _listing(path.parent, link.parent) == before
    assert path.read_bytes() == data


def test_opening_through_a_symbolic_link_writes_the_real_file(path: Path) -> None:
    link = _linked(path)
    with Workbook.open(link) as book:
        book.add(Contact(name="Kim Park"))
        assert book.path == link
        assert sorted(p.name for p in link.parent.iterdir()) == ["linked.infoview"]
    assert link.is_symlink()
    assert sorted(p.name for p in link.parent.iterdir()) == ["linked.infoview"]
    assert sorted(p.name for p in path.parent.iterdir()) == ["ana.infoview", "links"]
    with Workbook.read_only(path) as book:
        assert book.count(Contact) == 2


def test_a_link_into_a_folder_that_cannot_be_written_is_refused_plainly(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    link = _linked(path)
    real_access = os.access

    def read_only_folder(where: str | os.PathLike[str], mode: int) -> bool:
        # Tests run as root, who may write anything: say what a student would be told.
        if Path(where) == path.parent and mode & os.W_OK:
            return False
        return real_access(where, mode)

    monkeypatch.setattr(os, "access", read_only_folder)
    with pytest.raises(WorkbookError, match=r"read-only \(the folder it is in"):
        Workbook.open(link)


def test_the_copy_in_memory_trusts_nothing_in_the_files_schema(path: Path) -> None:
    """A file from elsewhere (a hand-in) may hold views or triggers: with trusted_schema
    off, they can call only functions that are harmless."""
    with Workbook.read_only(path) as book, book.snapshot() as connection:
        assert connection.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    with Workbook.open(path) as book, book.snapshot() as connection:
        assert connection.execute("PRAGMA trusted_schema").fetchone()[0] == 0
