"""Shared fixtures: a fresh workbook in a temporary folder, and a fixed as-of date."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from infoview_lib.model import StudentProfile
from infoview_lib.store import Workbook

AS_OF = date(2026, 3, 16)
HELPERS = Path(__file__).parent / "helpers"


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    """Where a test's workbook lives (not created yet)."""
    return tmp_path / "student.infoview"


@pytest.fixture
def book(book_path: Path) -> Iterator[Workbook]:
    """A new, empty workbook for Ana Lima."""
    with Workbook.create(book_path, StudentProfile(name="Ana Lima")) as opened:
        yield opened


def digest(path: Path) -> str:
    """A file's SHA-256, to show it was not changed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
