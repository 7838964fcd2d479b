"""A workbook holds other people's details: only its owner may read it.

So does everything else infoview writes about a student (reports, notebooks, summaries):
:mod:`infoview_lib.private_files` writes them 0600 in folders it makes 0700.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from infoview_lib.model import Contact, StudentProfile
from infoview_lib.private_files import is_disk_full, make_private_folders, write_private
from infoview_lib.store import Workbook
from tests.conftest import umask


@pytest.fixture
def loose_umask() -> Iterator[None]:
    with umask(0o000):
        yield


@pytest.fixture(params=[0o022, 0o000, 0o077])
def any_umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("loose_umask")
def test_workbook_and_its_sidecars_are_private(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana")) as book:
        assert _mode(path) == 0o600
        book.add(Contact(name="Wei Ng", phone="+1 555 010 0142"))
        sidecars = [Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert all(sidecar.exists() for sidecar in sidecars)
        assert [_mode(sidecar) for sidecar in sidecars] == [0o600, 0o600]
    assert _mode(path) == 0o600


def test_workbook_is_private_under_the_usual_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        path = tmp_path / "ana.infoview"
        Workbook.create(path, StudentProfile(name="Ana")).close()
    finally:
        os.umask(previous)
    assert _mode(path) == 0o600


@pytest.mark.usefixtures("any_umask")
def test_a_private_file_is_never_readable_by_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ana.pdf"
    target.write_bytes(b"an earlier report")
    target.chmod(0o644)
    modes_before_rename: list[int] = []
    real_replace = Path.replace

    def replace(self: Path, other: Any) -> Path:
        modes_before_rename.append(_mode(self))
        return real_replace(self, other)

    monkeypatch.setattr(Path, "replace", replace)
    write_private(target, b"%PDF Wei Ng +1 555 010 0142")
    assert modes_before_rename == [0o600]  # private while it was being written, too
    assert _mode(target) == 0o600
    assert target.read_bytes() == b"%PDF Wei Ng +1 555 010 0142"
    assert [path.name for path in tmp_path.iterdir()] == ["ana.pdf"]


def test_a_private_file_not_written_leaves_the_old_one_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cohort-summary.csv"
    target.write_bytes(b"the old summary")
    real_fdopen = os.fdopen

    def onto_a_full_disk(descriptor: int, *args: Any, **kwargs: Any) -> Any:
        os.close(descriptor)
        return real_fdopen(os.open("/dev/full", os.O_WRONLY), *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", onto_a_full_disk)
    with pytest.raises(OSError, match="No space left") as raised:
        write_private(target, b"x" * 100_000)
    assert is_disk_full(raised.value)
    assert [path.name for path in tmp_path.iterdir()] == ["cohort-summary.csv"]
    assert target.read_bytes() == b"the old summary"


@pytest.mark.usefixtures("any_umask")
def test_folders_made_are_private_and_the_users_own_are_left_alone(tmp_path: Path) -> None:
    users = tmp_path / "mine"
    users.mkdir()
    users.chmod(0o755)
    made = make_private_folders(users / "new" / "nested")
    assert made == (users / "new", users / "new" / "nested")
    assert [_mode(folder) for folder in made] == [0o700, 0o700]
    assert _mode(users) == 0o755
    (users / "new" / "nested").chmod(0o750)  # the user opened it up: theirs to decide
    assert make_private_folders(users / "new" / "nested") == ()
    assert _mode(users / "new" / "nested") == 0o750


def test_a_file_where_a_folder_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "reports").write_bytes(b"not a folder")
    with pytest.raises(FileExistsError):
        make_private_folders(tmp_path / "reports")
    with pytest.raises(FileExistsError):
        make_private_folders(tmp_path / "reports" / "new")


def test_a_full_disk_is_told_from_other_errors() -> None:
    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(OSError(errno.EDQUOT, "Disk quota exceeded"))
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
    assert not is_disk_full(ValueError("no"))
