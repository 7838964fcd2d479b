"""A workshop on a real JupyterHub: the facilitator's day, with three students at once.

The hub runs the shipped ``deploy/jupyterhub/jupyterhub_config.py`` on 127.0.0.1, with
real Unix users who log in through PAM in headless Chromium. The facilitator creates the
workshop from a roster in their own account; each student lands in the app with their
name already filled in, adds a contact and hands in; no student can read another's work;
the facilitator collects three workbooks and ``infoview cohort`` makes three PDFs.
Screenshots go to ``screenshots/hub/`` (git-ignored).
"""

from __future__ import annotations

import asyncio
import csv
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.async_api import Browser, Page, async_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.hub.real_hub import (
    FACILITATE,
    ROOT,
    TODAY,
    USE_SERVICE,
    HubUser,
    RealHub,
    environment_problem,
)

SCREENSHOTS = ROOT / "screenshots" / "hub"
WORKSHOP = "career-lab"
#: One name per script: Latin with accents, Vietnamese, Cyrillic.
NAMES = ["Ana Lima", "Nguyễn Thị Hoa", "Иван Петров"]
#: Each student's first contact (a name only they know).
CONTACTS = ["Dr. Wei Ng", "Sam Okafor", "Rosa Díaz"]
TIMEOUT_MS = 120_000


@dataclass
class Visit:
    """What one student saw in the browser."""

    user: HubUser
    landed_at: str = ""
    name_shown: str = ""
    handed_in: str = ""
    other_page_status: int | None = None
    other_page_text: str = ""
    kernels_while_open: int = 0
    seconds_to_first_page: float = 0.0
    notes: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def hub() -> Iterator[RealHub]:
    problem = environment_problem()
    if problem:
        pytest.fail(f"The JupyterHub test cannot run: {problem}.")
    real = RealHub(students=3)
    try:
        real.start()
        yield real
    finally:
        real.stop()


@pytest.fixture(scope="module")
def facilitator_env(hub: RealHub) -> dict[str, str]:
    """What the facilitator's JupyterLab terminal would have: a token of their server's."""
    token = hub.token_for(hub.facilitator, [USE_SERVICE, FACILITATE])
    return {"JUPYTERHUB_API_TOKEN": token, "INFOVIEW_HUB_URL": hub.service_url}


@pytest.fixture(scope="module")
def created(hub: RealHub, facilitator_env: dict[str, str]) -> tuple[str, str]:
    """The facilitator creates the workshop from a roster in their home folder, then runs
    it again with a longer roster (a late enrolment)."""
    replies = []
    for how_many in (2, 3):
        roster = hub.facilitator.home / f"roster-{how_many}.csv"
        with roster.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Full name", "E-mail", "Username", "Programme", "Graduation year"])
            writer.writerow([])  # a blank row, as spreadsheets leave them
            for user, name in list(zip(hub.users, NAMES, strict=True))[:how_many]:
                writer.writerow([name, f"{user.name}@example.edu", user.name, "BSc Biology", 2027])
        shutil.chown(roster, user=hub.facilitator.name)
        done = hub.run_as(
            hub.facilitator,
            ["infoview", "workshop", "create", str(roster), "--name", WORKSHOP],
            env=facilitator_env,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        replies.append(done.stdout)
    first, again = replies
    return first, again


def _name_field(page: Page):  # type: ignore[no-untyped-def]
    label = page.locator("label.widget-label", has_text="Your name")
    return page.locator(".widget-text", has=label).locator("input")


async def _student_visit(browser: Browser, hub: RealHub, user: HubUser, index: int) -> Visit:
    visit = Visit(user)
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    started = time.monotonic()
    await page.goto(f"{hub.url}/hub/login")
    await page.fill("#username_input", user.name)
    await page.fill("#password_input", user.password)
    await page.click("#login_submit")
    await page.wait_for_url(f"**/user/{user.name}/infoview/00_start_here.ipynb", timeout=TIMEOUT_MS)
    visit.landed_at = page.url
    await page.locator("button.widget-button", has_text="Save my profile").wait_for()
    visit.seconds_to_first_page = time.monotonic() - started
    visit.name_shown = await _name_field(page).input_value()
    await page.screenshot(path=SCREENSHOTS / f"student{index}_landed.png")

    # Add a contact.
    await page.get_by_role("link", name="01 Pick contacts").first.click()
    full_name = page.locator(".widget-text", has=page.locator("label", has_text="Full name"))
    await full_name.locator("input").fill(CONTACTS[index - 1])
    await page.locator("button.widget-button", has_text="Add contact").click()
    await page.locator(".infoview-notice.infoview-saved").first.wait_for()
    await page.screenshot(path=SCREENSHOTS / f"student{index}_contact_added.png")

    # Hand in, from the dashboard.
    await page.goto(f"{hub.url}/user/{user.name}/infoview/00_start_here.ipynb")
    await page.locator("button.widget-button", has_text="Hand in to my advisor").click()
    handed = page.locator(".infoview-notice", has_text="Handed in")
    await handed.wait_for()
    visit.handed_in = await handed.inner_text()
    await page.screenshot(path=SCREENSHOTS / f"student{index}_handed_in.png")
    visit.kernels_while_open = len(hub.processes_of(user, b"ipykernel"))

    # Another student's app is not theirs to open.
    other = hub.users[index % len(hub.users)]
    snoop = await context.new_page()
    response = await snoop.goto(f"{hub.url}/user/{other.name}/infoview/00_start_here.ipynb")
    visit.other_page_status = response.status if response is not None else None
    visit.other_page_text = await snoop.content()
    await snoop.close()
    await page.close(run_before_unload=True)  # as a closed tab: the page stops its kernel
    await context.close()
    return visit


async def _three_students(hub: RealHub) -> list[Visit]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            return list(
                await asyncio.gather(
                    *(
                        _student_visit(browser, hub, user, index)
                        for index, user in enumerate(hub.users, start=1)
                    )
                )
            )
        finally:
            await browser.close()


@pytest.fixture(scope="module")
def visits(hub: RealHub, created: tuple[str, str]) -> list[Visit]:
    return asyncio.run(_three_students(hub))


def test_the_facilitator_creates_the_workshop_and_a_rerun_keeps_everyone(
    hub: RealHub, created: tuple[str, str]
) -> None:
    first, again = created
    s1, s2, s3 = hub.users
    assert f"Created the workshop {WORKSHOP}." in first
    assert f"Added 2: {NAMES[0]} ({s1.name}), {NAMES[1]} ({s2.name})" in first
    assert f"Updated the workshop {WORKSHOP}." in again
    assert f"Added 1: {NAMES[2]} ({s3.name})" in again
    assert f"Kept 2 (already on it, left as they were): {NAMES[0]} ({s1.name}), " in again


def test_three_students_land_in_the_app_with_their_names_and_hand_in(
    hub: RealHub, visits: list[Visit]
) -> None:
    for visit, name in zip(visits, NAMES, strict=True):
        assert visit.landed_at.endswith(f"/user/{visit.user.name}/infoview/00_start_here.ipynb")
        assert visit.name_shown == name
        assert "Handed in to your workshop" in visit.handed_in, visit.handed_in
        assert visit.kernels_while_open >= 1
    for visit, contact in zip(visits, CONTACTS, strict=True):
        workbook = visit.user.home / "infoview" / "my-workbook.infoview"
        assert workbook.stat().st_mode & 0o777 == 0o600
        assert workbook.parent.stat().st_mode & 0o777 == 0o700
        with sqlite3.connect(f"file:{workbook}?mode=ro", uri=True) as connection:
            names = [row[0] for row in connection.execute("SELECT name FROM contacts")]
        assert names == [contact]


def test_no_student_can_read_another_students_work(hub: RealHub, visits: list[Visit]) -> None:
    first, second = hub.users[0], hub.users[1]
    # Not through the file system...
    for target in [
        first.home / "infoview" / "my-workbook.infoview",
        first.home / "infoview",
        hub.service_data,
    ]:
        done = hub.run_as(second, ["cat", str(target)])
        assert done.returncode != 0
        assert "Permission denied" in done.stderr, done.stderr
    # ...nor through the hub: another student's app is refused...
    for visit in visits:
        assert visit.other_page_status in {403, 404}, visit.other_page_status
        assert not any(name in visit.other_page_text for name in NAMES)
    # ...nor through the workshop service, with their server's own token.
    token = hub.token_for(second, [USE_SERVICE])
    status, me = hub.api("GET", "/services/infoview/api/me", token=token)
    assert status == 200
    assert me["user"] == second.name
    assert [entry["profile"]["name"] for entry in me["workshops"]] == [NAMES[1]]
    for path in [
        f"/services/infoview/api/workshops/{WORKSHOP}/board",
        f"/services/infoview/api/workshops/{WORKSHOP}/hand-ins",
        f"/services/infoview/api/workshops/{WORKSHOP}/hand-ins/{first.name}",
    ]:
        status, reply = hub.api("GET", path, token=token)
        assert status == 403, (path, status, reply)
    # A student cannot give themselves the facilitator's scope.
    with pytest.raises(PermissionError, match="not held"):
        hub.token_for(second, [USE_SERVICE, FACILITATE])


def test_closed_pages_leave_no_kernel_running(hub: RealHub, visits: list[Visit]) -> None:
    deadline = time.monotonic() + 15
    left: dict[str, list[int]] = {}
    while time.monotonic() < deadline:
        left = {user.name: hub.processes_of(user, b"ipykernel") for user in hub.users}
        if not any(left.values()):
            break
        time.sleep(0.5)
    assert not any(left.values()), left


def test_the_board_shows_the_room_and_the_facilitator_collects_three_reports(
    hub: RealHub, visits: list[Visit], facilitator_env: dict[str, str]
) -> None:
    board = hub.run_as(
        hub.facilitator, ["infoview", "workshop", "board", WORKSHOP], env=facilitator_env
    )
    assert board.returncode == 0, board.stdout + board.stderr
    for name in NAMES:
        assert name in board.stdout
    for contact in CONTACTS:
        assert contact not in board.stdout  # counts and dates only

    out = hub.facilitator.home / "collected"
    collected = hub.run_as(
        hub.facilitator,
        ["infoview", "workshop", "collect", WORKSHOP, "--out", str(out)],
        env=facilitator_env,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    workbooks = sorted(out.glob("*.infoview"))
    assert len(workbooks) == 3
    assert all(path.stat().st_mode & 0o777 == 0o600 for path in workbooks)

    reports = hub.run_as(
        hub.facilitator,
        [
            "infoview",
            "cohort",
            str(out),
            "--out",
            str(out / "reports"),
            "--jobs",
            "2",
            "--as-of",
            TODAY,
        ],
    )
    assert reports.returncode == 0, reports.stdout + reports.stderr
    pdfs = sorted((out / "reports").glob("*.pdf"))
    students = [path for path in pdfs if not path.name.startswith("cohort-summary")]
    assert len(students) == 3, pdfs


def test_jupyterlab_is_a_click_away_for_those_who_want_code(
    hub: RealHub, visits: list[Visit]
) -> None:
    """Runs after the kernel count: JupyterLab keeps its notebook's kernel after a tab
    closes (the server culls it 10 minutes later)."""
    student = hub.users[0]

    async def open_lab() -> tuple[str, int, int]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
            page = await browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(TIMEOUT_MS)
            await page.goto(f"{hub.url}/hub/login")
            await page.fill("#username_input", student.name)
            await page.fill("#password_input", student.password)
            await page.click("#login_submit")
            await page.wait_for_url("**/infoview/00_start_here.ipynb")
            await page.get_by_role("link", name="Open these notebooks in JupyterLab").click()
            await page.wait_for_url("**/lab/tree/infoview/notebooks/00_start_here.ipynb")
            # JupyterLab draws a notebook's cells a few at a time, and may draw them again
            # as the notebook settles: count them in the page, once there are any.
            counted = await page.wait_for_function(
                "document.querySelectorAll('.jp-Notebook .jp-CodeCell').length || null"
            )
            cells = int(await counted.json_value())
            await page.screenshot(path=SCREENSHOTS / "student1_jupyterlab.png")
            await page.wait_for_timeout(2000)  # JupyterLab asks about news a moment later
            news = await page.get_by_text("official Jupyter news").count()
            url = page.url
            await browser.close()
            return url, cells, news

    url, code_cells, news = asyncio.run(open_lab())
    assert news == 0  # it would fetch news from outside
    assert url.startswith(f"{hub.url}/user/{student.name}/lab/")
    assert code_cells >= 1
    copies = student.home / "infoview" / "notebooks"
    assert copies.stat().st_mode & 0o777 == 0o700
    assert (copies / "00_start_here.ipynb").stat().st_mode & 0o777 == 0o600


def test_the_facilitator_deletes_the_workshop_and_its_hand_ins_go(
    hub: RealHub, visits: list[Visit], facilitator_env: dict[str, str]
) -> None:
    """After the reports (runs after the collect): retention."""
    kept = [path for path in hub.service_data.rglob("*") if path.suffix == ".infoview"]
    assert len(kept) == 3
    deleted = hub.run_as(
        hub.facilitator, ["infoview", "workshop", "delete", WORKSHOP, "--yes"], env=facilitator_env
    )
    assert deleted.returncode == 0, deleted.stdout + deleted.stderr
    assert "3 students" in deleted.stdout, deleted.stdout
    assert not [path for path in hub.service_data.rglob("*") if path.suffix == ".infoview"]
    token = hub.token_for(hub.users[0], [USE_SERVICE])
    status, me = hub.api("GET", "/services/infoview/api/me", token=token)
    assert status == 200
    assert me["workshops"] == []


def test_the_hub_log_has_no_traceback(hub: RealHub, visits: list[Visit]) -> None:
    assert "Traceback" not in hub.log_text()
