"""What the browser tests and the app's benchmark share: Debian's Chromium, and counting kernels.

Playwright's own browser download does not work here, so Debian's Chromium is driven,
with the flags that keep it from reaching for the network.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page

from infoview_lib.local_server import ServerPlan, plan_server, serving
from infoview_lib.ui import session

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
TODAY = date(2026, 3, 16)
#: Long enough for a kernel to start and run the notebook on a busy 2-core machine.
TIMEOUT_MS = 60_000
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def kernels_for(marker: str) -> list[int]:
    """The kernel processes whose environment holds ``marker`` (a workbook's path, which
    every kernel of a server inherits from it)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if (
                b"ipykernel" in (entry / "cmdline").read_bytes()
                and marker.encode() in (entry / "environ").read_bytes()
            ):
                found.append(int(entry.name))
        except OSError:
            continue  # gone meanwhile
    return found


def text_input(page: Page, label: str) -> Locator:
    """The input of the Text widget labelled ``label`` (by the widget's classes, never by
    text that could also be in markdown or code)."""
    widget = page.locator(".widget-text", has=page.locator("label.widget-label", has_text=label))
    return widget.locator("input")


def button(page: Page, text: str) -> Locator:
    """The ipywidgets button whose text is ``text`` (the first, if several say it)."""
    return page.locator("button.widget-button", has_text=text).first


def dropdown(page: Page, label: str) -> Locator:
    """The ``<select>`` of the Dropdown widget labelled ``label``."""
    widget = page.locator(
        ".widget-dropdown", has=page.locator("label.widget-label", has_text=label)
    )
    return widget.locator("select").first


def text_area(page: Page, label: str) -> Locator:
    """The ``<textarea>`` of the Textarea widget labelled ``label``."""
    widget = page.locator(
        ".widget-textarea", has=page.locator("label.widget-label", has_text=label)
    )
    return widget.locator("textarea").first


def checkbox(page: Page, label: str) -> Locator:
    """The tick box of the Checkbox widget whose label says ``label``."""
    widget = page.locator(".widget-checkbox", has_text=label)
    return widget.locator("input[type=checkbox]").first


def pick(page: Page, label: str, option: str) -> None:
    """Pick the option whose text contains ``option`` in the drop-down labelled ``label``."""
    select = dropdown(page, label)
    # ipywidgets shows an option's spaces as non-breaking ones
    texts = [text.replace("\xa0", " ") for text in select.locator("option").all_inner_texts()]
    matches = [index for index, text in enumerate(texts) if option in text]
    assert matches, f"no option like {option!r} in {label!r}: {texts}"
    select.select_option(index=matches[0])


def in_view(page: Page, locator: Locator) -> bool:
    """Whether ``locator`` is shown and its top is inside the window, after Voila's own
    scrolling (Voila scrolls inside the page, so the box is read as the browser lays it
    out now, against the viewport's size)."""
    if not locator.is_visible():
        return False
    box = locator.bounding_box()
    size = page.viewport_size
    if box is None or size is None:
        return False
    return 0 <= box["y"] < size["height"] and box["y"] + min(box["height"], 40) <= size["height"]


def open_page(page: Page, url: str) -> None:
    """Open a notebook's page and wait until its widgets are drawn."""
    page.goto(url)
    page.locator("button.widget-button:visible").first.wait_for()


def sample_workbook(student: str, folder: Path) -> Path:
    """The workbook of the sample student whose file name starts with ``student`` (e.g.
    ``"01"``), built in ``folder`` as of the sample cohort's day."""
    from infoview_lib.sample_cohort import build_student, load_cohort

    cohort = load_cohort()
    (spec,) = [path for path in cohort.student_files if path.name.startswith(student)]
    folder.mkdir(parents=True, exist_ok=True)
    return build_student(spec, folder, cohort.as_of)


def shoot(page: Page, name: str) -> Path:
    """Keep a screenshot of the window as the student sees it, as ``screenshots/name.png``."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path)
    return path


def date_input(page: Page, label: str) -> Locator:
    """The ``<input type=date>`` of the DatePicker widget labelled ``label``."""
    widget = page.locator(
        ".widget-datepicker", has=page.locator("label.widget-label", has_text=label)
    )
    return widget.locator("input").first


class InView:
    """What each click produced, checked to be in view; a test goes on past one out of view
    (so its later steps are checked too) and :meth:`check` fails at its end, naming them."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.missed: list[str] = []

    def shown(self, locator: Locator, shot: str, *alternatives: Locator) -> Locator:
        """Wait for ``locator``, keep a screenshot as ``shot``, and note it if out of view,
        unless one of ``alternatives`` (say, a notice saying what happened) is in view."""
        locator.wait_for()
        shoot(self.page, shot)
        if not any(in_view(self.page, shown) for shown in (locator, *alternatives)):
            box = locator.bounding_box()
            where = f"its top at y={box['y']:.0f}" if box else "not laid out"
            text = " ".join(locator.inner_text().split())[:80]
            self.missed.append(f"{shot}: {text!r} is out of the window ({where}; see {shot}.png)")
        return locator

    def check(self) -> None:
        """Fail if anything a click produced was out of view."""
        assert not self.missed, "out of view after a click:\n" + "\n".join(self.missed)


@contextmanager
def window_size(page: Page, width: int, height: int) -> Iterator[None]:
    """The window at ``width`` x ``height`` for a while, then at its size again, scrolled back
    to where the student had it (Voila scrolls inside the page, and a resize moves it)."""
    size = page.viewport_size or {"width": 1280, "height": 800}
    page.evaluate(
        """() => { window.infoviewScrolled = [...document.querySelectorAll('*')]
              .filter(e => e.scrollTop > 0).map(e => [e, e.scrollTop]); }"""
    )
    page.set_viewport_size({"width": width, "height": height})
    try:
        page.wait_for_timeout(300)  # the layout settles
        yield
    finally:
        page.set_viewport_size(size)
        page.wait_for_timeout(300)  # laid out again, then scrolled back
        page.evaluate("() => window.infoviewScrolled.forEach(([e, top]) => { e.scrollTop = top; })")


def page_height(page: Page) -> int:
    """How tall the page's content is, in CSS pixels (Voila scrolls inside the page)."""
    return int(
        page.evaluate("Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
    )


def notice(page: Page, kind: str, words: str) -> Locator:
    """The notice of ``kind`` ("saved", "error", "info") that says ``words``."""
    return page.locator(f".infoview-notice.infoview-{kind}", has_text=words).last


def labelled(page: Page, label: str) -> Locator:
    """The input, text area or drop-down of the widget whose label reads exactly ``label``
    (where another label contains it: "Time" and "New time")."""
    exactly = re.compile(rf"^\s*{re.escape(label)}\s*$")
    widget = page.locator(
        ".jupyter-widgets", has=page.locator(":scope > label.widget-label", has_text=exactly)
    )
    return widget.locator("input, textarea, select").first


#: The notebooks a student works through, in order ("00_start_here" to "05_follow_up").
NOTEBOOKS = tuple(sorted(path.stem for path in (ROOT / "notebooks").glob("0[0-9]_*.ipynb")))


def student_page(browser: Browser, plan: ServerPlan, notebook: str) -> Page:
    """A laptop's window (1280x800) on ``notebook`` served by ``plan``, its widgets drawn."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(TIMEOUT_MS)
    open_page(page, plan.url(f"voila/render/{notebook}.ipynb"))
    return page


@contextmanager
def app_in(folder: Path) -> Iterator[ServerPlan]:
    """``infoview app`` on a free port, with a workbook path of its own in ``folder`` (not
    made yet), a fixed day, and its log in ``folder/voila.log``."""
    plan = plan_server("app", workbook=folder / "student" / "ana.infoview")
    environment = {
        **os.environ,
        session.TODAY_VARIABLE: TODAY.isoformat(),
        "HOME": str(folder / "home"),  # hand-ins go under ~/infoview: the test's own
    }
    with (
        (folder / "voila.log").open("wb") as log,
        serving(plan, base_environment=environment, output=log),
    ):
        yield plan
