"""The keyboard walk-through of every notebook in Voila, at a laptop's window size: from the
top of the page, Tab reaches every form control, in the order they are on the screen, and
the control with focus shows it strongly (an outline at least 2 pixels wide, or a shadow).

Each walk is written to ``screenshots/keyboard-NN.txt`` (role, accessible name, and a mark
where focus does not show) for the closing note and a person to read.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from infoview_lib.local_server import ServerPlan
from tests.browser import NOTEBOOKS, SCREENSHOTS, pick, sample_workbook, student_page

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
