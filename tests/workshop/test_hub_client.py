"""The client of the workshop service, against the real service on a local port."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from infoview_lib.hub import client as hub_client
from infoview_lib.hub import connection, progress_reporter
from infoview_lib.hub.client import (
    HUB_URL_VARIABLE,
    TOKEN_VARIABLE,
    HubError,
    HubRefused,
    HubUnreachable,
    NameTaken,
    NotFound,
    ProgressReporter,
    progress_of,
)
from infoview_lib.hub.progress import PROGRESS_COUNTS
from infoview_lib.hub.roster_workbook import ensure_workbook
from infoview_lib.hub.service import contract
from infoview_lib.model import Contact, Outreach, PipelineStatus, StudentProfile
from infoview_lib.store import Workbook
from tests.conftest import digest
from tests.workshop.hub import Hub, board_as, closed_port_url, trickling_service

PROFILE: dict[str, Any] = {
    "name": "Zoë Martin",
    "email": "zoe@example.edu",
    "program": "BSc Biology",
    "graduation_year": 2027,
    "target_fields": ["public health"],
}


def roster(hub: Hub, workshop: str, *users: str, profile: dict[str, object] = PROFILE) -> None:
    hub.as_user("fac")
    students = [{"user": user, "profile": profile} for user in users]
    hub_client.put_roster(workshop, students)


def test_not_configured_without_both_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(HUB_URL_VARIABLE, raising=False)
    monkeypatch.setenv(TOKEN_VARIABLE, "t-s1")
    assert not hub_client.configured()
    with pytest.raises(HubError, match="hub server"):
        hub_client.me()
    monkeypatch.setenv(HUB_URL_VARIABLE, "file:///etc/passwd")
    assert not hub_client.configured()
    monkeypatch.setenv(HUB_URL_VARIABLE, "http://127.0.0.1:1/services/infoview/")
    assert hub_client.configured()


def test_me_lists_the_workshops(hub: Hub) -> None:
    roster(hub, "spring", "s1")
    hub.as_user("s1")
    said = hub_client.me()
    assert said["user"] == "s1"
    assert [w["workshop"] for w in said["workshops"]] == ["spring"]
    hub.as_user("stranger")
    assert hub_client.me()["workshops"] == []


def test_errors_are_plain_sentences(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    roster(hub, "spring", "s1")
    hub.as_user("s1")  # a student, not a facilitator
    with pytest.raises(HubRefused, match="infoview-facilitators") as refused:
        hub_client.board("spring")
    assert "restart your server" in str(refused.value)
    hub.as_user("fac2")  # a facilitator, of another workshop
    with pytest.raises(HubRefused, match="not a facilitator of this workshop"):
        hub_client.board("spring")
    with pytest.raises(NameTaken):
        hub_client.put_roster("spring", [{"user": "s9", "profile": PROFILE}])
    with pytest.raises(NotFound):
        hub_client.board("no-such-workshop")
    monkeypatch.setenv(TOKEN_VARIABLE, "not-a-token")
    with pytest.raises(HubRefused, match="401"):
        hub_client.me()
    monkeypatch.setenv(HUB_URL_VARIABLE, closed_port_url())
    with pytest.raises(HubUnreachable, match="could not be reached"):
        hub_client.me(timeout=2)


# -- ensure_workbook -------------------------------------------------------------------------


def test_ensure_workbook_makes_it_once_from_the_roster(hub: Hub, tmp_path: Path) -> None:
    roster(hub, "spring", "s1", profile=PROFILE | {"name": "Someone Else"})
    roster(hub, "autumn", "s1")
    hub.as_user("s1")
    path = tmp_path / "home" / "infoview" / "my-workbook.infoview"
    assert ensure_workbook(path) is True
    with Workbook.read_only(path) as book:
        assert book.profile() == StudentProfile(
            **PROFILE
        )  # the first workshop the service lists (by name)
    before = digest(path)
    assert ensure_workbook(path) is False
    assert digest(path) == before


def test_ensure_workbook_never_touches_an_existing_workbook(hub: Hub, tmp_path: Path) -> None:
    roster(hub, "spring", "s1")
    hub.as_user("s1")
    path = tmp_path / "mine.infoview"
    with Workbook.create(path, StudentProfile(name="My Own Name")):
        pass
    before = digest(path)
    assert ensure_workbook(path) is False
    assert digest(path) == before
    junk = tmp_path / "junk.infoview"
    junk.write_text("not a workbook", encoding="utf-8")
    assert ensure_workbook(junk) is False
    assert junk.read_text(encoding="utf-8") == "not a workbook"


def test_ensure_workbook_without_a_roster_or_a_hub_makes_nothing(
    hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.infoview"
    hub.as_user("stranger")
    assert ensure_workbook(path) is False
    monkeypatch.setenv(HUB_URL_VARIABLE, closed_port_url())
    started = time.monotonic()
    assert ensure_workbook(path, timeout=1) is False  # and does not raise
    assert time.monotonic() - started < 3
    monkeypatch.delenv(HUB_URL_VARIABLE)
    assert ensure_workbook(path) is False
    assert not path.exists()


def test_a_busy_service_is_said_as_one_to_try_again() -> None:
    busy = connection._refusal(503, "Four hand-ins are being received.", facilitator=False)
    assert isinstance(busy, HubUnreachable)
    assert "busy" in str(busy)
    assert "Four hand-ins" in str(busy)


def test_a_trickling_service_is_given_up_on_in_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The timeout bounds the whole request, not each byte of the reply."""
    monkeypatch.setenv(TOKEN_VARIABLE, "t-s1")
    with trickling_service() as url:
        monkeypatch.setenv(HUB_URL_VARIABLE, url)
        started = time.monotonic()
        assert ensure_workbook(tmp_path / "mine.infoview", timeout=3.0) is False
        assert time.monotonic() - started < 4.0
        started = time.monotonic()
        with pytest.raises(HubUnreachable, match=r"did not answer within 1\.5 seconds"):
            hub_client.me(timeout=1.5)
        assert time.monotonic() - started < 2.5
    assert not (tmp_path / "mine.infoview").exists()


def test_the_landing_page_waits_a_few_seconds_at_most() -> None:
    import asyncio
    import threading

    from infoview_lib.hub import extension as hub_extension

    release = threading.Event()

    def slow() -> bool:
        release.wait(10)
        return True

    async def land(make: Any, timeout: float) -> tuple[bool | None, float]:
        started = time.monotonic()
        try:
            made = await hub_extension.ensure_workbook_in_time(make, timeout=timeout)
        finally:
            release.set()  # the call in the background then ends too
        return made, time.monotonic() - started

    made, took = asyncio.run(land(slow, 0.5))
    assert made is None  # gave up waiting: the page opens anyway
    assert took < 1.5
    assert asyncio.run(land(lambda: True, 5.0))[0] is True
    assert hub_extension.ROSTER_TIMEOUT_S + hub_extension.LANDING_MARGIN_S <= 6


# -- progress ---------------------------------------------------------------------------------


def test_progress_holds_counts_only_never_a_contacts_details(
    hub: Hub, book: Workbook, tmp_path: Path
) -> None:
    ken = book.add(
        Contact(name="Kenji Satō", email="kenji.secret@example.com", notes="SECRET-NOTE")
    )
    assert ken.id is not None
    book.add(Outreach(contact_id=ken.id, subject="Hello there", body="BODY-TEXT-QWERTY"))
    payload = progress_of(book, last_saved_at=datetime(2026, 3, 16, 10, 40, tzinfo=UTC))
    sent = json.dumps(payload, ensure_ascii=False)
    for secret in ("Kenji", "Satō", "kenji.secret", "example.com", "SECRET", "QWERTY", "Hello"):
        assert secret not in sent
    assert "Ana Lima" not in sent  # nor the student's own name: the service knows who
    assert payload["contacts"] == {
        "identified": 1,
        "contacted": 0,
        "scheduled": 0,
        "met": 0,
        "thanked": 0,
        "keeping_in_touch": 0,
        "declined": 0,
        "no_reply": 0,
    }
    assert payload["drafts_written"] == 1
    assert payload["last_saved_at"] == "2026-03-16T10:40:00Z"
    assert len(sent.encode()) < 4096
    roster(hub, "spring", "s1")
    hub.as_user("s1")
    assert hub_client.send_progress(payload) == {"workshops": ["spring"]}
    hub.as_user("fac")
    [student] = hub_client.board("spring")["students"]
    assert student["progress"] == payload


def wait_for(condition: object, seconds: float = 5.0) -> None:
    assert callable(condition)
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_the_reporter_sends_after_a_save(hub: Hub, book_path: Path) -> None:
    roster(hub, "spring", "s1")
    hub.as_user("s1")
    with Workbook.create(book_path, StudentProfile(name="Zoë Martin")):
        pass
    reporter = ProgressReporter(book_path, interval=0.05).start()
    try:
        wait_for(lambda: reporter.sent == 1)
        time.sleep(0.2)
        assert reporter.sent == 1  # nothing changed: nothing sent again
        with Workbook.open(book_path) as book:
            book.add(Contact(name="Ken Sato"))

        def board_says_one() -> bool:
            [student] = board_as(hub, "spring")["students"]
            return bool(student["progress"]["contacts"]["identified"] == 1)

        wait_for(board_says_one)  # sent again after the save (perhaps more than once)
        wait_for(lambda: reporter.sent >= 2)
    finally:
        reporter.stop()
    assert not reporter.running


def test_the_reporter_drops_failures_quietly(
    book_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HUB_URL_VARIABLE, closed_port_url())
    monkeypatch.setenv(TOKEN_VARIABLE, "t-s1")
    with Workbook.create(book_path, StudentProfile(name="Zoë Martin")):
        pass
    reporter = ProgressReporter(book_path, interval=0.05, timeout=0.5).start()
    time.sleep(0.3)
    assert reporter.running  # still looking, not crashed
    reporter.stop()
    assert reporter.sent == 0
    assert not reporter.running


def test_building_a_page_starts_one_reporter_on_a_hub_only(
    hub: Hub, book_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoview_lib import ui

    monkeypatch.setenv("INFOVIEW_WORKBOOK", str(book_path))
    monkeypatch.delenv(HUB_URL_VARIABLE, raising=False)
    assert callable(ui.pick_contacts)
    assert hub_client.start_progress_reporter(book_path) is None
    hub.as_user("s1")
    try:
        assert callable(ui.pick_contacts)
        first = progress_reporter._reporter
        assert first is not None
        assert first.running
        assert first.path == book_path
        assert callable(ui.follow_up)
        assert progress_reporter._reporter is first
        elsewhere = book_path.with_name("elsewhere.infoview")
        monkeypatch.setenv("INFOVIEW_WORKBOOK", str(elsewhere))
        assert first.path == elsewhere  # the workbook the pages use now
    finally:
        hub_client.stop_progress_reporter()
    assert progress_reporter._reporter is None


def test_the_start_page_makes_the_workbook_from_the_roster(hub: Hub, tmp_path: Path) -> None:
    from infoview_lib.ui.start import start_here

    roster(hub, "spring", "s1")
    hub.as_user("s1")
    path = tmp_path / "infoview" / "my-workbook.infoview"
    start_here(path)
    with Workbook.read_only(path) as book:
        assert book.profile().name == "Zoë Martin"


def test_the_client_sends_the_counts_the_service_checks(book: Workbook) -> None:
    """The service runs without the rest of infoview (it cannot import the model): the
    progress the client builds has the keys of the service's contract."""
    assert PROGRESS_COUNTS == contract.PROGRESS_COUNTS
    assert set(contract.PIPELINE_STATUSES) == {stage.value for stage in PipelineStatus}
    payload = progress_of(book)
    assert set(payload) == {"contacts", *contract.PROGRESS_COUNTS, "last_saved_at"}
    assert isinstance(payload["contacts"], dict)
    assert set(payload["contacts"]) == set(contract.PIPELINE_STATUSES)
