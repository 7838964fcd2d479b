"""The client of the workshop service a hub runs (``docs/design/workshop-service-api.md``).

On a hub, a student's server (its kernels and terminals) has two variables, set by the
hub and never by a notebook: ``INFOVIEW_HUB_URL``, where the service is, and
``JUPYTERHUB_API_TOKEN``, the server's token. Without both, :func:`configured` is false
and nothing here touches the network: infoview works from files, as without a hub.

Every call has a timeout and raises :class:`HubError` (or one of its kinds below) with a
sentence a student or facilitator can act on; the service's own ``{"error": ...}``
sentence is kept in it. Only the standard library is used (``urllib``): no proxy (the
service is on the hub's own network), no redirect (the token is never sent elsewhere).

Three things run without anyone asking, and never raise:

- :func:`ensure_workbook` makes a student's workbook from their roster profile the first
  time they land, when they have none;
- :class:`ProgressReporter` sends the workbook's progress (:func:`progress_of`: counts
  and dates only, never a contact's details) while the student saves, from a background
  thread of the kernel (:func:`start_progress_reporter`);
- failures of either are logged at debug level and dropped.
"""

from __future__ import annotations

import atexit
import contextlib
import http.client
import json
import logging
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from datetime import UTC, datetime
from email.message import Message
from pathlib import Path
from typing import Any

from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    Meeting,
    MeetingStatus,
    Outreach,
    OutreachStatus,
    PipelineStatus,
    Question,
    StudentProfile,
)
from infoview_lib.store import Workbook

__all__ = [
    "HUB_URL_VARIABLE",
    "TOKEN_VARIABLE",
    "HubError",
    "HubRefused",
    "HubUnreachable",
    "NameTaken",
    "NotFound",
    "NotOnRoster",
    "ProgressReporter",
    "RateLimited",
    "StudentsTaken",
    "TooLarge",
    "board",
    "configured",
    "delete_workshop",
    "ensure_workbook",
    "hand_in",
    "hand_in_bytes",
    "hand_ins",
    "me",
    "progress_of",
    "put_roster",
    "send_progress",
    "start_progress_reporter",
    "stop_progress_reporter",
]

log = logging.getLogger(__name__)

#: Where the workshop service is (set by the hub in the server's environment).
HUB_URL_VARIABLE = "INFOVIEW_HUB_URL"
#: The server's token, inherited by its kernels and terminals.
TOKEN_VARIABLE = "JUPYTERHUB_API_TOKEN"  # noqa: S105  # a variable's name, not a token
#: How long a call waits for the service unless told otherwise, in seconds.
DEFAULT_TIMEOUT = 15.0
#: How long a hand-in may take in all (sending the snapshot and the reply), in seconds.
HAND_IN_TIMEOUT = 15.0
#: The largest hand-in the service takes (``PUT me/hand-in``): 20 MiB.
HAND_IN_LIMIT = 20 * 1024 * 1024
#: The largest reply read: a hand-in (20 MiB) and a little more.
MAX_REPLY_BYTES = 21 * 1024 * 1024

_FACILITATOR_ADVICE = (
    "your hub account is not a facilitator of this workshop, or your server started "
    "before you became one: ask the hub administrator to add you to infoview-facilitators "
    "and restart your server (File > Hub Control Panel > Stop My Server, then Start)"
)


class HubError(InfoviewError):
    """The workshop service could not do what was asked; the message says why."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class HubUnreachable(HubError):
    """The service did not answer (down, a wrong address, or too slow)."""


class HubRefused(HubError):
    """The service refused this account (401 or 403)."""


class NotFound(HubError):
    """No such workshop, or no such hand-in (404)."""


class NotOnRoster(NotFound):
    """A student on no workshop's roster handed in (404 on ``me/hand-in``)."""


class NameTaken(HubError):
    """A workshop name another facilitator already runs (409)."""


class RateLimited(HubError):
    """A second hand-in within seconds of the last (429)."""


class TooLarge(HubError):
    """More than the service takes (413), or a hand-in over :data:`HAND_IN_LIMIT`."""


class StudentsTaken(HubError):
    """A roster listing students who are on a workshop another facilitator runs (409).

    ``users`` are the roster's user names the service named (at most the first 20 it
    names; :attr:`message` is the service's whole sentence)."""

    def __init__(self, message: str, *, users: Sequence[str], status: int | None = 409) -> None:
        super().__init__(message, status=status)
        self.users = tuple(users)


# -- where the service is ---------------------------------------------------------------


def _settings() -> tuple[str, str] | None:
    url = os.environ.get(HUB_URL_VARIABLE, "").strip()
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not url or not token:
        return None
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        return None
    return (url if url.endswith("/") else url + "/"), token


def configured() -> bool:
    """Whether this server is on a hub with a workshop service: both variables set, the
    address an ``http`` or ``https`` one."""
    return _settings() is not None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is an error: the token goes nowhere else


class _Deadline:
    """A whole request's time limit: when it passes, the request's socket is shut down.

    urllib's ``timeout`` bounds each socket operation only, so a service that trickles its
    reply a byte at a time would keep a caller waiting for ever; this bounds the whole
    request (connecting, sending, the headers and the body) to ``seconds``.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        """The time left, in seconds (at least a little, for a socket's own timeout)."""
        return max(self.ends - time.monotonic(), 0.001)

    def check(self) -> None:
        """Raise :class:`TimeoutError` once the time is up."""
        if self.expired or time.monotonic() >= self.ends:
            self.expired = True
            raise TimeoutError("timed out")

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the time is up (at once if it already is)."""
        with self._lock:
            self._sockets.append(sock)
            if not self.expired:
                return
        self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)  # wakes a blocked send or receive at once


def _timed(base: type[http.client.HTTPConnection], deadline: _Deadline) -> Any:
    """A connection class like ``base`` whose socket ``deadline`` shuts down in time."""

    class Timed(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            self.timeout = deadline.remaining()  # connecting is bound by what is left
            super().connect()
            deadline.watch(self.sock)

    return Timed


class _TimedHTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_timed(http.client.HTTPConnection, self.deadline), req)


class _TimedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_timed(http.client.HTTPSConnection, self.deadline), req)


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    """No proxy, no redirect, and every connection bound by ``deadline``."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _NoRedirect(),
        _TimedHTTP(deadline),
        _TimedHTTPS(deadline),
    )


def _read_all(reply: Any, deadline: _Deadline, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``reply``, in chunks, within ``deadline``."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        deadline.check()
        chunk = reply.read(min(256 * 1024, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    deadline.check()
    return b"".join(chunks)


def _mib(size: int) -> str:
    """A size in MiB, as a student reads it.

    >>> _mib(20 * 1024 * 1024), _mib(25_500_000)
    ('20 MiB', '24.3 MiB')
    """
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MiB"


def _seconds(value: float) -> str:
    return f"{value:g} second{'' if value == 1 else 's'}"


def _path(*parts: str) -> str:
    return "/".join(urllib.parse.quote(part, safe="") for part in parts)


def _request(
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    content_type: str = "application/json",
    timeout: float,
    facilitator: bool = False,
) -> tuple[bytes, Message]:
    """The reply's bytes and headers; raises a :class:`HubError` for anything else."""
    found = _settings()
    if found is None:
        raise HubError(
            f"This is not a hub server with a workshop service ({HUB_URL_VARIABLE} and "
            f"{TOKEN_VARIABLE} are not both set): run this in a terminal of your hub server."
        )
    base, token = found
    # The scheme is http or https (checked in _settings).
    request = urllib.request.Request(base + "api/" + path, data=body, method=method)  # noqa: S310
    request.add_unredirected_header("Authorization", f"token {token}")
    request.add_header("Accept", "application/json")
    if body is not None:
        request.add_header("Content-Type", content_type)
    with _Deadline(timeout) as deadline:
        data, headers = _send(request, base, deadline, facilitator=facilitator)
    if len(data) > MAX_REPLY_BYTES:
        raise HubError("The workshop service sent more than a reply can hold.")
    return data, headers


def _send(
    request: urllib.request.Request, base: str, deadline: _Deadline, *, facilitator: bool
) -> tuple[bytes, Message]:
    """``request``'s reply within ``deadline``; raises a :class:`HubError` for anything else."""
    try:
        with _opener(deadline).open(request, timeout=deadline.seconds) as reply:
            data = _read_all(reply, deadline, MAX_REPLY_BYTES)
            headers = reply.headers
    except urllib.error.HTTPError as error:
        try:
            with error:
                body = _error_body(_read_all(error, deadline, 64 * 1024))
        except (OSError, http.client.HTTPException, ValueError):
            body = {}
        said = _said(body)
        taken = body.get("students")
        if error.code == 409 and isinstance(taken, list) and taken:
            raise StudentsTaken(said, users=[str(user) for user in taken]) from None
        raise _refusal(error.code, said, facilitator=facilitator) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
        if deadline.expired or time.monotonic() >= deadline.ends:
            waited = _seconds(deadline.seconds)
            raise HubUnreachable(
                f"The workshop service at {base} did not answer within {waited}."
            ) from None
        reason = getattr(error, "reason", None) or error
        if isinstance(reason, OSError) and reason.strerror:
            reason = reason.strerror.lower()  # "connection refused", without "[Errno 111]"
        raise HubUnreachable(
            f"The workshop service at {base} could not be reached ({reason})."
        ) from None
    return data, headers


def _error_body(data: bytes) -> dict[str, Any]:
    """The service's error reply as a mapping (empty if it is not one)."""
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return body if isinstance(body, dict) else {}


def _said(body: dict[str, Any]) -> str:
    """The service's error sentence, if its reply has one."""
    error = body.get("error")
    return " ".join(error.split()) if isinstance(error, str) else ""


def _refusal(status: int, said: str, *, facilitator: bool) -> HubError:
    said = said.rstrip(".") + "." if said else ""
    if status in (401, 403):
        if facilitator:
            return HubRefused(
                f"The workshop service refused ({status}): {_FACILITATOR_ADVICE}."
                + (f" (It said: {said})" if said else ""),
                status=status,
            )
        return HubRefused(
            f"The workshop service refused this server's token ({status}). "
            + (said or "Restart your server from the hub's control panel and try again."),
            status=status,
        )
    if status == 404:
        return NotFound(said or "The workshop service found no such thing (404).", status=status)
    if status == 409:
        return NameTaken(
            said or "Another facilitator already runs a workshop of that name: pick another.",
            status=status,
        )
    if status == 413:
        return TooLarge(said or "That is more than the workshop service takes.", status=status)
    if status == 429:
        return RateLimited(
            said or "You handed in a moment ago: wait ten seconds and try again.", status=status
        )
    if status in (502, 503):  # the hub cannot be asked, or hand-ins arrive all at once
        return HubUnreachable(
            f"The workshop service is busy or cannot ask the hub ({status})."
            + (f" {said}" if said else ""),
            status=status,
        )
    if 300 <= status < 400:
        return HubUnreachable(
            f"The workshop service's address redirects elsewhere ({status}): ask the hub "
            f"administrator to check {HUB_URL_VARIABLE}.",
            status=status,
        )
    return HubError(
        f"The workshop service could not do it ({status})." + (f" {said}" if said else ""),
        status=status,
    )


def _json(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise HubError("The workshop service sent a reply that is not JSON.") from None
    if not isinstance(value, dict):
        raise HubError("The workshop service sent a reply of another shape.")
    return value


def _call(
    method: str,
    path: str,
    payload: object = None,
    *,
    timeout: float,
    facilitator: bool = False,
) -> dict[str, Any]:
    body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
    data, _headers = _request(method, path, body=body, timeout=timeout, facilitator=facilitator)
    return _json(data)


# -- student endpoints ----------------------------------------------------------------


def me(*, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """``GET me``: the student's user name and the workshops whose roster lists them."""
    return _call("GET", "me", timeout=timeout)


def send_progress(payload: Mapping[str, object], *, timeout: float = 2.0) -> dict[str, Any]:
    """``PUT me/progress``: the payload of :func:`progress_of`."""
    return _call("PUT", "me/progress", dict(payload), timeout=timeout)


def hand_in(data: bytes, *, timeout: float = HAND_IN_TIMEOUT) -> dict[str, Any]:
    """``PUT me/hand-in``: a workbook snapshot's bytes. The reply has ``handed_in_at``.

    Raises :class:`NotOnRoster` when the student is on no workshop's roster, and
    :class:`TooLarge`, without sending anything, for more than :data:`HAND_IN_LIMIT`.
    """
    if len(data) > HAND_IN_LIMIT:
        raise TooLarge(
            f"Your saved work is {_mib(len(data))}, more than the {_mib(HAND_IN_LIMIT)} a "
            "workshop takes."
        )
    try:
        reply, _headers = _request(
            "PUT",
            "me/hand-in",
            body=data,
            content_type="application/octet-stream",
            timeout=timeout,
        )
    except NotFound as error:
        raise NotOnRoster(str(error), status=error.status) from None
    return _json(reply)


# -- facilitator endpoints --------------------------------------------------------------


def put_roster(
    workshop: str, students: Sequence[Mapping[str, object]], *, timeout: float = DEFAULT_TIMEOUT
) -> dict[str, Any]:
    """``PUT workshops/{ws}/roster``: ``students`` are ``{"user": ..., "profile": {...}}``.
    The reply says whether the workshop was ``created``, who was ``added`` and ``kept``.

    Raises :class:`StudentsTaken` when the service refuses students who are on a workshop
    another facilitator runs (it names them), :class:`NameTaken` when another
    facilitator runs a workshop of that name.
    """
    return _call(
        "PUT",
        f"workshops/{_path(workshop)}/roster",
        {"students": [dict(student) for student in students]},
        timeout=timeout,
        facilitator=True,
    )


def delete_workshop(workshop: str, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """``DELETE workshops/{ws}``: the workshop, its roster, progress and hand-ins. The reply
    says how many ``students`` and ``hand_ins`` were deleted. For its facilitator only."""
    return _call("DELETE", f"workshops/{_path(workshop)}", timeout=timeout, facilitator=True)


def board(workshop: str, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """``GET workshops/{ws}/board``: every student with their progress and hand-in time."""
    return _call("GET", f"workshops/{_path(workshop)}/board", timeout=timeout, facilitator=True)


def hand_ins(workshop: str, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """``GET workshops/{ws}/hand-ins``: who handed in (``hand_ins``) and who not (``missing``)."""
    return _call("GET", f"workshops/{_path(workshop)}/hand-ins", timeout=timeout, facilitator=True)


def hand_in_bytes(workshop: str, user: str, *, timeout: float = 60.0) -> bytes:
    """``GET workshops/{ws}/hand-ins/{user}``: the bytes of the student's latest hand-in."""
    data, _headers = _request(
        "GET",
        f"workshops/{_path(workshop)}/hand-ins/{_path(user)}",
        timeout=timeout,
        facilitator=True,
    )
    return data


def profile_json(profile: StudentProfile) -> dict[str, object]:
    """A profile as the service takes it: exactly :class:`StudentProfile`'s fields."""
    return {
        "name": profile.name,
        "email": profile.email,
        "program": profile.program,
        "graduation_year": profile.graduation_year,
        "target_fields": list(profile.target_fields),
    }


# -- the first landing ------------------------------------------------------------------


def ensure_workbook(path: Path, *, timeout: float = 3.0) -> bool:
    """Make the student's workbook at ``path`` from their roster profile, if they have none.

    Acts only when there is no file at ``path`` and the hub is configured; the profile is
    that of the first workshop the service lists for the student (by name). Returns
    whether it made the workbook.
    Never raises (a failure is logged at debug level: the student then fills in the
    profile form), and never touches an existing workbook.
    """
    try:
        if path.exists() or path.is_symlink() or not configured():
            return False
        workshops = me(timeout=timeout).get("workshops")
        if not isinstance(workshops, list) or not workshops:
            return False
        given = workshops[0].get("profile") if isinstance(workshops[0], dict) else None
        if not isinstance(given, dict):
            return False
        known = {item.name for item in fields(StudentProfile)}
        profile = StudentProfile(**{key: value for key, value in given.items() if key in known})
        with Workbook.create(path, profile):  # refuses to replace a file made meanwhile
            pass
        return True
    except Exception as error:  # never in the way of the page that asked
        log.debug("no workbook made from the roster: %s", error)
        return False


# -- progress ---------------------------------------------------------------------------


def _utc(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def saved_at(path: Path) -> datetime:
    """When the workbook at ``path`` was last saved: the newest of the file and its log."""
    times = [path.stat().st_mtime]
    wal = path.with_name(path.name + "-wal")
    with contextlib.suppress(OSError):
        times.append(wal.stat().st_mtime)
    return datetime.fromtimestamp(max(times), UTC)


#: The progress payload's counts besides ``contacts`` (the service checks the same keys).
PROGRESS_COUNTS = (
    "drafts_written",
    "drafts_ready",
    "messages_sent",
    "questions_prepared",
    "meetings_planned",
    "meetings_done",
)


def progress_of(book: Workbook, *, last_saved_at: datetime | None = None) -> dict[str, object]:
    """The progress the service takes (``PUT me/progress``): counts and a date only.

    Never a contact's name, email, notes or message: only how many there are.
    ``last_saved_at`` defaults to the file's time (:func:`saved_at`).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
    ...     _ = book.add(Contact(name="Ken Sato"))
    ...     sent = progress_of(book, last_saved_at=datetime(2026, 3, 16, 10, 40, tzinfo=UTC))
    >>> sent["contacts"]["identified"], sent["last_saved_at"], "Ken" in str(sent)
    (1, '2026-03-16T10:40:00Z', False)
    """
    from infoview_lib.coach.agenda import check_message  # the Ally check says "ready"

    with book.snapshot():
        contacts = book.all(Contact)
        messages = book.all(Outreach)
        questions = book.count(Question)
        meetings = book.all(Meeting)
        profile = book.profile()
    by_id = {contact.id: contact for contact in contacts}
    drafts = [message for message in messages if message.status is OutreachStatus.DRAFT]
    ready = 0
    for draft in drafts:
        contact = by_id.get(draft.contact_id)
        if contact is not None and check_message(draft, contact, profile).verdict == "ready":
            ready += 1
    when = last_saved_at if last_saved_at is not None else saved_at(book.path)
    return {
        "contacts": {
            stage.value: sum(contact.status is stage for contact in contacts)
            for stage in PipelineStatus
        },
        "drafts_written": len(drafts),
        "drafts_ready": ready,
        "messages_sent": sum(message.status is OutreachStatus.SENT for message in messages),
        "questions_prepared": questions,
        "meetings_planned": sum(
            meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.RESCHEDULED)
            for meeting in meetings
        ),
        "meetings_done": sum(meeting.status is MeetingStatus.DONE for meeting in meetings),
        "last_saved_at": _utc(when),
    }


#: How long after a file's time it may still change without its time changing, in seconds.
SETTLING = 2.0


def _signature(path: Path) -> tuple[int, ...] | None:
    """What changes when the workbook is saved: the newest time (first) and the sizes of
    the file and its log."""
    try:
        main = path.stat()
    except OSError:
        return None
    times, parts = [main.st_mtime_ns], [main.st_size, main.st_ino]
    try:
        wal = path.with_name(path.name + "-wal").stat()
    except OSError:
        pass
    else:
        times.append(wal.st_mtime_ns)
        parts += [wal.st_mtime_ns, wal.st_size]
    return (max(times), *parts)


class ProgressReporter:
    """A daemon thread that sends the workbook's progress after it changes.

    Every ``interval`` seconds it looks at the workbook file's time and size (and its
    log's); when they changed, it opens the workbook read-only, builds
    :func:`progress_of` and sends it with a ``timeout``. The workbook is never kept open
    between looks. A failure is logged at debug level and tried again later (waiting
    longer each time, up to ``max_wait``); nothing is ever raised.
    """

    def __init__(
        self,
        path: Path | Callable[[], Path],
        *,
        interval: float = 5.0,
        timeout: float = 2.0,
        max_wait: float = 120.0,
    ) -> None:
        self._path = path
        self.interval = interval
        self.timeout = timeout
        self.max_wait = max_wait
        self.sent = 0  # how many reports the service took (for tests and debugging)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="infoview-progress", daemon=True)
        self._last: tuple[int, ...] | None = None
        self._sent: dict[str, object] | None = None

    @property
    def path(self) -> Path:
        """The workbook reported on: the path given, or what the function given returns now
        (the page's own, :func:`infoview_lib.ui.session.workbook_path`, say)."""
        return self._path if isinstance(self._path, Path) else self._path()

    def start(self) -> ProgressReporter:
        """Start the thread; returns the reporter."""
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        """Whether the thread is running."""
        return self._thread.is_alive()

    def stop(self, wait: float = 3.0) -> None:
        """Ask the thread to stop, and wait for it a little (a report may be on its way)."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(wait)

    def check(self) -> bool:
        """Send the progress if the workbook changed since the last report; whether it sent.

        A file's time is only as fine as the system's clock tick, so a save just after a
        look may leave the time as it was: while the file's time is recent (within
        :data:`SETTLING` seconds), the workbook is read again at each look, and the
        progress is sent only if it differs from the last sent. Raises what reading or
        sending raises (the thread logs and drops it).
        """
        path = self.path
        now = _signature(path)
        if now is None:
            return False
        settled = time.time() - now[0] / 1e9 > SETTLING
        if now == self._last and settled:
            return False
        with Workbook.read_only(path) as book:
            payload = progress_of(book)
        if payload == self._sent:
            self._last = now
            return False
        send_progress(payload, timeout=self.timeout)
        self._last, self._sent = now, payload
        self.sent += 1
        return True

    def _run(self) -> None:
        wait = self.interval
        while not self._stop.wait(wait):
            try:
                self.check()
            except Exception as error:  # dropped: progress is a nicety, never in the way
                log.debug("progress not sent: %s", error)
                wait = min(max(wait, self.interval) * 2, self.max_wait)
            else:
                wait = self.interval


_reporter: ProgressReporter | None = None
_reporter_lock = threading.Lock()


def start_progress_reporter(
    path: Path | Callable[[], Path], *, interval: float = 5.0
) -> ProgressReporter | None:
    """Start this process's reporter for ``path``, once, when the hub is configured.

    ``path`` may be a function, asked at each look (so the reporter follows the workbook
    the pages use when that changes).

    Returns the reporter (the one already running, if any), or ``None`` without a hub.
    Never raises. It stops at interpreter exit.
    """
    global _reporter
    try:
        if not configured():
            return None
        with _reporter_lock:
            if _reporter is None or not _reporter.running:
                _reporter = ProgressReporter(path, interval=interval).start()
                atexit.register(_reporter.stop)
            return _reporter
    except Exception as error:  # a page is being built: never in its way
        log.debug("progress reporter not started: %s", error)
        return None


def stop_progress_reporter() -> None:
    """Stop this process's reporter, if one runs (for tests, and at exit)."""
    global _reporter
    with _reporter_lock:
        if _reporter is not None:
            _reporter.stop()
            atexit.unregister(_reporter.stop)
            _reporter = None
