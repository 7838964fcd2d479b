"""The bundled sample cohort: fictional students built into workbooks, reproducibly.

The cohort lives in ``data/sample/`` (see its README): ``cohort.yaml`` fixes an
as-of date, and each student's YAML file gives dates as whole days relative to
it, so the built workbooks look the same whenever they are built.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml

from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    FollowUp,
    InterviewLog,
    InvalidRecord,
    Meeting,
    Outreach,
    Question,
    ResearchNote,
    StudentProfile,
)
from infoview_lib.paths import data_dir
from infoview_lib.private_files import make_private_folders
from infoview_lib.reports.cohort import WORKBOOK_SUFFIX  # what the cohort report finds
from infoview_lib.store import Workbook, WorkbookError, WorkbookExists
from infoview_lib.store.sidecars import existing_sidecars

#: The setting that marks a workbook built from the sample cohort.
SAMPLE_SETTING = "built_from"
SAMPLE_VALUE = "sample cohort"


class SampleDataError(InfoviewError):
    """A sample student's file cannot be turned into a workbook."""


@dataclass(frozen=True)
class SampleCohort:
    """The sample cohort's as-of date and its students' files."""

    as_of: date
    student_files: tuple[Path, ...]


def load_cohort(folder: Path | None = None) -> SampleCohort:
    """Read ``cohort.yaml`` from ``folder`` (default: the bundled ``data/sample``)."""
    folder = folder or data_dir() / "sample"
    settings = _read_yaml(folder / "cohort.yaml")
    as_of = settings.get("as_of")
    if not isinstance(as_of, date):
        raise SampleDataError(f"{folder / 'cohort.yaml'}: as_of must be a date like 2026-03-16.")
    students = sorted((folder / str(settings.get("students_dir", "students"))).glob("*.yaml"))
    if not students:
        raise SampleDataError(f"{folder}: there are no student files (*.yaml) to build.")
    return SampleCohort(as_of=as_of, student_files=tuple(students))


def build_cohort(out_dir: Path, cohort: SampleCohort | None = None) -> list[Path]:
    """Build one workbook per sample student in ``out_dir``; returns their paths.

    A workbook left by an earlier build is replaced; any other file in the way
    is left alone and reported.
    """
    cohort = cohort or load_cohort()
    make_private_folders(out_dir)
    return [build_student(spec, out_dir, cohort.as_of) for spec in cohort.student_files]


def build_student(spec_path: Path, out_dir: Path, as_of: date) -> Path:
    """Build one student's workbook from their YAML file."""
    target = out_dir / (spec_path.stem + WORKBOOK_SUFFIX)
    _check_replaceable(target)
    spec = _read_yaml(spec_path)
    descriptor, scratch_name = tempfile.mkstemp(prefix=".building-", dir=out_dir)
    os.close(descriptor)
    scratch = Path(scratch_name)
    scratch.unlink()  # Workbook.create makes the file itself, privately
    try:
        with Workbook.create(scratch, _build(StudentProfile, spec["profile"], as_of)) as book:
            _fill(book, spec, as_of)
            book.save_setting(SAMPLE_SETTING, SAMPLE_VALUE)
        scratch.replace(target)
    except (InvalidRecord, SampleDataError) as error:
        raise SampleDataError(f"{spec_path.name}: {error}") from error
    except (KeyError, TypeError, ValueError) as error:
        raise SampleDataError(f"{spec_path.name}: malformed entry ({error}).") from error
    finally:
        scratch.unlink(missing_ok=True)
    return target


def _check_replaceable(target: Path) -> None:
    """Only a sample workbook, closed, may be built over; anything else is someone's work.

    The file is looked at through :meth:`Workbook.read_only`, so a file that is
    refused is left exactly as it was: an older student's workbook is not
    brought up to date, nor made private, by being looked at.
    """
    if not target.exists() and not target.is_symlink():
        return
    in_the_way = WorkbookExists(
        target,
        f"{target} is in the way and is not a sample workbook: move it, or build the "
        "sample somewhere else (--dir).",
    )
    try:
        with Workbook.read_only(target) as book:
            built_by_sample = book.setting(SAMPLE_SETTING) == SAMPLE_VALUE
    except WorkbookError as error:
        raise in_the_way from error
    if not built_by_sample:
        raise in_the_way
    if existing_sidecars(target):
        raise WorkbookExists(target, f"{target} is open in another program: close it first.")


def _fill(book: Workbook, spec: Mapping[str, Any], as_of: date) -> None:
    with book.transaction():
        ids: dict[str, int] = {}
        pending_referrals: list[tuple[Contact, str]] = []
        for entry in spec.get("contacts") or []:
            values = {k: v for k, v in entry.items() if k not in _CONTACT_CHILDREN}
            referrer = values.pop("referred_by", None)
            key = values.pop("key", None) or entry["name"]
            contact = book.add(_build(Contact, values, as_of))
            ids[key] = _id(contact.id)
            if referrer:
                pending_referrals.append((contact, referrer))
            _add_children(book, _id(contact.id), entry, as_of)
        for contact, referrer in pending_referrals:
            if referrer not in ids:
                raise SampleDataError(f"{contact.name}: referred_by {referrer!r} is not a key")
            book.update(dataclasses.replace(contact, referred_by=ids[referrer]))
        for note in spec.get("research") or []:
            book.add(_build(ResearchNote, note, as_of))


_CONTACT_CHILDREN = ("outreach", "research", "meetings", "follow_ups")


def _add_children(book: Workbook, contact_id: int, entry: Mapping[str, Any], as_of: date) -> None:
    for message in entry.get("outreach") or []:
        book.add(_build(Outreach, {**message, "contact_id": contact_id}, as_of))
    for note in entry.get("research") or []:
        book.add(_build(ResearchNote, {**note, "contact_id": contact_id}, as_of))
    for meeting_spec in entry.get("meetings") or []:
        values = {k: v for k, v in meeting_spec.items() if k not in ("questions", "log")}
        meeting = book.add(_build(Meeting, {**values, "contact_id": contact_id}, as_of))
        meeting_id = _id(meeting.id)
        for position, question in enumerate(meeting_spec.get("questions") or []):
            fields = {"position": position, **question, "meeting_id": meeting_id}
            book.add(_build(Question, fields, as_of))
        if meeting_spec.get("log"):
            book.add(_build(InterviewLog, {**meeting_spec["log"], "meeting_id": meeting_id}, as_of))
    for follow_up in entry.get("follow_ups") or []:
        book.add(_build(FollowUp, {**follow_up, "contact_id": contact_id}, as_of))


R = typing.TypeVar("R")


def _build(kind: type[R], values: Mapping[str, Any], as_of: date) -> R:
    """A record from YAML values, turning relative days into dates."""
    hints = typing.get_type_hints(kind)
    known = {f.name for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
    unknown = set(values) - known
    if unknown:
        raise SampleDataError(f"{kind.__name__} has no field {sorted(unknown)[0]!r}")
    resolved = {name: _resolve_date(hints[name], value, as_of) for name, value in values.items()}
    return kind(**resolved)


def _resolve_date(hint: object, value: Any, as_of: date) -> Any:
    if hint in (date, date | None) and isinstance(value, int):
        return as_of + timedelta(days=value)
    if hint is datetime and isinstance(value, Mapping):
        day = as_of + timedelta(days=int(value["day"]))
        return datetime.combine(day, time.fromisoformat(str(value["time"])))
    return value


def _id(record_id: int | None) -> int:
    assert record_id is not None, "a saved record has an id"
    return record_id


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SampleDataError(f"Cannot read {path}: {error.strerror or error}.") from error
    except yaml.YAMLError as error:
        raise SampleDataError(f"{path} is not valid YAML: {error}") from error
    if not isinstance(loaded, dict):
        raise SampleDataError(f"{path} should hold a mapping of settings.")
    return loaded
