"""What the browser tests share: Debian's Chromium driven by Playwright, and ``infoview app``
on a free port of 127.0.0.1 with a workbook of its own and a fixed day.

Screenshots go to ``screenshots/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, sync_playwright

from infoview_lib.local_server import ServerPlan, plan_server, serving
from infoview_lib.ui import session
from tests.browser import CHROMIUM, CHROMIUM_ARGS, TODAY, app_in


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():  # fail, never skip: the check would silently stop happening
        pytest.fail(
            f"Debian's chromium is not at {CHROMIUM}: as root, run "
            "'apt-get update && apt-get install -y chromium' (make test does it)."
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[ServerPlan]:
    """``infoview app`` for one test (see :func:`app_in`)."""
    with app_in(tmp_path) as plan:
        yield plan


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., ServerPlan]]:
    """Start ``infoview app`` (or ``kind="lab"``) on a prepared workbook, with the same
    fixed day and home folder as the ``app`` fixture; every server stops after the test."""
    with ExitStack() as servers:

        def start(
            workbook: Path, kind: Literal["app", "lab"] = "app", notebooks: Path | None = None
        ) -> ServerPlan:
            plan = plan_server(kind, workbook=workbook, notebooks=notebooks)
            environment = {
                **os.environ,
                session.TODAY_VARIABLE: TODAY.isoformat(),
                "HOME": str(tmp_path / "home"),
            }
            log = servers.enter_context((tmp_path / f"{kind}.log").open("ab"))
            servers.enter_context(serving(plan, base_environment=environment, output=log))
            return plan

        yield start
