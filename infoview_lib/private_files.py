"""Files that hold a student's data: readable by their owner only, from the first byte.

Everything infoview writes that holds a student's data is 0600, in folders it makes
0700, whatever the umask. A folder that was already there is left as it is. A file is
written whole under a private temporary name beside it, then renamed into place: it is
never readable by anyone else, nor ever half-written under its own name.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

#: A file only its owner may read and write.
PRIVATE_FILE = 0o600
#: A folder only its owner may open.
PRIVATE_FOLDER = 0o700
#: What to tell the user when the disk is full (the words ``init`` and ``status`` use).
DISK_FULL = "the disk is full. Free some space and try again; nothing was saved"


def make_private_folders(folder: Path) -> tuple[Path, ...]:
    """Make ``folder`` and any missing folders above it, each 0700; returns those made.

    Folders that already exist, and one another program makes meanwhile, are left as they
    are. Raises ``OSError`` if a file stands where a folder should be.
    """
    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            break
        missing.append(candidate)
    made: list[Path] = []
    for candidate in reversed(missing):
        try:
            candidate.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            if candidate.is_dir():
                continue  # made meanwhile by someone else: theirs to keep as it is
            raise
        candidate.chmod(PRIVATE_FOLDER)  # mkdir's mode is narrowed by the umask, never widened
        made.append(candidate)
    return tuple(made)


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Narrow an existing file (or folder, with ``PRIVATE_FOLDER``) to ``mode`` if others
    could read it: for what an older version wrote, or another program made."""
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(mode)
    except OSError:
        pass  # not the owner: nothing we may change, and the data is still intact


def write_private(target: Path, content: bytes) -> None:
    """Write ``target`` whole or not at all, readable by its owner only (0600).

    Whatever was at ``target`` is replaced; if writing fails (the disk is full, say),
    it is left as it was and nothing else is left behind.
    """
    # mkstemp makes the file 0600 whatever the umask: it is never readable by others.
    descriptor, scratch = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        Path(scratch).replace(target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def is_disk_full(error: BaseException) -> bool:
    """Whether ``error`` says the disk (or the user's quota on it) is full."""
    return isinstance(error, OSError) and error.errno in _FULL


def says_disk_full(text: str) -> bool:
    """Whether an error reported as text (from a kernel, say) is a full disk's.

    >>> says_disk_full("[Errno 28] No space left on device: 'x.png'")
    True
    """
    return any(text.startswith(f"[Errno {number}]") for number in _FULL)


_FULL = (errno.ENOSPC, errno.EDQUOT)
