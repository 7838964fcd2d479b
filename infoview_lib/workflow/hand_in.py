"""Handing the workbook in: to the workshop service on a hub, else as a file."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from slugify import slugify

from infoview_lib.hub import client as hub_client
from infoview_lib.store import Workbook

#: The setting that says when the workbook was last handed in (ISO 8601, with its offset).
HAND_IN_SETTING = "hand_in:last_at"
#: What to do with a hand-in file, said wherever one is saved.
HAND_IN_ADVICE = (
    "Upload this file to your advisor (through your learning platform or by email); it holds "
    "your contacts' details, so send it only to them."
)


def default_hand_in_folder() -> Path:
    """Where hand-ins are saved unless the caller says otherwise: ``~/infoview/hand-ins/``."""
    return Path.home() / "infoview" / "hand-ins"


def hand_in_file(book: Workbook, folder: Path, *, today: date, at: datetime | None = None) -> Path:
    """Save a snapshot of the workbook into ``folder`` for the student to give their advisor.

    The file is ``<slug of the student's name>-<today>.infoview``: saved work only, one
    0600 file (see :meth:`Workbook.backup_to`), replacing the same day's earlier
    hand-in. The time (``at``, default ``today`` at the clock's time) is saved as
    :data:`HAND_IN_SETTING` in the hand-in and in the workbook, in the transaction that
    puts the file in place. Returns where the file is.

    >>> import tempfile, pathlib
    >>> from infoview_lib.model import StudentProfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with Workbook.create(folder / "jose.infoview", StudentProfile(name="José Álvarez")) as book:
    ...     saved = hand_in_file(book, folder / "hand-ins", today=date(2026, 3, 16),
    ...                          at=datetime.fromisoformat("2026-03-16T14:05:00+01:00"))
    ...     saved.name, book.setting(HAND_IN_SETTING)
    ('jose-alvarez-2026-03-16.infoview', '2026-03-16T14:05:00+01:00')
    """
    # The day is the caller's (a workshop or a test may fix it), at the clock's time.
    when = at if at is not None else datetime.combine(today, datetime.now().astimezone().timetz())
    target = Path(folder) / f"{file_slug(book.profile().name)}-{today.isoformat()}.infoview"
    return book.backup_to(target, settings={HAND_IN_SETTING: when.isoformat(timespec="seconds")})


#: Where a hand-in went: to the workshop service, or into a file.
TO_WORKSHOP = "workshop"
TO_FILE = "file"


@dataclass(frozen=True)
class HandedIn:
    """What :func:`hand_in_to_workshop` did: where the hand-in went, and what to tell."""

    where: str  # TO_WORKSHOP or TO_FILE
    message: str  # for the student, in plain words (their own file's path included)
    handed_in_at: str  # as saved in HAND_IN_SETTING
    file: Path | None = None  # the file saved, when it went into one
    workshops: tuple[str, ...] = ()
    fallback: bool = False  # saved as a file because the workshop did not take it


def hand_in_to_workshop(
    book: Workbook,
    *,
    today: date,
    at: datetime | None = None,
    folder: Path | None = None,
    timeout: float = hub_client.HAND_IN_TIMEOUT,
) -> HandedIn:
    """Hand the workbook in: to the workshop service on a hub, else as a file.

    On a hub (:func:`infoview_lib.hub.client.configured`), a snapshot is taken into a
    private temporary folder (0700; the copy 0600, see :meth:`Workbook.backup_to`), sent
    with ``PUT me/hand-in``, and the service's time is saved as :data:`HAND_IN_SETTING`.
    Without a hub, when the student is on no roster, or when the service cannot be
    reached in ``timeout`` seconds (the whole hand-in's), or refuses the hand-in (one over
    20 MiB is not even sent), the snapshot is saved as a file in ``folder``
    (:func:`hand_in_file`) and the message says so and what to do with it. A second
    hand-in within seconds (the service's limit) raises :class:`~infoview_lib.hub.client.
    RateLimited`, saving nothing. ``at`` is the hand-in's time (default: ``today`` at the
    clock's time).
    """
    folder = folder if folder is not None else default_hand_in_folder()
    when = at if at is not None else datetime.combine(today, datetime.now().astimezone().timetz())
    stamp = when.isoformat(timespec="seconds")
    if not hub_client.configured():
        saved = hand_in_file(book, folder, today=today, at=when)
        return HandedIn(TO_FILE, f"Handed in: {saved}. {HAND_IN_ADVICE}", stamp, saved)
    before = book.setting(HAND_IN_SETTING)
    scratch = Path(tempfile.mkdtemp(prefix="infoview-hand-in-"))  # 0700
    try:
        snapshot = book.backup_to(scratch / "hand-in.infoview", settings={HAND_IN_SETTING: stamp})
        reply = hub_client.hand_in(snapshot.read_bytes(), timeout=timeout)
    except hub_client.RateLimited:
        _put_back(book, before)
        raise
    except hub_client.HubError as error:
        if isinstance(error, hub_client.NotOnRoster):
            why = "You are on no workshop's roster on this hub."
            then = HAND_IN_ADVICE
        elif isinstance(error, hub_client.TooLarge):
            why = f"Your workbook is too large to hand in to your workshop: {error}"
            then = HAND_IN_ADVICE
        elif isinstance(error, hub_client.HubUnreachable):
            why = str(error)
            then = "Try handing in again in a few minutes, or upload that file to your advisor."
        else:
            why = f"Your workshop did not take the hand-in: {error}"
            then = HAND_IN_ADVICE
        try:
            saved = hand_in_file(book, folder, today=today, at=when)
        except BaseException:
            _put_back(book, before)
            raise
        said = f"{why} Your hand-in was saved as a file instead: {saved}. {then}"
        return HandedIn(TO_FILE, said, stamp, saved, fallback=True)
    except BaseException:
        _put_back(book, before)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    stamp = _local_time(reply.get("handed_in_at"), stamp)
    book.save_setting(HAND_IN_SETTING, stamp)
    names = tuple(str(name) for name in reply.get("workshops") or () if isinstance(name, str))
    shown = datetime.fromisoformat(stamp)
    to = f" ({', '.join(names)})" if names else ""
    return HandedIn(
        TO_WORKSHOP,
        f"Handed in to your workshop{to} on {shown:%Y-%m-%d} at {shown:%H:%M}.",
        stamp,
        None,
        names,
    )


def _local_time(value: object, fallback: str) -> str:
    """The service's time (UTC, ``...Z``) as this computer's local time, with its offset."""
    if not isinstance(value, str):
        return fallback
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return fallback
    if when.tzinfo is None:
        return fallback
    return when.astimezone().isoformat(timespec="seconds")


def _put_back(book: Workbook, before: str | None) -> None:
    """The hand-in time as it was before a hand-in that did not happen."""
    if before is None:
        book.forget_setting(HAND_IN_SETTING)
    else:
        book.save_setting(HAND_IN_SETTING, before)


#: Longest file-name slug, and the slug of a name with nothing to keep (emoji only, say).
_SLUG_LENGTH = 60
_NO_SLUG = "student"


def file_slug(name: str) -> str:
    """A safe file name made from a student's name: lowercase ASCII letters, digits and
    hyphens, never empty, never a path separator or ``..``.

    The same rules as the reports' file names (``infoview_lib.reports.slugs``, a layer
    above this one), but for a name followed by its Latin spelling in brackets, whose
    whole text is transliterated here.

    >>> file_slug("José Álvarez"), file_slug("../../etc/passwd"), file_slug("🙂")
    ('jose-alvarez', 'etc-passwd', 'student')
    """
    made = slugify(name, max_length=_SLUG_LENGTH, word_boundary=True, lowercase=True)
    made = "".join(c for c in made if c.isascii() and (c.isalnum() or c == "-")).strip("-")
    return made or _NO_SLUG
