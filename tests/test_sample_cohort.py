# mypy: disable-error-code="arg-type"
# (these tests give choices, dates and lists as text, as forms and files do)
"""The sample cohort builds reproducibly into workbooks covering every stage."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from infoview_lib.model import (
    Contact,
    FollowUp,
    InterviewLog,
    Meeting,
    MeetingStatus,
    Outreach,
    OutreachStatus,
    PipelineStatus,
    Question,
    ResearchNote,
    StudentProfile,
)
from infoview_lib.paths import DATA_DIR_VARIABLE, data_dir
from infoview_lib.sample_cohort import SampleDataError, build_cohort, load_cohort
from infoview_lib.store import Workbook, WorkbookExists, status_summary

KINDS = (Contact, Outreach, ResearchNote, Meeting, Question, InterviewLog, FollowUp)


@pytest.fixture(scope="module")
def cohort_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cohort")
    build_cohort(out)
    return out


def _dump(path: Path) -> dict[str, Any]:
    with Workbook.open(path) as book:
        return {
            "profile": book.profile(),
            **{kind.__name__: book.all(kind) for kind in KINDS},
        }


def test_eight_to_twelve_students_all_built(cohort_dir: Path) -> None:
    built = sorted(cohort_dir.glob("*.infoview"))
    assert 8 <= len(built) <= 12
    assert len(built) == len(load_cohort().student_files)
    assert not list(cohort_dir.glob(".building-*"))


def test_building_twice_gives_the_same_workbooks(cohort_dir: Path, tmp_path: Path) -> None:
    again = build_cohort(tmp_path)
    for path in again:
        assert _dump(path) == _dump(cohort_dir / path.name)


def test_rebuilding_in_place_replaces_the_old_workbooks(tmp_path: Path) -> None:
    first = build_cohort(tmp_path)
    with Workbook.open(first[0]) as book:
        book.add(Contact(name="Added by hand"))
    second = build_cohort(tmp_path)
    assert first == second
    assert _dump(second[0])["Contact"] == _dump(build_cohort(tmp_path / "fresh")[0])["Contact"]


def test_a_file_in_the_way_is_never_replaced(tmp_path: Path) -> None:
    cohort = load_cohort()
    blocker = tmp_path / (cohort.student_files[0].stem + ".infoview")
    blocker.write_text("someone's notes", encoding="utf-8")
    with pytest.raises(WorkbookExists, match="not a sample workbook"):
        build_cohort(tmp_path, cohort)
    assert blocker.read_text(encoding="utf-8") == "someone's notes"


def test_the_cohort_covers_every_stage(cohort_dir: Path) -> None:
    as_of = load_cohort().as_of
    summaries = []
    for path in sorted(cohort_dir.glob("*.infoview")):
        with Workbook.open(path) as book:
            summaries.append((status_summary(book, as_of), _dump(path)))
    # One just starting: contacts identified, nothing sent.
    assert any(
        s.contacts and s.at_stage(PipelineStatus.IDENTIFIED) == s.contacts and not d["Outreach"]
        for s, d in summaries
    )
    # One with outreach drafted and sent messages still unanswered.
    assert any(
        any(o.status is OutreachStatus.DRAFT for o in d["Outreach"])
        and any(o.status is OutreachStatus.SENT and o.replied_on is None for o in d["Outreach"])
        for _, d in summaries
    )
    # One with meetings done and follow-ups overdue.
    assert any(
        s.overdue and any(m.status is MeetingStatus.DONE for m in d["Meeting"])
        for s, d in summaries
    )
    # One far along: referrals and keep-in-touch updates.
    assert any(
        any(c.referred_by for c in d["Contact"])
        and s.at_stage(PipelineStatus.KEEPING_IN_TOUCH)
        and any(f.kind.value == "keep_in_touch" and f.done_on for f in d["FollowUp"])
        for s, d in summaries
    )
    # Every pipeline stage appears somewhere in the cohort.
    seen = {stage for s, _ in summaries for stage, count in s.stages if count}
    assert seen == set(PipelineStatus)


def test_a_students_own_workbook_with_a_sample_name_is_never_replaced(tmp_path: Path) -> None:
    cohort = load_cohort()
    own = tmp_path / (cohort.student_files[0].stem + ".infoview")
    with Workbook.create(own, StudentProfile(name="A real student")) as book:
        book.add(Contact(name="Real contact"))
    with pytest.raises(WorkbookExists, match="not a sample workbook"):
        build_cohort(tmp_path, cohort)
    with Workbook.open(own) as book:
        assert [c.name for c in book.all(Contact)] == ["Real contact"]


def _older_workbook(path: Path, name: str) -> None:
    """A student's workbook in the first format, as an older infoview left it (not private)."""
    from infoview_lib.store import files
    from infoview_lib.store.schema import apply_migrations
    from infoview_lib.store.tables import PROFILE

    files.create_private_file(path)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN")
    connection.execute(f"PRAGMA application_id = {files.APPLICATION_ID}")
    apply_migrations(connection, target=1)
    row = {**PROFILE.to_row(StudentProfile(name=name)), "id": 1}
    connection.execute(
        f"INSERT INTO profile ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        tuple(row.values()),
    )
    connection.execute("COMMIT")
    connection.close()
    path.chmod(0o644)


def test_an_older_workbook_in_the_way_is_refused_without_being_changed(tmp_path: Path) -> None:
    cohort = load_cohort()
    own = tmp_path / (cohort.student_files[0].stem + ".infoview")
    _older_workbook(own, "A real student")
    before = (hashlib.sha256(own.read_bytes()).hexdigest(), own.stat().st_mode)
    with pytest.raises(WorkbookExists, match="not a sample workbook"):
        build_cohort(tmp_path, cohort)
    assert (hashlib.sha256(own.read_bytes()).hexdigest(), own.stat().st_mode) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [own.name]


def test_names_are_varied(cohort_dir: Path) -> None:
    names = [c.name for path in cohort_dir.glob("*.infoview") for c in _dump(path)["Contact"]]
    assert any("'" in name for name in names)
    assert any(any(ch in "áéíóúëöüñçãõ" for ch in name.lower()) for name in names)
    assert any(any(ord(ch) > 0x2FF for ch in name) for name in names)  # non-Latin scripts


def test_a_bad_sample_file_names_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(data_dir() / "sample", data / "sample")
    spec = sorted((data / "sample" / "students").glob("*.yaml"))[0]
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("name:", "name: ''\n  x:", 1), encoding="utf-8"
    )
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(data))
    with pytest.raises(SampleDataError, match=spec.name):
        build_cohort(tmp_path / "out")
    assert not list((tmp_path / "out").glob("*"))


def test_sample_records_are_valid_records(cohort_dir: Path) -> None:
    for path in cohort_dir.glob("*.infoview"):
        for records in _dump(path).values():
            for record in records if isinstance(records, list) else [records]:
                assert dataclasses.replace(record) == record  # builds again: it validates
