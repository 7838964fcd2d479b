"""Workbook files on disk: telling a workbook from anything else, and making one privately.

Everything here reads the first bytes of a file and nothing more, so a file
that is not a workbook is refused before SQLite ever opens it and it is left
byte-for-byte as it was.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from infoview_lib.private_files import PRIVATE_FILE, make_private_folders
from infoview_lib.store.errors import (
    NotAWorkbook,
    WorkbookCorrupt,
    WorkbookError,
    WorkbookExists,
    WorkbookMissing,
    WorkbookTooNew,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Written into the SQLite header's application id field: "IVWB".
APPLICATION_ID = 0x49565742
_HEADER_SIZE = 100
_USER_VERSION_AT = 60
_APPLICATION_ID_AT = 68


@dataclass(frozen=True)
class Header:
    """What a workbook's SQLite header says about it."""

    application_id: int
    schema_version: int


def special_file_kind(path: Path, mode: int) -> str | None:
    """What ``path`` is, in words, if it is neither a regular file nor a folder.

    ``mode`` is its ``st_mode`` from :func:`os.stat` (which follows symbolic
    links); a symbolic link says so. ``None`` for a regular file or a folder.

    >>> import stat
    >>> special_file_kind(Path("pipe"), stat.S_IFIFO), special_file_kind(Path("f"), stat.S_IFREG)
    ('a named pipe (FIFO)', None)
    """
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = next((words for test, words in _SPECIAL_KINDS if test(mode)), "a special file")
    return f"a symbolic link to {kind}" if path.is_symlink() else kind


_SPECIAL_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device (character special file)"),
    (stat.S_ISBLK, "a device (block special file)"),
)


def read_header(path: Path, *, newest_schema: int) -> Header:
    """Check that ``path`` is an infoview workbook this version can open.

    Raises a :class:`~infoview_lib.store.errors.WorkbookError` subclass with a
    plain explanation otherwise. Only reads the file, and only a regular file:
    a named pipe, a socket or a device (or a symbolic link to one) is refused
    before it is opened, since reading one may block for ever.
    """
    try:
        status = path.stat()  # follows symbolic links: a link to a workbook is fine
    except (FileNotFoundError, NotADirectoryError):
        raise WorkbookMissing(path, _missing(path)) from None
    except OSError as error:
        raise NotAWorkbook(
            path, f"Cannot read {path}: {error.strerror or error}. Check the file's permissions."
        ) from error
    if stat.S_ISDIR(status.st_mode):
        raise NotAWorkbook(path, f"{path} is a folder, not a workbook file: give the file's path.")
    if kind := special_file_kind(path, status.st_mode):
        raise NotAWorkbook(
            path, f"{path} is {kind}, not a workbook file: give the path of a .infoview file."
        )
    try:
        head = read_regular_file(path, _HEADER_SIZE)
    except OSError as error:
        raise NotAWorkbook(
            path, f"Cannot read {path}: {error.strerror or error}. Check the file's permissions."
        ) from error
    if head is None:  # replaced by a special file since it was looked at
        raise NotAWorkbook(
            path, f"{path} is not a regular file, so not a workbook file: give a .infoview file."
        )
    if not head:
        raise NotAWorkbook(
            path,
            f"{path} is an empty file, not a workbook. If it was copied, copy it again "
            "from the original; otherwise delete it and create a new workbook.",
        )
    if not head.startswith(SQLITE_MAGIC):
        raise NotAWorkbook(
            path, f"{path} is not an infoview workbook (it is some other kind of file)."
        )
    if len(head) < _HEADER_SIZE:
        raise WorkbookCorrupt(
            path,
            f"{path} is damaged: the file is cut short. Restore it from a backup or copy it "
            "again from where it came from.",
        )
    header = Header(
        application_id=int.from_bytes(head[_APPLICATION_ID_AT : _APPLICATION_ID_AT + 4], "big"),
        schema_version=int.from_bytes(head[_USER_VERSION_AT : _USER_VERSION_AT + 4], "big"),
    )
    if header.application_id != APPLICATION_ID:
        raise NotAWorkbook(
            path, f"{path} is a database, but not an infoview workbook. Open a workbook file."
        )
    check_schema_version(path, header.schema_version, newest_schema)
    return header


def _missing(path: Path) -> str:
    """Why there is no workbook at ``path``, and what to do."""
    if path.is_symlink():
        return (
            f"{path} is a symbolic link to {path.readlink()}, which does not exist. "
            "Point the link at the workbook, or give the workbook's own path."
        )
    return (
        f"There is no workbook at {path}. Check the name, or create one with "
        f"'infoview init {path} --name \"Your Name\"'."
    )


def read_regular_file(path: Path, size: int) -> bytes | None:
    """The first ``size`` bytes of ``path``, or ``None`` if it is not a regular file.

    Opened without waiting (``O_NONBLOCK``), then checked again on the open
    file, so a file swapped for a named pipe after it was looked at cannot
    block this read either.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        return handle.read(size)


def check_schema_version(path: Path, version: int, newest_schema: int) -> None:
    """Refuse a workbook written by a newer infoview."""
    if version > newest_schema:
        raise WorkbookTooNew(
            path,
            f"{path} was saved by a newer version of infoview (workbook format {version}; "
            f"this one reads up to {newest_schema}). Update infoview to open it; the file "
            "was not changed.",
        )


def check_writable(path: Path) -> None:
    """Refuse a workbook that cannot be saved to, before anything is typed into it.

    SQLite writes its log beside the real file, so for a symbolic link it is
    the real file's folder that must be writable.
    """
    if not os.access(path, os.W_OK) or not os.access(path.resolve().parent, os.W_OK | os.X_OK):
        what = "file" if not os.access(path, os.W_OK) else "folder it is in"
        raise WorkbookError(
            path,
            f"{path} is read-only (the {what} cannot be written), so your work could not be "
            "saved. Ask for write permission, or copy the workbook somewhere of your own.",
        )


def create_private_file(path: Path) -> None:
    """Create an empty file only its owner can read, refusing to replace one.

    Missing folders are made too, private to the owner.
    """
    if not path.name or path.name == "..":
        raise WorkbookError(
            path,
            f"{str(path)!r} is not a file name: give the path of the workbook file to create, "
            "like ana.infoview.",
        )
    missing = [folder for folder in path.parents if not folder.exists()]
    if len(missing) == len(path.parents):  # not even "." is there: the folder was deleted
        raise WorkbookError(path, f"The folder {path.parent} is gone: pick a folder that exists.")
    nearest = path.parents[len(missing)]
    if not nearest.is_dir():
        raise WorkbookError(
            path, f"{nearest} is a file, not a folder: pick a folder to keep the workbook in."
        )
    make_private_folders(path.parent)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError as error:
        raise WorkbookExists(
            path,
            f"{path} already exists; infoview never overwrites a file. Open it, or pick "
            "another name.",
        ) from error
    try:
        os.fchmod(descriptor, PRIVATE_FILE)  # whatever the umask said
    finally:
        os.close(descriptor)
