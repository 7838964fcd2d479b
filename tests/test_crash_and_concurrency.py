"""A killed writer loses nothing it committed; two writers at once lose nothing at all."""

from __future__ import annotations

import itertools
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from infoview_lib.model import Contact, FollowUp, Outreach
from infoview_lib.store import Workbook

from .conftest import HELPERS


def _writer(path: Path, prefix: str, count: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(HELPERS / "writer.py"), str(path), prefix, str(count), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_mid_transaction_twenty_times(book: Workbook, book_path: Path) -> None:
    book.close()
    rng = random.Random(20260316)
    committed: list[str] = []
    for round_number in range(20):
        writer = _writer(book_path, f"round{round_number}", 0, "--with-children")
        assert writer.stdout is not None
        wanted = rng.randint(3, 30)
        for _ in range(wanted):
            line = writer.stdout.readline()
            assert line, writer.stderr.read() if writer.stderr else "writer stopped"
            committed.append(line.strip())
        time.sleep(rng.uniform(0, 0.01))  # land somewhere inside the next transaction
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        committed += [line.strip() for line in writer.stdout if line.strip()]
        writer.stdout.close()
        assert writer.stderr is not None
        writer.stderr.close()

        with Workbook.open(book_path) as reopened:
            assert reopened.integrity_problems() == []
            names = {contact.name for contact in reopened.all(Contact)}
            assert set(committed) <= names, "a committed contact was lost"
            # Every contact came with its message and follow-up, or not at all.
            assert reopened.count(Outreach) == reopened.count(Contact)
            assert reopened.count(FollowUp) == reopened.count(Contact)
    assert len(committed) >= 20 * 3


def test_two_processes_adding_200_contacts_each(book: Workbook, book_path: Path) -> None:
    start = f"{time.time() + 2:.3f}"  # both processes are up by then
    writers = [
        _writer(book_path, prefix, 200, "--start-at", start, "--pause", "0.005")
        for prefix in ("left", "right")
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert out.split()[0] == "ready"
        assert len(out.split()) == 1 + 200
    names = [contact.name for contact in book.all(Contact)]
    assert len(names) == 400
    assert set(names) == {f"{p}-{n}" for p in ("left", "right") for n in range(200)}
    sides = [name.split("-")[0] for name in names]  # in the order they were saved
    switches = sum(a != b for a, b in itertools.pairwise(sides))
    assert switches > 1, "the two writers did not overlap, so this proved nothing"
    assert book.integrity_problems() == []
