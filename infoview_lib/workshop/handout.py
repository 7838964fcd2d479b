"""Workbooks made from a roster, to hand out without a hub (``workshop create --out``).

One workbook per student, named ``<user name>.infoview`` (a hub user name is already a
safe file name: see :mod:`infoview_lib.workshop.user_names`), with the roster's profile.
A workbook already there is never touched (it is *kept*). All are made under temporary
names in a private scratch folder first, then put in place; one that cannot be made
leaves none made.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from infoview_lib.private_files import make_private_folders
from infoview_lib.reports.cohort import WORKBOOK_SUFFIX
from infoview_lib.store import Workbook
from infoview_lib.workshop.roster import RosterStudent
from infoview_lib.workshop.user_names import USER_NAME

__all__ = ["HandOut", "workbook_name", "write_workbooks"]


@dataclass(frozen=True)
class HandOut:
    """What :func:`write_workbooks` did: the students whose workbook it made, and kept."""

    out_dir: Path
    made: tuple[RosterStudent, ...]
    kept: tuple[RosterStudent, ...]


def workbook_name(student: RosterStudent) -> str:
    """The file name of a student's workbook: their hub user name.

    >>> from infoview_lib.model import StudentProfile
    >>> workbook_name(RosterStudent(2, "ana.lima", StudentProfile(name="Ana Lima")))
    'ana.lima.infoview'
    """
    if not USER_NAME.fullmatch(student.user_name):  # a roster's names are checked already
        raise ValueError(f"not a user name: {student.user_name!r}")
    return f"{student.user_name}{WORKBOOK_SUFFIX}"


def write_workbooks(students: Sequence[RosterStudent], out_dir: Path) -> HandOut:
    """Make a 0600 workbook for each student in ``out_dir`` (made 0700 when missing).

    A student whose workbook is already there is kept as it is. Every new workbook is
    made first; then they are put in place (never over a file that appeared meanwhile,
    which is kept too). If one cannot be made, none is left.
    """
    make_private_folders(out_dir)
    kept: list[RosterStudent] = []
    to_make: list[RosterStudent] = []
    for student in students:
        target = out_dir / workbook_name(student)
        (kept if target.exists() or target.is_symlink() else to_make).append(student)
    if not to_make:
        return HandOut(out_dir, (), tuple(kept))
    scratch = Path(tempfile.mkdtemp(prefix=".infoview-new-", dir=out_dir))  # 0700
    placed: list[Path] = []
    made: list[RosterStudent] = []
    try:
        for student in to_make:
            with Workbook.create(scratch / workbook_name(student), student.profile):
                pass
        for student in to_make:
            name = workbook_name(student)
            try:
                os.link(scratch / name, out_dir / name)  # never replaces a file
            except FileExistsError:
                kept.append(student)
                continue
            except OSError:  # a file system without hard links: check, then rename
                if (out_dir / name).exists():
                    kept.append(student)
                    continue
                (scratch / name).rename(out_dir / name)
            placed.append(out_dir / name)
            made.append(student)
    except BaseException:
        for path in placed:
            path.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    order = {student.row: index for index, student in enumerate(students)}
    kept.sort(key=lambda student: order[student.row])
    return HandOut(out_dir, tuple(made), tuple(kept))
