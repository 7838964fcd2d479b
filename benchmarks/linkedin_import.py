"""Benchmark: parse a LinkedIn ``Connections.csv`` of 5,000 rows, match it against a
workbook of 200 contacts and build the import preview.

Goal: a median under 2 s (issue 15). Prints the median, the spread, and the ratio of the
goal to the median (above 1 means the goal is met). The file is made up
(``tests/imports/many.py``): fictional people only.

    .venv/bin/python benchmarks/linkedin_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from infoview_lib.imports import as_contact, parse_connections
from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.workflow.imports import preview_linkedin
from tests.imports.many import many_connections

GOAL_S = 2.0
ROWS = 5_000
SAVED = 200


def build(path: Path, data: bytes) -> None:
    """A workbook of :data:`SAVED` contacts, half of them also in the file (by profile)."""
    rows = parse_connections(data).connections
    with (
        Workbook.create(path, StudentProfile(name="Benchmark Student")) as book,
        book.transaction(),
    ):
        for index in range(SAVED):
            if index % 2:
                contact, _ = as_contact(rows[index * 7])
                book.add(Contact(name=f"Saved {index}", linkedin_url=contact.linkedin_url))
            else:
                book.add(Contact(name=f"Elsewhere {index}", organisation=f"Org {index}"))


def measure(path: Path, data: bytes, runs: int) -> list[float]:
    """Seconds for each parse, match and preview."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with Workbook.open(path) as book:
            preview = preview_linkedin(book, parse_connections(data))
        times.append(time.perf_counter() - start)
        assert len(preview.present) == SAVED // 2
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()
    data = many_connections(ROWS)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ana.infoview"
        build(path, data)
        measure(path, data, 1)  # warm up: imports, the coaching data, the file cache
        times = measure(path, data, arguments.runs)
    median = statistics.median(times)
    print(f"LinkedIn import preview: {ROWS:,} rows, {SAVED} contacts, {arguments.runs} runs")
    print(f"  median {median:.2f} s (min {min(times):.2f}, max {max(times):.2f})")
    print(f"  goal {GOAL_S:.0f} s: ratio goal/median = {GOAL_S / median:.1f}x")


if __name__ == "__main__":
    main()
