"""A real browser: Voila serves ``00_start_here``, headless Chromium fills in and saves the profile.

Chromium is Debian's (``make test`` installs it as root when it is missing), driven by
Playwright for Python; Playwright's own browser download is not used. The server is
the one ``infoview app`` starts, on a free port of 127.0.0.1. The screenshot is kept in
``screenshots/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Browser, Page, Request

from infoview_lib.local_server import PREHEATED_PER_NOTEBOOK, ServerPlan
from infoview_lib.model import StudentProfile
from infoview_lib.store import Workbook
from tests.browser import SCREENSHOTS, TIMEOUT_MS, kernels_for, text_input


def _outside(request: Request) -> bool:
    return not request.url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:"))


def test_a_student_fills_in_the_profile_and_the_workbook_holds_it(
    browser: Browser, app: ServerPlan
) -> None:
    assert app.workbook is not None
    assert not app.workbook.exists()
    page = browser.new_page(viewport={"width": 1100, "height": 1300})
    page.set_default_timeout(TIMEOUT_MS)
    outside: list[Request] = []
    page.on("request", lambda request: outside.append(request) if _outside(request) else None)
    page.goto(app.url())  # the address infoview app prints: the first notebook

    for label, value in [
        ("Your name", "Ana Lima"),
        ("Your email", "ana@example.edu"),
        ("Programme", "BSc Biology"),
        ("Graduation year", "2028"),
        ("Fields to explore", "public health, genomics"),
    ]:
        text_input(page, label).fill(value)
    page.locator("button.widget-button", has_text="Save my profile").click()
    saved = page.locator(".infoview-notice.infoview-saved")
    saved.wait_for()
    assert saved.inner_text().startswith("Saved.")
    page.locator("h4", has_text="Ana Lima: 0 contacts, as of 2026-03-16").wait_for()

    # Handing in: what the click produces is right under the button, in view.
    page.locator("button.widget-button", has_text="Hand in to my advisor").click()
    handed = page.locator(".infoview-notice.infoview-saved", has_text="Handed in:")
    handed.wait_for()
    assert handed.is_visible()
    assert "send it only to them" in handed.inner_text()
    page.get_by_text("Last handed in on 2026-03-16").wait_for()
    hand_in = app.workbook.parent.parent / "home" / "infoview" / "hand-ins"
    assert (hand_in / "ana-lima-2026-03-16.infoview").stat().st_mode & 0o777 == 0o600
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "00_start_here_handed_in.png")

    SCREENSHOTS.mkdir(exist_ok=True)
    # Voila scrolls inside the page, so a full-page shot needs a window as tall as the page.
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": 1100, "height": min(int(height) + 40, 4000)})
    page.screenshot(path=SCREENSHOTS / "00_start_here.png", full_page=True)

    with Workbook.open(app.workbook) as book:
        profile = book.profile()
    assert (profile.name, profile.email, profile.program) == (
        "Ana Lima",
        "ana@example.edu",
        "BSc Biology",
    )
    assert profile.graduation_year == 2028
    assert profile.target_fields == ("public health", "genomics")

    assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor").count() == 0  # no code
    assert "start_here()" not in page.content()
    # Voila's template asks a CDN for icon fonts: the page's policy stops it in the browser.
    blocked = ("csp", "net::ERR_BLOCKED_BY_CSP")
    assert all(request.failure in blocked for request in outside), [
        (request.url, request.failure) for request in outside
    ]
    page.close()


def test_typing_comes_back_after_a_reload_and_the_next_notebook_is_a_click_away(
    browser: Browser, app: ServerPlan, tmp_path: Path
) -> None:
    assert app.workbook is not None
    app.workbook.parent.mkdir(parents=True)
    with Workbook.create(app.workbook, StudentProfile(name="Ana Lima")):
        pass
    page = browser.new_page(viewport={"width": 1100, "height": 1300})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(app.url("voila/render/00_start_here.ipynb"))
    text_input(page, "Programme").fill("BSc Biology")
    with Workbook.open(app.workbook) as book:  # kept once typing pauses, not yet saved
        deadline = time.monotonic() + 10
        while not book.settings("unsaved:") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert book.settings("unsaved:"), "the typing was not kept"
        assert book.profile().program == ""

    page.reload()  # a new kernel: only the workbook remembers
    page.locator(".infoview-notice", has_text="Not saved yet.").wait_for()
    assert text_input(page, "Programme").input_value() == "BSc Biology"

    page.get_by_role("link", name="01 Pick contacts").first.click()
    page.wait_for_url("**/01_pick_contacts.ipynb**")
    page.locator("button.widget-button", has_text="Add contact").wait_for()
    page.close()
    log = (tmp_path / "voila.log").read_text(encoding="utf-8", errors="replace")
    assert "not trusted" not in log
    assert "without encryption" not in log


def _preheated(app: ServerPlan) -> int:
    """The kernels the app keeps started ahead of a visit: so many per page (notebook)."""
    return PREHEATED_PER_NOTEBOOK * len(list(app.notebooks.glob("*.ipynb")))


def _settles_at(count: int, workbook: Path, seconds: float = 10, *, app: ServerPlan) -> None:
    """Wait until exactly ``count`` kernels of open pages, besides the preheated ones, run
    for ``workbook``; fail if they do not."""
    count += _preheated(app)
    deadline = time.monotonic() + seconds
    while len(kernels_for(str(workbook))) != count and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(kernels_for(str(workbook))) == count


def _open(page: Page, app: ServerPlan, notebook: str) -> None:
    page.goto(app.url(f"voila/render/{notebook}.ipynb"))
    page.locator("button.widget-button:visible").first.wait_for()


def test_closed_reloaded_and_left_pages_stop_their_kernels(
    browser: Browser, app: ServerPlan
) -> None:
    assert app.workbook is not None
    app.workbook.parent.mkdir(parents=True)
    with Workbook.create(app.workbook, StudentProfile(name="Ana Lima")):
        pass
    window = browser.new_context(viewport={"width": 1280, "height": 800})  # tabs share it
    window.set_default_timeout(TIMEOUT_MS)
    page = window.new_page()
    page.goto(app.url())  # the address infoview app prints opens the first notebook
    page.locator("button.widget-button", has_text="Save my profile").wait_for()
    assert page.url.split("?")[0].endswith("/voila/render/00_start_here.ipynb")
    _settles_at(1, app.workbook, app=app)

    page.reload()
    page.locator("button.widget-button:visible").first.wait_for()
    _settles_at(1, app.workbook, app=app)
    page.get_by_role("link", name="01 Pick contacts").first.click()
    page.wait_for_url("**/01_pick_contacts.ipynb**")
    page.locator("button.widget-button:visible").first.wait_for()
    _settles_at(1, app.workbook, app=app)
    for notebook in ("02_draft_outreach", "03_prepare_questions", "04_meeting", "05_follow_up"):
        _open(page, app, notebook)
        _settles_at(1, app.workbook, app=app)

    second = window.new_page()
    _open(second, app, "00_start_here")
    _settles_at(2, app.workbook, app=app)
    second.close(run_before_unload=True)
    _settles_at(1, app.workbook, app=app)
    page.close(run_before_unload=True)
    _settles_at(0, app.workbook, app=app)
    window.close()


def test_a_workbook_damaged_while_the_app_runs_is_explained_on_every_page(
    browser: Browser, app: ServerPlan
) -> None:
    assert app.workbook is not None
    app.workbook.parent.mkdir(parents=True)
    app.workbook.write_text("copied over by mistake", encoding="utf-8")  # after the start check
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(TIMEOUT_MS)
    for notebook in ("00_start_here", "04_meeting", "05_follow_up"):
        page.goto(app.url(f"voila/render/{notebook}.ipynb"))
        shown = page.locator(".infoview-notice.infoview-error", has_text="Could not read")
        shown.wait_for()
        assert "is not an infoview workbook" in shown.inner_text()
        assert shown.is_visible()
        assert page.get_by_text("There was an error when executing cell").count() == 0
        assert page.get_by_text("Traceback").count() == 0
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "05_follow_up_unreadable_workbook.png")
    page.close()
