"""What a student tripped over in notebooks 00, 01 and 02 (issue 14), each in a real browser.

Voila serves the notebooks, Debian's Chromium at a laptop's 1280x800 drives them: a
question appears next to the button that caused it, typing survives a reload (before the
first save too, and on the contact it was typed for), words are never cut in half, the
notes box looks like the other boxes, Enter in a one-line box saves, errors quote what
was typed. Screenshots go to ``screenshots/`` for a person to look at.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, ViewportSize

from infoview_lib.local_server import ServerPlan
from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.ui.unsaved_before import kept_file
from tests.browser import (
    TIMEOUT_MS,
    dropdown,
    in_view,
    pick,
    shoot,
    text_area,
    text_input,
)

LAPTOP: ViewportSize = {"width": 1280, "height": 800}
#: The words of the elements ``selector`` finds that the browser drew on more than one line
#: (cut in half); a break at a hyphen or a slash is not a cut.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const words = /[^\\s\\-\\u2013\\/]+/g;
      for (let m = words.exec(node.data); m; m = words.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))
        );
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def _workbook(app: ServerPlan) -> Path:
    """Ana's workbook with two contacts: Wei Ng (1) and Maria Lopez (2)."""
    assert app.workbook is not None
    app.workbook.parent.mkdir(parents=True, exist_ok=True)
    profile = StudentProfile(
        name="Ana Lima",
        email="ana@example.edu",
        program="second-year biology",
        target_fields=("public health",),
    )
    with Workbook.create(app.workbook, profile) as book:
        book.add(
            Contact(
                name="Wei Ng",
                organisation="Riverside University",
                role="Associate Professor",
                field="public health",
                email="wei.ng@example.edu",
                connection="my professor for BIO 210",
            )
        )
        book.add(Contact(name="Maria Lopez", organisation="St Mary's Hospital"))
    return app.workbook


def _open(page: Page, url: str) -> None:
    """Open a notebook's page and wait until its widgets are drawn (a shown button)."""
    page.goto(url)
    page.locator("button.widget-button:visible").first.wait_for()


def _page(browser: Browser) -> Page:
    page = browser.new_page(viewport=LAPTOP)
    page.set_default_timeout(TIMEOUT_MS)
    return page


def _on_sample(browser: Browser, app: ServerPlan, notebook: str) -> tuple[Path, Page]:
    """Ana's workbook (see :func:`_workbook`) and a laptop's window showing ``notebook``."""
    workbook = _workbook(app)
    page = _page(browser)
    _open(page, app.url(f"voila/render/{notebook}.ipynb"))
    return workbook, page


def _until(condition: Callable[[], bool], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
    return condition()


def _kept(workbook: Path) -> dict[str, str]:
    with Workbook.open(workbook) as book:
        return book.settings("unsaved:")


def _near(first: Locator, second: Locator, pixels: float) -> bool:
    """Whether the tops of two shown elements are at most ``pixels`` apart."""
    one, two = first.bounding_box(), second.bounding_box()
    assert one is not None
    assert two is not None
    return abs(one["y"] - two["y"]) <= pixels


def _button(page: Page, text: str) -> Locator:
    """The shown button whose text is ``text`` (a page may hold hidden ones saying it too)."""
    return page.locator("button.widget-button:visible", has_text=text).first


def _asks_by(page: Page, clicked: str, question: str, pixels: float = 250) -> Locator:
    """Click the button ``clicked``: the notice saying ``question`` must appear in view,
    within ``pixels`` of the button, and be announced."""
    pressed = _button(page, clicked)
    pressed.click()
    asked = page.locator(".infoview-notice", has_text=question)
    asked.wait_for()
    assert in_view(page, asked), f"{question!r} is off screen"
    assert _near(asked, pressed, pixels), f"{question!r} is far from {clicked!r}"
    assert asked.get_attribute("role") in ("alert", "status")
    return asked


def _notice(page: Page, text: str) -> Locator:
    return page.locator(".infoview-notice", has_text=text).first


# -- 00 Start here --------------------------------------------------------------------------


def test_00_a_profile_typed_before_the_first_save_comes_back_after_a_reload(
    browser: Browser, app: ServerPlan
) -> None:
    assert app.workbook is not None
    page = _page(browser)
    _open(page, app.url("voila/render/00_start_here.ipynb"))
    text_input(page, "Your name").fill("Ana Lima")
    text_input(page, "Programme").fill("BSc Biology")
    kept = kept_file(app.workbook)
    assert _until(kept.exists), "the typing was not kept"
    assert kept.stat().st_mode & 0o777 == 0o600  # readable by the student only
    assert not app.workbook.exists()  # no half-made workbook

    page.reload()  # a new kernel: only the server's file remembers
    _open(page, app.url("voila/render/00_start_here.ipynb"))
    note = _notice(page, "Not saved yet.")
    note.wait_for()
    assert text_input(page, "Your name").input_value() == "Ana Lima"
    assert text_input(page, "Programme").input_value() == "BSc Biology"
    assert "saved version" not in note.inner_text()  # there is none yet
    assert page.locator("button.widget-button:visible", has_text="Put back").count() == 0
    shoot(page, "00_profile_kept_before_the_first_save")

    _button(page, "Save my profile").click()
    _notice(page, "Saved.").wait_for()
    assert _until(lambda: not kept.exists())  # forgotten just after the notice is shown
    with Workbook.open(app.workbook) as book:
        assert (book.profile().name, book.profile().program) == ("Ana Lima", "BSc Biology")
        assert book.settings("unsaved:") == {}
    page.close()


# -- 01 Pick contacts -----------------------------------------------------------------------


def test_01_a_kept_edit_comes_back_on_its_contact_after_a_reload(
    browser: Browser, app: ServerPlan
) -> None:
    workbook, page = _on_sample(browser, app, "01_pick_contacts")
    url = app.url("voila/render/01_pick_contacts.ipynb")
    pick(page, "Pick a contact to edit", "Maria Lopez")
    page.get_by_text("You are editing").wait_for()
    text_input(page, "Role").fill("Charge nurse")
    assert _until(lambda: "unsaved:contacts:contact:2" in _kept(workbook))

    page.reload()
    _open(page, url)
    note = _notice(page, "Not saved yet.")
    note.wait_for()
    assert in_view(page, note)  # said on the first screen, not under the form
    picker = dropdown(page, "Pick a contact to edit")
    chosen = picker.locator("option:checked").inner_text().replace("\xa0", " ")
    assert chosen.startswith("Maria Lopez"), chosen
    assert text_input(page, "Role").input_value() == "Charge nurse"
    assert "You are editing Maria Lopez" in page.locator("body").inner_text()
    shoot(page, "01_kept_edit_after_reload")
    page.close()


def test_01_reads_well_on_a_laptop(browser: Browser, app: ServerPlan) -> None:
    _, page = _on_sample(browser, app, "01_pick_contacts")
    shoot(page, "01_first_screen")
    # The form is on the first screen, not under a wall of text.
    assert in_view(page, text_input(page, "Full name")), "the form starts off screen"
    # The guide's advice is still there, folded.
    assert page.get_by_text("Scores are advice, not a verdict").count() == 1

    # The navigation line names each page once.
    nav = page.locator("p", has_text="Step 1 of 5")
    links = nav.locator("a").all_inner_texts()
    assert len(links) == len(set(links)), links

    # The score table keeps its words whole.
    table = page.locator("table.infoview-contacts")
    table.scroll_into_view_if_needed()
    shoot(page, "01_score_table")
    for width in (1280, 700):  # a laptop, and a window half its width
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate(BROKEN_WORDS, "table.infoview-contacts") == [], width
    page.set_viewport_size(LAPTOP)

    # A notes box writes like the other boxes.
    fonts = [
        box.evaluate("element => getComputedStyle(element).fontFamily")
        for box in (text_input(page, "Full name"), text_area(page, "Notes"))
    ]
    assert fonts[0] == fonts[1], fonts
    page.close()


def test_01_enter_saves_and_an_error_quotes_what_was_typed(
    browser: Browser, app: ServerPlan
) -> None:
    workbook, page = _on_sample(browser, app, "01_pick_contacts")
    text_input(page, "Full name").fill("Zoe O'Brien")
    text_input(page, "LinkedIn URL").fill("zoe-obrien")
    text_input(page, "LinkedIn URL").press("Enter")  # as the Add contact button
    error = page.locator(".infoview-field-error", has_text="LinkedIn URL").first
    error.wait_for()
    assert "'zoe-obrien'" in error.inner_text()
    assert "https://zoe-obrien" not in error.inner_text()
    assert _near(error, text_input(page, "LinkedIn URL"), 80)  # right under the box

    text_input(page, "LinkedIn URL").fill("linkedin.com/in/zoe-obrien")
    text_input(page, "Full name").press("Enter")
    saved = _notice(page, "Zoe O'Brien is in your list")
    saved.wait_for()
    assert in_view(page, saved)
    with Workbook.open(workbook) as book:
        assert "Zoe O'Brien" in [contact.name for contact in book.all(Contact)]
    page.close()


def test_01_the_delete_question_is_next_to_its_button(browser: Browser, app: ServerPlan) -> None:
    _, page = _on_sample(browser, app, "01_pick_contacts")
    pick(page, "Pick a contact to edit", "Wei Ng")
    _asks_by(page, "Delete this contact", "Delete Wei Ng?", 200)
    shoot(page, "01_delete_question")
    _button(page, "No, keep them").click()
    page.close()


# -- 02 Draft outreach ----------------------------------------------------------------------

NOT_READY = "Hi. I am looking for an internship. Can you give me a job at your lab?"


def test_02_the_not_ready_question_appears_by_mark_as_sent(
    browser: Browser, app: ServerPlan
) -> None:
    workbook, page = _on_sample(browser, app, "02_draft_outreach")
    assert in_view(page, dropdown(page, "Contact"))  # the form starts on the first screen
    pick(page, "Contact", "Wei Ng")
    text_area(page, "Your message").fill(NOT_READY)
    page.locator(".infoview-finding", has_text="Fix this").first.wait_for()
    _asks_by(page, "Mark as sent", "Not ready yet.")  # it was 1,100 px above, off screen
    shoot(page, "02_not_ready_question")
    assert in_view(page, _button(page, "Mark as sent anyway"))

    _button(page, "Mark as sent anyway").click()
    sent = _notice(page, "Marked as sent")
    sent.wait_for()
    assert in_view(page, sent)
    with Workbook.open(workbook) as book:
        assert book.settings("unsaved:") == {}
    page.close()


def test_02_leaving_unsaved_words_asks_by_the_picker(browser: Browser, app: ServerPlan) -> None:
    _, page = _on_sample(browser, app, "02_draft_outreach")
    pick(page, "Contact", "Wei Ng")
    text_area(page, "Your message").fill("Dear Dr. Ng, a first line.")
    _asks_by(page, "Start from the template", "Replace your message?")
    _button(page, "Keep editing").click()

    pick(page, "Contact", "Maria Lopez")
    question = page.locator(".infoview-notice", has_text="You have changed this message")
    question.wait_for()
    shoot(page, "02_switch_question")
    assert in_view(page, question)
    assert _near(question, dropdown(page, "Contact"), 250)
    page.close()


def test_02_a_new_message_kept_and_its_copy_ready_text(browser: Browser, app: ServerPlan) -> None:
    workbook, page = _on_sample(browser, app, "02_draft_outreach")
    url = app.url("voila/render/02_draft_outreach.ipynb")
    pick(page, "Contact", "Wei Ng")
    pick(page, "Send it as", "LinkedIn note")
    _button(page, "Start from the template").click()
    page.locator(".infoview-copy").wait_for()
    checked = page.locator(".infoview-findings").first.inner_text()
    assert "characters long" not in checked  # the template fits a connection note
    pick(page, "Send it as", "Email")
    _button(page, "Start from the template").click()  # the untouched template: no question
    page.locator(".infoview-copy", has_text="Subject:").wait_for()
    for width in (1280, 700):  # a laptop, and a window half its width: more lines wrap
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate(BROKEN_WORDS, ".infoview-copy") == [], width  # words stay whole
    page.set_viewport_size(LAPTOP)
    assert _until(lambda: any(key.endswith(":new") for key in _kept(workbook)))

    page.reload()
    _open(page, url)
    pick(page, "Contact", "Wei Ng")
    note = _notice(page, "Not saved yet.")
    note.wait_for()
    shoot(page, "02_kept_after_reload")
    assert in_view(page, note)
    assert "saved version" not in note.inner_text()  # it was never saved
    assert page.locator("button.widget-button:visible", has_text="Put back").count() == 0
    page.locator(".infoview-copy").scroll_into_view_if_needed()
    shoot(page, "02_copy_ready_text")
    assert page.evaluate(BROKEN_WORDS, ".infoview-copy") == []
    page.close()
