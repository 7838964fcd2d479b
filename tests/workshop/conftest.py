"""The workshop tests' fixtures: the real workshop service on a local port (``hub``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from infoview_lib.hub import client as hub_client
from tests.workshop.hub import Hub


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hub]:
    """The service, running; call ``hub.as_user(name)`` to be on that user's server."""
    running = Hub(tmp_path / "service-data", monkeypatch=monkeypatch)
    running.start()
    yield running
    hub_client.stop_progress_reporter()
    running.stop()
