"""The evaluation corpus is well formed, split by source, and its host email is good.

How well the checks agree with it is a benchmark (``benchmarks/coach_accuracy.py``),
not a test: its figure is reported, the goal checked there.
"""

from __future__ import annotations

from collections import Counter

from infoview_lib.coach.outreach import check_outreach
from tests.coach.corpus_items import HOST_SUBJECT, Item, load, score, sentence_host


def test_every_item_is_quoted_with_its_source_label_and_reason() -> None:
    items = load(scored=False)  # raises on a missing or unknown field
    assert items
    repeated = [
        text for text, times in Counter(i.text.casefold() for i in items).items() if times > 1
    ]
    assert not repeated


def test_one_sites_items_are_all_in_one_part_and_both_parts_have_each_check() -> None:
    items = load()
    parts: dict[str, set[str]] = {}
    for item in items:
        parts.setdefault(item.site, set()).add(item.part)
    assert all(len(found) == 1 for found in parts.values())
    for check in ("outreach", "questions"):
        assert {item.part for item in items if item.check == check} == {"dev", "test"}


def test_the_host_email_is_ready_on_its_own() -> None:
    """A sentence or subject is judged inside it: without them it must pass."""
    assert check_outreach(sentence_host(""), subject=HOST_SUBJECT).verdict == "ready"


def test_balanced_accuracy_weighs_bad_and_good_alike() -> None:
    items = [
        Item("a", "question", "bad", "https://a.example/", "r"),
        Item("b", "question", "good", "https://a.example/", "r"),
        Item("c", "question", "good", "https://a.example/", "r"),
    ]
    result = score(items, judge=lambda item: item.text in {"a", "b"})
    assert (result.caught, result.missed, result.passed, result.wrongly_flagged) == (1, 0, 1, 1)
    assert result.balanced_accuracy == 0.75
