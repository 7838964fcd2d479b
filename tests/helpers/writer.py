"""A separate process that writes to a workbook, for the crash and concurrency tests.

Usage: python writer.py WORKBOOK PREFIX COUNT [--with-children] [--start-at EPOCH] [--pause S]

Adds COUNT contacts named PREFIX-0, PREFIX-1, ... (COUNT 0: until killed), each in
its own transaction, and prints each name once its transaction has committed.
With --with-children, each transaction also adds a message and a follow-up, so a
half-saved change would show as a contact without them. With --start-at, it
prints "ready" once the workbook is open and waits for that moment (seconds since
the epoch), and with --pause it rests that
many seconds between changes, as a person would, so that two writers overlap.
"""

from __future__ import annotations

import itertools
import sys
import time
from datetime import date

from infoview_lib.model import Contact, FollowUp, FollowUpKind, Outreach
from infoview_lib.store import Workbook


def main(
    path: str, prefix: str, count: int, with_children: bool, start_at: float, pause: float
) -> None:
    numbers = itertools.count() if count == 0 else range(count)
    with Workbook.open(path) as book:
        if start_at:
            print("ready", flush=True)
        time.sleep(max(0.0, start_at - time.time()))
        for number in numbers:
            name = f"{prefix}-{number}"
            with book.transaction():
                contact = book.add(Contact(name=name, notes="x" * 300))
                if with_children:
                    book.add(Outreach(contact_id=contact.id or 0, body="Hello " * 50))
                    book.add(
                        FollowUp(
                            contact_id=contact.id or 0,
                            kind=FollowUpKind.NO_REPLY,
                            due_on=date(2026, 3, 20),
                        )
                    )
            print(name, flush=True)
            time.sleep(pause)


if __name__ == "__main__":
    arguments = sys.argv[1:]

    def option(name: str) -> float:
        return float(arguments[arguments.index(name) + 1]) if name in arguments else 0.0

    main(
        arguments[0],
        arguments[1],
        int(arguments[2]),
        "--with-children" in arguments,
        option("--start-at"),
        option("--pause"),
    )
