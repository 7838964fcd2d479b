"""A full disk, without filling one: files can be made in a folder, but nothing written there.

And an executor that runs a cohort's reports in this process, where the full disk is.
"""

from __future__ import annotations

import builtins
import io
import os
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pytest

#: Linux's device that accepts no data: every write to it fails with ENOSPC.
DEV_FULL = Path("/dev/full")
#: The wording ``infoview init`` and ``status`` give for a full disk.
DISK_FULL = "the disk is full. Free some space and try again; nothing was saved"

P = ParamSpec("P")
T = TypeVar("T")


class InThisThread(Executor):
    """Runs each job at once, in the calling thread: no worker process, no other thread
    (whose kernel clients' event loop would be left for the garbage collector)."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:
            future.set_exception(error)
        return future


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make the folders given to it behave as if their disk were full.

    A file opened there for writing is created (empty, as on a full disk), but what is
    written goes to ``/dev/full``, so the write, or the flush when the file is closed,
    fails with ``OSError(ENOSPC)``, whichever way the file was opened. Only this process
    is affected: run a cohort's jobs with :class:`InThisThread`.
    """
    if not DEV_FULL.exists():
        pytest.skip("needs /dev/full (Linux)")
    full: list[Path] = []
    real_os_open, real_open = os.open, builtins.open

    def inside(path: Any) -> bool:
        if not isinstance(path, str | bytes | os.PathLike):
            return False  # a file descriptor
        where = Path(os.fsdecode(path)).absolute().parent.resolve()
        return any(where.is_relative_to(folder) for folder in full)

    def os_open(path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        descriptor = real_os_open(path, flags, mode, dir_fd=dir_fd)
        if dir_fd is None and flags & (os.O_WRONLY | os.O_RDWR) and inside(path):
            os.close(descriptor)
            return real_os_open(DEV_FULL, os.O_RDWR | os.O_CLOEXEC)
        return descriptor

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(letter in mode for letter in "wax+") and inside(file):
            real_open(file, mode, *args, **kwargs).close()
            return real_open(DEV_FULL, mode.replace("x", "w").replace("a", "w"), *args, **kwargs)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)
    return lambda folder: full.append(folder.resolve())
