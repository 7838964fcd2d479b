"""What a student tripped over in notebooks 03 to 05 (issue 14), each in a real browser.

Voila serves the notebooks on a sample student's workbook (Dmitry, who has met people,
logged meetings and has one still to come), at a laptop's window, 1280x800. Each test
would have caught one trip-up: the question bank's unnamed tick boxes, a suggested
person's name cut at its first bracket, buttons whose words were cut off, a drop-down's
choice repeated under it, words naming a button the page does not show, notices
stacked about one day, links told apart by colour alone. Screenshots are kept in
``screenshots/`` for a person to look at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from infoview_lib.local_server import ServerPlan
from infoview_lib.model import Contact, InterviewLog, Meeting, StudentProfile
from infoview_lib.store import Workbook
from tests.browser import (
    ROOT,
    TIMEOUT_MS,
    button,
    in_view,
    open_page,
    pick,
    sample_workbook,
    shoot,
    text_area,
)

WINDOW: ViewportSize = {"width": 1280, "height": 800}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: Names a student could type for someone suggested: brackets, quotes, markup.
SUGGESTED = ("Priya Raman (CDC)", '=HYPERLINK("http://x.example","y")', 'Anne "Nan" Lee <b>')
Serve = Callable[..., ServerPlan]


@pytest.fixture
def dmitry(tmp_path: Path) -> Path:
    """Dmitry's sample workbook, with three more people suggested in his first meeting."""
    path = sample_workbook("04", tmp_path / "student")
    with Workbook.open(path) as book:
        log = book.all(InterviewLog)[0]
        book.update(replace(log, referrals=(*log.referrals, *SUGGESTED)))
    return path


def _opened(browser: Browser, app: ServerPlan, notebook: str) -> Page:
    """A laptop's window showing ``notebook`` of ``app``, its widgets drawn."""
    page = browser.new_page(viewport=WINDOW)
    page.set_default_timeout(TIMEOUT_MS)
    open_page(page, app.url(f"voila/render/{notebook}.ipynb"))
    return page


def _axe(page: Page, *rules: str) -> list[dict[str, Any]]:
    """axe-core's violations of ``rules`` on the page as it is now."""
    if not AXE.exists():  # fail, never skip: the check would silently stop happening
        pytest.fail(f"axe-core is not at {AXE}: run 'npm install axe-core' in {ROOT}.")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through the debugger: no CSP applies
    options = json.dumps({"runOnly": {"type": "rule", "values": list(rules)}})
    result = page.evaluate(f"axe.run(document, {options})")
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def _cut_buttons(page: Page) -> list[str]:
    """The shown buttons whose words do not fit in them."""
    cut: list[str] = page.evaluate(
        """[...document.querySelectorAll('button.widget-button')]
            .filter(b => b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1)
            .map(b => b.textContent)"""
    )
    return cut


def _whole_page(page: Page, name: str) -> None:
    """A screenshot of the whole page (Voila scrolls inside it: a window as tall as it)."""
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": WINDOW["width"], "height": min(int(height) + 40, 8000)})
    shoot(page, name)
    page.set_viewport_size(WINDOW)


# -- 03 Prepare questions ----------------------------------------------------------------


def test_every_tick_box_in_the_question_bank_is_named_by_its_question(
    browser: Browser, serve: Serve, dmitry: Path
) -> None:
    app = serve(dmitry)
    page = _opened(browser, app, "03_prepare_questions")
    pick(page, "Contact", "Marcus D'Amico")  # his meeting on Thursday is still to come
    button(page, "Add the questions ticked").wait_for()
    pick(page, "Kind of question", "Career path")
    wanted = "What surprised you most about the way your career unfolded?"
    tick = page.get_by_role("checkbox", name=wanted, exact=True)
    tick.wait_for()
    boxes = page.locator(".widget-checkbox input[type=checkbox]")
    names = [
        page.evaluate("b => [...b.labels].map(l => l.textContent.trim()).join(' ')", box)
        for box in boxes.element_handles()
    ]
    assert len(names) >= 5
    assert all(names), names  # every box has a label tied to it
    assert _axe(page, "label") == []

    page.get_by_text(wanted, exact=True).click()  # the words tick their box
    assert tick.is_checked()
    button(page, "Add the questions ticked").click()
    page.wait_for_function(  # on the list, in its own box
        "t => [...document.querySelectorAll('textarea, input')].some(e => e.value === t)",
        arg=wanted,
    )
    expect(tick).not_to_be_checked()  # the ticks are cleared once added
    assert _cut_buttons(page) == []
    shoot(page, "03_prepare_questions_bank_added")
    _whole_page(page, "03_prepare_questions_bank")
    page.close()


# -- 04 Meeting ---------------------------------------------------------------------------


def test_the_meeting_page_names_the_button_it_shows_and_echoes_no_choice(
    browser: Browser, serve: Serve, dmitry: Path
) -> None:
    app = serve(dmitry)
    page = _opened(browser, app, "04_meeting")
    markdown = page.locator(".jp-RenderedMarkdown").all_inner_texts()
    said = " ".join(" ".join(markdown).split())
    # The page opens on the next meeting: its save button says Save changes.
    page.locator(".widget-dropdown select").first.wait_for()
    save = button(page, "Save changes")
    save.wait_for()
    assert "Save changes" in said
    # A drop-down showing its whole choice is not followed by the same words again.
    echoes = page.locator(".infoview-chosen")
    assert [text for text in echoes.all_inner_texts() if text.strip()] == []
    shoot(page, "04_meeting_opened")

    pick(page, "Meeting", "Plan a new meeting")
    button(page, "Save the meeting").wait_for()
    assert "Save the meeting" in said
    pick(page, "Who you will meet", "Raj Malhotra")
    assert [text for text in echoes.all_inner_texts() if text.strip()] == []
    assert _cut_buttons(page) == []
    _whole_page(page, "04_meeting_new")
    page.close()


# -- 05 Follow up ---------------------------------------------------------------------------


def test_a_suggested_name_is_shown_whole_and_becomes_a_contact(
    browser: Browser, serve: Serve, dmitry: Path
) -> None:
    app = serve(dmitry)
    page = _opened(browser, app, "05_follow_up")
    pick(page, "Meeting", "Ken Sato")  # the meeting where they were suggested
    text_area(page, "People they suggested").wait_for()
    for name in SUGGESTED:
        page.get_by_text(f"suggested you talk to {name}. Add {name} as a contact").wait_for()
    # Typed markup was found above as text ("<b>"): escaped, never drawn.
    assert _cut_buttons(page) == []  # "Add as a con..." before
    _whole_page(page, "05_follow_up_suggested")

    row = page.locator(".widget-vbox", has=page.get_by_text("Priya Raman (CDC)", exact=True))
    row.last.locator("button", has_text="Add as a contact").click()
    added = page.locator(".infoview-notice.infoview-saved", has_text="Priya Raman")
    added.wait_for()
    assert in_view(page, added)
    shoot(page, "05_follow_up_priya_added")
    with Workbook.open(dmitry) as book:
        [priya] = [c for c in book.all(Contact) if c.name == "Priya Raman"]
    assert priya.notes == "CDC"

    # The dashboard says the whole name too.
    open_page(page, app.url("voila/render/00_start_here.ipynb"))
    page.get_by_text('suggested you talk to =HYPERLINK("http://x.example","y")').first.wait_for()
    page.close()


def test_links_in_the_follow_up_page_are_told_apart_without_colour(
    browser: Browser, serve: Serve, dmitry: Path
) -> None:
    app = serve(dmitry)
    page = _opened(browser, app, "05_follow_up")
    links = page.locator("#rendered_cells p a, .widget-html p a")
    assert links.count() >= 3
    decorations = [
        page.evaluate("a => getComputedStyle(a).textDecorationLine", link)
        for link in links.element_handles()
    ]
    assert all("underline" in line for line in decorations), decorations
    assert _axe(page, "link-in-text-block") == []
    page.close()


def test_a_meeting_still_to_come_has_one_notice_about_its_day(
    browser: Browser, serve: Serve, tmp_path: Path
) -> None:
    path = tmp_path / "student" / "ana.infoview"
    path.parent.mkdir(parents=True)
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        ken = book.add(Contact(name="Ken Sato", organisation="Kestrel Payments"))
        assert ken.id is not None
        book.add(Meeting(contact_id=ken.id, starts_at=datetime(2026, 3, 19, 10, 0)))
    app = serve(path)
    page = _opened(browser, app, "05_follow_up")
    day = "Thursday 19 March 2026"
    notices = page.locator(".infoview-notice:visible", has_text=day)
    notices.first.wait_for()
    expect(notices).to_have_count(1)  # nothing picked: the page's own note
    pick(page, "Meeting", "Ken Sato")
    page.locator(".infoview-notice", has_text="which has not come yet").wait_for()
    expect(notices).to_have_count(1)  # picked: the meeting's note
    text_area(page, "Notes").fill("Started in QA, moved to backend.")
    button(page, "Save what I learned").click()
    question = page.locator(".infoview-notice", has_text="Still to come?")
    question.wait_for()
    assert in_view(page, question) or in_view(page, button(page, "Yes, it happened: save it"))
    expect(notices).to_have_count(1)  # asking: the question
    shoot(page, "05_follow_up_still_to_come")
    button(page, "Keep editing").click()
    page.locator(".infoview-notice", has_text="which has not come yet").wait_for()
    expect(notices).to_have_count(1)
    page.close()


# -- Buttons repeated on every row, told apart by name ---------------------------------------


def test_each_rows_buttons_have_a_name_of_their_own(
    browser: Browser, serve: Serve, dmitry: Path
) -> None:
    """Issue 14: 03 had "Up", "Down" and "Remove" on every question and 05 five buttons called
    "Done", the same to a screen reader; each is named for its row now, its words first."""
    app = serve(dmitry)
    page = _opened(browser, app, "03_prepare_questions")
    pick(page, "Contact", "Marcus D'Amico")
    button(page, "Add the questions ticked").wait_for()
    pick(page, "Kind of question", "Career path")
    for text in page.locator(".widget-checkbox.infoview-wrap").all_inner_texts()[:2]:
        page.get_by_role("checkbox", name=" ".join(text.split()), exact=True).check()
    button(page, "Add the questions ticked").click()
    named = page.get_by_role("button", name="Up: ask question 2 earlier", exact=True)
    named.wait_for()
    expect(
        page.get_by_role("button", name="Down: ask question 1 later", exact=True)
    ).to_be_visible()
    expect(page.get_by_role("button", name="Remove question 2 from the list")).to_be_visible()
    for words in ("Up", "Down", "Remove"):  # the words stay short; none is a bare name
        expect(page.get_by_role("button", name=words, exact=True)).to_have_count(0)
    assert named.inner_text().strip() == "Up"
    page.close()

    page = _opened(browser, app, "05_follow_up")
    done = page.locator("button.widget-button", has_text=re.compile(r"^\s*Done\s*$"))
    done.first.wait_for()
    labels = [button.get_attribute("aria-label") or "" for button in done.all()]
    assert len(labels) >= 2
    assert all(label.startswith("Done: ") for label in labels), labels
    assert len(set(labels)) == len(labels), labels
    expect(page.get_by_role("button", name="Done", exact=True)).to_have_count(0)
    page.close()
