"""The real workshop service (``infoview_lib.hub.service``) on a free 127.0.0.1 port, in a
thread, with a fake hub: tokens map to user models (the shape its docstring gives)."""

from __future__ import annotations

import contextlib
import csv
import json
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from infoview_lib.hub.client import HUB_URL_VARIABLE, TOKEN_VARIABLE
from infoview_lib.hub.service.contract import ACCESS_SCOPE, FACILITATE_SCOPE
from tests.workshop_service import PREFIX, ServiceThread

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
class Hub(ServiceThread):
    """The running service, and the environment a server on the hub has."""

    monkeypatch: pytest.MonkeyPatch = field(kw_only=True)

    def auth(self) -> FakeAuth:
        return FakeAuth()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{PREFIX}"

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


@contextlib.contextmanager
def trickling_service(every: float = 0.5) -> Iterator[str]:
    """A hub URL whose "service" reads each request, then sends its reply one byte every
    ``every`` seconds: never silent long enough for a socket's own timeout."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()
    reply = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n"
        + b" " * 2000
    )

    def trickle(connection: socket.socket) -> None:
        with connection:
            connection.settimeout(1.0)
            with contextlib.suppress(OSError):
                connection.recv(1 << 16)
                for byte in reply:
                    if stop.is_set():
                        return
                    connection.sendall(bytes([byte]))
                    time.sleep(every)

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=trickle, args=(connection,), daemon=True).start()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}{PREFIX}"
    finally:
        stop.set()
        server.join(2)
        listener.close()


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
