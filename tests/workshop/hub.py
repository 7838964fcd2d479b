"""The real workshop service (``infoview_lib.hub_service``) on a free 127.0.0.1 port, in a
thread, with a fake hub: tokens map to user models (the shape its docstring gives)."""

from __future__ import annotations

import asyncio
import csv
import json
import socket
import threading
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tornado.httpserver
import tornado.netutil

from infoview_lib.hub_client import HUB_URL_VARIABLE, TOKEN_VARIABLE
from infoview_lib.hub_service import ACCESS_SCOPE, FACILITATE_SCOPE, make_app

START = datetime(2026, 3, 16, 10, 42, 7, tzinfo=UTC)
STAMP = "2026-03-16T10:42:07Z"
PREFIX = "/services/infoview/"
FACILITATORS = ("fac", "fac2")


def model(token: str) -> dict[str, Any] | None:
    """The user a fake token stands for: ``t-<user>``; facilitators hold the custom scope."""
    if not token.startswith("t-"):
        return None
    user = token[2:]
    scopes = [ACCESS_SCOPE] + ([FACILITATE_SCOPE] if user in FACILITATORS else [])
    return {"name": user, "scopes": scopes}


class FakeAuth:
    """``HubAuth``'s two methods, answering at once."""

    def user_for_token(self, token: str, *, sync: bool = True) -> dict[str, Any] | None:
        return model(token)

    def check_scopes(self, required: set[str], user: dict[str, Any]) -> set[str]:
        return set(required) & set(user["scopes"])


@dataclass
class Clock:
    """The service's clock, moved by hand (a hand-in per student every 10 s)."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class Hub:
    """The running service, and the environment a server on the hub has."""

    folder: Path
    monkeypatch: pytest.MonkeyPatch
    clock: Clock = field(default_factory=Clock)
    port: int = 0
    _loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{PREFIX}"

    def start(self) -> None:
        app = make_app(self.folder, auth=FakeAuth(), clock=self.clock)
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        ready = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            server = tornado.httpserver.HTTPServer(app)

            async def listen() -> None:
                server.add_sockets(sockets)

            self._loop.run_until_complete(listen())
            ready.set()
            self._loop.run_forever()
            server.stop()
            self._loop.run_until_complete(server.close_all_connections())
            self._loop.run_until_complete(self._loop.shutdown_default_executor())
            self._loop.close()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        assert ready.wait(5)

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def as_user(self, user: str) -> None:
        """Be on ``user``'s server: the hub's URL and that user's token in the environment."""
        self.monkeypatch.setenv(HUB_URL_VARIABLE, self.url)
        self.monkeypatch.setenv(TOKEN_VARIABLE, f"t-{user}")


def closed_port_url() -> str:
    """The hub URL of a port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{PREFIX}"


def write_roster(path: Path, rows: list[list[str]]) -> Path:
    """A CSV roster with the usual headings."""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["Name", "Email", "Username", "Program", "Graduation year"])
        writer.writerows(rows)
    return path


#: Three students, names in several scripts.
STUDENTS = [
    ["Zoë Martin", "zoe@example.edu", "zmartin", "BSc Biology", "2027"],
    ["王芳 (Wang Fang)", "wang@example.edu", "wfang", "", ""],
    ["Ελένη Παπαδοπούλου", "eleni@example.edu", "epapa", "MA History", "2028"],
]


def board_as(hub: Hub, workshop: str, user: str = "fac") -> Any:
    """The board, asked with ``user``'s token directly (the environment left as it is, for
    a reporter thread that reads it meanwhile)."""
    request = urllib.request.Request(  # noqa: S310  # http, to the local service
        f"{hub.url}api/workshops/{workshop}/board",
        headers={"Authorization": f"token t-{user}"},
    )
    with urllib.request.urlopen(request, timeout=5) as reply:  # noqa: S310
        return json.loads(reply.read())
