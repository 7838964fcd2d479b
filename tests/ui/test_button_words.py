"""Every button the words of notebooks 03 to 05 tell the student to click is on the page.

The notebook's markdown ("click **Save my ticks**") and the forms' own notes ("click
Save what I learned") name buttons; a button renamed without its words (issue 14:
"Save the meeting" said, "Save changes" shown) fails here. The pages are drawn on a
sample student's workbook, in the states that change a button's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import ipywidgets as widgets
import pytest

from infoview_lib.model import InterviewLog
from infoview_lib.sample_cohort import build_student, load_cohort
from infoview_lib.store import Workbook
from infoview_lib.ui.components import NOTHING
from infoview_lib.ui.followup import AfterTheMeeting
from infoview_lib.ui.meeting import PlanMeeting
from infoview_lib.ui.questions import PrepareQuestions

SPECS = Path(__file__).resolve().parents[2] / "notebooks" / "specs"
#: A button named in markdown, in bold: after "click", "with" or "the button says", or after another
#: ("**Up** and **Down**").
_MARKDOWN_BUTTON = re.compile(r"(?:[Cc]lick|with|button says|\*\* and) \*\*([^*]+)\*\*")
#: A button named in a form's note: after "click", quoted or in bold, or up to the
#: end of the clause.
_NOTE_BUTTON = re.compile(
    r"[Cc]lick (?:'([^']+)'|<b>([^<]+)</b>|([A-Z][\w ]+?)(?=[.,;:)]| to | first| just|$))"
)
#: Bold words in the markdown that are not buttons.
_NOT_BUTTONS = {"move it"}


def _walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def buttons(view: widgets.Widget) -> dict[int, str]:
    """The words on every button under ``view``, shown or not, by the button."""
    return {id(w): w.description for w in _walk(view) if isinstance(w, widgets.Button)}


def notes(view: widgets.Widget) -> str:
    """The text of every HTML widget under ``view``."""
    return "\n".join(w.value for w in _walk(view) if isinstance(w, widgets.HTML))


def named_in_markdown(spec: str) -> set[str]:
    """The buttons a notebook's markdown tells the student to click."""
    text = (SPECS / spec).read_text(encoding="utf-8")
    found = {" ".join(name.split()) for name in _MARKDOWN_BUTTON.findall(text)}
    return found - _NOT_BUTTONS


def named_in_notes(html: str) -> set[str]:
    """The buttons the forms' notes tell the student to click."""
    html = html.replace("&#x27;", "'").replace("&#39;", "'")
    return {next(part for part in found if part) for found in _NOTE_BUTTON.findall(html)}


def test_the_patterns_find_button_names() -> None:
    assert named_in_notes(
        "then click Add the questions ticked. Click 'Save what I learned'. "
        "click <b>Done</b> and go; click Reload my contacts to see them"
    ) == {"Add the questions ticked", "Save what I learned", "Done", "Reload my contacts"}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Dmitry's sample workbook: meetings planned and done, logs, referrals, follow-ups;
    and one person suggested not added as a contact yet."""
    cohort = load_cohort()
    (spec,) = [p for p in cohort.student_files if p.name.startswith("04")]
    path = build_student(spec, tmp_path_factory.mktemp("sample"), cohort.as_of)
    with Workbook.open(path) as book:
        log = book.all(InterviewLog)[0]
        book.update(replace(log, referrals=(*log.referrals, "Priya Raman (CDC)")))
    return path


def _questions_states(path: Path) -> Iterator[widgets.Widget]:
    page = PrepareQuestions(path, load_cohort().as_of)
    yield page.view
    for _, value in page.contact.options:  # every contact: planned meetings and none
        page.contact.value = value
        yield page.view


def _meeting_states(path: Path) -> Iterator[widgets.Widget]:
    page = PlanMeeting(path, load_cohort().as_of)
    yield page.view  # the next meeting: Save changes
    page.picker.value = NOTHING
    yield page.view  # a new one: Save the meeting


def _follow_up_states(path: Path) -> Iterator[widgets.Widget]:
    page = AfterTheMeeting(path, load_cohort().as_of)
    for _, value in page.picker.options:
        page.picker.value = value
        yield page.view


STATES = {
    "03_prepare_questions.md": _questions_states,
    "04_meeting.md": _meeting_states,
    "05_follow_up.md": _follow_up_states,
}


@pytest.mark.parametrize("spec", sorted(STATES))
def test_every_button_the_words_name_is_on_the_page(spec: str, workbook: Path) -> None:
    words: dict[int, set[str]] = {}  # each button's words, in every state
    named = named_in_markdown(spec)
    for view in STATES[spec](workbook):
        for button, description in buttons(view).items():
            words.setdefault(button, set()).add(description)
        named |= named_in_notes(notes(view))
    shown = set().union(*words.values())
    assert named, "no button named: the patterns no longer match the words"
    assert named <= shown, f"named but not on the page: {sorted(named - shown)}"
    # A button whose words change with the state is named by all of them, or by none.
    for said in words.values():
        if said & named:
            assert said <= named, (
                f"the words name {sorted(said & named)}, not {sorted(said - named)}"
            )
