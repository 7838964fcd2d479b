"""Special files (a FIFO, a socket, a device, a symbolic link to one) are refused, never read.

Reading a named pipe blocks until someone writes to it, so before anything
opens a workbook or a draft it must be a regular file. Each in-process check
runs under a deadline, and each command in a process with a timeout, so a
hang fails the test instead of blocking the suite.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest

from infoview_lib.cli.check import UnreadableInput, read_input
from infoview_lib.model import Contact, StudentProfile
from infoview_lib.reports.run import student_name
from infoview_lib.store import NotAWorkbook, Workbook, WorkbookMissing

#: Seconds an in-process check may take before it counts as a hang.
DEADLINE_S = 10
#: Seconds a command may take (``report`` starts a kernel) before it counts as a hang.
COMMAND_TIMEOUT_S = 240


class Hung(BaseException):
    """Raised when a check blocks: a BaseException, so no ``except OSError`` swallows it."""


@contextmanager
def deadline(seconds: int = DEADLINE_S) -> Iterator[None]:
    """Fail, instead of blocking for ever, if the block takes longer than ``seconds``."""

    def hung(signum: int, frame: FrameType | None) -> None:
        raise Hung(f"still blocked after {seconds} seconds: it hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.infoview"
    os.mkfifo(path)
    return path


def _socket(folder: Path) -> Path:
    path = folder / "sock.infoview"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    # A socket's address is at most 107 bytes: bind by a short name from inside the folder.
    here = Path.cwd()
    os.chdir(folder)
    try:
        server.bind(path.name)
    finally:
        os.chdir(here)
        server.close()  # the socket file stays, as it does when a program dies
    return path


def _device(folder: Path) -> Path:
    return Path(os.devnull)


def _link_to(make: Callable[[Path], Path]) -> Callable[[Path], Path]:
    def make_link(folder: Path) -> Path:
        target = make(folder)
        link = folder / f"link-to-{target.name.replace('.', '-')}.infoview"
        link.symlink_to(target)
        return link

    make_link.__name__ = f"link_to{make.__name__}"
    return make_link


# (how to make it, the words naming what it is)
SPECIAL: list[tuple[Callable[[Path], Path], str]] = [
    (_fifo, "is a named pipe (FIFO)"),
    (_socket, "is a socket"),
    (_device, "is a device"),
    (_link_to(_fifo), "is a symbolic link to a named pipe (FIFO)"),
    (_link_to(_socket), "is a symbolic link to a socket"),
    (_link_to(_device), "is a symbolic link to a device"),
]
_IDS = [make.__name__.strip("_") for make, _ in SPECIAL]


@pytest.fixture(params=SPECIAL, ids=_IDS)
def special(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    make, words = request.param
    return make(tmp_path), words


@pytest.mark.parametrize("opener", [Workbook.open, Workbook.read_only], ids=["open", "read_only"])
def test_a_special_file_is_refused_as_a_workbook_without_being_opened(
    special: tuple[Path, str], opener: Callable[[Path], Workbook], tmp_path: Path
) -> None:
    path, words = special
    before = sorted(p.name for p in tmp_path.iterdir())
    with deadline(), pytest.raises(NotAWorkbook) as caught:
        opener(path)
    message = str(caught.value)
    assert words in message
    assert "not a workbook file" in message
    assert str(path) in message
    assert "\n" not in message
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no sidecar files either


def test_a_symbolic_link_to_a_workbook_still_opens(tmp_path: Path) -> None:
    real = tmp_path / "real.infoview"
    with Workbook.create(real, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Wei Ng"))
    link = tmp_path / "link.infoview"
    link.symlink_to(real)
    with deadline(), Workbook.open(link) as book:
        assert book.count(Contact) == 1
    with deadline(), Workbook.read_only(link) as book:
        assert book.profile().name == "Ana Lima"


def test_a_link_to_nothing_is_a_missing_workbook(tmp_path: Path) -> None:
    link = tmp_path / "dangling.infoview"
    link.symlink_to(tmp_path / "gone.infoview")
    with pytest.raises(
        WorkbookMissing, match=r"symbolic link to .*gone\.infoview, which does not exist"
    ):
        Workbook.read_only(link)


def test_a_special_file_is_refused_as_a_draft(special: tuple[Path, str]) -> None:
    path, words = special
    with deadline(), pytest.raises(UnreadableInput) as caught:
        read_input(str(path))
    assert words in caught.value.message
    assert caught.value.exit_code == 2


def test_a_report_names_the_file_of_a_special_workbook(special: tuple[Path, str]) -> None:
    path, _ = special
    with deadline():
        assert student_name(path) is None


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process: a hang fails the test at the timeout."""
    return subprocess.run(
        [sys.executable, "-m", "infoview_lib.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=COMMAND_TIMEOUT_S,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.mark.parametrize(
    "command",
    [
        ["status", "{path}", "--as-of", "2026-03-16"],
        ["next", "{path}", "--as-of", "2026-03-16"],
        ["check", "outreach", "{path}"],
        ["check", "questions", "{path}"],
    ],
    ids=["status", "next", "check-outreach", "check-questions"],
)
def test_commands_refuse_a_fifo_at_once(tmp_path: Path, command: list[str]) -> None:
    link = _link_to(_fifo)(tmp_path)
    for path in (link.readlink(), link):
        result = _run(*(part.format(path=path) for part in command))
        assert result.returncode in (1, 2)
        assert result.stdout == ""
        assert result.stderr.startswith("infoview: ")
        assert "named pipe (FIFO)" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_report_on_a_fifo_fails_at_once_instead_of_hanging(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path)
    out = tmp_path / "out"
    result = _run("report", str(fifo), "--as-of", "2026-03-16", "--out", str(out))
    assert result.returncode == 1
    assert "named pipe (FIFO)" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []  # refused before a kernel ran: no notebook to point at
    assert "notebook" not in result.stderr


def test_a_fifo_among_the_workbooks_fails_alone(tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")):
        pass
    fifo = _fifo(folder)
    out = tmp_path / "out"
    result = _run("cohort", str(folder), "--out", str(out), "--as-of", "2026-03-16")
    assert result.returncode == 1, result.stderr
    assert (out / "ana-lima.pdf").is_file()
    summary = (out / "cohort-summary.csv").read_text(encoding="utf-8-sig")
    assert fifo.name in summary
    assert "named pipe (FIFO)" in summary
    assert "Traceback" not in result.stderr
