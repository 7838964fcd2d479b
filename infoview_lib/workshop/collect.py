"""Collecting file hand-ins into one folder of workbooks, one per student of a roster.

Without a hub, each student hands in a file (``infoview hand-in``) and uploads it to their
advisor, who downloads them all into one folder. :func:`collect` reads that folder and a
roster, and writes a folder that ``infoview cohort`` turns into reports:

- **Every** ``*.infoview`` **file** is checked to be a workbook as infoview makes it (no
  view, no trigger, only a workbook's tables:
  :func:`~infoview_lib.workshop.hand_in_schema.check_schema`), then opened with
  :meth:`Workbook.read_only` (never written); one that cannot be read is listed with its
  reason and never stops the others.
- **Matching.** A hand-in belongs to the roster student with the same email (compared
  case-insensitively, both non-empty), else to the one student whose name is the same
  once folded (:func:`infoview_lib.coach.text.fold`: case and accents aside). A name two
  roster students share matches neither by name.
- **Newest kept.** Of several hand-ins of one student, the newest is kept: by the time the
  hand-in recorded (:data:`~infoview_lib.workflow.HAND_IN_SETTING`), else the date in the
  file's name, else the file's modification time.
- **Not on the roster.** A hand-in that matches no roster student is collected all the
  same (its newest, grouped by email, else by folded name), and said so: the advisor
  decides whether it belongs.
- **Written** into the output folder (made 0700 when missing): ``<slug>.infoview`` per
  collected student, the hand-in's bytes as they are (0600; slugs from
  :func:`~infoview_lib.reports.slugs.unique_slugs`, the roster's name for a roster
  student), and ``collect-summary.csv``. A file an earlier collect left there is replaced
  when the same student is collected again, and otherwise left as it is.

On a hub, :func:`collect_from_hub` does the same from the workshop service: each
student's latest hand-in is downloaded, checked (its SHA-256 as the service listed it,
then opened read-only), and written the same way, with the same summary.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from infoview_lib.coach.text import fold
from infoview_lib.errors import InfoviewError
from infoview_lib.exports.cells import neutralise
from infoview_lib.hub import client as hub_client
from infoview_lib.private_files import make_private_folders, write_private
from infoview_lib.reports.cohort import WORKBOOK_SUFFIX
from infoview_lib.reports.slugs import unique_slugs
from infoview_lib.store import Workbook
from infoview_lib.workflow import HAND_IN_SETTING
from infoview_lib.workshop.hand_in_schema import check_schema
from infoview_lib.workshop.roster import Roster, RosterStudent

__all__ = [
    "COLLECTED",
    "NOT_HANDED_IN",
    "NOT_ON_ROSTER",
    "SUMMARY_COLUMNS",
    "SUMMARY_FILE",
    "UNREADABLE",
    "CollectError",
    "Collection",
    "HandIn",
    "SummaryRow",
    "collect",
    "collect_from_hub",
    "read_hand_ins",
    "write_summary",
]

#: The summary's file name in the output folder.
SUMMARY_FILE = "collect-summary.csv"
#: A row's status in the summary.
COLLECTED = "collected"
NOT_HANDED_IN = "not handed in"
NOT_ON_ROSTER = "not on the roster"
UNREADABLE = "unreadable"
#: The summary's columns, in order.
SUMMARY_COLUMNS = (
    "roster_row",
    "student",
    "user_name",
    "email",
    "file",
    "hand_in",
    "handed_in_at",
    "status",
    "reason",
)

#: The day ``infoview hand-in`` puts at the end of a hand-in's file name.
_NAMED_DAY = re.compile(r"-(\d{4}-\d{2}-\d{2})\.infoview$")


class CollectError(InfoviewError):
    """Hand-ins that cannot be collected at all (a missing folder, say): bad input."""


@dataclass(frozen=True)
class HandIn:
    """A hand-in file that could be read: whose it is and when it was handed in."""

    path: Path
    name: str
    email: str
    when: datetime  # aware, for comparing
    shown_when: str  # as the summary shows it, with where it came from unless recorded


@dataclass(frozen=True)
class SummaryRow:
    """One row of ``collect-summary.csv``."""

    roster_row: int | None
    student: str
    user_name: str
    email: str
    file: str  # the collected file's name in the output folder, or ""
    hand_in: str  # the hand-in's file name, or ""
    handed_in_at: str
    status: str
    reason: str = ""

    def cells(self) -> list[str]:
        """The row's cells, in :data:`SUMMARY_COLUMNS` order, formulas neutralised."""
        values = (
            "" if self.roster_row is None else str(self.roster_row),
            self.student,
            self.user_name,
            self.email,
            self.file,
            self.hand_in,
            self.handed_in_at,
            self.status,
            self.reason,
        )
        return [str(neutralise(value)) for value in values]


@dataclass(frozen=True)
class Collection:
    """What :func:`collect` did."""

    out_dir: Path
    summary: Path
    rows: tuple[SummaryRow, ...]
    missing: tuple[RosterStudent, ...] = field(default=())

    def with_status(self, status: str) -> tuple[SummaryRow, ...]:
        """The summary's rows with ``status``."""
        return tuple(row for row in self.rows if row.status == status)

    @property
    def complete(self) -> bool:
        """Whether every roster student handed in and every file could be read."""
        return not self.with_status(NOT_HANDED_IN) and not self.with_status(UNREADABLE)


def read_hand_ins(folder: Path) -> tuple[list[HandIn], list[tuple[Path, str]]]:
    """The hand-ins in ``folder`` (not its subfolders) that can be read, and the files that
    cannot, each with its reason. Raises :class:`CollectError` if it is not a folder."""
    if not folder.is_dir():
        raise CollectError(f"{folder} is not a folder: give the folder holding the hand-ins.")
    readable: list[HandIn] = []
    unreadable: list[tuple[Path, str]] = []
    for path in sorted(folder.glob(f"*{WORKBOOK_SUFFIX}")):
        if path.name.startswith("."):
            continue  # a half-written download or an editor's scratch file
        try:
            readable.append(_read_hand_in(path))
        except (InfoviewError, OSError, sqlite3.Error, ValueError) as error:
            said = error.strerror if isinstance(error, OSError) and error.strerror else None
            unreadable.append((path, said or str(error) or type(error).__name__))
    return readable, unreadable


def _read_hand_in(path: Path) -> HandIn:
    check_schema(path)
    with Workbook.read_only(path) as book:
        profile = book.profile()
        recorded = book.setting(HAND_IN_SETTING)
    when, shown = _when(path, recorded)
    return HandIn(path, profile.name, profile.email, when, shown)


def _when(path: Path, recorded: str | None) -> tuple[datetime, str]:
    """When the hand-in was made, for comparing, and as the summary says it."""
    if recorded:
        try:
            when = datetime.fromisoformat(recorded)
        except ValueError:
            pass
        else:
            return (when if when.tzinfo else when.astimezone()), recorded
    named = _NAMED_DAY.search(path.name)
    if named:
        try:
            day = date.fromisoformat(named[1])
        except ValueError:
            pass
        else:
            return datetime.combine(day, time()).astimezone(), f"{day} (the file name's day)"
    modified = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    return modified, f"{modified.isoformat(timespec='seconds')} (the file's time)"


def _match(hand_in: HandIn, students: Sequence[RosterStudent]) -> RosterStudent | None:
    email = hand_in.email.strip().casefold()
    if email:
        for student in students:
            if student.profile.email.strip().casefold() == email:
                return student
    name = fold(hand_in.name).strip()
    named = [s for s in students if name and fold(s.profile.name).strip() == name]
    return named[0] if len(named) == 1 else None


def _newest(hand_ins: Sequence[HandIn]) -> HandIn:
    return max(hand_ins, key=lambda hand_in: (hand_in.when, hand_in.path.name))


def _older_said(kept: HandIn, all_of_them: Sequence[HandIn]) -> str:
    older = sorted(h.path.name for h in all_of_them if h is not kept)
    if not older:
        return ""
    return f"the newest of {len(all_of_them)} hand-ins; left out: {', '.join(older)}"


def collect(hand_ins: Path, roster: Roster, out_dir: Path) -> Collection:
    """Collect the newest hand-in of each student in ``hand_ins`` into ``out_dir``.

    Rows of the summary: the roster's students in the roster's order, then the hand-ins
    not on the roster, then the files that could not be read. Raises
    :class:`CollectError` for a missing hand-in folder, an output folder that is the
    hand-in folder or a file.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise CollectError(f"{out_dir} is a file: give a folder to collect the hand-ins into.")
    readable, unreadable = read_hand_ins(hand_ins)
    if out_dir.is_dir() and out_dir.resolve() == hand_ins.resolve():
        raise CollectError(
            f"{out_dir} is the folder of hand-ins: collect them into another folder."
        )
    by_student: dict[int, list[HandIn]] = {}
    strangers: dict[tuple[str, str], list[HandIn]] = {}
    for hand_in in readable:
        student = _match(hand_in, roster.students)
        if student is not None:
            by_student.setdefault(student.row, []).append(hand_in)
        else:
            email = hand_in.email.strip().casefold()
            key = ("email", email) if email else ("name", fold(hand_in.name).strip())
            strangers.setdefault(key, []).append(hand_in)

    # (roster student or None, kept hand-in, all of that student's hand-ins)
    chosen: list[tuple[RosterStudent | None, HandIn, list[HandIn]]] = []
    for student in roster.students:
        if student.row in by_student:
            theirs = by_student[student.row]
            chosen.append((student, _newest(theirs), theirs))
    for theirs in sorted(strangers.values(), key=lambda group: _newest(group).path.name):
        chosen.append((None, _newest(theirs), theirs))
    slugs = unique_slugs(
        student.profile.name if student is not None else kept.name for student, kept, _ in chosen
    )

    make_private_folders(out_dir)
    collected: dict[int, SummaryRow] = {}
    rows_not_on_roster: list[SummaryRow] = []
    for (student, kept, theirs), slug in zip(chosen, slugs, strict=True):
        target = out_dir / f"{slug}{WORKBOOK_SUFFIX}"
        write_private(target, kept.path.read_bytes())
        reason = _older_said(kept, theirs)
        if student is None:
            rows_not_on_roster.append(
                SummaryRow(
                    None,
                    kept.name,
                    "",
                    kept.email,
                    target.name,
                    kept.path.name,
                    kept.shown_when,
                    NOT_ON_ROSTER,
                    "; ".join(
                        part
                        for part in ("collected all the same: check whose it is", reason)
                        if part
                    ),
                )
            )
        else:
            collected[student.row] = SummaryRow(
                student.row,
                student.profile.name,
                student.user_name,
                student.profile.email,
                target.name,
                kept.path.name,
                kept.shown_when,
                COLLECTED,
                reason,
            )

    rows: list[SummaryRow] = []
    missing: list[RosterStudent] = []
    for student in roster.students:
        if student.row in collected:
            rows.append(collected[student.row])
        else:
            missing.append(student)
            rows.append(
                SummaryRow(
                    student.row,
                    student.profile.name,
                    student.user_name,
                    student.profile.email,
                    "",
                    "",
                    "",
                    NOT_HANDED_IN,
                )
            )
    rows.extend(rows_not_on_roster)
    rows.extend(
        SummaryRow(None, "", "", "", "", path.name, "", UNREADABLE, reason)
        for path, reason in unreadable
    )
    summary = out_dir / SUMMARY_FILE
    write_summary(rows, summary)
    return Collection(out_dir, summary, tuple(rows), tuple(missing))


def collect_from_hub(
    workshop: str, out_dir: Path, *, timeout: float = hub_client.DEFAULT_TIMEOUT
) -> Collection:
    """Collect each student's latest hand-in to ``workshop`` from the hub into ``out_dir``.

    Rows of the summary: the students who handed in, in the service's order, then those
    who have not; ``roster_row`` is empty (the roster is the service's). A hand-in whose
    bytes do not match the service's SHA-256, that is not a workbook as infoview makes it
    (:func:`~infoview_lib.workshop.hand_in_schema.check_schema`), or that cannot be opened,
    is listed as unreadable with its reason and not written, and the file an earlier
    collect wrote for that student is removed (it is not their latest hand-in). Raises
    :class:`CollectError` for an output folder that is a file, and
    :class:`~infoview_lib.hub.client.HubError` when the service cannot list the hand-ins.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise CollectError(f"{out_dir} is a file: give a folder to collect the hand-ins into.")
    listing = hub_client.hand_ins(workshop, timeout=timeout)
    handed = [item for item in listing.get("hand_ins") or () if isinstance(item, dict)]
    missing = [item for item in listing.get("missing") or () if isinstance(item, dict)]
    slugs = unique_slugs(_text(item.get("name")) or _text(item.get("user")) for item in handed)
    make_private_folders(out_dir)
    rows: list[SummaryRow] = []
    scratch = Path(tempfile.mkdtemp(prefix="infoview-collect-"))  # 0700
    try:
        for item, slug in zip(handed, slugs, strict=True):
            user, name, email = (_text(item.get(key)) for key in ("user", "name", "email"))
            when = _text(item.get("handed_in_at"))
            target = out_dir / f"{slug}{WORKBOOK_SUFFIX}"
            try:
                data = hub_client.hand_in_bytes(workshop, user, timeout=max(timeout, 60.0))
                _check_download(data, _text(item.get("sha256")), scratch / "check.infoview")
            except (hub_client.HubError, InfoviewError, OSError, sqlite3.Error) as error:
                reason = str(error) or type(error).__name__
                if _remove_earlier(target):
                    reason += f" (the file an earlier collect saved, {target.name}, was removed)"
                rows.append(SummaryRow(None, name, user, email, "", "", when, UNREADABLE, reason))
                continue
            write_private(target, data)
            rows.append(SummaryRow(None, name, user, email, target.name, "", when, COLLECTED))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    rows.extend(
        SummaryRow(
            None,
            _text(item.get("name")),
            _text(item.get("user")),
            _text(item.get("email")),
            "",
            "",
            "",
            NOT_HANDED_IN,
        )
        for item in missing
    )
    summary = out_dir / SUMMARY_FILE
    write_summary(rows, summary)
    return Collection(out_dir, summary, tuple(rows))


def _remove_earlier(target: Path) -> bool:
    """Remove the file an earlier collect wrote at ``target``, so that ``cohort`` never
    reports on an older hand-in as if it were the latest; whether there was one."""
    if not (target.is_file() or target.is_symlink()):
        return False
    target.unlink()
    return True


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _check_download(data: bytes, sha256: str, scratch: Path) -> None:
    """Refuse a download that is not what the service listed, or not a workbook."""
    if sha256 and hashlib.sha256(data).hexdigest() != sha256.lower():
        raise CollectError("the download does not match the hand-in: collect again.")
    write_private(scratch, data)
    try:
        check_schema(scratch)
        with Workbook.read_only(scratch) as book:
            problems = book.integrity_problems()
        if problems:
            raise CollectError(f"the hand-in is damaged ({problems[0]}).")
    finally:
        scratch.unlink(missing_ok=True)


def write_summary(rows: Sequence[SummaryRow], target: Path) -> Path:
    """The summary as CSV, formulas neutralised as in the cohort summary, UTF-8 with a
    byte-order mark, written 0600."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    writer.writerows(row.cells() for row in rows)
    write_private(target, text.getvalue().encode("utf-8-sig"))
    return target
