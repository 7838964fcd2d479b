"""What a request may carry: its JSON body checked field by field against the contract (a
progress report, a roster and its profiles), the names in its address, and a hand-in's bytes
checked to be an intact infoview workbook. Each refusal is a 400 :class:`ApiError` whose
sentence says what is wrong."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from .contract import (
    APPLICATION_ID,
    MAX_COUNT,
    PIPELINE_STATUSES,
    PROFILE_FIELDS,
    PROGRESS_COUNTS,
    SQLITE_MAGIC,
    UTC_TIME,
    WORKSHOP_NAME,
)
from .errors import ApiError
from .storage import write_private

Json = dict[str, Any]


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
        write_private(copy, data)
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
