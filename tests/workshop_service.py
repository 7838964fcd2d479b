"""The real workshop service (``infoview_lib.hub.service``) on a free 127.0.0.1 port, in a
thread, and a clock the tests move by hand: shared by the service's own tests and the
client's. Each test module brings its own fake hub (``auth``), as
:mod:`infoview_lib.hub.service.app` describes it."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import tornado.httpserver
import tornado.netutil

from infoview_lib.hub.service.app import make_app

START = datetime(2026, 3, 16, 10, 42, 7, tzinfo=UTC)
STAMP = "2026-03-16T10:42:07Z"
PREFIX = "/services/infoview/"


@dataclass
class Clock:
    """The service's clock, moved by hand (a hand-in per student every 10 s)."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class ServiceThread:
    """``make_app(folder, auth=self.auth(), clock=clock)`` served from a thread of its own."""

    folder: Path
    clock: Clock = field(default_factory=Clock)
    port: int = 0
    _loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    _thread: threading.Thread | None = None

    def auth(self) -> Any:
        """The fake hub the service asks who a token is (each test module's own)."""
        raise NotImplementedError

    def start(self) -> None:
        app = make_app(self.folder, auth=self.auth(), clock=self.clock)
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
        if not ready.wait(5):
            raise RuntimeError("the workshop service did not start in 5 s")

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(5)
