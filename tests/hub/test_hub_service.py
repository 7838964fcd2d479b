"""The workshop service (docs/design/workshop-service-api.md), run on a free local port with a
fake hub: tokens map to user models, and scopes are checked with JupyterHub's own function."""

from __future__ import annotations

import ast
import hashlib
import http.client
import json
import logging
import socket
import sqlite3
import stat
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tornado.web
from jupyterhub.services.auth import HubAuth, check_scopes

from infoview_lib.hub.service import app, contract, errors, storage
from infoview_lib.hub.service.app import make_app
from infoview_lib.hub.service.contract import ACCESS_SCOPE, FACILITATE_SCOPE
from infoview_lib.model import StudentProfile
from infoview_lib.store import Workbook
from tests.conftest import umask
from tests.workshop_service import PREFIX, STAMP, Clock, ServiceThread

TOKENS: dict[str, dict[str, Any]] = {
    "t-s1": {"name": "s1", "scopes": [ACCESS_SCOPE]},
    "t-s2": {"name": "s2", "scopes": [ACCESS_SCOPE]},
    "t-ana": {"name": "ana.lima", "scopes": [ACCESS_SCOPE]},
    "t-Ana": {"name": "Ana", "scopes": [ACCESS_SCOPE]},
    "t-fac": {"name": "fac", "scopes": [ACCESS_SCOPE, FACILITATE_SCOPE]},
    "t-fac2": {"name": "fac2", "scopes": [ACCESS_SCOPE, FACILITATE_SCOPE]},
    "t-none": {"name": "nobody", "scopes": []},
}
BROKEN_TOKEN = "t-hub-down-7f3a"  # noqa: S105 (a fake token)
UNREACHABLE = {  # tokens whose look-up fails as HubAuth fails when the hub is down
    "t-refused": ConnectionRefusedError(111, "Connection refused"),
    "t-hubauth": tornado.web.HTTPError(500, "Failed to connect to Hub API at 'http://hub'."),
}
PROFILE = {
    "name": "Ana Lima",
    "email": "ana@example.org",
    "program": "BSc Biology",
    "graduation_year": 2027,
    "target_fields": ["public health"],
}
PROGRESS = {
    "contacts": {
        "identified": 2,
        "contacted": 1,
        "scheduled": 0,
        "met": 0,
        "thanked": 0,
        "keeping_in_touch": 0,
        "declined": 0,
        "no_reply": 0,
    },
    "drafts_written": 1,
    "drafts_ready": 1,
    "messages_sent": 1,
    "questions_prepared": 5,
    "meetings_planned": 0,
    "meetings_done": 0,
    "last_saved_at": "2026-03-16T10:40:00Z",
}


class FakeAuth:
    """``HubAuth``'s two methods; ``user_for_token`` answers asynchronously, as the hub does."""

    def user_for_token(self, token: str, *, sync: bool = True) -> Any:
        assert sync is False

        async def look_up() -> dict[str, Any] | None:
            if token == BROKEN_TOKEN:
                raise RuntimeError("the hub did not answer")
            if token in UNREACHABLE:
                raise UNREACHABLE[token]
            return TOKENS.get(token)

        return look_up()

    def check_scopes(self, required: set[str], model: dict[str, Any]) -> set[str]:
        return set(check_scopes(required, set(model["scopes"])))


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> Any:
        assert self.headers["Content-Type"] == "application/json; charset=utf-8"
        return json.loads(self.body)

    def error(self) -> str:
        """The error sentence (and that the body is nothing but it)."""
        value = self.json()
        assert list(value) == ["error"]
        assert "Traceback" not in value["error"]
        return str(value["error"])


@dataclass
class Service(ServiceThread):
    """The service running in a thread, and a way to call it."""

    def auth(self) -> FakeAuth:
        return FakeAuth()

    def call(
        self,
        method: str,
        path: str,
        token: str | None = None,
        body: bytes | dict[str, Any] | list[Any] | None = None,
    ) -> Reply:
        headers = {} if token is None else {"Authorization": f"token {token}"}
        if isinstance(body, dict | list):
            body = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        elif body is not None:
            headers["Content-Type"] = "application/octet-stream"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, PREFIX + "api/" + path, body=body, headers=headers)
            response = connection.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            connection.close()

    def headers_only(
        self, method: str, path: str, token: str | None, length: int
    ) -> tuple[Reply, float]:
        """Send a request's headers (declaring ``length`` bytes) and none of its body; the
        reply and how long it took."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            started = time.monotonic()
            connection.putrequest(method, PREFIX + "api/" + path)
            if token is not None:
                connection.putheader("Authorization", f"token {token}")
            connection.putheader("Content-Type", "application/octet-stream")
            connection.putheader("Content-Length", str(length))
            connection.endheaders()
            response = connection.getresponse()
            reply = Reply(response.status, response.headers, response.read())
            return reply, time.monotonic() - started
        finally:
            connection.close()

    def roster(self, token: str, workshop: str, *users: str) -> Reply:
        students = [{"user": user, "profile": PROFILE | {"name": user.upper()}} for user in users]
        return self.call("PUT", f"workshops/{workshop}/roster", token, {"students": students})


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    running = Service(tmp_path / "data", Clock())
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def workbook_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real workbook snapshot, as the client hands it in."""
    folder = tmp_path_factory.mktemp("workbook")
    with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
        copy = book.backup_to(folder / "copy.infoview")
    return copy.read_bytes()


def other_workbook(tmp_path: Path, name: str) -> bytes:
    """A second, different workbook's bytes."""
    with Workbook.create(tmp_path / "other.infoview", StudentProfile(name=name)) as book:
        return book.backup_to(tmp_path / "other-copy.infoview").read_bytes()


# ----------------------------------------------------------------------------- happy paths


def test_roster_creates_workshop_and_me_lists_it(service: Service) -> None:
    body = {"students": [{"user": "S1", "profile": PROFILE}]}
    reply = service.call("PUT", "workshops/Spring-Career/roster", "t-fac", body)
    assert reply.status == 200
    assert reply.json() == {
        "workshop": "spring-career",
        "created": True,
        "added": ["s1"],
        "kept": [],
    }
    me = service.call("GET", "me", "t-s1")
    assert me.status == 200
    assert me.json() == {
        "user": "s1",
        "workshops": [{"workshop": "spring-career", "profile": PROFILE, "handed_in_at": None}],
    }
    assert service.call("GET", "me", "t-s2").json() == {"user": "s2", "workshops": []}


def test_progress_is_recorded_and_shown_on_the_board(service: Service) -> None:
    service.roster("t-fac", "spring-career", "s1", "s2")
    reply = service.call("PUT", "me/progress", "t-s1", PROGRESS)
    assert (reply.status, reply.json()) == (200, {"workshops": ["spring-career"]})
    board = service.call("GET", "workshops/spring-career/board", "t-fac")
    assert board.status == 200
    assert board.json() == {
        "workshop": "spring-career",
        "students": [
            {
                "user": "s1",
                "name": "S1",
                "progress": PROGRESS,
                "progress_at": STAMP,
                "handed_in_at": None,
            },
            {
                "user": "s2",
                "name": "S2",
                "progress": None,
                "progress_at": None,
                "handed_in_at": None,
            },
        ],
    }


def test_progress_from_a_student_on_no_roster_is_still_200(service: Service) -> None:
    reply = service.call("PUT", "me/progress", "t-s1", PROGRESS)
    assert (reply.status, reply.json()) == (200, {"workshops": []})


def test_hand_in_list_and_download(service: Service, workbook_bytes: bytes) -> None:
    service.roster("t-fac", "spring-career", "s1", "s2")
    service.roster("t-fac", "autumn", "s1")
    reply = service.call("PUT", "me/hand-in", "t-s1", workbook_bytes)
    assert reply.status == 200
    digest = hashlib.sha256(workbook_bytes).hexdigest()
    assert reply.json() == {
        "handed_in_at": STAMP,
        "sha256": digest,
        "size": len(workbook_bytes),
        "workshops": ["autumn", "spring-career"],
    }
    listing = service.call("GET", "workshops/spring-career/hand-ins", "t-fac")
    assert listing.json() == {
        "workshop": "spring-career",
        "hand_ins": [
            {
                "user": "s1",
                "name": "S1",
                "email": "ana@example.org",
                "handed_in_at": STAMP,
                "sha256": digest,
                "size": len(workbook_bytes),
            }
        ],
        "missing": [{"user": "s2", "name": "S2", "email": "ana@example.org"}],
    }
    for token, workshop in (("t-fac", "spring-career"), ("t-fac", "autumn")):
        download = service.call("GET", f"workshops/{workshop}/hand-ins/s1", token)
        assert download.status == 200
        assert download.headers["Content-Type"] == "application/octet-stream"
        assert download.headers["X-Infoview-Handed-In-At"] == STAMP
        assert download.headers["X-Infoview-Sha256"] == digest
        assert download.body == workbook_bytes
    me = service.call("GET", "me", "t-s1").json()
    assert [entry["handed_in_at"] for entry in me["workshops"]] == [STAMP, STAMP]


def test_roster_rerun_adds_new_students_and_keeps_the_others(service: Service) -> None:
    service.roster("t-fac", "spring-career", "s1")
    changed = {"user": "s1", "profile": PROFILE | {"name": "Someone Else"}}
    new = {"user": "s2", "profile": PROFILE | {"name": "Ben Okafor"}}
    reply = service.call(
        "PUT", "workshops/spring-career/roster", "t-fac", {"students": [new, changed]}
    )
    assert reply.json() == {
        "workshop": "spring-career",
        "created": False,
        "added": ["s2"],
        "kept": ["s1"],
    }
    board = service.call("GET", "workshops/spring-career/board", "t-fac").json()
    assert [(row["user"], row["name"]) for row in board["students"]] == [
        ("s1", "S1"),
        ("s2", "Ben Okafor"),
    ]


# ----------------------------------------------------------------------------- who may do what


def test_no_token_or_unknown_token_is_401(service: Service) -> None:
    for token in (None, "t-unknown"):
        reply = service.call("GET", "me", token)
        assert reply.status == 401
        assert reply.error()


def test_token_without_the_access_scope_is_403(service: Service) -> None:
    reply = service.call("GET", "me", "t-none")
    assert reply.status == 403
    assert reply.error()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PUT", "workshops/spring-career/roster"),
        ("DELETE", "workshops/spring-career"),
        ("GET", "workshops/spring-career/board"),
        ("GET", "workshops/spring-career/hand-ins"),
        ("GET", "workshops/spring-career/hand-ins/s1"),
    ],
)
def test_students_cannot_call_facilitator_endpoints(
    service: Service, method: str, path: str
) -> None:
    service.roster("t-fac", "spring-career", "s1")
    body: dict[str, Any] | None = {"students": []} if method == "PUT" else None
    reply = service.call(method, path, "t-s1", body)
    assert reply.status == 403
    assert "facilitator" in reply.error()


def test_another_facilitator_cannot_see_or_take_a_workshop(service: Service) -> None:
    service.roster("t-fac", "spring-career", "s1")
    for path in ("board", "hand-ins", "hand-ins/s1"):
        reply = service.call("GET", f"workshops/spring-career/{path}", "t-fac2")
        assert reply.status == 403, path
        assert reply.error() == "You do not run the workshop 'spring-career'."
    taken = service.roster("t-fac2", "SPRING-career", "s2")
    assert taken.status == 409
    assert "Another facilitator" in taken.error()
    board = service.call("GET", "workshops/spring-career/board", "t-fac").json()
    assert [row["user"] for row in board["students"]] == ["s1"]


def test_unknown_workshop_and_address(service: Service) -> None:
    reply = service.call("GET", "workshops/nothing/board", "t-fac")
    assert reply.status == 404
    assert "no workshop" in reply.error()
    assert service.call("GET", "nowhere", "t-fac").status == 404
    assert service.call("DELETE", "me", "t-s1").status == 405
    assert service.call("GET", "workshops/-bad/board", "t-fac").status == 400


# ----------------------------------------------------------------------------- bodies refused


@pytest.mark.parametrize(
    ("students", "why"),
    [
        ([{"user": "s1", "profile": PROFILE}, {"user": "S1", "profile": PROFILE}], "twice"),
        ([{"user": "s1", "profile": PROFILE}, {"user": "../../etc", "profile": PROFILE}], "'/'"),
        ([{"user": "a b", "profile": PROFILE}], "spaces"),
        ([{"user": "", "profile": PROFILE}], "1-64"),
        ([{"user": "x" * 65, "profile": PROFILE}], "1-64"),
        ([{"user": "s1\x07", "profile": PROFILE}], "control"),
        ([{"user": "s1", "profile": PROFILE | {"name": ""}}], "name"),
        ([{"user": "s1", "profile": PROFILE | {"name": "x" * 121}}], "name"),
        ([{"user": "s1", "profile": PROFILE | {"age": 20}}], "'age'"),
        ([{"user": "s1", "profile": {"name": "Ana"}}], "'email'"),
        ([{"user": "s1", "profile": PROFILE | {"graduation_year": True}}], "graduation_year"),
        ([{"user": "s1", "profile": PROFILE | {"target_fields": "health"}}], "target_fields"),
        ([{"user": "s1", "profile": "Ana Lima"}], "object"),
        ([{"user": "s1"}], "'profile'"),
    ],
)
def test_bad_roster_is_refused_whole(service: Service, students: list[Any], why: str) -> None:
    reply = service.call("PUT", "workshops/ws/roster", "t-fac", {"students": students})
    assert reply.status == 400
    message = reply.error()
    assert why in message
    assert message.startswith(f"Student {len(students)} in the roster")
    assert "Nothing was changed" in message
    assert service.call("GET", "workshops/ws/board", "t-fac").status == 404
    assert service.call("GET", "me", "t-s1").json()["workshops"] == []


@pytest.mark.parametrize("body", [b"[]", b"not json", b'{"students": 3}', b'{"x": []}', b"\xff"])
def test_roster_body_that_is_not_a_roster_object(service: Service, body: bytes) -> None:
    reply = service.call("PUT", "workshops/ws/roster", "t-fac", body)
    assert reply.status == 400
    assert reply.error().startswith("The roster")


def test_roster_over_2_mib_is_413(service: Service) -> None:
    reply, _ = service.headers_only("PUT", "workshops/ws/roster", "t-fac", 2 * 1024 * 1024 + 1)
    assert reply.status == 413
    assert "2 MiB" in reply.error()
    assert service.call("GET", "workshops/ws/board", "t-fac").status == 404


def bad_progress(change: dict[str, Any], contacts: dict[str, Any] | None = None) -> Any:
    body = PROGRESS | change
    if contacts is not None:
        body["contacts"] = PROGRESS["contacts"] | contacts  # type: ignore[operator]
    return body


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (bad_progress({"notes": "call Sam"}), "'notes'"),
        ({k: v for k, v in PROGRESS.items() if k != "meetings_done"}, "'meetings_done'"),
        (bad_progress({}, {"emailed": 1}), "'emailed'"),
        (bad_progress({"drafts_written": -1}), "drafts_written"),
        (bad_progress({"drafts_written": 100_001}), "drafts_written"),
        (bad_progress({"drafts_written": 1.0}), "whole number"),
        (bad_progress({}, {"met": True}), "contacts.met"),
        (bad_progress({"last_saved_at": "2026-03-16T10:40:00+00:00"}), "last_saved_at"),
        (bad_progress({"last_saved_at": "2026-02-30T10:40:00Z"}), "last_saved_at"),
        (bad_progress({"contacts": [1, 2]}), "object"),
        ([PROGRESS], "JSON object"),
    ],
)
def test_bad_progress_is_refused(service: Service, body: Any, why: str) -> None:
    service.roster("t-fac", "ws", "s1")
    reply = service.call("PUT", "me/progress", "t-s1", body)
    assert reply.status == 400
    assert why in reply.error()
    board = service.call("GET", "workshops/ws/board", "t-fac").json()
    assert board["students"][0]["progress"] is None


def test_progress_with_a_repeated_key_or_nan_is_refused(service: Service) -> None:
    text = json.dumps(PROGRESS)
    for body in (text[:-1] + ', "meetings_done": 3}', text.replace("5", "NaN")):
        reply = service.call("PUT", "me/progress", "t-s1", body.encode())
        assert reply.status == 400
        assert reply.error()


def test_progress_over_4_kib_is_413(service: Service) -> None:
    padded = json.dumps(PROGRESS).encode() + b" " * 4096
    reply = service.call("PUT", "me/progress", "t-s1", padded)
    assert reply.status == 413
    assert "4 KiB" in reply.error()


def test_a_chunked_body_over_the_limit_is_413(service: Service) -> None:
    """With no Content-Length, the body is counted as it arrives and not kept past the limit."""
    connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=10)
    try:
        connection.request(
            "PUT",
            PREFIX + "api/me/progress",
            body=iter([json.dumps(PROGRESS).encode(), b" " * 4096]),
            headers={"Authorization": "token t-s1"},
            encode_chunked=True,
        )
        response = connection.getresponse()
        reply = Reply(response.status, response.headers, response.read())
    finally:
        connection.close()
    assert reply.status == 413
    assert "4 KiB" in reply.error()


# ----------------------------------------------------------------------------- hand-ins


def test_hand_in_checks(service: Service, workbook_bytes: bytes) -> None:
    service.roster("t-fac", "ws", "s1")
    wrong_id = workbook_bytes[:68] + b"\0\0\0\0" + workbook_bytes[72:]
    damaged = workbook_bytes[:4096] + b"\xff" * 4096 + workbook_bytes[8192:]
    cases = [
        (b"my notes", "not a workbook file"),
        (b"SQLite format 3\x00" + b"\0" * 200, "not an infoview workbook"),
        (wrong_id, "not an infoview workbook"),
        (damaged, "damaged"),
        (workbook_bytes[:4096], "damaged"),
    ]
    for body, why in cases:
        reply = service.call("PUT", "me/hand-in", "t-s1", body)
        assert reply.status == 400, why
        assert why in reply.error()
    listing = service.call("GET", "workshops/ws/hand-ins", "t-fac").json()
    assert listing["hand_ins"] == []
    assert list((service.folder / "hand-ins").rglob("*")) == []
    assert list((service.folder / "tmp").iterdir()) == []


def test_hand_in_over_20_mib_is_413_before_its_body_is_read(service: Service) -> None:
    service.roster("t-fac", "ws", "s1")
    reply, took = service.headers_only("PUT", "me/hand-in", "t-s1", 20 * 1024 * 1024 + 1)
    assert reply.status == 413
    assert "20 MiB" in reply.error()
    assert took < 2


@pytest.mark.parametrize(
    ("path", "token", "status"),
    [
        ("me/hand-in", None, 401),
        ("me/hand-in", "t-unknown", 401),
        ("me/hand-in", "t-none", 403),
        ("me/hand-in", "t-s2", 404),  # on no roster
        ("workshops/ws/roster", None, 401),
        ("workshops/ws/roster", "t-s1", 403),
        ("me/progress", None, 401),
    ],
)
def test_a_request_is_refused_before_its_body_is_read(
    service: Service, path: str, token: str | None, status: int
) -> None:
    """The reply comes after the headers alone: the server never waits for the body."""
    service.roster("t-fac", "ws", "s1")
    reply, took = service.headers_only("PUT", path, token, 20 * 1024 * 1024)
    assert reply.status == status
    assert reply.error()
    assert took < 2


def test_hand_ins_received_at_once_are_capped(service: Service, workbook_bytes: bytes) -> None:
    service.roster("t-fac", "ws", "s1")
    waiting: list[socket.socket] = []
    try:
        for _ in range(contract.HAND_INS_AT_ONCE):
            sock = socket.create_connection(("127.0.0.1", service.port), timeout=5)
            waiting.append(sock)
            sock.sendall(
                f"PUT {PREFIX}api/me/hand-in HTTP/1.1\r\nHost: x\r\n"
                f"Authorization: token t-s1\r\nContent-Length: {len(workbook_bytes)}\r\n"
                "Expect: 100-continue\r\n\r\n".encode()
            )
            # "100 Continue" comes once the request is authenticated and holds a place.
            assert sock.recv(100).startswith(b"HTTP/1.1 100")
        busy = service.call("PUT", "me/hand-in", "t-s1", workbook_bytes)
        assert busy.status == 503
        assert busy.headers["Retry-After"] == str(contract.BUSY_RETRY_AFTER)
        assert "try again" in busy.error()
        waiting.pop().close()  # one gives up: its place is free again
        for _ in range(200):
            reply = service.call("PUT", "me/hand-in", "t-s1", workbook_bytes)
            if reply.status != 503:
                break
            time.sleep(0.01)
        assert reply.status == 200
    finally:
        for sock in waiting:
            sock.close()


def test_hand_in_from_a_student_on_no_roster_is_404(
    service: Service, workbook_bytes: bytes
) -> None:
    service.roster("t-fac", "ws", "s1")
    reply = service.call("PUT", "me/hand-in", "t-s2", workbook_bytes)
    assert reply.status == 404
    assert "no workshop's roster" in reply.error()
    missing = service.call("GET", "workshops/ws/hand-ins/s1", "t-fac")
    assert missing.status == 404
    assert missing.error()
    assert service.call("GET", "workshops/ws/hand-ins/s2", "t-fac").status == 404


def test_a_new_hand_in_replaces_the_old_and_is_rate_limited(
    service: Service, workbook_bytes: bytes, tmp_path: Path
) -> None:
    service.roster("t-fac", "ws", "s1")
    assert service.call("PUT", "me/hand-in", "t-s1", workbook_bytes).status == 200
    newer = other_workbook(tmp_path, "Ana Lima Two")
    service.clock.advance(3)
    too_soon = service.call("PUT", "me/hand-in", "t-s1", newer)
    assert too_soon.status == 429
    assert too_soon.headers["Retry-After"] == "7"
    assert "wait 7 seconds" in too_soon.error()
    service.clock.advance(7)
    again = service.call("PUT", "me/hand-in", "t-s1", newer)
    assert again.status == 200
    assert again.json()["handed_in_at"] == "2026-03-16T10:42:17Z"
    download = service.call("GET", "workshops/ws/hand-ins/s1", "t-fac")
    assert download.body == newer != workbook_bytes
    assert download.headers["X-Infoview-Handed-In-At"] == "2026-03-16T10:42:17Z"
    files = [path for path in (service.folder / "hand-ins").rglob("*") if path.is_file()]
    assert len(files) == 1


def test_files_are_private_and_named_by_ids(tmp_path: Path, workbook_bytes: bytes) -> None:
    with umask(0o022):
        running = Service(tmp_path / "data", Clock())
        running.start()
        try:
            running.roster("t-fac", "ws", "ana.lima", "s1")
            reply = running.call("PUT", "me/hand-in", "t-ana", workbook_bytes)
            assert reply.json()["workshops"] == ["ws"]
            assert running.call("PUT", "me/progress", "t-ana", PROGRESS).status == 200
        finally:
            running.stop()
    data = tmp_path / "data"
    paths = [data, *data.rglob("*")]
    assert data / "hand-ins" / "1" / "1.infoview" in paths
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
        assert "ana" not in path.name, path
        assert "lima" not in path.name, path


def test_roster_users_are_lower_cased(service: Service, workbook_bytes: bytes) -> None:
    service.roster("t-fac", "ws", "Ana.Lima")
    me = service.call("GET", "me", "t-ana").json()
    assert me["user"] == "ana.lima"
    assert [entry["workshop"] for entry in me["workshops"]] == ["ws"]
    assert service.call("PUT", "me/hand-in", "t-ana", workbook_bytes).status == 200
    download = service.call("GET", "workshops/ws/hand-ins/ANA.LIMA", "t-fac")
    assert download.body == workbook_bytes


def test_the_token_user_is_exactly_the_hubs(service: Service, workbook_bytes: bytes) -> None:
    """A hub user 'Ana' is not the roster's 'ana': never lower-cased on the token's side."""
    service.roster("t-fac", "ws", "ana")
    me = service.call("GET", "me", "t-Ana").json()
    assert me == {"user": "Ana", "workshops": []}
    progress = service.call("PUT", "me/progress", "t-Ana", PROGRESS)
    assert progress.json() == {"workshops": []}
    assert service.call("PUT", "me/hand-in", "t-Ana", workbook_bytes).status == 404
    board = service.call("GET", "workshops/ws/board", "t-fac").json()
    assert board["students"][0]["progress"] is None
    assert board["students"][0]["handed_in_at"] is None


# ----------------------------------------------------------------------------- the data folder


def test_an_open_data_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "open"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    with pytest.raises(errors.DataFolderError, match="chmod 700"):
        make_app(folder, auth=FakeAuth())
    with umask(0o022):
        assert app.main(["--data", str(folder), "--port", "1"]) == 2
    assert "chmod 700" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_a_missing_data_folder_is_made_private(tmp_path: Path) -> None:
    with umask(0o022):
        make_app(tmp_path / "new" / "data", auth=FakeAuth())
    assert stat.S_IMODE((tmp_path / "new" / "data").stat().st_mode) == 0o700


# ----------------------------------------------------------------------------- failures and logs


def test_an_unexpected_failure_is_a_plain_500_and_logs_hold_no_token_or_body(
    service: Service, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="infoview.hub_service")
    reply = service.call("GET", "me?token=url-secret", BROKEN_TOKEN)
    assert reply.status == 500
    assert "try again" in reply.error()
    refused = service.call("PUT", "me/progress", "t-s1", bad_progress({"notes": "call Sam Wu"}))
    assert refused.status == 400
    logged = "400 PUT /services/infoview/api/me/progress s1"
    for _ in range(100):  # the server thread logs a request just after replying
        if logged in caplog.text:
            break
        time.sleep(0.01)
    assert logged in caplog.text
    assert "500 GET /services/infoview/api/me" in caplog.text
    for secret in (BROKEN_TOKEN, "t-s1", "url-secret", "Sam Wu"):
        assert secret not in caplog.text


def test_the_service_imports_only_the_stdlib_tornado_and_hub_auth() -> None:
    """Each of its modules; besides, only one another, by relative imports."""
    folder = Path(app.__file__).parent
    modules = {path.stem for path in folder.glob("*.py")}
    imported: set[str] = set()
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level:
                assert (node.level, node.module) in {(1, module) for module in modules}, path
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
    outside = {
        name
        for name in imported
        if name.split(".")[0] not in sys.stdlib_module_names
        and name.split(".")[0] != "tornado"
        and name != "jupyterhub.services.auth"
    }
    assert outside == set()


def test_address_defaults_come_from_the_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_SERVICE_URL", "http://10.0.0.5:10102")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/services/other/")
    arguments = app._arguments(["--data", "/srv/infoview"])
    assert (arguments.ip, arguments.port, arguments.prefix) == (
        "10.0.0.5",
        10102,
        "/services/other/",
    )
    assert arguments.data == Path("/srv/infoview")


# ----------------------------------------------------------------------------- one facilitator's


def test_a_student_is_on_one_facilitators_workshops_only(service: Service) -> None:
    assert service.roster("t-fac", "spring", "s1").status == 200
    taken = service.roster("t-fac2", "autumn", "s2", "s1")
    assert taken.status == 409
    body = taken.json()
    assert body["students"] == ["s1"]  # for the client to name them
    message = body["error"]
    assert "'s1'" in message
    assert "s2" not in message
    assert "spring" not in message  # never the other workshop
    assert "fac" not in message.replace("facilitator", "")  # nor who runs it
    assert "Nothing was changed" in message
    assert service.call("GET", "workshops/autumn/board", "t-fac2").status == 404
    assert service.call("GET", "me", "t-s2").json()["workshops"] == []
    # on fac2's own workshop, too: the whole roster is refused
    assert service.roster("t-fac2", "autumn", "s2").status == 200
    assert service.roster("t-fac2", "autumn", "s3", "s1").status == 409
    board = service.call("GET", "workshops/autumn/board", "t-fac2").json()
    assert [row["user"] for row in board["students"]] == ["s2"]
    # fac may list s1 on a second workshop of his own
    again = service.roster("t-fac", "spring-2", "s1")
    assert (again.status, again.json()["added"]) == (200, ["s1"])
    # once fac's workshops are deleted, s1 is free
    for workshop in ("spring", "spring-2"):
        assert service.call("DELETE", f"workshops/{workshop}", "t-fac").status == 200
    freed = service.roster("t-fac2", "autumn", "s1")
    assert (freed.status, freed.json()["added"]) == (200, ["s1"])
    me = service.call("GET", "me", "t-s1").json()
    assert [entry["workshop"] for entry in me["workshops"]] == ["autumn"]


def test_deleting_a_workshop(service: Service, workbook_bytes: bytes) -> None:
    service.roster("t-fac", "ws", "s1", "s2")
    service.roster("t-fac", "ws2", "s1")
    assert service.call("PUT", "me/progress", "t-s2", PROGRESS).status == 200
    assert service.call("PUT", "me/hand-in", "t-s1", workbook_bytes).status == 200
    assert service.call("PUT", "me/hand-in", "t-s2", workbook_bytes).status == 200
    hand_ins = service.folder / "hand-ins"
    assert (hand_ins / "1" / "1.infoview").exists()
    assert (hand_ins / "2" / "3.infoview").exists()
    refused = service.call("DELETE", "workshops/ws", "t-fac2")
    assert refused.status == 403
    assert refused.error() == "You do not run the workshop 'ws'."
    assert service.call("DELETE", "workshops/nothing", "t-fac").status == 404
    deleted = service.call("DELETE", "workshops/WS", "t-fac")
    assert deleted.status == 200
    assert deleted.json() == {"workshop": "ws", "students": 2, "hand_ins": 2}
    assert not (hand_ins / "1").exists()
    assert (hand_ins / "2" / "3.infoview").read_bytes() == workbook_bytes
    assert list((service.folder / "tmp").iterdir()) == []
    assert service.call("GET", "workshops/ws/board", "t-fac").status == 404
    assert service.call("DELETE", "workshops/ws", "t-fac").status == 404
    # later hand-ins and progress go to the other workshops only, or nowhere
    service.clock.advance(10)
    after = service.call("PUT", "me/hand-in", "t-s1", workbook_bytes)
    assert after.json()["workshops"] == ["ws2"]
    assert service.call("PUT", "me/hand-in", "t-s2", workbook_bytes).status == 404
    assert service.call("PUT", "me/progress", "t-s2", PROGRESS).json() == {"workshops": []}
    assert service.call("GET", "me", "t-s2").json()["workshops"] == []
    # the name can be used again, and starts empty
    assert service.roster("t-fac2", "ws", "s3").json()["created"] is True
    board = service.call("GET", "workshops/ws/board", "t-fac2").json()
    assert [row["user"] for row in board["students"]] == ["s3"]


def fail_to_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the service's commits that write fail, as a full disk would."""

    def commit(self: storage.Store, connection: sqlite3.Connection) -> None:
        if connection.total_changes:
            raise sqlite3.OperationalError("database or disk is full")
        connection.execute("COMMIT")

    monkeypatch.setattr(storage.Store, "commit", commit)


def test_a_delete_that_is_not_committed_keeps_everything(
    service: Service, workbook_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.roster("t-fac", "ws", "s1")
    assert service.call("PUT", "me/hand-in", "t-s1", workbook_bytes).status == 200
    with monkeypatch.context() as patch:
        fail_to_commit(patch)
        assert service.call("DELETE", "workshops/ws", "t-fac").status == 500
    assert (service.folder / "hand-ins" / "1" / "1.infoview").read_bytes() == workbook_bytes
    assert list((service.folder / "tmp").iterdir()) == []
    download = service.call("GET", "workshops/ws/hand-ins/s1", "t-fac")
    assert download.body == workbook_bytes


def test_a_hand_in_that_is_not_committed_leaves_the_old_one(
    service: Service, workbook_bytes: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.roster("t-fac", "ws", "s1")
    assert service.call("PUT", "me/hand-in", "t-s1", workbook_bytes).status == 200
    newer = other_workbook(tmp_path, "Ana Lima Two")
    service.clock.advance(10)
    with monkeypatch.context() as patch:
        fail_to_commit(patch)
        assert service.call("PUT", "me/hand-in", "t-s1", newer).status == 500
    download = service.call("GET", "workshops/ws/hand-ins/s1", "t-fac")
    assert download.body == workbook_bytes
    assert download.headers["X-Infoview-Sha256"] == hashlib.sha256(workbook_bytes).hexdigest()
    files = [path for path in (service.folder / "hand-ins").rglob("*") if path.is_file()]
    assert files == [service.folder / "hand-ins" / "1" / "1.infoview"]
    # the failed hand-in does not count against the student's next one
    again = service.call("PUT", "me/hand-in", "t-s1", newer)
    assert again.status == 200
    assert service.call("GET", "workshops/ws/hand-ins/s1", "t-fac").body == newer


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE VIEW boom AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)"
        " SELECT x FROM r",
        "CREATE TRIGGER t AFTER INSERT ON settings BEGIN DELETE FROM settings; END",
    ],
)
def test_a_hand_in_with_a_view_or_trigger_is_refused(
    service: Service, workbook_bytes: bytes, tmp_path: Path, statement: str
) -> None:
    service.roster("t-fac", "ws", "s1")
    crafted = tmp_path / "crafted.infoview"
    crafted.write_bytes(workbook_bytes)
    connection = sqlite3.connect(crafted)
    try:
        connection.execute(statement)
        connection.commit()
    finally:
        connection.close()
    reply = service.call("PUT", "me/hand-in", "t-s1", crafted.read_bytes())
    assert reply.status == 400
    assert "views or triggers" in reply.error()
    assert service.call("GET", "workshops/ws/hand-ins", "t-fac").json()["hand_ins"] == []
    assert list((service.folder / "tmp").iterdir()) == []


# ----------------------------------------------------------------------------- the hub, start-up


@pytest.mark.parametrize("token", sorted(UNREACHABLE))
def test_a_hub_that_cannot_be_reached_is_502(service: Service, token: str) -> None:
    reply = service.call("GET", "me", token)
    assert reply.status == 502
    assert reply.error() == errors.GENERIC_ERRORS[502]


@dataclass
class HubDownService(Service):
    """The service with JupyterHub's own ``HubAuth``, asking a hub that is not there."""

    hub_port: int = 0

    def auth(self) -> Any:
        return HubAuth(
            api_url=f"http://127.0.0.1:{self.hub_port}/hub/api/",
            api_token="service-token",  # noqa: S106 (a fake token)
            access_scopes={ACCESS_SCOPE},
        )


def test_hub_auth_that_cannot_reach_the_hub_is_502(tmp_path: Path) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        hub_port = closed.getsockname()[1]
    running = HubDownService(tmp_path / "data", Clock(), hub_port=hub_port)
    running.start()
    try:
        reply = running.call("GET", "me", "t-s1")
    finally:
        running.stop()
    assert reply.status == 502
    assert "could not reach the hub" in reply.error()


def test_start_up_tidies_the_data_folder(tmp_path: Path, workbook_bytes: bytes) -> None:
    data = tmp_path / "data"
    running = Service(data, Clock())
    running.start()
    try:
        running.roster("t-fac", "ws", "s1")
        assert running.call("PUT", "me/hand-in", "t-s1", workbook_bytes).status == 200
    finally:
        running.stop()
    check = data / "tmp" / "check-x1y2"
    check.mkdir()
    (check / "hand-in.infoview").write_bytes(b"left over")
    for leftover in (data / "hand-ins" / "1" / ".incoming-a1.tmp", data / "tmp" / "b2.tmp"):
        leftover.write_bytes(b"left over")
    gone = data / "tmp" / "deleted-7-abc" / "files"  # a committed delete, not yet removed
    gone.mkdir(parents=True)
    (gone / "1.infoview").write_bytes(b"a deleted workshop's hand-in")
    undone = data / "tmp" / "deleted-1-def"  # a delete that was never committed
    undone.mkdir()
    (data / "hand-ins" / "1").rename(undone / "files")
    for folder in (data / "hand-ins", data / "tmp"):
        folder.chmod(0o755)
    make_app(data, auth=FakeAuth())
    assert list((data / "tmp").iterdir()) == []
    assert [path.name for path in (data / "hand-ins").rglob("*")] == ["1", "1.infoview"]
    assert (data / "hand-ins" / "1" / "1.infoview").read_bytes() == workbook_bytes
    for folder in (data / "hand-ins", data / "tmp"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert (data / "index.sqlite").exists()


def test_the_server_bounds_body_and_idle_times(tmp_path: Path) -> None:
    server = app.make_server(make_app(tmp_path / "data", auth=FakeAuth()))
    assert server.conn_params.body_timeout == contract.BODY_TIMEOUT
    assert server.conn_params.max_body_size == 2 * contract.HAND_IN_LIMIT
    assert server.conn_params.header_timeout == contract.IDLE_CONNECTION_TIMEOUT
