"""Steps a student takes in one click, each saved whole or not at all.

The layer between the forms and the workbook: it uses :mod:`infoview_lib.coach`
for the numbers and wording and :class:`~infoview_lib.store.Workbook` to save.

>>> import tempfile, pathlib
>>> from datetime import date, datetime
>>> from infoview_lib.model import StudentProfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
...     ken = book.add(Contact(name="Ken Sato"))
...     met = Meeting(contact_id=ken.id, starts_at=datetime(2026, 1, 29, 17), status="done")
...     met = book.add(met)
...     fatima, reach_out = add_referral(book, met.id, "Fatima Benali", today=date(2026, 1, 30))
...     fatima.connection, reach_out.due_on.isoformat()
('Ken Sato suggested I talk to them, when we met on Thursday 29 January 2026.', '2026-02-03')
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from slugify import slugify

from infoview_lib import hub_client
from infoview_lib.coach.agenda import Action
from infoview_lib.coach.calendar import BusinessCalendar, day_words, default_calendar
from infoview_lib.coach.followup import follow_up_rules, split_referral
from infoview_lib.coach.text import fold
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    ContactCategory,
    FollowUp,
    FollowUpChannel,
    FollowUpKind,
    FollowUpStatus,
    Meeting,
    PipelineStatus,
)
from infoview_lib.store import Workbook


def add_referral(
    book: Workbook,
    meeting_id: int,
    name: str,
    *,
    today: date,
    calendar: BusinessCalendar | None = None,
) -> tuple[Contact, FollowUp]:
    """Add someone a contact suggested in a meeting, and a reminder to reach out to them.

    The new contact is "referred by" the person met, with a connection that
    names them; the reminder is due in the configured number of business days.
    Both are saved, or neither.

    >>> import tempfile, pathlib
    >>> from infoview_lib.model import StudentProfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
    ...     add_referral(book, 1, "  ", today=date(2026, 1, 30))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    infoview_lib.errors.InfoviewError: The name is empty: write the name of the person they...
    """
    name, note = split_referral(name)
    if not name:
        raise InfoviewError(
            "The name is empty: write the name of the person they suggested you talk to."
        )
    rules = follow_up_rules()
    calendar = calendar if calendar is not None else default_calendar()
    with book.transaction():
        meeting = book.get(Meeting, meeting_id)
        referrer = book.get(Contact, meeting.contact_id)
        if any(fold(c.name) == fold(name) for c in book.all(Contact, referred_by=referrer.id)):
            raise InfoviewError(
                f"{name} is already in your contacts as someone {referrer.name} "
                "suggested: open that contact instead of adding them twice."
            )
        connection = rules.letters["referral_connection"].format_map(
            {
                "referrer_name": referrer.name,
                "meeting_day": day_words(meeting.starts_at.date()),
            }
        )
        contact = book.add(
            Contact(
                name=name,
                category=ContactCategory.OTHER,
                connection=connection,
                notes=note,
                referred_by=referrer.id,
            )
        )
        reach_out = book.add(
            FollowUp(
                contact_id=_saved_id(contact),
                kind=FollowUpKind.REFERRAL,
                due_on=calendar.add_business_days(today, rules.timing.referral_business_days),
            )
        )
    return contact, reach_out


def complete_action(
    book: Workbook,
    action: Action,
    *,
    today: date,
    channel: FollowUpChannel = FollowUpChannel.EMAIL,
    note: str = "",
    calendar: BusinessCalendar | None = None,
) -> FollowUp:
    """Record an action as done today, so that it leaves the list; returns what was saved.

    A stored follow-up is marked done; a step the workbook worked out is saved
    as a done follow-up. ``channel`` may also be its text, like ``"card"``.
    "Add them as a contact" adds the suggested person (see :func:`add_referral`)
    and returns the new reminder to reach out to them. "Stop and move on" also
    marks the contact as no reply; a thank-you, an update or reaching out to a
    referral moves the contact forward to thanked, keeping in touch or contacted.
    "Log the meeting" is done by updating the meeting itself, so it is refused
    here with a message saying so.

    >>> import tempfile, pathlib
    >>> from infoview_lib.coach.agenda import next_actions
    >>> from infoview_lib.model import StudentProfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
    ...     ken = book.add(Contact(name="Ken Sato"))
    ...     _ = book.add(FollowUp(contact_id=ken.id, kind="thank_you", due_on=date(2026, 3, 13)))
    ...     [action] = next_actions(book, date(2026, 3, 16))
    ...     done = complete_action(book, action, today=date(2026, 3, 16), channel="card")
    ...     done.status.value, done.channel.value, next_actions(book, date(2026, 3, 16))
    ('done', 'card', [])
    """
    if action.kind is FollowUpKind.LOG_MEETING and action.follow_up_id is None:
        raise InfoviewError(
            f"To finish this step, open your meeting with {action.contact_name} and mark it "
            "done, then write down what you learned; or mark it cancelled or rescheduled if it "
            "did not happen. The reminder goes away by itself once the meeting is updated."
        )
    if action.follow_up_id is None and action.referral_name and action.meeting_id is not None:
        _, reach_out = add_referral(
            book, action.meeting_id, action.referral_name, today=today, calendar=calendar
        )
        return reach_out
    with book.transaction():
        if action.follow_up_id is not None:
            done = _mark_done(book, action.follow_up_id, today, channel, note)
        elif existing := _done_already(book, action):
            return existing  # a second click on the same step saves nothing new
        else:
            done = book.add(
                FollowUp(
                    contact_id=action.contact_id,
                    kind=action.kind,
                    due_on=action.due_on,
                    channel=channel,
                    status=FollowUpStatus.DONE,
                    done_on=today,
                    note=note,
                )
            )
        if action.kind is FollowUpKind.MOVE_ON:
            waited_on = {PipelineStatus.IDENTIFIED, PipelineStatus.CONTACTED}
            if book.get(Contact, action.contact_id).status in waited_on:
                book.edit(Contact, action.contact_id, status=PipelineStatus.NO_REPLY)
        elif action.kind in STAGE_AFTER:
            advance_contact(book, action.contact_id, STAGE_AFTER[action.kind])
    return done


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

    On a hub (:func:`infoview_lib.hub_client.configured`), a snapshot is taken into a
    private temporary folder (0700; the copy 0600, see :meth:`Workbook.backup_to`), sent
    with ``PUT me/hand-in``, and the service's time is saved as :data:`HAND_IN_SETTING`.
    Without a hub, when the student is on no roster, or when the service cannot be
    reached in ``timeout`` seconds (the whole hand-in's), or refuses the hand-in (one over
    20 MiB is not even sent), the snapshot is saved as a file in ``folder``
    (:func:`hand_in_file`) and the message says so and what to do with it. A second
    hand-in within seconds (the service's limit) raises :class:`~infoview_lib.hub_client.
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


#: The stage a contact reaches once a follow-up of this kind is done.
STAGE_AFTER = {
    FollowUpKind.THANK_YOU: PipelineStatus.THANKED,
    FollowUpKind.KEEP_IN_TOUCH: PipelineStatus.KEEPING_IN_TOUCH,
    FollowUpKind.REFERRAL: PipelineStatus.CONTACTED,
}


def advance_contact(book: Workbook, contact_id: int, stage: PipelineStatus) -> bool:
    """Move a contact forward to ``stage``, never back nor off a side track; whether it moved."""
    pipeline = PipelineStatus.pipeline()
    current = book.get(Contact, contact_id).status
    if current in pipeline and pipeline.index(current) < pipeline.index(stage):
        book.edit(Contact, contact_id, status=stage)
        return True
    return False


def _done_already(book: Workbook, action: Action) -> FollowUp | None:
    """The follow-up a worked-out step was already saved as, if it was."""
    saved = book.all(FollowUp, contact_id=action.contact_id, status=FollowUpStatus.DONE)
    return next(
        (item for item in saved if item.kind is action.kind and item.due_on == action.due_on),
        None,
    )


def _mark_done(
    book: Workbook, follow_up_id: int, today: date, channel: FollowUpChannel, note: str
) -> FollowUp:
    """Mark a stored follow-up done today; one already done is left as it is."""
    current = book.get(FollowUp, follow_up_id)
    if current.status is FollowUpStatus.DONE:
        return current
    changes: dict[str, object] = {
        "status": FollowUpStatus.DONE,
        "done_on": today,
        "channel": channel,
    }
    if note.strip():
        changes["note"] = note
    return book.edit(FollowUp, follow_up_id, **changes)


def _saved_id(record: Contact) -> int:
    assert record.id is not None  # the workbook gives every saved record an id
    return record.id
