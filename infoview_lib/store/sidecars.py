"""The files SQLite keeps beside a workbook (``-wal`` and ``-shm``), and tidying them up.

Reading a workbook through a read-only connection can leave them behind, and a
read-only connection never removes them. They are removed only when they are new,
hold no saved change, and no other connection has the workbook open: removing the
shared memory of a live connection would let two connections stop seeing each
other's locks. Whether one is open is asked the way SQLite itself asks, by trying
to lock the shared memory's "dead man switch" byte, with an open-file lock that
conflicts with the locks of every connection, this process's own included.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: whether the workbook is open cannot be told
    fcntl = None  # type: ignore[assignment]

#: SQLite's unix VFS: each connection holds a read lock on this byte of ``-shm``.
_SHM_DMS_BYTE = 128


def sidecars(path: Path) -> tuple[Path, Path]:
    """The write-ahead log and shared-memory files of the workbook at ``path``.

    SQLite follows symbolic links and keeps them beside the real file, not
    beside a link to it, so that is where they are looked for.
    """
    real = path.resolve()
    return (Path(f"{real}-wal"), Path(f"{real}-shm"))


def existing_sidecars(path: Path) -> frozenset[Path]:
    """The sidecar files present now."""
    return frozenset(sidecar for sidecar in sidecars(path) if sidecar.exists())


def remove_new_sidecars(path: Path, existed: frozenset[Path]) -> None:
    """Remove sidecars that reading ``path`` left behind, unless they may be in use.

    Kept: those in ``existed``, a log that holds changes, and both whenever
    another connection (of any process) has the workbook open, or that cannot be told.
    """
    wal, shm = sidecars(path)
    new = [sidecar for sidecar in (wal, shm) if sidecar not in existed]
    if not new:
        return
    try:
        if wal in new and wal.stat().st_size > 0:
            return  # holds changes: never throw those away
    except FileNotFoundError:
        pass
    with _unused(shm) as unused:
        if unused:
            for sidecar in new:
                sidecar.unlink(missing_ok=True)


@contextmanager
def _unused(shm: Path) -> Iterator[bool]:
    """Whether no connection has the shared memory open; held so while the block runs.

    A connection opening the workbook meanwhile waits (SQLite retries) rather than
    using files about to be removed.
    """
    if fcntl is None or not hasattr(fcntl, "F_OFD_SETLK"):
        yield not shm.exists()
        return
    try:
        descriptor = os.open(shm, os.O_RDWR | os.O_NOFOLLOW)
    except FileNotFoundError:
        yield True
        return
    except OSError:
        yield False  # not ours to lock: leave it
        return
    try:
        # struct flock: type, whence, start, length, pid (0 for open-file locks).
        lock = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, _SHM_DMS_BYTE, 1, 0)
        try:
            fcntl.fcntl(descriptor, fcntl.F_OFD_SETLK, lock)
        except OSError:
            yield False  # a connection holds it
            return
        yield True
    finally:
        os.close(descriptor)  # releases the open-file lock, and only it
