"""WCAG 2.1 A and AA, measured by axe-core in Chromium on every notebook page in its main states.

axe-core comes from npm (``make test`` installs the pinned version into ``node_modules/``);
Playwright injects it into each Voila page. Each notebook is audited:

- ``empty``: a new workbook (for ``00``, none at all);
- ``filled``: a sample student's workbook (``data/sample/students``);
- ``findings``: the page's coaching shown (``02``: a message started from the template;
  ``03``: a contact's questions; ``04``: the meeting still to come, with its checklist's coaching;
  ``05``: a meeting whose log names people they suggested, with the follow-ups due);
- ``errors``: a field error shown: after a save on the empty form (``00``, ``01``, ``04``),
  or, on the sample, after a save with a wrong value typed (``02``: a subject too long;
  ``03``: a question emptied; ``05``: a suggested name too long);
- ``saved``: after a save on the filled form (the wrong value put right first).

Each page is opened twice (empty, then the sample), and its states follow each other on that
load. A WCAG 2.1 A/AA violation fails the test unless :data:`EXCEPTIONS` lists its rule with
the reason and the upstream issue; so does any other result of axe's (a best-practice rule:
a skipped heading level, content outside a landmark) unless :data:`OTHER_EXCEPTIONS` lists
it. Every result is counted per page and state in ``screenshots/axe.md`` and printed at the
end of the run. Also checked: each page
has a language, a title naming its step and a main landmark, a 3px focus outline, and no
horizontal scrolling of the page at 320 CSS pixels (200% zoom of a small laptop).
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page
from playwright.sync_api import Error as PlaywrightError

from infoview_lib.local_server import PREHEATED_PER_NOTEBOOK, ServerPlan
from infoview_lib.model import StudentProfile
from infoview_lib.sample_cohort import build_student, load_cohort
from infoview_lib.store import Workbook
from tests.browser import NOTEBOOKS as STUDENT_NOTEBOOKS
from tests.browser import (
    ROOT,
    SCREENSHOTS,
    TIMEOUT_MS,
    app_in,
    button,
    dropdown,
    kernels_for,
    page_height,
    pick,
    text_area,
    text_input,
    window_size,
)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: The rules axe checks for WCAG 2.1 A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: WCAG 2.1 A/AA rules that fail for reasons outside infoview's pages, by rule id:
#: the reason, and the upstream issue. Empty: every rule passes on every page and state.
EXCEPTIONS: dict[str, str] = {}
#: axe's other rules (best practices) that fail for reasons outside infoview's pages: none.
OTHER_EXCEPTIONS: dict[str, str] = {}
NOTEBOOKS = {
    "00_start_here": "00 Start here",
    "01_pick_contacts": "01 Pick contacts",
    "02_draft_outreach": "02 Draft outreach",
    "03_prepare_questions": "03 Prepare questions",
    "04_meeting": "04 Meeting",
    "05_follow_up": "05 Follow up",
}
#: Notebooks whose field errors show after a save on the empty form.
ERRORS_WHEN_EMPTY = ("00_start_here", "01_pick_contacts", "04_meeting")
#: The sample student with contacts at every stage (the benchmarks' student too).
SAMPLE_STUDENT = 3
REPORT = SCREENSHOTS / "axe.md"
#: The kernels the app keeps started, waiting for a visit.
PREHEATED_PAGES = PREHEATED_PER_NOTEBOOK * len(STUDENT_NOTEBOOKS)

_RUN_AXE = """async (tags) => {
  const options = {resultTypes: ['violations']};
  const all = await axe.run(document, options);
  const wcag = await axe.run(document, {...options, runOnly: {type: 'tag', values: tags}});
  const brief = (v) => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
    where: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)});
  return {all: all.violations.map(brief), wcag: wcag.violations.map(brief)};
}"""


@dataclass(frozen=True)
class Audit:
    """What axe found on one page in one state."""

    notebook: str
    state: str
    wcag: list[dict[str, Any]]
    others: list[dict[str, Any]]

    def count(self, results: list[dict[str, Any]], impacts: tuple[str, ...]) -> int:
        """Elements failing the ``results`` of these impacts."""
        return sum(result["nodes"] for result in results if result["impact"] in impacts)

    def row(self) -> str:
        """The audit as a row of the Markdown table in ``screenshots/axe.md``."""
        wcag = self.count(self.wcag, ("critical", "serious", "moderate", "minor"))
        serious = self.count(self.others, ("critical", "serious"))
        moderate = self.count(self.others, ("moderate", "minor"))
        rules = ", ".join(sorted({r["id"] for r in self.wcag + self.others})) or "-"
        return f"| {self.notebook} | {self.state} | {wcag} | {serious} | {moderate} | {rules} |"


AUDITS: list[Audit] = []


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    """Write the table of counts once the module's tests have run (``tests/conftest.py``
    prints it at the end of the run)."""
    if not AXE.is_file():  # fail, never skip: the check would silently stop happening
        pytest.fail(
            f"axe-core is not at {AXE}: run 'make test' (it installs it with npm), or "
            "'npm install --no-save --prefix . axe-core@VERSION' (the Makefile's AXE_CORE_VERSION)."
        )
    yield
    lines = [
        "| notebook | state | WCAG 2.1 A/AA | other serious | other moderate/minor | rules |",
        "|---|---|---|---|---|---|",
        *(audit.row() for audit in AUDITS),
        "",
        "Where (the first three elements of each rule):",
        *(
            f"- {audit.notebook} {audit.state}: {result['id']} ({result['impact']}): {where}"
            for audit in AUDITS
            for result in audit.wcag + audit.others
            for where in result["where"]
        ),
    ]
    SCREENSHOTS.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def audit(page: Page, notebook: str, state: str) -> Audit:
    """Run axe on the page as it is, all of it (not only what the window shows), keep the
    counts and a screenshot."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    time.sleep(0.5)  # let the widgets finish drawing what the last click changed
    # the window as tall as the page: axe leaves the colours of what is outside it unmeasured
    width = (page.viewport_size or {"width": 1280})["width"]
    with window_size(page, width, min(page_height(page) + 40, 8000)):
        found = page.evaluate(_RUN_AXE, WCAG_TAGS)
    wcag_ids = {result["id"] for result in found["wcag"]}
    result = Audit(
        notebook,
        state,
        wcag=found["wcag"],
        others=[r for r in found["all"] if r["id"] not in wcag_ids],
    )
    AUDITS.append(result)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"a11y_{notebook}_{state}.png")
    return result


def new_page(browser: Browser, width: int = 1280) -> Page:
    """A tab of a laptop's window (or a narrow one), waiting as long as a busy machine needs."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.set_default_timeout(TIMEOUT_MS)
    return page


def open_page(page: Page, app: ServerPlan, notebook: str) -> None:
    """Open ``notebook`` and wait until its form is drawn."""
    page.goto(app.url(f"voila/render/{notebook}.ipynb"))
    page.locator("button.widget-button:visible").first.wait_for()


def click_save(page: Page, words: str = "") -> bool:
    """Click the page's first visible save (primary) button (saying ``words``), and wait for
    what it says; whether there was one."""
    buttons = page.locator("button.widget-button.mod-primary:visible:enabled", has_text=words)
    if words:  # it shows once the kernel has answered what was picked
        buttons.first.wait_for(timeout=10_000)
    if buttons.count() == 0:
        return False
    notices = page.locator(".infoview-notice, .infoview-field-error")
    before = notices.count()
    buttons.first.click()
    deadline = time.monotonic() + 10
    while notices.count() == before and time.monotonic() < deadline:
        time.sleep(0.2)
    return True


def wait_for(locator: Locator, seconds: float = 10) -> None:
    """Wait until ``locator`` matches something shown (the kernel answers a change)."""
    locator.first.wait_for(state="visible", timeout=seconds * 1000)


def pick_first(page: Page, label: str) -> None:
    """Pick the first real option (after "Pick a contact" or "Plan a new meeting") of the
    drop-down labelled ``label``."""
    dropdown(page, label).select_option(index=1)


def findings_02(page: Page) -> None:
    """A new message to the first contact, from the template: the Ally check's findings."""
    pick_first(page, "Contact")
    template = button(page, "Start from the template")
    findings = page.locator(".infoview-finding")
    deadline = time.monotonic() + 45
    # the kernel may still be showing the contact's saved message, which hides the button:
    # pick "A new message" and click until the template's findings show
    while not findings.first.is_visible():
        assert time.monotonic() < deadline, "the template's findings never showed"
        if template.is_visible():
            with contextlib.suppress(PlaywrightError):
                template.click(timeout=2000)
        else:
            dropdown(page, "Message").select_option(index=0)  # "A new message"
        time.sleep(0.5)


def findings_03(page: Page) -> None:
    """The first contact's questions, with each one's findings and the set's."""
    pick_first(page, "Contact")
    wait_for(page.locator(".infoview-finding"))


def findings_04(page: Page) -> None:
    """The meeting still to come (with Marcus D'Amico, in three days): its checklist and the
    coaching on how ready the student is."""
    pick(page, "Meeting", "Marcus")
    wait_for(page.locator(".infoview-finding"))


def findings_05(page: Page) -> None:
    """A meeting whose log names someone they suggested (Sabine Hartmann's): the person to
    add, the thank-you quoting the advice, the follow-ups due."""
    pick(page, "Meeting", "Sabine")
    wait_for(page.locator("#rendered_cells .widget-html-content", has_text="Marcus"))


#: How each coached notebook shows its coaching on the sample workbook.
FINDINGS: dict[str, Callable[[Page], None]] = {
    "02_draft_outreach": findings_02,
    "03_prepare_questions": findings_03,
    "04_meeting": findings_04,
    "05_follow_up": findings_05,
}


def mistake_02(page: Page) -> Callable[[], None]:
    """A subject longer than a subject can be; its put-right: the subject as it was."""
    subject = text_input(page, "Subject")
    words = subject.input_value()
    subject.fill("Asking for your advice " * 20)
    return lambda: subject.fill(words)


def mistake_03(page: Page) -> Callable[[], None]:
    """The first question emptied; its put-right: its words back."""
    first = text_area(page, "Question 1")
    words = first.input_value()
    first.fill("")
    return lambda: first.fill(words)


def mistake_05(page: Page) -> Callable[[], None]:
    """A suggested person's name longer than a name can be; its put-right: the names back."""
    names = text_area(page, "People they suggested")
    saved = names.input_value()
    names.fill(f"{saved}\n{'Marcus Aurelius ' * 10}".strip())
    return lambda: names.fill(saved)


#: Notebooks whose field errors show on the sample workbook (the save on the empty form
#: has nothing to save): the wrong value to type, with the save button to click.
MISTAKES: dict[str, tuple[Callable[[Page], Callable[[], None]], str]] = {
    "02_draft_outreach": (mistake_02, "Save draft"),
    "03_prepare_questions": (mistake_03, "Save my questions"),
    "05_follow_up": (mistake_05, "Save what I learned"),
}


def assert_wcag_clean(audits: list[Audit]) -> None:
    """No WCAG 2.1 A/AA violation, nor any other result of axe's, but the listed exceptions."""
    failing = [
        (a.notebook, a.state, r["id"], r["impact"], r["where"])
        for a in audits
        for results, exceptions in ((a.wcag, EXCEPTIONS), (a.others, OTHER_EXCEPTIONS))
        for r in results
        if r["id"] not in exceptions
    ]
    assert not failing, failing


def swap_workbook(
    app: ServerPlan, source: Path | None, page: Page, *, absent: bool = False
) -> None:
    """Put ``source`` (or a new workbook with only a name; with ``absent``, none at all, nor
    typing kept for one) at the app's workbook path, once the kernel of the page left has
    stopped (the preheated ones, one per notebook, wait for a visit and hold nothing)."""
    assert app.workbook is not None
    page.goto("about:blank")
    deadline = time.monotonic() + 15
    while len(kernels_for(str(app.workbook))) > PREHEATED_PAGES and time.monotonic() < deadline:
        time.sleep(0.2)
    app.workbook.parent.mkdir(parents=True, exist_ok=True)
    app.workbook.unlink(missing_ok=True)
    app.workbook.with_name(f".{app.workbook.name}.unsaved.json").unlink(missing_ok=True)
    if absent:
        return
    if source is None:
        with Workbook.create(app.workbook, StudentProfile(name="Ana Lima")):
            pass
    else:
        shutil.copyfile(source, app.workbook)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerPlan]:
    """One ``infoview app`` for the whole module (starting one, with its preheated kernels,
    costs seconds); each test puts the workbook it needs in place."""
    with app_in(tmp_path_factory.mktemp("app")) as plan:
        yield plan


@pytest.fixture(scope="module")
def sample_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cohort = load_cohort()
    folder = tmp_path_factory.mktemp("sample")
    return build_student(cohort.student_files[SAMPLE_STUDENT], folder, cohort.as_of)


@pytest.mark.parametrize("notebook", list(NOTEBOOKS))
def test_every_state_of_the_page_meets_wcag_21_aa(
    browser: Browser, app: ServerPlan, sample_workbook: Path, notebook: str
) -> None:
    page = new_page(browser)
    audits: list[Audit] = []
    # 00 opens on no workbook at all; the others on a new one
    swap_workbook(app, None, page, absent=notebook == "00_start_here")
    open_page(page, app, notebook)
    audits.append(audit(page, notebook, "empty"))
    if notebook in ERRORS_WHEN_EMPTY:
        assert click_save(page)
        wait_for(page.locator(".infoview-field-error"))
        audits.append(audit(page, notebook, "errors"))

    swap_workbook(app, sample_workbook, page)
    open_page(page, app, notebook)
    audits.append(audit(page, notebook, "filled"))
    if notebook in FINDINGS:
        FINDINGS[notebook](page)
        audits.append(audit(page, notebook, "findings"))
    save = ""
    if notebook in MISTAKES:
        mistake, save = MISTAKES[notebook]
        put_right = mistake(page)
        assert click_save(page, save)
        wait_for(page.locator(".infoview-field-error"))
        audits.append(audit(page, notebook, "errors"))
        put_right()
    if notebook == "01_pick_contacts":  # a contact's changes (a new one's empty form fails)
        pick_first(page, "Pick a contact to edit")
        save = "Save changes"
    if notebook == "04_meeting":  # the meeting is saved: tick a box of its checklist
        page.locator("#rendered_cells input[type=checkbox]").first.check()
        save = "Save my ticks"
    assert click_save(page, save)
    wait_for(page.locator(".infoview-saved"))
    audits.append(audit(page, notebook, "saved"))
    page.close(run_before_unload=True)  # so Voila stops its kernel now
    assert {a.state for a in audits} >= {"empty", "errors", "filled", "saved"}
    assert_wcag_clean(audits)


@pytest.mark.parametrize("notebook", list(NOTEBOOKS))
def test_the_page_has_a_language_a_title_a_main_region_and_a_strong_focus(
    browser: Browser, app: ServerPlan, notebook: str
) -> None:
    page = new_page(browser)
    swap_workbook(app, None, page)
    open_page(page, app, notebook)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.title() == f"{NOTEBOOKS[notebook]} \N{EN DASH} infoview"
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("main").locator("button.widget-button").count() > 0

    field = page.locator(
        "#rendered_cells :is(input[type=text], textarea, select):visible:enabled"
    ).first
    page.bring_to_front()  # :focus matches only in the window that has the focus
    field.focus()
    outline = field.evaluate(
        """(e) => { const s = getComputedStyle(e);
                   return [document.activeElement === e, s.outlineStyle, s.outlineWidth]; }"""
    )
    assert outline == [True, "solid", "3px"], outline
    page.keyboard.press("Tab")
    after_tab = page.evaluate(
        "(() => { const e = document.activeElement; return [e.tagName, e.className,"
        " getComputedStyle(e).outlineStyle]; })()"
    )
    assert after_tab[2] == "solid", after_tab
    page.close(run_before_unload=True)  # so Voila stops its kernel now


@pytest.mark.parametrize("notebook", list(NOTEBOOKS))
def test_nothing_scrolls_sideways_at_320_css_pixels_but_wide_tables(
    browser: Browser, app: ServerPlan, sample_workbook: Path, notebook: str
) -> None:
    page = new_page(browser, width=320)
    swap_workbook(app, sample_workbook, page)
    open_page(page, app, notebook)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth]")
    assert widths == [320, 320]
    sticking_out = page.evaluate(
        """() => [...document.querySelectorAll('#rendered_cells *')]
          .filter(e => !e.closest('table'))
          .filter(e => { const r = e.getBoundingClientRect(), w = innerWidth;
                         return r.width > 0 && r.right > w + 1; })
          .map(e => e.tagName + '.' + [...e.classList].join('.'))"""
    )
    assert sticking_out == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"a11y_{notebook}_320px.png")
    page.close(run_before_unload=True)  # so Voila stops its kernel now
