"""A whole request's time limit for ``urllib`` (:class:`Deadline`), and the opener the client
calls the service with: no proxy, no redirect, every connection bound by the deadline."""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.request
from typing import Any


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is an error: the token goes nowhere else


class Deadline:
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

    def __enter__(self) -> Deadline:
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


def _timed(base: type[http.client.HTTPConnection], deadline: Deadline) -> Any:
    """A connection class like ``base`` whose socket ``deadline`` shuts down in time."""

    class Timed(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            self.timeout = deadline.remaining()  # connecting is bound by what is left
            super().connect()
            deadline.watch(self.sock)

    return Timed


class _TimedHandler(urllib.request.HTTPHandler, urllib.request.HTTPSHandler):
    """Opens ``http`` and ``https`` connections whose sockets ``deadline`` shuts down."""

    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_timed(http.client.HTTPConnection, self.deadline), req)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_timed(http.client.HTTPSConnection, self.deadline), req)


def opener(deadline: Deadline) -> urllib.request.OpenerDirector:
    """No proxy, no redirect, and every connection bound by ``deadline``."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _NoRedirect(),
        _TimedHandler(deadline),
    )


def read_all(reply: Any, deadline: Deadline, limit: int) -> bytes:
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
