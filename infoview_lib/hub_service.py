"""The ``infoview`` JupyterHub service: workshop rosters, progress and hand-ins.

It implements ``docs/design/workshop-service-api.md``. Run it as
``python -m infoview_lib.hub_service --data DIR [--ip IP] [--port N]``, or as a standalone file
(so it imports only the standard library, tornado and ``jupyterhub.services.auth``, on Python
3.10+). Without ``--ip``/``--port`` it listens where ``JUPYTERHUB_SERVICE_URL`` says, under
``JUPYTERHUB_SERVICE_PREFIX``.

For tests, build the app with :func:`make_app` and any ``auth`` object of this shape (the real
one is ``jupyterhub.services.auth.HubAuth``):

- ``auth.user_for_token(token, sync=False)`` returns the token's user model
  ``{"name": "s1", "scopes": ["access:services!service=infoview", ...]}``, or ``None`` for a
  token the hub does not know; either directly or as an awaitable of it.
- ``auth.check_scopes(required_scopes, user_model)`` returns something truthy when the model's
  scopes cover ``required_scopes`` (a set of str).

>>> class FakeAuth:
...     def __init__(self, users: dict[str, dict[str, Any]]) -> None:
...         self.users = users  # token -> {"name": ..., "scopes": [...]}
...     def user_for_token(self, token: str, *, sync: bool = True) -> dict[str, Any] | None:
...         return self.users.get(token)
...     def check_scopes(self, required: set[str], model: dict[str, Any]) -> set[str]:
...         return set(required) & set(model["scopes"])
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     app = make_app(Path(folder) / "data", auth=FakeAuth({}))
>>> type(app).__name__
'Application'
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import inspect
import json
import logging
import os
import re
import shutil
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timezone
from math import ceil
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

import tornado.httpserver
import tornado.ioloop
import tornado.web

ACCESS_SCOPE = "access:services!service=infoview"
FACILITATE_SCOPE = "custom:infoview:facilitate"
DEFAULT_PREFIX = "/services/infoview/"
PROGRESS_LIMIT = 4 * 1024
HAND_IN_LIMIT = 20 * 1024 * 1024
ROSTER_LIMIT = 2 * 1024 * 1024
HAND_IN_INTERVAL = 10  # seconds between two hand-ins of one student
HAND_INS_AT_ONCE = 4  # hand-in bodies received at the same time, at most
BUSY_RETRY_AFTER = 5  # seconds, when that many are already being received
BODY_TIMEOUT = 120  # seconds to receive a whole body
IDLE_CONNECTION_TIMEOUT = 60  # seconds a kept-alive connection may sit idle
SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = 0x49565742  # "IVWB", as infoview_lib/store/files.py writes it
PIPELINE_STATUSES = (
    "identified",
    "contacted",
    "scheduled",
    "met",
    "thanked",
    "keeping_in_touch",
    "declined",
    "no_reply",
)
PROGRESS_COUNTS = (
    "drafts_written",
    "drafts_ready",
    "messages_sent",
    "questions_prepared",
    "meetings_planned",
    "meetings_done",
)
PROFILE_FIELDS = ("name", "email", "program", "graduation_year", "target_fields")
MAX_COUNT = 100_000
WORKSHOP_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
UTC_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z")
UTC = timezone.utc  # noqa: UP017 (datetime.UTC is Python 3.11+; this runs on 3.10)

log = logging.getLogger("infoview.hub_service")

SCHEMA = """
CREATE TABLE IF NOT EXISTS workshops (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS facilitators (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id), user TEXT NOT NULL,
    PRIMARY KEY (workshop_id, user));
CREATE TABLE IF NOT EXISTS students (
    id INTEGER PRIMARY KEY, workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    user TEXT NOT NULL, position INTEGER NOT NULL, profile_json TEXT NOT NULL,
    UNIQUE (workshop_id, user));
CREATE INDEX IF NOT EXISTS students_by_user ON students(user);
CREATE TABLE IF NOT EXISTS progress (
    student_id INTEGER PRIMARY KEY REFERENCES students(id),
    body_json TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hand_ins (
    student_id INTEGER PRIMARY KEY REFERENCES students(id),
    handed_in_at TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL);
"""

Clock = Callable[[], datetime]
Json = dict[str, Any]


class Auth(Protocol):
    """What the service needs from ``HubAuth`` (see the module docstring)."""

    def user_for_token(self, token: str, /, *, sync: bool = ...) -> Any: ...

    def check_scopes(self, required_scopes: set[str], user: Any, /) -> Any: ...


class ApiError(tornado.web.HTTPError):
    """An error reply: its status and a sentence the student or facilitator can act on."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        retry_after: int | None = None,
        students: Sequence[str] = (),
    ) -> None:
        super().__init__(status)
        self.message = message
        self.retry_after = retry_after
        self.students = list(students)  # the roster's users a 409 refuses, for the client


class DataFolderError(Exception):
    """The data folder cannot be used safely."""


# ----------------------------------------------------------------------------- validation


def utc_stamp(moment: datetime) -> str:
    """``moment`` as ``YYYY-MM-DDTHH:MM:SSZ``.

    >>> utc_stamp(datetime(2026, 3, 16, 10, 42, 7, 900, tzinfo=UTC))
    '2026-03-16T10:42:07Z'
    """
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_json_object(body: bytes, what: str) -> Json:
    """``body`` as a JSON object; repeated keys, NaN and non-objects are refused."""

    def no_repeats(pairs: list[tuple[str, Any]]) -> Json:
        keys = [key for key, _ in pairs]
        repeated = next((key for key in keys if keys.count(key) > 1), None)
        if repeated is not None:
            raise ApiError(400, f"{what} has the field {repeated!r} twice.")
        return dict(pairs)

    def no_constant(name: str) -> Any:
        raise ApiError(400, f"{what} has {name}, which is not a number this service takes.")

    try:
        value = json.loads(
            body.decode("utf-8"), object_pairs_hook=no_repeats, parse_constant=no_constant
        )
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, f"{what} is not valid JSON.") from None
    if not isinstance(value, dict):
        raise ApiError(400, f"{what} must be a JSON object.")
    return value


def exact_keys(value: object, keys: Sequence[str], what: str) -> Json:
    """``value`` as a dict that has exactly ``keys``."""
    if not isinstance(value, dict):
        raise ApiError(400, f"{what} must be a JSON object.")
    missing = [key for key in keys if key not in value]
    if missing:
        raise ApiError(400, f"{what} is missing the field {missing[0]!r}.")
    unknown = sorted(key for key in value if key not in keys)
    if unknown:
        raise ApiError(400, f"{what} has a field this service does not take: {unknown[0]!r}.")
    return value


def check_count(value: object, what: str) -> int:
    """``value`` as a count from 0 to 100000 (``True``/``False`` are not counts)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiError(400, f"{what} must be a whole number.")
    if not 0 <= value <= MAX_COUNT:
        raise ApiError(400, f"{what} must be from 0 to {MAX_COUNT}, not {value}.")
    return value


def validate_progress(body: Json) -> Json:
    """The progress body, checked against the contract's strict schema."""
    exact_keys(body, ("contacts", *PROGRESS_COUNTS, "last_saved_at"), "The progress")
    contacts = exact_keys(body["contacts"], PIPELINE_STATUSES, "The progress's contacts")
    for status in PIPELINE_STATUSES:
        check_count(contacts[status], f"contacts.{status}")
    for count in PROGRESS_COUNTS:
        check_count(body[count], count)
    saved = body["last_saved_at"]
    if not isinstance(saved, str) or not UTC_TIME.fullmatch(saved) or not _real_time(saved):
        raise ApiError(400, "last_saved_at must be a UTC time like 2026-03-16T10:40:00Z.")
    return body


def _real_time(text: str) -> bool:
    """Whether ``text`` (shaped like a UTC time) names a real moment."""
    try:
        datetime.strptime(text.split(".")[0].rstrip("Z"), "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return False
    return True


def workshop_name(raw: str) -> str:
    """The workshop name from a URL, lower-cased.

    >>> workshop_name("Spring-Career")
    'spring-career'
    """
    if not WORKSHOP_NAME.fullmatch(raw):
        raise ApiError(
            400,
            "A workshop name is 1-64 letters, digits, '-', '_' or '.', "
            "starting with a letter or digit.",
        )
    return raw.lower()


def user_name(raw: object) -> str | None:
    """A hub user name, lower-cased, or ``None`` if it is not one this service takes.

    >>> user_name("Ana.Lima"), user_name("../../etc"), user_name("a b")
    ('ana.lima', None, None)
    """
    if not isinstance(raw, str) or not 0 < len(raw) <= 64 or "/" in raw:
        return None
    if any(char.isspace() or not char.isprintable() for char in raw):
        return None
    return raw.lower()


def validate_profile(value: object) -> Json:
    """A roster profile: exactly ``StudentProfile``'s fields, with their types."""
    profile = exact_keys(value, PROFILE_FIELDS, "The profile")
    name = profile["name"]
    if not isinstance(name, str) or not name.strip() or len(name) > 120:
        raise ApiError(400, "The profile's name must be text of 1 to 120 characters.")
    for field in ("email", "program"):
        if not isinstance(profile[field], str):
            raise ApiError(400, f"The profile's {field} must be text (it may be empty).")
    year = profile["graduation_year"]
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise ApiError(400, "The profile's graduation_year must be a year or null.")
    fields = profile["target_fields"]
    if not isinstance(fields, list) or not all(isinstance(item, str) for item in fields):
        raise ApiError(400, "The profile's target_fields must be a list of text.")
    return profile


def validate_roster(body: Json) -> list[tuple[str, Json]]:
    """The roster's ``(user, profile)`` pairs; any bad entry refuses the whole body."""
    students = exact_keys(body, ("students",), "The roster")["students"]
    if not isinstance(students, list):
        raise ApiError(400, "The roster's students must be a list.")
    seen: set[str] = set()
    rows: list[tuple[str, Json]] = []
    for number, entry in enumerate(students, start=1):
        try:
            user, profile = _roster_entry(entry, seen)
        except ApiError as error:
            who = ""
            if isinstance(entry, dict) and isinstance(entry.get("user"), str):
                who = f" ({entry['user'][:64]!r})"
            raise ApiError(
                400, f"Student {number} in the roster{who}: {error.message} Nothing was changed."
            ) from None
        seen.add(user)
        rows.append((user, profile))
    return rows


def _roster_entry(entry: object, seen: set[str]) -> tuple[str, Json]:
    """One roster entry's user and profile, or an :class:`ApiError` saying what is wrong."""
    student = exact_keys(entry, ("user", "profile"), "The entry")
    user = user_name(student["user"])
    if user is None:
        raise ApiError(
            400,
            "A user name must be 1-64 characters with no '/', spaces or control characters.",
        )
    if user in seen:
        raise ApiError(400, f"The user {user!r} is listed twice.")
    return user, validate_profile(student["profile"])


def check_workbook_header(data: bytes) -> None:
    """Refuse bytes that are not an infoview workbook by their SQLite header."""
    if not data.startswith(SQLITE_MAGIC) or len(data) < 100:
        raise ApiError(400, "The hand-in is not a workbook file (it is not an SQLite database).")
    if int.from_bytes(data[68:72], "big") != APPLICATION_ID:
        raise ApiError(400, "The hand-in is an SQLite database but not an infoview workbook.")


def check_workbook_intact(data: bytes, scratch: Path) -> None:
    """Refuse a workbook SQLite finds damaged; reads a private read-only copy in ``scratch``."""
    folder = Path(tempfile.mkdtemp(dir=scratch, prefix="check-"))
    try:
        copy = folder / "hand-in.infoview"
        _write_private(copy, data)
        try:
            connection = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
            try:
                connection.execute("PRAGMA trusted_schema=OFF")
                rows = connection.execute("PRAGMA quick_check").fetchall()
                (programs,) = connection.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type IN ('view', 'trigger')"
                ).fetchone()
            finally:
                connection.close()
        except sqlite3.DatabaseError:
            rows, programs = [], 0
        if rows != [("ok",)]:
            raise ApiError(
                400, "The hand-in workbook is damaged; save it again and hand in the new copy."
            )
        if programs:
            raise ApiError(
                400,
                "The hand-in has views or triggers, which an infoview workbook never has; "
                "hand in the workbook infoview saved.",
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ----------------------------------------------------------------------------- storage


def _write_private(path: Path, data: bytes) -> None:
    """Write a new 0600 file at ``path`` and fsync it."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def write_temporary(folder: Path, data: bytes) -> Path:
    """A new 0600 ``.incoming-*.tmp`` file in ``folder`` holding ``data``, fsynced."""
    descriptor, temp_name = tempfile.mkstemp(dir=folder, prefix=".incoming-", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as file:
            os.fchmod(file.fileno(), 0o600)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def fsync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def private_folder(path: Path) -> Path:
    """Make ``path`` (one level) a 0700 folder if it is missing; return it."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
        path.chmod(0o700)
    return path


def narrow_folder(path: Path) -> None:
    """Make the folder ``path`` 0700 if others can open it (not following a link)."""
    status = path.lstat()
    if stat.S_ISDIR(status.st_mode) and stat.S_IMODE(status.st_mode) & 0o077:
        log.warning("Made %s private (it was %o).", path, stat.S_IMODE(status.st_mode))
        path.chmod(0o700)


def check_data_folder(path: Path) -> None:
    """Make ``path`` 0700 if missing; refuse one others can open or another user owns."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True)
        path.chmod(0o700)
    status = path.stat()
    if not stat.S_ISDIR(status.st_mode):
        raise DataFolderError(f"The data folder {path} is not a folder.")
    if status.st_uid != os.getuid():
        raise DataFolderError(
            f"The data folder {path} belongs to another user; run the service as its owner."
        )
    if status.st_mode & 0o077:
        raise DataFolderError(
            f"The data folder {path} can be opened by other users; "
            f"make it private with: chmod 700 {path}"
        )


class Store:
    """The data folder: ``index.sqlite`` and ``hand-ins/<workshop id>/<student id>.infoview``."""

    def __init__(self, folder: Path) -> None:
        check_data_folder(folder)
        self.folder = folder
        self.index = folder / "index.sqlite"
        self.hand_ins = private_folder(folder / "hand-ins")
        self.scratch = private_folder(folder / "tmp")
        if not self.index.exists():
            os.close(os.open(self.index, os.O_WRONLY | os.O_CREAT, 0o600))
        connection = sqlite3.connect(self.index, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(SCHEMA)
        finally:
            connection.close()
        self._tidy()

    def _tidy(self) -> None:
        """At start-up: narrow loose folders, and remove what a stopped service left behind.

        That is workbook checks (``tmp/check-*``), unfinished writes (``*.tmp``) and the hand-ins
        of deleted workshops (``tmp/deleted-*``). A deleted workshop's folder whose rows are
        still there (the service stopped before the delete was committed) is put back.
        """
        for folder in (self.hand_ins, self.scratch, *self.hand_ins.iterdir()):
            narrow_folder(folder)
        for leftover in self.scratch.glob("check-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        for leftover in [*self.hand_ins.rglob("*.tmp"), *self.scratch.rglob("*.tmp")]:
            if leftover.is_file() or leftover.is_symlink():
                leftover.unlink(missing_ok=True)
        for leftover in self.scratch.glob("deleted-*"):
            workshop = leftover.name.split("-")[1]
            home = self.hand_ins / workshop
            files = leftover / "files"
            if (
                workshop.isdigit()
                and files.is_dir()
                and not home.exists()
                and self._has_hand_ins(int(workshop))
            ):
                files.rename(home)  # the delete was not committed
            shutil.rmtree(leftover, ignore_errors=True)

    def _has_hand_ins(self, workshop_id: int) -> bool:
        with self.transaction() as db:
            found = db.execute(
                "SELECT 1 FROM hand_ins h JOIN students s ON s.id = h.student_id"
                " WHERE s.workshop_id = ?",
                (workshop_id,),
            ).fetchone()
        return found is not None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction (one request): committed if the block ends well, else rolled back."""
        connection = sqlite3.connect(self.index, isolation_level=None, timeout=10)
        try:
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            self.commit(connection)
        finally:
            connection.close()

    def commit(self, connection: sqlite3.Connection) -> None:
        """Commit ``connection``'s transaction (if this fails, closing it rolls back)."""
        connection.execute("COMMIT")

    def hand_in_path(self, workshop_id: int, student_id: int) -> Path:
        """Where a student's latest hand-in for a workshop is kept (named by row ids)."""
        return self.hand_ins / str(int(workshop_id)) / f"{int(student_id)}.infoview"


# ----------------------------------------------------------------------------- handlers


@tornado.web.stream_request_body
class ApiHandler(tornado.web.RequestHandler):
    """The base of every endpoint: token auth, bounded bodies, JSON replies and errors.

    ``prepare`` authenticates (and, on a facilitator endpoint, checks the scope) and refuses a
    declared ``Content-Length`` over ``body_limit`` before tornado reads any of the body: it
    waits for ``prepare`` before calling :meth:`data_received`, and a reply sent from
    ``prepare`` makes it close the connection instead of reading the body.
    """

    body_limit = 0
    body_name = "The request"
    for_facilitators = False

    def initialize(
        self, store: Store, auth: Auth, clock: Clock, last_hand_in: Json, receiving: set[int]
    ) -> None:
        self.store = store
        self.auth = auth
        self.clock = clock
        self.last_hand_in = last_hand_in
        self.receiving = receiving
        self.user = ""
        self._chunks: list[bytes] = []
        self._received = 0

    async def prepare(self) -> None:
        model = await self.authenticate()
        if self.for_facilitators and not self.auth.check_scopes({FACILITATE_SCOPE}, model):
            raise ApiError(
                403,
                "Only workshop facilitators can do this. If you are one, ask the hub's "
                "administrator to add you, then restart your server.",
            )
        declared = self.request.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.body_limit:
            raise self.too_large()

    def data_received(self, chunk: bytes) -> None:
        if self._received + len(chunk) <= self.body_limit:
            self._chunks.append(chunk)
        self._received += len(chunk)

    def too_large(self) -> ApiError:
        """The 413 for this endpoint's limit."""
        limit = f"{self.body_limit // 1024} KiB"
        if self.body_limit >= 1024 * 1024:
            limit = f"{self.body_limit // (1024 * 1024)} MiB"
        return ApiError(413, f"{self.body_name} is larger than {limit}, the most it can be.")

    def body(self) -> bytes:
        """The request body; 413 when it was over this endpoint's limit."""
        if self._received > self.body_limit:
            raise self.too_large()
        return b"".join(self._chunks)

    async def authenticate(self) -> Json:
        """The token's user model; sets ``self.user``. 401 without a known token, else 403.

        502 when the hub cannot be reached (``HubAuth`` raises a 500 or 502 ``HTTPError`` then).
        """
        match = re.fullmatch(
            r"(?:token|bearer)\s+(\S+)",
            self.request.headers.get("Authorization", "").strip(),
            re.IGNORECASE,
        )
        if match is None:
            raise ApiError(401, "Sign in to JupyterHub: this request carries no hub token.")
        try:
            model = self.auth.user_for_token(match.group(1), sync=False)
            if inspect.isawaitable(model):
                model = await model
        except ApiError:
            raise
        except (tornado.web.HTTPError, OSError) as error:
            status = getattr(error, "status_code", 502)
            if status < 500:
                raise
            log.warning("The hub could not be asked who a token is: %s", type(error).__name__)
            raise ApiError(502, GENERIC_ERRORS[502]) from None
        if not model or not isinstance(model, dict) or not model.get("name"):
            raise ApiError(401, "The hub does not know this token; restart your server.")
        if model.get("kind", "user") != "user" or not self.auth.check_scopes({ACCESS_SCOPE}, model):
            raise ApiError(403, "Your hub account is not allowed to use the infoview service.")
        self.user = str(model["name"])  # exactly as the hub names the user
        return model

    def run_by_caller(self, db: sqlite3.Connection, name: str) -> int:
        """The id of workshop ``name``: 404 if there is none, 403 if the caller does not run it."""
        row = db.execute("SELECT id FROM workshops WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise ApiError(404, f"There is no workshop called {name!r}; check its name.")
        if not self._facilitates(db, row[0]):
            raise ApiError(403, f"You do not run the workshop {name!r}.")
        return int(row[0])

    def _facilitates(self, db: sqlite3.Connection, workshop_id: int) -> bool:
        found = db.execute(
            "SELECT 1 FROM facilitators WHERE workshop_id = ? AND user = ?",
            (workshop_id, self.user),
        ).fetchone()
        return found is not None

    def now(self) -> str:
        """The clock's time, formatted."""
        return utc_stamp(self.clock())

    def reply(self, value: Json) -> None:
        """Finish with ``value`` as JSON."""
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(value))

    def log_exception(self, typ: Any, value: BaseException | None, tb: Any) -> None:
        """Log a failure by method and path only (tornado's own line has the query string)."""
        where = f"{self.request.method} {self.request.path}"
        if isinstance(value, ApiError):
            return  # expected; _log_request logs the status
        if isinstance(value, tornado.web.HTTPError):
            log.warning("%s: %s", where, value)
        else:
            log.error("%s failed", where, exc_info=value)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Every error is ``{"error": sentence}``; never a traceback."""
        error = kwargs.get("exc_info", (None, None, None))[1]
        body: dict[str, Any]
        if isinstance(error, ApiError):
            body = {"error": error.message}
            if error.students:
                body["students"] = error.students
            if error.retry_after is not None:
                self.set_header("Retry-After", str(error.retry_after))
        else:
            body = {"error": GENERIC_ERRORS.get(status_code, GENERIC_ERRORS[500])}
        self.clear_header("Content-Disposition")
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body))


GENERIC_ERRORS = {
    400: "The request is not one this service understands.",
    404: "There is no such page in the infoview service; check the address.",
    405: "This address does not take that kind of request.",
    500: "The infoview service had a problem; try again in a minute, and tell your "
    "facilitator if it keeps happening.",
    502: "The infoview service could not reach the hub; try again in a minute.",
}


class NotFoundHandler(ApiHandler):
    """Any address the service does not have."""

    async def prepare(self) -> None:
        raise ApiError(404, GENERIC_ERRORS[404])


class MeHandler(ApiHandler):
    """``GET api/me``: the caller's roster entries."""

    async def get(self) -> None:
        with self.store.transaction() as db:
            rows = db.execute(
                "SELECT w.name, s.profile_json, h.handed_in_at FROM students s"
                " JOIN workshops w ON w.id = s.workshop_id"
                " LEFT JOIN hand_ins h ON h.student_id = s.id"
                " WHERE s.user = ? ORDER BY w.name",
                (self.user,),
            ).fetchall()
        workshops = [
            {"workshop": name, "profile": json.loads(profile), "handed_in_at": handed_in_at}
            for name, profile, handed_in_at in rows
        ]
        self.reply({"user": self.user, "workshops": workshops})


def _rosters_of(db: sqlite3.Connection, user: str) -> list[tuple[int, int, str]]:
    """``(workshop id, student id, workshop name)`` for each roster that lists ``user``."""
    rows = db.execute(
        "SELECT w.id, s.id, w.name FROM students s JOIN workshops w ON w.id = s.workshop_id"
        " WHERE s.user = ? ORDER BY w.name",
        (user,),
    ).fetchall()
    return [(int(w), int(s), str(name)) for w, s, name in rows]


class ProgressHandler(ApiHandler):
    """``PUT api/me/progress``: counts and dates, for every workshop listing the caller."""

    body_limit = PROGRESS_LIMIT
    body_name = "The progress"

    async def put(self) -> None:
        progress = validate_progress(parse_json_object(self.body(), "The progress"))
        body_json = json.dumps(progress, separators=(",", ":"))
        with self.store.transaction() as db:
            rosters = _rosters_of(db, self.user)
            received_at = self.now()
            for _, student_id, _ in rosters:
                db.execute(
                    "INSERT INTO progress (student_id, body_json, received_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (student_id) DO UPDATE SET"
                    " body_json = excluded.body_json, received_at = excluded.received_at",
                    (student_id, body_json, received_at),
                )
        self.reply({"workshops": [name for _, _, name in rosters]})


class HandInHandler(ApiHandler):
    """``PUT api/me/hand-in``: a checked workbook, kept for every workshop listing the caller."""

    body_limit = HAND_IN_LIMIT
    body_name = "The hand-in"

    async def prepare(self) -> None:
        """Before any of the body is read: 404 off every roster, 429 too soon, 503 too busy."""
        await super().prepare()
        self._check_roster()
        self._check_rate()
        if len(self.receiving) >= HAND_INS_AT_ONCE:
            raise ApiError(
                503,
                "The infoview service is receiving other hand-ins; "
                f"try again in {BUSY_RETRY_AFTER} seconds.",
                retry_after=BUSY_RETRY_AFTER,
            )
        self.receiving.add(id(self))

    def on_finish(self) -> None:
        self.receiving.discard(id(self))

    def on_connection_close(self) -> None:
        self.receiving.discard(id(self))
        super().on_connection_close()

    async def put(self) -> None:
        data = self.body()
        self._check_roster()
        self._check_rate()
        previous = self.last_hand_in.get(self.user)
        self.last_hand_in[self.user] = self.clock()  # held while checking: one at a time
        try:
            check_workbook_header(data)
            await tornado.ioloop.IOLoop.current().run_in_executor(
                None, check_workbook_intact, data, self.store.scratch
            )
            reply = self._store(data)
        except BaseException:
            if previous is None:
                self.last_hand_in.pop(self.user, None)
            else:
                self.last_hand_in[self.user] = previous
            raise
        self.reply(reply)

    def _check_roster(self) -> None:
        """404 when no roster lists the caller."""
        with self.store.transaction() as db:
            on_roster = bool(_rosters_of(db, self.user))
        if not on_roster:
            raise ApiError(
                404, "You are on no workshop's roster, so the hand-in was not sent; keep it saved."
            )

    def _check_rate(self) -> None:
        """429 when the caller handed in less than ten seconds ago."""
        last = self.last_hand_in.get(self.user)
        if last is None:
            return
        waited = abs((self.clock() - last).total_seconds())
        if waited < HAND_IN_INTERVAL:
            wait = max(1, ceil(HAND_IN_INTERVAL - waited))
            raise ApiError(
                429,
                f"You handed in a moment ago; wait {wait} seconds and try again.",
                retry_after=wait,
            )

    def _store(self, data: bytes) -> Json:
        """Write the hand-in for each roster and record it; the reply."""
        digest = hashlib.sha256(data).hexdigest()
        moment = self.clock()
        handed_in_at = utc_stamp(moment)
        written: list[tuple[Path, Path]] = []  # (temporary file, its place)
        try:
            with self.store.transaction() as db:
                rosters = _rosters_of(db, self.user)
                for workshop_id, student_id, _ in rosters:
                    path = self.store.hand_in_path(workshop_id, student_id)
                    private_folder(path.parent)
                    written.append((write_temporary(path.parent, data), path))
                    db.execute(
                        "INSERT INTO hand_ins (student_id, handed_in_at, sha256, size)"
                        " VALUES (?, ?, ?, ?) ON CONFLICT (student_id) DO UPDATE SET"
                        " handed_in_at = excluded.handed_in_at, sha256 = excluded.sha256,"
                        " size = excluded.size",
                        (student_id, handed_in_at, digest, len(data)),
                    )
        except BaseException:
            for temp, _ in written:
                temp.unlink(missing_ok=True)
            raise
        # The rows are committed: now the files take their places.
        for temp, path in written:
            temp.replace(path)
        for folder in {path.parent for _, path in written}:
            fsync_folder(folder)
        self.last_hand_in[self.user] = moment
        return {
            "handed_in_at": handed_in_at,
            "sha256": digest,
            "size": len(data),
            "workshops": [name for _, _, name in rosters],
        }


class RosterHandler(ApiHandler):
    """``PUT api/workshops/{ws}/roster``: create the workshop if new; add missing students."""

    for_facilitators = True

    body_limit = ROSTER_LIMIT
    body_name = "The roster"

    async def put(self, raw_workshop: str) -> None:
        name = workshop_name(raw_workshop)
        rows = validate_roster(parse_json_object(self.body(), "The roster"))
        with self.store.transaction() as db:
            workshop_id, created = self._workshop(db, name)
            self._only_own_students(db, workshop_id, [user for user, _ in rows])
            existing = {
                user
                for (user,) in db.execute(
                    "SELECT user FROM students WHERE workshop_id = ?", (workshop_id,)
                )
            }
            (position,) = db.execute(
                "SELECT COALESCE(MAX(position), 0) FROM students WHERE workshop_id = ?",
                (workshop_id,),
            ).fetchone()
            added: list[str] = []
            for user, profile in rows:
                if user in existing:
                    continue
                position += 1
                db.execute(
                    "INSERT INTO students (workshop_id, user, position, profile_json)"
                    " VALUES (?, ?, ?, ?)",
                    (workshop_id, user, position, json.dumps(profile)),
                )
                added.append(user)
        kept = [user for user, _ in rows if user in existing]
        self.reply({"workshop": name, "created": created, "added": added, "kept": kept})

    def _only_own_students(
        self, db: sqlite3.Connection, workshop_id: int, users: list[str]
    ) -> None:
        """409 when a user is on another workshop that the caller does not run.

        The reply names those students only, never the other workshop or who runs it.
        """
        taken = [
            user
            for user in users
            if db.execute(
                "SELECT 1 FROM students s WHERE s.user = ? AND s.workshop_id != ?"
                " AND NOT EXISTS (SELECT 1 FROM facilitators f"
                " WHERE f.workshop_id = s.workshop_id AND f.user = ?)",
                (user, workshop_id, self.user),
            ).fetchone()
        ]
        if taken:
            shown = ", ".join(repr(user) for user in taken[:20])
            if len(taken) > 20:
                shown += f" and {len(taken) - 20} more"
            raise ApiError(
                409,
                f"{len(taken)} of these students already take part in a workshop another "
                f"facilitator runs: {shown}. A student can be on one facilitator's workshops "
                "only; they can be added once that workshop is deleted. Nothing was changed.",
                students=taken,
            )

    def _workshop(self, db: sqlite3.Connection, name: str) -> tuple[int, bool]:
        """The workshop's id, and whether it was created now; 409 if another runs it."""
        row = db.execute("SELECT id FROM workshops WHERE name = ?", (name,)).fetchone()
        if row is not None:
            if not self._facilitates(db, row[0]):
                raise ApiError(
                    409,
                    f"Another facilitator already runs a workshop called {name!r}; "
                    "choose another name.",
                )
            return int(row[0]), False
        cursor = db.execute(
            "INSERT INTO workshops (name, created_at) VALUES (?, ?)", (name, self.now())
        )
        workshop_id = int(cursor.lastrowid or 0)
        db.execute(
            "INSERT INTO facilitators (workshop_id, user) VALUES (?, ?)", (workshop_id, self.user)
        )
        return workshop_id, True


class WorkshopHandler(ApiHandler):
    """``DELETE api/workshops/{ws}``: the workshop, its roster, progress and hand-ins."""

    for_facilitators = True

    async def delete(self, raw_workshop: str) -> None:
        name = workshop_name(raw_workshop)
        folder = Path()
        moved: Path | None = None  # where the workshop's files wait for the commit
        try:
            with self.store.transaction() as db:
                workshop_id = self.run_by_caller(db, name)
                students = "SELECT id FROM students WHERE workshop_id = ?"
                (hand_ins,) = db.execute(
                    f"SELECT count(*) FROM hand_ins WHERE student_id IN ({students})",
                    (workshop_id,),
                ).fetchone()
                db.execute(f"DELETE FROM hand_ins WHERE student_id IN ({students})", (workshop_id,))
                db.execute(f"DELETE FROM progress WHERE student_id IN ({students})", (workshop_id,))
                removed = db.execute(
                    "DELETE FROM students WHERE workshop_id = ?", (workshop_id,)
                ).rowcount
                db.execute("DELETE FROM facilitators WHERE workshop_id = ?", (workshop_id,))
                db.execute("DELETE FROM workshops WHERE id = ?", (workshop_id,))
                folder = self.store.hand_ins / str(workshop_id)
                if folder.exists():
                    away = tempfile.mkdtemp(
                        dir=self.store.scratch, prefix=f"deleted-{workshop_id}-"
                    )
                    try:
                        folder.rename(Path(away) / "files")
                    except BaseException:
                        Path(away).rmdir()
                        raise
                    moved = Path(away)
        except BaseException:
            if moved is not None:  # not committed: the files go back
                (moved / "files").rename(folder)
                moved.rmdir()
            raise
        if moved is not None:
            shutil.rmtree(moved, ignore_errors=True)
        self.reply({"workshop": name, "students": removed, "hand_ins": int(hand_ins)})


class BoardHandler(ApiHandler):
    """``GET api/workshops/{ws}/board``: the roster with progress and hand-in times."""

    for_facilitators = True

    async def get(self, raw_workshop: str) -> None:
        name = workshop_name(raw_workshop)
        with self.store.transaction() as db:
            workshop_id = self.run_by_caller(db, name)
            rows = db.execute(
                "SELECT s.user, s.profile_json, p.body_json, p.received_at, h.handed_in_at"
                " FROM students s LEFT JOIN progress p ON p.student_id = s.id"
                " LEFT JOIN hand_ins h ON h.student_id = s.id"
                " WHERE s.workshop_id = ? ORDER BY s.position",
                (workshop_id,),
            ).fetchall()
        students = [
            {
                "user": user,
                "name": json.loads(profile)["name"],
                "progress": None if body is None else json.loads(body),
                "progress_at": received_at,
                "handed_in_at": handed_in_at,
            }
            for user, profile, body, received_at, handed_in_at in rows
        ]
        self.reply({"workshop": name, "students": students})


class HandInListHandler(ApiHandler):
    """``GET api/workshops/{ws}/hand-ins``: who handed in, and who has not."""

    for_facilitators = True

    async def get(self, raw_workshop: str) -> None:
        name = workshop_name(raw_workshop)
        with self.store.transaction() as db:
            workshop_id = self.run_by_caller(db, name)
            rows = db.execute(
                "SELECT s.user, s.profile_json, h.handed_in_at, h.sha256, h.size"
                " FROM students s LEFT JOIN hand_ins h ON h.student_id = s.id"
                " WHERE s.workshop_id = ? ORDER BY s.position",
                (workshop_id,),
            ).fetchall()
        hand_ins: list[Json] = []
        missing: list[Json] = []
        for user, profile_json, handed_in_at, digest, size in rows:
            profile = json.loads(profile_json)
            who = {"user": user, "name": profile["name"], "email": profile["email"]}
            if handed_in_at is None:
                missing.append(who)
            else:
                hand_ins.append(
                    who | {"handed_in_at": handed_in_at, "sha256": digest, "size": size}
                )
        self.reply({"workshop": name, "hand_ins": hand_ins, "missing": missing})


class HandInFileHandler(ApiHandler):
    """``GET api/workshops/{ws}/hand-ins/{user}``: the latest hand-in's bytes."""

    for_facilitators = True

    async def get(self, raw_workshop: str, raw_user: str) -> None:
        name = workshop_name(raw_workshop)
        user = user_name(raw_user)
        with self.store.transaction() as db:
            workshop_id = self.run_by_caller(db, name)
            row = db.execute(
                "SELECT s.id, h.handed_in_at, h.sha256 FROM students s"
                " JOIN hand_ins h ON h.student_id = s.id"
                " WHERE s.workshop_id = ? AND s.user = ?",
                (workshop_id, user),
            ).fetchone()
            if row is None:
                raise ApiError(
                    404, f"{raw_user!r} has not handed in for {name!r}, or is not on its roster."
                )
            data = self.store.hand_in_path(workshop_id, row[0]).read_bytes()
        self.set_header("Content-Type", "application/octet-stream")
        self.set_header("X-Infoview-Handed-In-At", row[1])
        self.set_header("X-Infoview-Sha256", row[2])
        self.set_header("Cache-Control", "no-store")
        self.finish(data)


# ----------------------------------------------------------------------------- app and main


def _log_request(handler: tornado.web.RequestHandler) -> None:
    """Log method, path, status and time: never a query string, token or body."""
    status = handler.get_status()
    level = logging.INFO if status < 400 else logging.WARNING if status < 500 else logging.ERROR
    user = getattr(handler, "user", "") or "-"
    log.log(
        level,
        "%d %s %s %s %.1fms",
        status,
        handler.request.method,
        handler.request.path,
        user,
        1000 * handler.request.request_time(),
    )


def _utc_now() -> datetime:
    return datetime.now(UTC)


def make_app(
    data_dir: Path,
    *,
    auth: Auth,
    prefix: str = DEFAULT_PREFIX,
    clock: Clock = _utc_now,
) -> tornado.web.Application:
    """The service's tornado app over ``data_dir`` (made 0700 if missing; refused if open).

    Raises :class:`DataFolderError` for a data folder others can open or another user owns.
    """
    store = Store(Path(data_dir))
    base = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    api = re.escape(base) + "api/"
    args = {"store": store, "auth": auth, "clock": clock, "last_hand_in": {}, "receiving": set()}
    routes: list[tuple[str, type[ApiHandler]]] = [
        ("me", MeHandler),
        ("me/progress", ProgressHandler),
        ("me/hand-in", HandInHandler),
        ("workshops/([^/]+)", WorkshopHandler),
        ("workshops/([^/]+)/roster", RosterHandler),
        ("workshops/([^/]+)/board", BoardHandler),
        ("workshops/([^/]+)/hand-ins", HandInListHandler),
        ("workshops/([^/]+)/hand-ins/([^/]+)", HandInFileHandler),
    ]
    return tornado.web.Application(
        [(api + path, handler, args) for path, handler in routes],
        default_handler_class=NotFoundHandler,
        default_handler_args=args,
        log_function=_log_request,
    )


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    parser = argparse.ArgumentParser(
        prog="infoview-hub-service", description="The infoview JupyterHub service."
    )
    parser.add_argument("--data", type=Path, required=True, help="the service's private folder")
    parser.add_argument("--ip", default=url.hostname or "127.0.0.1")
    parser.add_argument("--port", type=int, default=url.port or 10101)
    parser.add_argument(
        "--prefix", default=os.environ.get("JUPYTERHUB_SERVICE_PREFIX", DEFAULT_PREFIX)
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the service until it is stopped; 2 when the data folder is unsafe."""
    os.umask(0o077)
    arguments = _arguments(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s")
    log.setLevel(logging.INFO)
    try:
        check_data_folder(arguments.data)
        from jupyterhub.services.auth import HubAuth

        app = make_app(
            arguments.data, auth=HubAuth(access_scopes={ACCESS_SCOPE}), prefix=arguments.prefix
        )
    except (DataFolderError, OSError, sqlite3.Error) as error:
        print(f"infoview service: {error}", file=sys.stderr)
        return 2
    asyncio.run(_serve(app, arguments.ip, arguments.port))
    return 0


def make_server(app: tornado.web.Application) -> tornado.httpserver.HTTPServer:
    """The HTTP server for ``app``: bodies bounded in size and time, idle connections closed."""
    return tornado.httpserver.HTTPServer(
        app,
        max_body_size=2 * HAND_IN_LIMIT,
        body_timeout=BODY_TIMEOUT,
        idle_connection_timeout=IDLE_CONNECTION_TIMEOUT,
    )


async def _serve(app: tornado.web.Application, ip: str, port: int) -> None:
    """Listen on ``ip:port`` until the process is stopped."""
    server = make_server(app)
    server.listen(port, address=ip)
    log.info("infoview service listening on http://%s:%d", ip, port)
    await asyncio.Event().wait()


if __name__ == "__main__":
    sys.exit(main())
