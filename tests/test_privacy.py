"""A workbook holds other people's details: only its owner may read it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import Workbook


@pytest.fixture
def loose_umask() -> Iterator[None]:
    previous = os.umask(0o000)
    try:
        yield
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
