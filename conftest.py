"""Doctests in ``infoview_lib`` make scratch workbooks with ``tempfile``: keep them in pytest's
temporary folder (cleaned up by pytest), not in the system's ``/tmp``."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _scratch_files_in_pytest_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
