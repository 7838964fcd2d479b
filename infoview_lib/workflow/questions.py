"""A meeting's prepared questions, saved as a whole set: exactly the ones on screen, in
their order, all or nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from infoview_lib.model import Question, QuestionCategory
from infoview_lib.store import Workbook


@dataclass
class QuestionItem:
    """A question on screen: its text, its kind, and its id once saved."""

    text: str
    category: QuestionCategory = QuestionCategory.OTHER
    id: int | None = None


def save_question_set(
    book: Workbook, meeting_id: int, items: Sequence[QuestionItem]
) -> list[Question]:
    """Make the meeting's saved questions exactly ``items``, in order; all or nothing."""
    with book.transaction():
        existing = {question.id for question in book.all(Question, meeting_id=meeting_id)}
        kept: set[int | None] = set()
        for position, item in enumerate(items):
            record = Question(
                meeting_id=meeting_id, text=item.text, category=item.category, position=position
            )
            if item.id in existing:
                book.update(dataclasses.replace(record, id=item.id))
                kept.add(item.id)
            else:
                book.add(record)
        for gone in existing - kept:
            if gone is not None:
                book.delete(Question, gone)
        return book.all(Question, meeting_id=meeting_id)
