"""The pieces of a list of interview questions on screen: a question's row (its box, Up,
Down and Remove, its findings), and the plain functions and HTML it shows (a question's
verdict, the set's, the suggested order, the questions as kept unsaved)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.questions import (
    QuestionReport,
    QuestionSetReport,
    classify,
    tiara_order,
)
from infoview_lib.coach.text import plain
from infoview_lib.model import Question, QuestionCategory
from infoview_lib.model.labels import labels
from infoview_lib.ui.components import (
    LABEL_STYLE,
    WIDTH,
    Field,
    findings_html,
    html_text,
)
from infoview_lib.workflow.questions import QuestionItem

#: About how many characters fit on one line of a question's box.
_LINE = 60


# -- plain functions the form is a view of ---------------------------------------------


def box_rows(text: str) -> int:
    """How many lines a question's box needs to show all of ``text`` (two to ten).

    >>> box_rows("Short?"), box_rows("word " * 60), box_rows("x" * 5000)
    (2, 5, 10)
    """
    return min(10, max(2, -(-len(text) // _LINE)))


def one_line(text: str) -> str:
    """A question on one line: line breaks typed in its box become spaces.

    >>> one_line("What do you\\nenjoy most?")
    'What do you enjoy most?'
    """
    return " ".join(text.splitlines())


def suggested_order(report: QuestionSetReport) -> list[int] | None:
    """The checked questions' places (from 0) in the order the check suggests, or ``None``
    when the check finds them in that order already.

    >>> from infoview_lib.coach.questions import check_question_set
    >>> report = check_question_set([
    ...     "Is there anyone else that you think I should talk to?",
    ...     "What advice would you give someone starting out?",
    ...     "What trends are shaping your field right now?",
    ... ])
    >>> suggested_order(report)
    [2, 1, 0]
    >>> suggested_order(check_question_set([report.questions[2].text])) is None
    True
    """
    return tiara_order(report.questions)


def reordered(items: Sequence[QuestionItem], order: Sequence[int]) -> list[QuestionItem]:
    """``items`` with the written questions in ``order`` (places among the written ones, as
    :func:`suggested_order` gives them); the rest follow in their order, empty ones last.

    >>> items = [QuestionItem("A?"), QuestionItem(" "), QuestionItem("B?"), QuestionItem("C?")]
    >>> [item.text for item in reordered(items, [2, 0])]
    ['C?', 'A?', 'B?', ' ']
    """
    written = [item for item in items if plain(item.text)]
    first = [written[index] for index in order if 0 <= index < len(written)]
    rest = [item for item in written if all(item is not chosen for chosen in first)]
    return [*first, *rest, *(item for item in items if not plain(item.text))]


def kept_entry(item: QuestionItem) -> list[Any]:
    """A question on the list as it is kept, unsaved, in the workbook: text, kind and id.

    >>> kept_entry(QuestionItem("How?", QuestionCategory.ADVICE, 4))
    ['How?', 'advice', 4]
    """
    return [item.text, item.category.value, item.id]


def kept_item(entry: Any, saved_ids: set[int]) -> QuestionItem | None:
    """A question kept unsaved in the workbook, fit for the list again; ``None`` if it is not
    one. An id no longer among the meeting's saved questions is dropped (it is new again).

    >>> kept_item(["How?", "advice", 4], {4})
    QuestionItem(text='How?', category=<QuestionCategory.ADVICE: 'advice'>, id=4)
    >>> kept_item(["How?", "?", 9], set()).id is None, kept_item({"text": "How?"}, set())
    (True, None)
    """
    if not isinstance(entry, list | tuple) or len(entry) != 3 or not isinstance(entry[0], str):
        return None
    text, kind, number = entry
    try:
        category = QuestionCategory(str(kind))
    except ValueError:
        category = classify(text)[0] if plain(text) else QuestionCategory.OTHER
    known = isinstance(number, int) and not isinstance(number, bool) and number in saved_ids
    return QuestionItem(text, category, number if known else None)


def question_numbers(places: Sequence[int]) -> str:
    """Question numbers in words.

    >>> question_numbers([2]), question_numbers([1, 3, 4])
    ('question 2', 'questions 1, 3 and 4')
    """
    if len(places) == 1:
        return f"question {places[0]}"
    *first, last = (str(place) for place in places)
    return f"questions {', '.join(first)} and {last}"


def added_words(added: Sequence[int], already: Sequence[int] = ()) -> str:
    """What a click on Add did, said by its button: which questions went on the list below
    (by their numbers there) and which were on it already.

    >>> added_words([2, 3]).split(". ")[0]
    'Added 2 questions to your list below, as questions 2 and 3'
    >>> added_words([], [1])
    'Already on your list, so not added again: question 1.'
    """
    said = []
    if added:
        count = "a question" if len(added) == 1 else f"{len(added)} questions"
        said.append(
            f"Added {count} to your list below, as {question_numbers(added)}. Click Save my "
            "questions to keep them."
        )
    if already:
        said.append(f"Already on your list, so not added again: {question_numbers(already)}.")
    return " ".join(said)


def question_html(item: QuestionItem, report: QuestionReport | None) -> str:
    """One question's verdict in words, its kind, and its findings."""
    if report is None:
        return ""
    verdict = "keep" if report.verdict == "keep" else "revise"
    return (
        f'<div class="infoview-question-check"><b>Verdict: {verdict}.</b> Kind: '
        f"{escape(item.category.label.lower())}.{findings_html(report.findings)}</div>"
    )


def set_html(report: QuestionSetReport, empty_rows: int) -> str:
    """The set's verdict for the meeting's length, in words, and its findings."""
    ready = report.ready and not empty_rows
    count = len(report.questions)
    verdict = (
        "ready. Nothing must be fixed; the suggestions are up to you."
        if ready
        else "revise. Fix what is marked \u201cFix this\u201d, in the questions or below."
    )
    return (
        f'<div aria-live="polite"><p><b>Your {count} question{"" if count == 1 else "s"} '
        f"for a {report.minutes}-minute meeting: {html_text(verdict)}</b></p>"
        f"{findings_html(report.set_findings)}</div>"
    )


# -- one question on screen -------------------------------------------------------------------


class QuestionRow:
    """The ``number``-th row of the list: a question's box (tall enough to show it all), its
    Up, Down and Remove buttons, its error and its findings.

    A row stays in its place and shows whichever question is there now (:meth:`show`), so
    its widgets, and the button with the keyboard's focus, are not drawn anew when the
    questions move.
    """

    def __init__(self, number: int) -> None:
        self.number = number
        self.text = widgets.Textarea(
            description=f"{labels(Question)['text'].text} {number}",
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        # Each tooltip starts with the button's words and says which question it is for:
        # the page's script makes it the button's name for a screen reader, so the rows'
        # buttons are told apart ("Up: ask question 3 earlier", not "Up" three times).
        self.up = widgets.Button(
            description="Up", disabled=number == 1, tooltip=f"Up: ask question {number} earlier"
        )
        self.down = widgets.Button(description="Down", tooltip=f"Down: ask question {number} later")
        self.remove = widgets.Button(
            description="Remove", tooltip=f"Remove question {number} from the list"
        )
        for button in (self.up, self.down, self.remove):
            button.layout = widgets.Layout(width="6em")
        self.field = Field("text", self.text)
        self.findings = widgets.HTML()
        self.view = widgets.VBox(
            [
                self.text,
                widgets.HBox(
                    [self.up, self.down, self.remove],
                    layout=widgets.Layout(margin="0 0 0 12em", flex_flow="row wrap"),
                ),
                self.field.error,
                self.findings,
            ]
        )

    def show(self, item: QuestionItem, count: int) -> None:
        """Show ``item`` in this row, of ``count`` rows, with no error (the findings are the
        editor's to fill)."""
        self.text.value = item.text
        self.text.rows = box_rows(item.text)
        self.down.disabled = self.number == count
        self.field.show_error(None)

    def focus(self, button: str) -> None:
        """Give the keyboard's focus to the row's ``button`` ("up", "down" or "remove"), or
        to the next of them that can be pressed (Up is disabled in the first row)."""
        buttons = {"up": self.up, "down": self.down, "remove": self.remove}
        order = [buttons.pop(button), *buttons.values()]
        next(b for b in order if not b.disabled).focus()
