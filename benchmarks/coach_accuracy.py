"""Benchmark: how often the coaching checks agree with career guides on text they quote.

Scores the outreach check and the question check against ``tests/coach/corpus/``
(items quoted from public guides, each with the label its guide gives), split by
source into a development part and a test part. Prints, for each check and part, the
balanced accuracy (the mean of the share of bad items that get "revise" and of good
items that do not) and the confusion counts. Goal: at least 0.90 on each, test part
included. ``--misses`` lists the items each check gets wrong on the development part;
``--part dev`` prints that part alone, for tuning without a glance at the test part.

    .venv/bin/python benchmarks/coach_accuracy.py [--misses] [--part dev|test]
"""

from __future__ import annotations

import argparse

from tests.coach.corpus_items import Item, load, misses, score

GOAL = 0.90
PARTS = ("dev", "test")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the development misses")
    parser.add_argument("--part", choices=PARTS, help="print this part only")
    args = parser.parse_args()
    parts = [args.part] if args.part else list(PARTS)
    items = load()
    sites = {part: {item.site for item in items if item.part == part} for part in ("dev", "test")}
    print(
        f"corpus: {len(items)} items from {len(sites['dev']) + len(sites['test'])} sites "
        f"({len(sites['dev'])} development, {len(sites['test'])} test)"
    )
    header = f"{'check':<10} {'part':<5} {'items':>5} {'bal.acc':>7} {'goal':>5}  confusion"
    print(header)
    for check in ("outreach", "questions"):
        for part in parts:
            chosen = [item for item in items if item.check == check and item.part == part]
            result = score(chosen)
            accuracy = result.balanced_accuracy
            figures = (
                "    n/a   n/a"
                if accuracy is None
                else f"{accuracy:>7.3f} {accuracy / GOAL:>4.2f}x"
            )
            print(
                f"{check:<10} {part:<5} {len(chosen):>5} {figures}  bad: {result.caught} caught, "
                f"{result.missed} missed; good: {result.passed} passed, "
                f"{result.wrongly_flagged} flagged"
            )
    if args.misses:
        for item in misses(item for item in items if item.part == "dev"):
            _show(item)


def _show(item: Item) -> None:
    text = " ".join(item.text.split())
    print(f"- [{item.label} {item.kind}] {text[:160]}  ({item.site}: {item.reason})")


if __name__ == "__main__":
    main()
