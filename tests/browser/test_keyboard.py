"""The keyboard walk-through of every notebook in Voila, at a laptop's window size: from the
top of the page, Tab reaches every form control, in the order they are on the screen, and
the control with focus shows it strongly (an outline at least 2 pixels wide, or a shadow).

Also: moving and removing a question in ``03`` from the keyboard keeps the focus where the
student is working (on the question moved, or the one now in the removed one's place).

Each walk is written to ``screenshots/keyboard-NN.txt`` (role, accessible name, and a mark
where focus does not show) for the closing note and a person to read.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from infoview_lib.local_server import ServerPlan
from tests.browser import (
    NOTEBOOKS,
    SCREENSHOTS,
    button,
    in_view,
    pick,
    sample_workbook,
    shoot,
    student_page,
    text_input,
)

#: The sample student whose workbook each page is walked on: 03 has met people, with
#: follow-ups due; 06 has a meeting coming, so 04 shows its checklist, move and cancel.
STUDENT = {"04_meeting": "06"}
#: What the student has picked before walking a page, so its forms are on it: a contact.
PICKED = {"02_draft_outreach": "Aoife", "03_prepare_questions": "Aoife"}
#: More Tab presses than any page has controls: a walk that does not end is a trap.
MOST_STEPS = 600
#: How far up (in CSS pixels) the next control may be and still count as the same row.
ROW = 20

#: Every control a student could use, numbered in the order of the page, with its place.
_CONTROLS = """() => {
  const wanted = 'input:not([type=hidden]), select, textarea, button, a[href], [tabindex]';
  const shown = [...document.querySelectorAll(wanted)].filter(element => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && !element.disabled
      && element.getAttribute('tabindex') !== '-1'
      && getComputedStyle(element).visibility !== 'hidden';
  });
  const top = document.scrollingElement ? document.scrollingElement.scrollTop : 0;
  return shown.map((element, index) => {
    element.dataset.walk = String(index);
    const box = element.getBoundingClientRect();
    let scrolled = 0;
    for (let up = element.parentElement; up; up = up.parentElement) scrolled += up.scrollTop;
    return {
      index, form: element.matches('input, select, textarea, button'),
      top: box.top + scrolled + top, left: box.left,
    };
  });
}"""

#: The element with focus: its number, role, accessible name and whether focus shows.
_FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const roles = {BUTTON: 'button', SELECT: 'combobox', TEXTAREA: 'textbox', A: 'link'};
  const inputs = {checkbox: 'checkbox', radio: 'radio', date: 'date', number: 'spinbutton'};
  const role = element.getAttribute('role') || roles[element.tagName]
    || (element.tagName === 'INPUT' ? inputs[element.type] || 'textbox'
        : element.tagName.toLowerCase());
  const text = node => (node ? node.innerText || node.textContent || '' : '');
  let name = element.getAttribute('aria-label') || '';
  const by = element.getAttribute('aria-labelledby');
  if (!name && by) name = by.split(/\\s+/).map(id => text(document.getElementById(id))).join(' ');
  if (!name && element.labels && element.labels.length) {
    name = [...element.labels].map(text).join(' ');
  }
  if (!name && ['BUTTON', 'A', 'SUMMARY'].includes(element.tagName)) name = text(element);
  if (!name) name = element.getAttribute('title') || '';
  const style = getComputedStyle(element);
  // strong: an outline at least 2px wide (the browser's own ring is a faint 1px), or a shadow
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {
    index: element.dataset.walk === undefined ? -1 : Number(element.dataset.walk),
    role, name: name.replace(/\\s+/g, ' ').trim(), shows: Boolean(outline || shadow),
  };
}"""


def _walk(page: Page) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The page's controls, and what Tab focuses from the top until it leaves the page."""
    controls: list[dict[str, Any]] = page.evaluate(_CONTROLS)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    steps: list[dict[str, Any]] = []
    seen: set[int] = set()
    for _ in range(MOST_STEPS):
        page.keyboard.press("Tab")
        focused: dict[str, Any] | None = page.evaluate(_FOCUSED)
        if focused is None:
            break  # out of the page
        if steps and focused["index"] == steps[-1]["index"] >= 0:
            continue  # the next part of the same control: a date's month, day and year
        if focused["index"] in seen and focused["index"] >= 0:
            break  # back at the top
        seen.add(focused["index"])
        steps.append(focused)
    return controls, steps


def _record(notebook: str, steps: list[dict[str, Any]]) -> None:
    picked = f", with the contact {PICKED[notebook]}… picked" if notebook in PICKED else ""
    lines = [
        f"{number:3d}. {step['role']}: {step['name'] or '(no name)'}"
        + ("" if step["shows"] else "   [focus not shown]")
        for number, step in enumerate(steps, start=1)
    ]
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / f"keyboard-{notebook[:2]}.txt").write_text(
        f"Keyboard walk-through of {notebook} (Voila, 1280x800), on the sample student "
        f"{STUDENT.get(notebook, '03')}'s workbook{picked}: Tab from the top.\n"
        + "\n".join(lines)
        + "\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_tab_reaches_every_control_in_order_and_focus_shows(
    browser: Browser, serve: Callable[..., ServerPlan], tmp_path: Path, notebook: str
) -> None:
    app = serve(sample_workbook(STUDENT.get(notebook, "03"), tmp_path / "student"))
    page = student_page(browser, app, notebook)
    if notebook in PICKED:
        pick(page, "Contact", PICKED[notebook])
        page.locator("button.widget-button:visible").nth(1).wait_for()
    page.wait_for_timeout(500)  # the page settles: lists filled from the workbook
    controls, steps = _walk(page)
    _record(notebook, steps)
    page.close()

    by_index = {control["index"]: control for control in controls}
    reached = {step["index"] for step in steps}
    missed = [c for c in controls if c["form"] and c["index"] not in reached]
    assert not missed, f"{notebook}: {len(missed)} form controls Tab never reaches"

    backwards = []
    placed = [by_index[step["index"]] | step for step in steps if step["index"] in by_index]
    for before, after in itertools.pairwise(placed):
        up = before["top"] - after["top"]
        if up > ROW or (abs(up) <= ROW and after["left"] < before["left"] - 5):
            backwards.append(f"{before['name']!r} -> {after['name']!r}")
    assert not backwards, f"{notebook}: Tab goes back up the page: {backwards[:5]}"

    hidden = sorted({f"{step['role']}: {step['name']}" for step in steps if not step["shows"]})
    assert not hidden, f"{notebook}: focus does not show on {len(hidden)}: {hidden[:8]}"


#: The focused element: its tooltip (which says which question's button it is, or the label
#: of a box) and the question in its row, if it is one of a question's buttons.
_FOCUS_IN_ROW = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const buttons = element.closest('.widget-hbox');
  const row = buttons ? buttons.parentElement : null;
  const box = row ? row.querySelector('textarea') : null;
  const widget = element.closest('.widget-inline-hbox');
  const label = widget ? widget.querySelector('label') : null;
  return {
    tag: element.tagName, title: element.getAttribute('title') || '',
    label: label ? label.textContent.trim() : '',
    question: element.tagName === 'BUTTON' && box ? box.value : null,
  };
}"""


def _questions(page: Page) -> list[str]:
    """The questions on the list, in order."""
    boxes = page.locator(".widget-textarea", has=page.locator("label", has_text="Question "))
    texts: list[str] = boxes.locator("textarea").evaluate_all("(all) => all.map(b => b.value)")
    return texts


def _focus_after(page: Page, expected: dict[str, Any], order: list[str]) -> dict[str, Any]:
    """Wait until the list is in ``order`` and the focus is on what ``expected`` describes
    (its tooltip, and the question in its row: the kernel answers the key press, and the
    browser draws the rows' new words a moment later); what has the focus then."""
    deadline = time.monotonic() + 15
    focused: dict[str, Any] | None = None
    while time.monotonic() < deadline:
        focused = page.evaluate(_FOCUS_IN_ROW)
        if _questions(page) == order and focused is not None and focused | expected == focused:
            break
        page.wait_for_timeout(200)
    assert _questions(page) == order
    assert focused is not None, "the focus is lost: it went to the page's body"
    return focused


def test_up_down_and_remove_from_the_keyboard_keep_the_focus_on_the_question(
    browser: Browser, serve: Callable[..., ServerPlan], tmp_path: Path
) -> None:
    """A student moving and removing questions from the keyboard does not lose her place:
    after Up or Down the focus is on the same button of the question moved, at its new
    place; after Remove on the Remove button of the question now in its place (or the one
    before); with none left, in the box for her own question."""
    app = serve(sample_workbook("03", tmp_path / "student"))
    page = student_page(browser, app, "03_prepare_questions")
    pick(page, "Contact", PICKED["03_prepare_questions"])
    for text in ("What does a typical week look like for you?", "How did you get started?"):
        text_input(page, "Your own question").fill(text)
        button(page, "Add my question").click()
        page.wait_for_timeout(300)
    while len(_questions(page)) < 3:
        page.wait_for_timeout(200)
    first, second, third, *rest = _questions(page)

    def press(title: str, key: str) -> None:
        target = page.locator(f'button[title="{title}"]')
        target.focus()
        page.keyboard.press(key)

    press("Up: ask question 3 earlier", "Enter")
    focused = _focus_after(
        page,
        {"title": "Up: ask question 2 earlier", "question": third},
        [first, third, second, *rest],
    )
    assert focused["question"] == third, focused
    page.keyboard.press("Space")  # again, from where the focus is: to the top, where Up
    focused = _focus_after(  # cannot be pressed, so the focus is on its Down
        page,
        {"title": "Down: ask question 1 later", "question": third},
        [third, first, second, *rest],
    )
    assert focused["question"] == third, focused
    page.keyboard.press("Enter")
    focused = _focus_after(
        page,
        {"title": "Down: ask question 2 later", "question": third},
        [first, third, second, *rest],
    )
    assert focused["question"] == third, focused
    assert in_view(page, page.locator(":focus"))
    shoot(page, "keyboard-03-moved")

    press("Remove question 2 from the list", "Enter")
    focused = _focus_after(
        page,
        {"title": "Remove question 2 from the list", "question": second},
        [first, second, *rest],
    )
    assert focused["question"] == second, focused
    left = [first, second, *rest]
    press(f"Remove question {len(left)} from the list", "Enter")  # the last one
    left.pop()
    focused = _focus_after(
        page, {"title": f"Remove question {len(left)} from the list", "question": left[-1]}, left
    )
    assert focused["question"] == left[-1], focused
    while left:  # Enter, Enter, ...: each on the Remove button the focus went to
        page.keyboard.press("Enter")
        left.pop()
        expected = (
            {"title": f"Remove question {len(left)} from the list"}
            if left
            else {"label": "Your own question"}
        )
        _focus_after(page, expected, left)
    assert in_view(page, page.locator(":focus"))
    shoot(page, "keyboard-03-removed")
    page.close()
